/** 期次 for the pickers: the period model is common/period.ts (shared with the server); this adds dayjs for the date pickers. */
import dayjs, { type Dayjs } from 'dayjs';
import { firstMonth, formatPeriod, parsePeriod, periodKind, periodLabel, periodOfMonth, type PeriodKind } from '@common/period';
import { beijingNow } from '../../components/beijing-time';

export { periodKind, periodLabel, type PeriodKind };

/** The period of a kind that contains a (picker) date. */
export function periodOf(kind: PeriodKind, date: Dayjs): string {
  return formatPeriod(periodOfMonth(kind, date.year(), date.month() + 1));
}

/** The first day of a period (for pickers). */
export function periodStart(period: string): Dayjs {
  const p = parsePeriod(period) ?? periodOfMonth('month', beijingNow().year(), beijingNow().month() + 1);
  return dayjs(new Date(p.year, firstMonth(p) - 1, 1));
}

/** This month's period code. */
export const currentMonth = () => periodOf('month', beijingNow());
