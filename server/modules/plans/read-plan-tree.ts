/**
 * One plan as a tree (GET /api/plans/:id): the plan, its 专项行动, and every task of both flat with parentId (for the
 * tree and the Gantt), with `today`. A unit sees only its own tasks; a plan out of the caller's sight answers 404.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { beijingDay } from '../calendar/calendar';
import { presentPlan, presentPlans, presentTasks } from './presenter';
import { findVisiblePlan, listVisiblePlans, planStatusCounts, taskRows, taskWhere } from './repository';

export async function readPlanTree(ctx: Ctx, id: string) {
  const today = beijingDay(ctx.clock.now());
  const plan = await findVisiblePlan(ctx.db, ctx.actor, id);
  if (!plan) throw notFound('方案');
  const subs = await listVisiblePlans(ctx.db, ctx.actor, { parentId: plan.id });
  const rows = await taskRows(ctx.db, today)
    .where(taskWhere(ctx.actor, { planIds: [plan.id, ...subs.map((s) => s.id)] }, today))
    .orderBy(sql`t.plan_id = ${plan.id}`, 'desc')
    .orderBy('p.sort')
    .orderBy('t.seq')
    .orderBy('t.id')
    .execute();
  const counts = await planStatusCounts(ctx.db, ctx.actor, [plan.id], today);
  return {
    plan: presentPlan(ctx.actor, plan, counts.get(plan.id)),
    subPlans: await presentPlans(ctx.db, ctx.actor, subs, today),
    tasks: await presentTasks(ctx.db, ctx.actor, rows, today),
    today,
  };
}

/** One plan as planResponse (after a create or update). */
export async function readPlan(ctx: Ctx, id: string) {
  const today = beijingDay(ctx.clock.now());
  const plan = await findVisiblePlan(ctx.db, ctx.actor, id);
  if (!plan) throw notFound('方案');
  const counts = await planStatusCounts(ctx.db, ctx.actor, [plan.id], today);
  return presentPlan(ctx.actor, plan, counts.get(plan.id));
}
