/** Today and this month at a glance, for the homes of the office, the 包保单位 and the leader (and the 点长's own). */
import type { Ctx } from '../../platform/context';
import { isWorkingDay } from '../calendar/calendar';
import { beijingMonth, monthWindow } from './days';
import { missedDaysByLead } from './missed-days';
import { patrolSummary } from './month-grid';
import { assertMayRead, patrolSitesSql } from './scope';

/** The month's totals over the sites in the reader's scope, today's progress and the (up to 5) leads missing most. */
export async function patrolOverview(ctx: Ctx) {
  assertMayRead(ctx.actor);
  const now = ctx.clock.now();
  const month = beijingMonth(now);
  const w = monthWindow(month, now);
  const where = patrolSitesSql(ctx.actor);
  const [summary, leads] = await Promise.all([patrolSummary(ctx.db, w, where), missedDaysByLead(ctx.db, month, w, where, 5)]);
  return {
    day: w.today,
    working: isWorkingDay(now),
    month,
    summary,
    worstLeads: leads.items
      .filter((l) => l.missed > 0)
      .map((l) => ({ leadUserId: l.leadUserId, leadName: l.leadName, missed: l.missed, rate: l.rate })),
  };
}
