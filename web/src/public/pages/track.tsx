/** /p/track/:code: a citizen follows a report — status steps, photos, the after-photos once closed, and the rating. */
import { useEffect, useState, type FormEvent } from 'react';
import { RATING_LABELS, RATINGS, type Rating } from '@common/public-reports';
import { getJson, postJson, PublicApiError } from '../api';
import { Link } from '../router';

interface Tracking {
  status: string;
  statusText: string;
  updatedAt: string;
  reportedAt: string;
  categoryName: string;
  description: string;
  rejectReason: string | null;
  steps: Array<{ status: string; label: string; done: boolean }>;
  photos: string[];
  afterPhotos: string[];
  rating: { value: Rating; label: string; comment: string | null; ratedAt: string } | null;
  canRate: boolean;
}

const when = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export default function TrackPage({ params }: { params: Record<string, string> }) {
  const code = (params.code ?? '').trim().toUpperCase();
  const [data, setData] = useState<Tracking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [rateError, setRateError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    getJson<Tracking>(`/api/public/reports/${encodeURIComponent(code)}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [code]);

  const handleRate = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) return setRateError('请选择满意、基本满意或不满意');
    setSending(true);
    setRateError(null);
    try {
      setData(
        await postJson<Tracking>(`/api/public/reports/${encodeURIComponent(code)}/rating`, { rating, comment: comment.trim() || null }),
      );
    } catch (err) {
      setRateError(err instanceof PublicApiError ? err.message : '提交失败，请重试');
    } finally {
      setSending(false);
    }
  };

  if (error) {
    return (
      <div className="pp-card">
        <p className="pp-error">{error}</p>
        <Link to="/p" className="pp-link">
          返回首页
        </Link>
      </div>
    );
  }
  if (!data) return <p className="pp-muted">加载中…</p>;
  return (
    <>
      <div className="pp-card">
        <p className="pp-muted">查询码 {code}</p>
        <h2 data-testid="status">{data.statusText}</h2>
        <ol className="pp-steps">
          {data.steps.map((s) => (
            <li key={s.status} className="pp-step" data-done={s.done} data-rejected={s.status === 'rejected'}>
              {s.label}
            </li>
          ))}
        </ol>
        {data.rejectReason && <p className="pp-error">不予受理原因：{data.rejectReason}</p>}
        <p className="pp-muted">
          上报于 {when(data.reportedAt)} · 更新于 {when(data.updatedAt)}
        </p>
      </div>
      <div className="pp-card">
        <h2>{data.categoryName}</h2>
        <p>{data.description}</p>
        <div className="pp-photos">
          {data.photos.map((u) => (
            <a className="pp-photo" key={u} href={u} target="_blank" rel="noreferrer">
              <img src={u} alt="上报照片" loading="lazy" />
            </a>
          ))}
        </div>
      </div>
      {data.afterPhotos.length > 0 && (
        <div className="pp-card" data-testid="after-photos">
          <h2>整改后</h2>
          <div className="pp-photos">
            {data.afterPhotos.map((u) => (
              <a className="pp-photo" key={u} href={u} target="_blank" rel="noreferrer">
                <img src={u} alt="整改后照片" loading="lazy" />
              </a>
            ))}
          </div>
        </div>
      )}
      {data.rating && (
        <div className="pp-card">
          <h2>您的评价：{data.rating.label}</h2>
          {data.rating.comment && <p>{data.rating.comment}</p>}
          <p className="pp-muted">感谢您的评价{data.rating.value === 'dissatisfied' ? '，我们将安排回访' : ''}。</p>
        </div>
      )}
      {data.canRate && (
        <form className="pp-card" onSubmit={handleRate}>
          <h2>请对办理结果评价</h2>
          <div className="pp-chips" role="group" aria-label="评价">
            {RATINGS.map((r) => (
              <button type="button" key={r} className="pp-chip" aria-pressed={rating === r} onClick={() => setRating(r)}>
                {RATING_LABELS[r]}
              </button>
            ))}
          </div>
          <label className="pp-field" style={{ marginTop: 12 }}>
            <span className="pp-label">意见（选填）</span>
            <textarea className="pp-textarea" value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
          </label>
          {rateError && <p className="pp-error">{rateError}</p>}
          <button type="submit" className="pp-btn pp-btn-primary pp-btn-block" disabled={sending}>
            提交评价
          </button>
        </form>
      )}
    </>
  );
}
