/**
 * 期次 (reporting period), one model for server and web: a year `2026`, a half `2026-H2`, a quarter `2026-Q4` or a
 * month `2026-11`. Periods are calendar periods in Beijing time (Asia/Shanghai, UTC+8 all year, no summer time):
 * `periodStart` / `periodEnd` are the instants of local midnight, the end exclusive. Materials are filed per period,
 * indicators are computed per period, and the evaluation engine ranks per period.
 */
import { z } from 'zod';
import { BEIJING_OFFSET_MS } from './beijing';

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', half: '半年', year: '年度' };

/** A period: its kind, year and number within the year (month 1–12, quarter 1–4, half 1–2, year 1). */
export interface Period {
  kind: PeriodKind;
  year: number;
  index: number;
}

/** The code syntax: `2026`, `2026-11`, `2026-Q4`, `2026-H2`. */
export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;
export const PERIOD_FORMAT_MESSAGE = '期次格式为 2026、2026-11、2026-Q4 或 2026-H2';

/** A period code as request input (zod), with the message in Chinese. */
export const periodCodeSchema = z.string().regex(PERIOD_PATTERN, PERIOD_FORMAT_MESSAGE);

export const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The period a code names, or null when the code is not one. */
export function parsePeriod(code: string): Period | null {
  const m = PERIOD_PATTERN.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'month', year, index: Number(m[2]) };
  if (m[3]) return { kind: 'quarter', year, index: Number(m[3]) };
  if (m[4]) return { kind: 'half', year, index: Number(m[4]) };
  return { kind: 'year', year, index: 1 };
}

/** `parsePeriod` that throws on a bad code (for codes that were validated already). */
export function toPeriod(p: Period | string): Period {
  if (typeof p !== 'string') return p;
  const parsed = parsePeriod(p);
  if (!parsed) throw new Error(`not a period code: ${p}`);
  return parsed;
}

/** The code of a period. */
export function formatPeriod(p: Period): string {
  const y = String(p.year).padStart(4, '0');
  switch (p.kind) {
    case 'year':
      return y;
    case 'half':
      return `${y}-H${p.index}`;
    case 'quarter':
      return `${y}-Q${p.index}`;
    case 'month':
      return `${y}-${String(p.index).padStart(2, '0')}`;
  }
}

/** The kind of a period code (a month when the code is not recognised, as the picker expects). */
export function periodKind(code: string): PeriodKind {
  return parsePeriod(code)?.kind ?? 'month';
}

/** 2026年11月, 2026年第4季度, 2026年下半年, 2026年. */
export function periodLabel(period: Period | string): string {
  const p = typeof period === 'string' ? parsePeriod(period) : period;
  if (!p) return String(period);
  switch (p.kind) {
    case 'year':
      return `${p.year}年`;
    case 'half':
      return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
    case 'quarter':
      return `${p.year}年第${p.index}季度`;
    case 'month':
      return `${p.year}年${p.index}月`;
  }
}

/** The first calendar month (1–12) of a period. */
export function firstMonth(p: Period): number {
  return (p.index - 1) * MONTHS[p.kind] + 1;
}

/** The period of a kind holding a calendar month (month 1–12). */
export function periodOfMonth(kind: PeriodKind, year: number, month: number): Period {
  return { kind, year, index: Math.floor((month - 1) / MONTHS[kind]) + 1 };
}

/** The period of a kind holding an instant, by the Beijing calendar. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return periodOfMonth(kind, local.getUTCFullYear(), local.getUTCMonth() + 1);
}

/** Local midnight (Beijing) on the first day of the month `month0` (0-based, may overflow) of `year`, as an instant. */
const beijingMonthStart = (year: number, month0: number) => new Date(Date.UTC(year, month0, 1) - BEIJING_OFFSET_MS);

/** The instant the period starts (Beijing midnight of its first day). */
export function periodStart(period: Period | string): Date {
  const p = toPeriod(period);
  return beijingMonthStart(p.year, firstMonth(p) - 1);
}

/** The instant the period ends (Beijing midnight after its last day; exclusive). */
export function periodEnd(period: Period | string): Date {
  const p = toPeriod(period);
  return beijingMonthStart(p.year, firstMonth(p) - 1 + MONTHS[p.kind]);
}

/** The period of the same kind just before. */
export function previousPeriod(period: Period | string): Period {
  const p = toPeriod(period);
  if (p.index > 1) return { ...p, index: p.index - 1 };
  return { kind: p.kind, year: p.year - 1, index: 12 / MONTHS[p.kind] };
}

/** Whether an instant falls in the period ([start, end)). */
export function periodContains(period: Period | string, at: Date): boolean {
  const t = at.getTime();
  return t >= periodStart(period).getTime() && t < periodEnd(period).getTime();
}
