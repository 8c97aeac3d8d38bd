/**
 * /p/charity/projects/:id: one project's public ledger — raised, spent, balance against the goal, and every entry in
 * the order written: donations (donor as given or 匿名, goods at their estimated value), spending (what it was spent
 * on, with its receipts), corrections with their reason beside the struck-through entry they replace.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import { CATEGORY, STATUS, yuan } from './charity-list';
import './charity.css';

interface Entry {
  id: string;
  entryNo: number;
  kind: 'donation' | 'spending';
  donationType: 'money' | 'goods' | null;
  amountFen: number;
  goodsDescription: string | null;
  goodsQuantity: string | null;
  donorName: string | null;
  occurredOn: string;
  purpose: string;
  correctsId: string | null;
  reason: string | null;
  correctedById: string | null;
  receipts: Array<{ id: string; name: string; mime: string; url: string }>;
}
interface Project {
  id: string;
  orgName: string;
  orgCreditCode: string;
  regionName: string;
  name: string;
  category: string;
  goalFen: number;
  beneficiaries: string;
  startsOn: string;
  endsOn: string | null;
  status: string;
  description: string | null;
  raisedFen: number;
  spentFen: number;
  balanceFen: number;
  entries: Entry[];
  activities: Array<{ title: string; startsAt: string; place: string }>;
}

export default function CharityProjectPage({ params }: { params: Record<string, string> }) {
  const [p, setP] = useState<Project | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<Project>(`/api/public/charity/projects/${encodeURIComponent(params.id ?? '')}`)
      .then(setP)
      .catch((e: Error) => setError(e.message));
  }, [params.id]);
  if (error)
    return (
      <div className="pp-card pp-error" role="alert">
        {error}
      </div>
    );
  if (!p) return <p className="pp-muted">加载中…</p>;
  const noOf = new Map(p.entries.map((e) => [e.id, e.entryNo]));
  return (
    <>
      <p>
        <Link to="/p/charity">← 全部慈善项目</Link>
      </p>
      <div className="pp-card">
        <div>
          <span className="pc-tag">{CATEGORY[p.category]}</span>
          <span className="pc-tag">{STATUS[p.status]}</span>
        </div>
        <h2 style={{ margin: '6px 0' }}>{p.name}</h2>
        <div className="pp-muted" style={{ fontSize: 13 }}>
          {p.orgName}（统一社会信用代码 {p.orgCreditCode}）
        </div>
        <div className="pp-muted" style={{ fontSize: 13 }}>
          {p.regionName} · {p.startsOn} 至 {p.endsOn ?? '—'} · 受益对象：{p.beneficiaries}
        </div>
        <div className="pc-sums" data-testid="charity-sums">
          <div className="pc-sum">
            <b>{yuan(p.raisedFen)}</b>
            <span>已募集</span>
          </div>
          <div className="pc-sum">
            <b>{yuan(p.spentFen)}</b>
            <span>已支出</span>
          </div>
          <div className="pc-sum">
            <b>{yuan(p.balanceFen)}</b>
            <span>结余</span>
          </div>
        </div>
        {p.goalFen > 0 && (
          <>
            <div className="pc-bar">
              <i style={{ width: `${Math.min(100, (p.raisedFen / p.goalFen) * 100)}%` }} />
            </div>
            <div className="pp-muted" style={{ fontSize: 12, marginTop: 4 }}>
              筹款目标 {yuan(p.goalFen)}
            </div>
          </>
        )}
        {p.description && <p style={{ marginBottom: 0 }}>{p.description}</p>}
      </div>

      <div className="pp-card" data-testid="charity-ledger">
        <h2 style={{ marginTop: 0, fontSize: 16 }}>收支明细（{p.entries.length} 条）</h2>
        {p.entries.length === 0 && <p className="pp-muted">暂无收支记录</p>}
        {p.entries.map((e) => {
          const isIn = e.kind === 'donation';
          return (
            <div key={e.id} className="pc-entry">
              <div className="pc-entry-head">
                <div className={e.correctedById ? 'pc-void' : undefined}>
                  <span className="pc-tag">
                    #{e.entryNo} {isIn ? (e.donationType === 'goods' ? '物资捐赠' : '资金捐赠') : '支出'}
                  </span>
                  {isIn ? <b>{e.donorName}</b> : null} <span style={{ fontSize: 13 }}>{e.occurredOn}</span>
                </div>
                <span className={e.correctedById ? 'pc-void' : isIn ? 'pc-in' : 'pc-out'}>
                  {isIn ? '+' : '−'}
                  {yuan(e.amountFen)}
                </span>
              </div>
              <div style={{ fontSize: 14, marginTop: 2 }} className={e.correctedById ? 'pc-void' : undefined}>
                {e.goodsDescription ? `${e.goodsDescription}${e.goodsQuantity ? ` ${e.goodsQuantity}` : ''}（估值）· ` : ''}
                {isIn ? '用途：' : '用于：'}
                {e.purpose}
              </div>
              {e.correctedById && <div className="pc-note">此条已更正，见第 {noOf.get(e.correctedById)} 条，不计入合计</div>}
              {e.correctsId && (
                <div className="pc-note">
                  更正第 {noOf.get(e.correctsId)} 条，原因：{e.reason}
                </div>
              )}
              {e.receipts.length > 0 && (
                <div className="pc-receipts">
                  票据：
                  {e.receipts.map((r) => (
                    <a key={r.id} href={r.url} target="_blank" rel="noreferrer">
                      {r.name}
                    </a>
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>

      {p.activities.length > 0 && (
        <div className="pp-card">
          <h2 style={{ marginTop: 0, fontSize: 16 }}>相关志愿活动</h2>
          {p.activities.map((a, i) => (
            <div key={i} style={{ fontSize: 14, marginBottom: 4 }}>
              {a.title}{' '}
              <span className="pp-muted">
                （{new Date(a.startsAt).toLocaleDateString('zh-CN')}，{a.place}）
              </span>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
