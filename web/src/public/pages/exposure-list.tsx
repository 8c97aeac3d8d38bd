/**
 * /p/exposure: the public 曝光台 — published items by month, town and unit, each with its before-photo and, once
 * fixed, the after-photo and the days it took. Filters live in the address (?month=&town=&unit=&page=).
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link } from '../router';
import { day, Photo, StatusBadge, Tabs, type PublicExposure } from './exposure-shared';

interface Filters {
  months: Array<{ period: string; label: string; count: number }>;
  towns: Array<{ id: string; name: string }>;
  units: Array<{ id: string; name: string }>;
}
const PAGE_SIZE = 10;

function readQuery() {
  const q = new URLSearchParams(window.location.search);
  return {
    month: q.get('month') ?? '',
    town: q.get('town') ?? '',
    unit: q.get('unit') ?? '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
}

export default function ExposureListPage() {
  const [query, setQuery] = useState(readQuery);
  const [filters, setFilters] = useState<Filters | null>(null);
  const [data, setData] = useState<{ items: PublicExposure[]; total: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    getJson<Filters>('/api/public/exposures/filters')
      .then(setFilters)
      .catch(() => setFilters({ months: [], towns: [], units: [] }));
  }, []);
  useEffect(() => {
    const params = new URLSearchParams();
    if (query.month) params.set('month', query.month);
    if (query.town) params.set('regionId', query.town);
    if (query.unit) params.set('unitId', query.unit);
    params.set('page', String(query.page));
    params.set('pageSize', String(PAGE_SIZE));
    const shown = new URLSearchParams();
    for (const k of ['month', 'town', 'unit'] as const) if (query[k]) shown.set(k, query[k]);
    if (query.page > 1) shown.set('page', String(query.page));
    window.history.replaceState(null, '', `/p/exposure${shown.size ? `?${shown}` : ''}`);
    setError('');
    getJson<{ items: PublicExposure[]; total: number }>(`/api/public/exposures?${params}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [query]);

  const set = (patch: Partial<typeof query>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <Tabs current="exposure" />
      <div className="px-filters">
        <select className="pp-select" aria-label="月份" value={query.month} onChange={(e) => set({ month: e.target.value })}>
          <option value="">全部月份</option>
          {filters?.months.map((m) => (
            <option key={m.period} value={m.period}>
              {m.label}（{m.count}）
            </option>
          ))}
        </select>
        <select className="pp-select" aria-label="乡镇街道" value={query.town} onChange={(e) => set({ town: e.target.value })}>
          <option value="">全部乡镇街道</option>
          {filters?.towns.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <select className="pp-select" aria-label="责任单位" value={query.unit} onChange={(e) => set({ unit: e.target.value })}>
          <option value="">全部责任单位</option>
          {filters?.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {error && <p className="pp-error">{error}</p>}
      {data && !data.items.length && <div className="pp-card px-empty">暂无曝光的问题</div>}
      {data?.items.map((e) => (
        <article key={e.id} className="pp-card">
          <Link to={`/p/exposure/${e.id}`} className="px-item">
            <h2>{e.title}</h2>
            <div>
              <StatusBadge e={e} />
              <span className="pp-muted">
                {e.unitName} · {e.townName}
              </span>
            </div>
            <div className="px-pair">
              <Photo src={e.beforePhoto} caption="曝光时" missing="无照片" />
              <Photo src={e.afterPhoto} caption="整改后" missing={e.fixed ? '已整改，未公开整改照片' : '尚未整改'} />
            </div>
            <div className="pp-muted">
              发现 {day(e.foundAt)} · 时限 {day(e.deadline)} · 曝光 {day(e.publishedAt)}
            </div>
          </Link>
        </article>
      ))}
      {data && data.total > PAGE_SIZE && (
        <div className="px-pager">
          <button className="pp-btn" disabled={query.page <= 1} onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}>
            上一页
          </button>
          <span className="pp-muted">
            第 {query.page} / {pages} 页，共 {data.total} 条
          </span>
          <button className="pp-btn" disabled={query.page >= pages} onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}>
            下一页
          </button>
        </div>
      )}
    </>
  );
}
