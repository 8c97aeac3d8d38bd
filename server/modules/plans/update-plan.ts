/** 修改方案 (name, summary) at the caller's version; 409 when stale. Audited. */
import type { z } from 'zod';
import type { updatePlanBody } from '../../../common/contracts/tasks';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound, versionConflict } from '../../platform/errors';
import { updateVersioned } from '../../platform/versioned';
import { mayManagePlan } from './access';
import { findVisiblePlan } from './repository';

export async function updatePlan(ctx: Ctx, id: string, body: z.output<typeof updatePlanBody>): Promise<void> {
  const plan = await findVisiblePlan(ctx.db, ctx.actor, id);
  if (!plan) throw notFound('方案');
  if (!mayManagePlan(ctx.actor, plan)) throw forbidden('只有创建办可以修改方案');
  if (plan.version !== body.version) throw versionConflict();
  await ctx.db.transaction().execute(async (tx) => {
    const set = { name: body.name, summary: body.summary ?? null };
    await updateVersioned(tx, 'plans', id, body.version, set, ctx.clock.now());
    await recordEvent(tx, ctx, {
      action: 'plan.updated',
      subjectType: 'plan',
      subjectId: id,
      before: { name: plan.name, summary: plan.summary },
      after: set,
    });
  });
}
