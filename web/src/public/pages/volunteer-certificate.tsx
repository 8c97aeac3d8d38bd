/**
 * /p/volunteer-certificates[/:code]: anyone checks a 志愿服务证明 by its verification code — the holder's name (masked
 * after the first character), team, certified hours, stars, activities, who issued it and when.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { getJson } from '../api';
import { navigate } from '../router';

interface Certificate {
  code: string;
  name: string;
  teamName: string;
  certifiedHours: number;
  stars: number;
  activityCount: number;
  issuedAt: string;
  issuer: string;
}

const day = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()} 年 ${d.getMonth() + 1} 月 ${d.getDate()} 日`;
};

export default function VolunteerCertificatePage({ params }: { params: Record<string, string> }) {
  const code = (params.code ?? '').trim().toUpperCase();
  const [input, setInput] = useState(code);
  const [data, setData] = useState<Certificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!code) return;
    setLoading(true);
    getJson<Certificate>(`/api/public/volunteer-certificates/${encodeURIComponent(code)}`)
      .then(setData)
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  }, [code]);

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = input.trim().toUpperCase();
    if (!/^[A-Z0-9]{12}$/.test(c)) return setError('验证码为证明上的 12 位字母和数字');
    navigate(`/p/volunteer-certificates/${c}`);
  };

  return (
    <>
      <form className="pp-card" onSubmit={handleSubmit} noValidate>
        <label className="pp-field">
          <span className="pp-label">证明上的验证码</span>
          <div className="pp-row">
            <input
              className="pp-input"
              value={input}
              maxLength={12}
              autoCapitalize="characters"
              aria-label="验证码"
              onChange={(e) => setInput(e.target.value)}
            />
            <button type="submit" className="pp-btn pp-btn-primary">
              查验
            </button>
          </div>
        </label>
      </form>
      {loading && <p className="pp-muted">查询中…</p>}
      {error && (
        <div className="pp-card pp-error" role="alert">
          {error}
        </div>
      )}
      {data && (
        <div className="pp-card" data-testid="certificate">
          <h2 className="pp-ok">✓ 证明真实有效</h2>
          <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 12px', margin: 0 }}>
            <dt className="pp-muted">志愿者</dt>
            <dd style={{ margin: 0 }}>{data.name}</dd>
            <dt className="pp-muted">所在队伍</dt>
            <dd style={{ margin: 0 }}>{data.teamName}</dd>
            <dt className="pp-muted">认证时长</dt>
            <dd style={{ margin: 0 }}>
              <strong>{data.certifiedHours}</strong> 小时
            </dd>
            <dt className="pp-muted">星级</dt>
            <dd style={{ margin: 0, color: '#faad14' }} aria-label={`${data.stars} 星`}>
              {'★'.repeat(data.stars)}
              <span style={{ color: '#d9d9d9' }}>{'★'.repeat(Math.max(0, 5 - data.stars))}</span>
            </dd>
            <dt className="pp-muted">参加活动</dt>
            <dd style={{ margin: 0 }}>{data.activityCount} 次</dd>
            <dt className="pp-muted">出具单位</dt>
            <dd style={{ margin: 0 }}>{data.issuer}</dd>
            <dt className="pp-muted">出具日期</dt>
            <dd style={{ margin: 0 }}>{day(data.issuedAt)}</dd>
            <dt className="pp-muted">验证码</dt>
            <dd style={{ margin: 0 }} className="pp-code">
              {data.code}
            </dd>
          </dl>
        </div>
      )}
    </>
  );
}
