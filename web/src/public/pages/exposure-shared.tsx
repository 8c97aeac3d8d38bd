/** What the 曝光台 pages share: the answers' shapes (from the public contracts), dates in Beijing time, the status badge, the tabs. */
import type { publicExposureItem, publicExposureResponse } from '@common/contracts/exposure';
import type { z } from 'zod';
import { Link } from '../router';
import './exposure.css';

export type PublicExposure = z.input<typeof publicExposureItem>;
export type PublicExposureDetail = z.input<typeof publicExposureResponse>;

const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 2026-12-04 (Beijing time). */
export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(DATE.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 已整改（用时 N 天）, 逾期未整改, 整改中. */
export function StatusBadge({ e }: { e: PublicExposure }) {
  if (e.fixed)
    return (
      <span className={`px-badge ${e.overdue ? 'px-badge-late' : 'px-badge-ok'}`}>
        已整改{e.daysTaken !== null ? ` · 用时 ${e.daysTaken} 天` : ''}
        {e.overdue ? ' · 超期' : ''}
      </span>
    );
  return <span className={`px-badge ${e.overdue ? 'px-badge-late' : 'px-badge-open'}`}>{e.overdue ? '逾期未整改' : '整改中'}</span>;
}

/** 曝光台 · 单位记录 · 红黑榜. */
export function Tabs({ current }: { current: 'exposure' | 'units' | 'rankings' }) {
  const tabs = [
    { key: 'exposure', to: '/p/exposure', label: '曝光台' },
    { key: 'units', to: '/p/exposure/units', label: '单位记录' },
    { key: 'rankings', to: '/p/rankings', label: '红黑榜' },
  ] as const;
  return (
    <nav className="px-tabs" aria-label="公开栏目">
      {tabs.map((t) =>
        t.key === current ? (
          <span key={t.key} className="px-tab" aria-current="page">
            {t.label}
          </span>
        ) : (
          <Link key={t.key} to={t.to} className="px-tab">
            {t.label}
          </Link>
        ),
      )}
    </nav>
  );
}

/** A photo with its caption, or a grey box saying why there is none. */
export function Photo({ src, caption, missing }: { src: string | null | undefined; caption: string; missing: string }) {
  return (
    <figure className="px-figure">
      {src ? <img src={src} alt={caption} loading="lazy" /> : <div className="px-nophoto">{missing}</div>}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
