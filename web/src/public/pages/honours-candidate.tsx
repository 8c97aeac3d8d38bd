/**
 * /p/honours/candidates/:id: a candidate's deeds and photos (public copies without EXIF) and, while the selection is
 * in its voting window, the vote button (one vote per person, candidate and day).
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import { PHASE, photoUrl, VoteButton, type Candidate, type PublicSelection } from './honours-shared';

export default function HonourCandidatePage({ params }: { params: Record<string, string> }) {
  const [data, setData] = useState<{ selection: PublicSelection; candidate: Candidate } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<{ selection: PublicSelection; candidate: Candidate }>(`/api/public/honours/candidates/${params.id}`)
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
  const { selection: s, candidate: c } = data;
  const who = [c.gender === 'male' ? '男' : c.gender === 'female' ? '女' : '', c.age ? `${c.age}岁` : '', c.affiliation ?? '']
    .filter(Boolean)
    .join('，');
  return (
    <>
      <div className="pp-card">
        <div>
          <span className="ph-tag">{c.categoryName}</span>
          {c.isWinner && <span className="ph-tag">当选</span>}
          {c.forwardedFrom && <span className="ph-tag">{c.forwardedFrom}推送</span>}
        </div>
        <h2 style={{ fontSize: 20, margin: '6px 0 2px' }}>{c.nomineeName}</h2>
        {who && <div className="pp-muted">{who}</div>}
        <div style={{ margin: '8px 0', fontWeight: 600 }}>{c.headline}</div>
        <div className="ph-votes">
          得票 <b data-testid="votes">{c.votes}</b> · {PHASE[s.phase]}
        </div>
        <VoteButton c={c} open={s.phase === 'voting'} onVoted={(votes) => setData({ selection: s, candidate: { ...c, votes } })} />
      </div>
      {c.photoIds.length > 0 && (
        <div className="ph-gallery">
          {c.photoIds.map((f) => (
            <img key={f} src={photoUrl(c, f)} alt={`${c.nomineeName}的照片`} loading="lazy" />
          ))}
        </div>
      )}
      <div className="pp-card">
        <b>主要事迹</b>
        <p className="ph-story">{c.story}</p>
      </div>
      <div className="pp-row" style={{ gap: 12 }}>
        <Link to={`/p/honours/${s.id}`}>{s.title}</Link>
        <Link to="/p/honours">好人榜</Link>
      </div>
    </>
  );
}
