/**
 * /p/honours: 好人榜 — the winners published by month and category (?month=&category=), and the selections under
 * way: 推荐中 (with 我要推荐, the public nomination form), 审核中, 投票中. No contact or recommender is in any answer
 * this page reads.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import { CandidateCard, PHASE, type Candidate, type PublicSelection } from './honours-shared';

interface Roll {
  months: string[];
  month: string | null;
  categories: Array<{ code: string; name: string }>;
  items: Array<Candidate & { selectionTitle: string; regionName: string; period: string }>;
}

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

export default function HonoursPage() {
  const q = new URLSearchParams(window.location.search);
  const [month, setMonth] = useState(q.get('month') ?? '');
  const [category, setCategory] = useState(q.get('category') ?? '');
  const [roll, setRoll] = useState<Roll | null>(null);
  const [current, setCurrent] = useState<PublicSelection[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    getJson<{ items: PublicSelection[] }>('/api/public/honours/selections?pageSize=20')
      .then((r) => setCurrent(r.items.filter((s) => ['nominating', 'verifying', 'voting'].includes(s.phase))))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    const params = new URLSearchParams();
    if (month) params.set('month', month);
    if (category) params.set('categoryCode', category);
    const shown = new URLSearchParams();
    if (month) shown.set('month', month);
    if (category) shown.set('category', category);
    window.history.replaceState(null, '', `/p/honours${shown.size ? `?${shown}` : ''}`);
    getJson<Roll>(`/api/public/honours/roll?${params}`)
      .then(setRoll)
      .catch((e: Error) => setError(e.message));
  }, [month, category]);

  return (
    <>
      {current.length > 0 && (
        <div className="pp-card">
          <b>正在进行的评选</b>
          {current.map((s) => (
            <div key={s.id} className="ph-current" style={{ marginTop: 8 }}>
              <Link to={`/p/honours/${s.id}`}>{s.title}</Link> <span className="ph-tag">{PHASE[s.phase]}</span>
              <div className="pp-muted" style={{ fontSize: 13 }}>
                {s.phase === 'nominating'
                  ? `推荐 ${s.nominationStartsOn} 至 ${s.nominationEndsOn}`
                  : `投票 ${s.votingStartsOn} 至 ${s.votingEndsOn}`}
              </div>
              {s.phase === 'nominating' && (
                <div style={{ marginTop: 4 }}>
                  <Link to={`/p/honours/${s.id}/nominate`} className="pp-btn pp-btn-primary">
                    我要推荐
                  </Link>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
      <h2 style={{ fontSize: 18, margin: '12px 0 4px' }}>好人榜{roll?.month ? ` · ${monthLabel(roll.month)}` : ''}</h2>
      {roll && roll.months.length > 0 && (
        <select className="pp-select" aria-label="月份" value={roll.month ?? ''} onChange={(e) => setMonth(e.target.value)}>
          {roll.months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      )}
      {roll && (
        <div className="ph-tabs" role="group" aria-label="类别">
          <button className="ph-chip" aria-pressed={!category} onClick={() => setCategory('')}>
            全部
          </button>
          {roll.categories.map((c) => (
            <button key={c.code} className="ph-chip" aria-pressed={category === c.code} onClick={() => setCategory(c.code)}>
              {c.name}
            </button>
          ))}
        </div>
      )}
      {error && (
        <div className="pp-card pp-error" role="alert">
          {error}
        </div>
      )}
      {roll && roll.items.length === 0 && (
        <div className="pp-card pp-muted">{roll.month ? '该月该类别暂无上榜好人' : '好人榜尚未发布'}</div>
      )}
      {roll?.items.map((c) => (
        <CandidateCard key={c.id} c={c} />
      ))}
    </>
  );
}
