/**
 * /p/honours/:id: one selection on public display — its candidates with their deeds and counted votes, filtered by
 * category; each opens the candidate's page, where the vote is cast. Forwarded candidates say where they came from.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import { CandidateCard, PHASE, type Candidate, type PublicSelection } from './honours-shared';

interface Detail {
  selection: PublicSelection;
  categories: Array<{ code: string; name: string }>;
  candidates: Candidate[];
  forwardedCount: number;
}

export default function HonourSelectionPage({ params }: { params: Record<string, string> }) {
  const [data, setData] = useState<Detail | null>(null);
  const [category, setCategory] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<Detail>(`/api/public/honours/${params.id}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [params.id]);
  if (error)
    return (
      <div className="pp-card pp-error" role="alert">
        {error}
      </div>
    );
  if (!data) return <div className="pp-card pp-muted">加载中…</div>;
  const s = data.selection;
  const list = data.candidates.filter((c) => !category || c.categoryCode === category);
  return (
    <>
      <div className="pp-card">
        <h2 style={{ fontSize: 18, margin: 0 }}>{s.title}</h2>
        <div className="pp-muted" style={{ fontSize: 13 }}>
          {s.regionName} · {PHASE[s.phase]} · 投票 {s.votingStartsOn} 至 {s.votingEndsOn}
          {data.forwardedCount > 0 && ` · 下级推送 ${data.forwardedCount} 人`}
        </div>
        {s.phase === 'nominating' && (
          <>
            <p style={{ margin: '8px 0' }}>
              正在接受推荐（{s.nominationStartsOn} 至 {s.nominationEndsOn}）。您身边有好人好事？欢迎推荐，无需注册。
            </p>
            <Link to={`/p/honours/${s.id}/nominate`} className="pp-btn pp-btn-primary pp-btn-block">
              我要推荐
            </Link>
          </>
        )}
      </div>
      <div className="ph-tabs" role="group" aria-label="类别">
        <button className="ph-chip" aria-pressed={!category} onClick={() => setCategory('')}>
          全部
        </button>
        {data.categories.map((c) => (
          <button key={c.code} className="ph-chip" aria-pressed={category === c.code} onClick={() => setCategory(c.code)}>
            {c.name}
          </button>
        ))}
      </div>
      {list.length === 0 && (
        <div className="pp-card pp-muted">
          {s.phase === 'nominating' || s.phase === 'verifying' ? `候选人经审核后于 ${s.votingStartsOn} 起公示` : '暂无候选人'}
        </div>
      )}
      {list.map((c) => (
        <CandidateCard key={c.id} c={c} showVotes />
      ))}
    </>
  );
}
