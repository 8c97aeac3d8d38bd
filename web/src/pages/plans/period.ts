/** 月份 (YYYY-MM) helpers for the progress pages. */
import dayjs from 'dayjs';

/** This month as YYYY-MM (the browser's day; the server decides what is late). */
export const thisMonth = () => dayjs().format('YYYY-MM');

/** '2026-11' → 2026年11月. */
export function periodTitle(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}
