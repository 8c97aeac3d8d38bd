/** 月份 (YYYY-MM) helpers for the progress pages. */
import { beijingMonth } from '../../components/beijing-time';

/** This month as YYYY-MM (Beijing time; the server decides what is late). */
export const thisMonth = () => beijingMonth();

/** '2026-11' → 2026年11月. */
export function periodTitle(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}
