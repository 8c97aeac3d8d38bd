/**
 * 处置时限: a deadline from the severity's policy as it applies in the problem's region (a county's
 * override beats the city's and the global default: problem-settings/resolve.ts), optionally counted in
 * working days (Mon–Fri, Beijing time). Extensions use the same arithmetic (`addAllowance`).
 */
import type { Db, Tx } from '../../platform/db';
import { resolveDeadlinePolicies } from '../problem-settings/resolve';

export interface DeadlinePolicy {
  hours: number;
  working_days: boolean;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function isWeekend(t: number): boolean {
  const day = new Date(t + BEIJING_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * `from` plus an allowance of `hours`. In working-day mode each whole day of the allowance skips
 * Saturdays and Sundays, and a deadline that would fall on a weekend moves to the next working day
 * (public holidays are not modelled yet: there is no holiday calendar in the data).
 */
export function addAllowance(from: Date, hours: number, workingDays: boolean): Date {
  if (!workingDays) return new Date(from.getTime() + hours * 3600_000);
  let t = from.getTime();
  let days = Math.floor(hours / 24);
  const rest = hours % 24;
  while (days > 0) {
    t += DAY_MS;
    if (!isWeekend(t)) days -= 1;
  }
  t += rest * 3600_000;
  while (isWeekend(t)) t += DAY_MS;
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
