/** 处置时限: a deadline from the severity's policy, optionally counted in working days (Mon–Fri, Beijing time). */
import type { Db, Tx } from '../../platform/db';

export interface DeadlinePolicy {
  hours: number;
  working_days: boolean;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

function isWeekend(t: number): boolean {
  const day = new Date(t + BEIJING_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The deadline for a problem dispatched at `from`. In working-day mode each whole day of the
 * allowance skips Saturdays and Sundays (public holidays are not modelled yet).
 */
export function computeDeadline(from: Date, policy: DeadlinePolicy): Date {
  if (!policy.working_days) return new Date(from.getTime() + policy.hours * 3600_000);
  let t = from.getTime();
  let days = Math.floor(policy.hours / 24);
  const rest = policy.hours % 24;
  while (days > 0) {
    t += 24 * 3600_000;
    if (!isWeekend(t)) days -= 1;
  }
  t += rest * 3600_000;
  while (isWeekend(t)) t += 24 * 3600_000;
  return new Date(t);
}

/** The policy for a severity. */
export async function deadlinePolicy(db: Db | Tx, severity: string): Promise<DeadlinePolicy> {
  const row = await db.selectFrom('problem_deadline_policies').select(['hours', 'working_days']).where('severity', '=', severity).executeTakeFirst();
  return row ?? { hours: 168, working_days: false };
}
