/** /p/exposure/units: each unit's public record — items exposed, fixed and overdue; a unit opens its items. */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { Link, navigate } from '../router';
import { day, StatusBadge, Tabs, type PublicExposure } from './exposure-shared';

interface UnitRecord {
  unitId: string;
  unitName: string;
  exposed: number;
  fixed: number;
  overdue: number;
}

export default function ExposureUnitsPage() {
  const [unit, setUnit] = useState(() => new URLSearchParams(window.location.search).get('unit') ?? '');
  const [units, setUnits] = useState<UnitRecord[] | null>(null);
  const [record, setRecord] = useState<(UnitRecord & { items: PublicExposure[] }) | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<{ items: UnitRecord[] }>('/api/public/units?pageSize=100')
      .then((r) => setUnits(r.items))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    setRecord(null);
    if (!unit) return;
    getJson<UnitRecord & { items: PublicExposure[] }>(`/api/public/units/${encodeURIComponent(unit)}/record`)
      .then(setRecord)
      .catch(() => setError('该单位暂无公开的曝光记录'));
  }, [unit]);
  const open = (id: string) => {
    window.history.replaceState(null, '', id ? `/p/exposure/units?unit=${id}` : '/p/exposure/units');
    setError('');
    setUnit(id);
  };
  return (
    <>
      <Tabs current="units" />
      {error && <p className="pp-error">{error}</p>}
      {record && (
        <section className="pp-card">
          <h2>{record.unitName}</h2>
          <p className="pp-muted">
            曝光 {record.exposed} 件 · 已整改 {record.fixed} 件 · 超期 {record.overdue} 件
          </p>
          {record.items.map((e) => (
            <p key={e.id}>
              <Link to={`/p/exposure/${e.id}`}>{e.title}</Link>
              <br />
              <StatusBadge e={e} />
              <span className="pp-muted">曝光 {day(e.publishedAt)}</span>
            </p>
          ))}
          <button className="pp-btn" onClick={() => open('')}>
            查看全部单位
          </button>
        </section>
      )}
      <section className="pp-card">
        <h2>各单位曝光记录</h2>
        {units && !units.length && <p className="px-empty">暂无曝光记录</p>}
        {units && units.length > 0 && (
          <table className="px-table">
            <thead>
              <tr>
                <th>责任单位</th>
                <th className="px-num">曝光</th>
                <th className="px-num">已整改</th>
                <th className="px-num">超期</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.unitId}>
                  <td>
                    <a
                      href={`/p/exposure/units?unit=${u.unitId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        open(u.unitId);
                        window.scrollTo(0, 0);
                      }}
                      style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44, lineHeight: 1.4 }}
                    >
                      {u.unitName}
                    </a>
                  </td>
                  <td className="px-num">{u.exposed}</td>
                  <td className="px-num">{u.fixed}</td>
                  <td className="px-num" style={{ color: u.overdue ? 'var(--pp-danger)' : undefined }}>
                    {u.overdue}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <button className="pp-btn pp-btn-block" onClick={() => navigate('/p/exposure')}>
        返回曝光台
      </button>
    </>
  );
}
