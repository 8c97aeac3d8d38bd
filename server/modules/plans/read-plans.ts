/** The plans the caller may see (GET /api/plans?campaignId=), each with its task counts by status today. */
import type { Ctx } from '../../platform/context';
import { beijingDay } from '../calendar/calendar';
import { presentPlans } from './presenter';
import { listVisiblePlans } from './repository';

export async function readPlans(ctx: Ctx, q: { campaignId?: string }) {
  const today = beijingDay(ctx.clock.now());
  const rows = await listVisiblePlans(ctx.db, ctx.actor, q);
  return { items: await presentPlans(ctx.db, ctx.actor, rows, today) };
}
