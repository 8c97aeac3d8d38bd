/** 好人之城's public pieces: the types of the public answers, a candidate card and the vote button (proof of work). */
import { useState } from 'react';
import { postJson } from '../api';
import { solveProof } from '../challenge';
import { deviceId } from '../device';
import { Link } from '../router';
import './honours.css';

export interface PublicSelection {
  id: string;
  title: string;
  kind: string;
  period: string;
  regionName: string;
  level: string;
  phase: string;
  nominationStartsOn: string;
  nominationEndsOn: string;
  votingStartsOn: string;
  votingEndsOn: string;
  publishedAt: string | null;
}
export interface Candidate {
  id: string;
  selectionId: string;
  categoryCode: string;
  categoryName: string;
  nomineeName: string;
  gender: 'male' | 'female' | null;
  age: number | null;
  affiliation: string | null;
  headline: string;
  story: string;
  photoIds: string[];
  votes: number;
  isWinner: boolean;
  forwardedFrom: string | null;
}

export const PHASE: Record<string, string> = {
  upcoming: '未开始',
  nominating: '推荐中',
  verifying: '审核中',
  voting: '投票中',
  reviewing: '评审中',
  published: '已公布',
};

export const photoUrl = (c: Candidate, fileId: string) => `/api/public/honours/candidates/${c.id}/photos/${fileId}`;

/** A candidate (or winner) as a card that opens the candidate's page. */
export function CandidateCard({ c, showVotes }: { c: Candidate; showVotes?: boolean }) {
  return (
    <Link to={`/p/honours/candidates/${c.id}`} className="pp-card ph-card">
      <div className="ph-person">
        {c.photoIds[0] ? (
          <img className="ph-photo" src={photoUrl(c, c.photoIds[0])} alt={`${c.nomineeName}的照片`} loading="lazy" />
        ) : (
          <div className="ph-initial" aria-hidden>
            {c.nomineeName.slice(0, 1)}
          </div>
        )}
        <div style={{ minWidth: 0 }}>
          <div>
            <b style={{ fontSize: 17 }}>{c.nomineeName}</b> <span className="ph-tag">{c.categoryName}</span>
            {c.isWinner && <span className="ph-tag">当选</span>}
            {c.forwardedFrom && <span className="ph-tag">{c.forwardedFrom}推送</span>}
          </div>
          <div style={{ margin: '2px 0' }}>{c.headline}</div>
          <div className="pp-muted" style={{ fontSize: 13 }}>
            {c.affiliation ?? ''}
            {showVotes && <span className="ph-votes"> · {c.votes} 票</span>}
          </div>
        </div>
      </div>
    </Link>
  );
}

/** 投票: solves the proof of work, then votes; shows the answer (one vote per person, candidate and day). */
export function VoteButton({ c, open, onVoted }: { c: Candidate; open: boolean; onVoted: (votes: number) => void }) {
  const [state, setState] = useState<'idle' | 'working' | 'done'>('idle');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const vote = async () => {
    setState('working');
    setError('');
    try {
      const proof = await solveProof(() => undefined);
      const r = await postJson<{ votes: number; message: string }>(`/api/public/honours/${c.selectionId}/votes`, {
        candidateId: c.id,
        challenge: proof,
        deviceId: deviceId(),
      });
      setMessage(r.message);
      onVoted(r.votes);
      setState('done');
    } catch (e) {
      setError((e as Error).message);
      setState('idle');
    }
  };
  if (!open) return null;
  return (
    <div style={{ margin: '8px 0' }}>
      <button className="ph-vote-btn" disabled={state !== 'idle'} onClick={vote}>
        {state === 'working' ? '正在验证…' : state === 'done' ? '已投票' : `为${c.nomineeName}投票`}
      </button>
      {message && (
        <div className="ph-ok" role="status">
          {message}
        </div>
      )}
      {error && (
        <div className="pp-error" role="alert">
          {error}
        </div>
      )}
      <div className="pp-muted" style={{ fontSize: 12, marginTop: 4 }}>
        每人每天可为同一候选人投一票；异常投票将被剔除。
      </div>
    </div>
  );
}
