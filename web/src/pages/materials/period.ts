/** 期次 (reporting period) codes as the server takes them: 2026 | 2026-11 | 2026-Q4 | 2026-H2. */
import dayjs, { type Dayjs } from 'dayjs';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** The kind of a period code. */
export function periodKind(period: string): PeriodKind {
  if (/-Q\d$/.test(period)) return 'quarter';
  if (/-H\d$/.test(period)) return 'half';
  if (/^\d{4}$/.test(period)) return 'year';
  return 'month';
}

/** The period of a kind that contains a date. */
export function periodOf(kind: PeriodKind, date: Dayjs): string {
  const year = date.year();
  if (kind === 'year') return String(year);
  if (kind === 'half') return `${year}-H${date.month() < 6 ? 1 : 2}`;
  if (kind === 'quarter') return `${year}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

/** The first day of a period (for pickers). */
export function periodStart(period: string): Dayjs {
  const year = Number(period.slice(0, 4));
  const kind = periodKind(period);
  const n = Number(period.slice(-1));
  if (kind === 'quarter') return dayjs(new Date(year, (n - 1) * 3, 1));
  if (kind === 'half') return dayjs(new Date(year, n === 1 ? 0 : 6, 1));
  if (kind === 'year') return dayjs(new Date(year, 0, 1));
  return dayjs(`${period}-01`);
}

/** 2026年11月, 2026年第4季度, 2026年下半年, 2026年. */
export function periodLabel(period: string): string {
  const year = period.slice(0, 4);
  const kind = periodKind(period);
  if (kind === 'quarter') return `${year}年第${period.slice(-1)}季度`;
  if (kind === 'half') return `${year}年${period.endsWith('1') ? '上' : '下'}半年`;
  if (kind === 'year') return `${year}年`;
  return `${year}年${Number(period.slice(5, 7))}月`;
}

/** This month's period code. */
export const currentMonth = () => periodOf('month', dayjs());
