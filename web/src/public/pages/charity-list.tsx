/**
 * /p/charity: 慈善之家 for anyone — the county's charity projects with what each raised, spent and holds; a project
 * opens its public ledger. Filters live in the address (?county=&category=&page=).
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import './charity.css';

interface County {
  code: string;
  name: string;
}
interface Project {
  id: string;
  orgName: string;
  regionName: string;
  name: string;
  category: string;
  goalFen: number;
  beneficiaries: string;
  startsOn: string;
  endsOn: string | null;
  status: string;
  raisedFen: number;
  spentFen: number;
  balanceFen: number;
}

export const CATEGORY: Record<string, string> = {
  education: '助学',
  elderly: '助老',
  disability: '助残',
  disaster: '应急救灾',
  poverty: '扶贫济困',
  other: '其他',
};
export const STATUS: Record<string, string> = { preparing: '筹备中', active: '进行中', closed: '已结束' };

/** Fen as ¥1,234.56. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const PAGE_SIZE = 10;

export default function CharityListPage() {
  const q = new URLSearchParams(window.location.search);
  const [counties, setCounties] = useState<County[]>([]);
  const [county, setCounty] = useState(q.get('county') ?? '');
  const [category, setCategory] = useState(q.get('category') ?? '');
  const [page, setPage] = useState(Math.max(1, Number(q.get('page')) || 1));
  const [data, setData] = useState<{ countyName: string; items: Project[]; total: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    getJson<{ counties: County[] }>('/api/public/categories')
      .then((o) => {
        setCounties(o.counties);
        setCounty((c) => c || o.counties[0]?.code || '');
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!county) return;
    const params = new URLSearchParams({ countyCode: county, page: String(page), pageSize: String(PAGE_SIZE) });
    if (category) params.set('category', category);
    const shown = new URLSearchParams({ county });
    if (category) shown.set('category', category);
    if (page > 1) shown.set('page', String(page));
    window.history.replaceState(null, '', `/p/charity?${shown}`);
    setError('');
    getJson<{ countyName: string; items: Project[]; total: number }>(`/api/public/charity/projects?${params}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [county, category, page]);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <p className="pp-muted">每个慈善项目的捐赠与支出逐笔公开，附票据，任何人可查看，记录后不能修改（更正以新条目公开）。</p>
      <div className="pp-row" style={{ gap: 8, marginBottom: 8 }}>
        {counties.length > 1 && (
          <select className="pp-select" aria-label="区县" value={county} onChange={(e) => (setCounty(e.target.value), setPage(1))}>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <select className="pp-select" aria-label="项目类别" value={category} onChange={(e) => (setCategory(e.target.value), setPage(1))}>
          <option value="">全部类别</option>
          {Object.entries(CATEGORY).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <div className="pp-card pp-error" role="alert">
          {error}
        </div>
      )}
      {data && data.items.length === 0 && <div className="pp-card pp-muted">暂无慈善项目</div>}
      {data?.items.map((p) => (
        <Link key={p.id} to={`/p/charity/projects/${p.id}`} className="pp-card pc-project">
          <div>
            <span className="pc-tag">{CATEGORY[p.category]}</span>
            <span className="pc-tag">{STATUS[p.status]}</span>
          </div>
          <h2 style={{ margin: '6px 0 2px', fontSize: 17 }}>{p.name}</h2>
          <div className="pp-muted" style={{ fontSize: 13 }}>
            {p.orgName} · {p.regionName}
          </div>
          <div className="pc-sums">
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
            <div className="pc-bar" title={`目标 ${yuan(p.goalFen)}`}>
              <i style={{ width: `${Math.min(100, (p.raisedFen / p.goalFen) * 100)}%` }} />
            </div>
          )}
        </Link>
      ))}
      {data && pages > 1 && (
        <div className="pp-row" style={{ justifyContent: 'space-between' }}>
          <button className="pp-btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            上一页
          </button>
          <span className="pp-muted">
            {page} / {pages}
          </span>
          <button className="pp-btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            下一页
          </button>
        </div>
      )}
    </>
  );
}
