/**
 * 处置时限: a deadline from the severity's policy as it applies in the problem's region (a county's
 * override beats the city's and the global default: problem-settings/resolve.ts), optionally counted in
 * working days by the holiday calendar (calendar/calendar.ts: Monday–Friday, minus 法定节假日, plus 调休上班日;
 * Beijing calendar days). Extensions use the same arithmetic (`addAllowance`).
 */
import type { Db, Tx } from '../../platform/db';
import { isWorkingDay } from '../calendar/calendar';
import { resolveDeadlinePolicies } from '../problem-settings/resolve';

export interface DeadlinePolicy {
  hours: number;
  working_days: boolean;
}

const DAY_MS = 24 * 3600_000;

/**
 * `from` plus an allowance of `hours`. In working-day mode each whole day of the allowance counts only
 * working days (a 国庆 week is skipped, a 调休 Saturday counts), and a deadline that would fall on a day off
 * moves to the next working day at the same time of day. Years the calendar does not list count Monday–Friday.
 */
export function addAllowance(from: Date, hours: number, workingDays: boolean): Date {
  if (!workingDays) return new Date(from.getTime() + hours * 3600_000);
  let t = from.getTime();
  let days = Math.floor(hours / 24);
  const rest = hours % 24;
  while (days > 0) {
    t += DAY_MS;
    if (isWorkingDay(t)) days -= 1;
  }
  t += rest * 3600_000;
  while (!isWorkingDay(t)) t += DAY_MS;
  return new Date(t);
}

/** The deadline for a problem dispatched at `from`. */
export function computeDeadline(from: Date, policy: DeadlinePolicy): Date {
  return addAllowance(from, policy.hours, policy.working_days);
}

/**
 * The policy for a severity. Pass the problem's region path (`p.region_path`) so a county's override
 * applies; without it the global default is used (the signature callers had before regions).
 */
export async function deadlinePolicy(db: Db | Tx, severity: string, regionPath?: string | null): Promise<DeadlinePolicy> {
  const row = (await resolveDeadlinePolicies(db, regionPath)).find((p) => p.severity === severity);
  return row ? { hours: row.hours, working_days: row.working_days } : { hours: 168, working_days: false };
}
