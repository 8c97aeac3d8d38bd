/**
 * 删除派遣规则; the audit event keeps what was deleted. Another scope's rule is 404 (nothing revealed);
 * a rule the office inherits from above (or a global default) is visible but read-only: 403.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { mayEditRegion, mayReadRegion } from './resolve';

const PERMISSION = 'problems.manageRules';

export async function deleteDispatchRule(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const rule = await tx
      .selectFrom('dispatch_rules as d')
      .leftJoin('regions as r', 'r.id', 'd.region_id')
      .select(['d.id', 'r.path'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    const path = rule?.path ?? null;
    if (!rule || (path !== null && !mayReadRegion(ctx.actor, PERMISSION, path))) throw notFound('派遣规则');
    if (!mayEditRegion(ctx.actor, PERMISSION, path)) throw new AppError('forbidden', '该派遣规则由上级维护，本级只能查看');
    const r = await tx.deleteFrom('dispatch_rules').where('id', '=', id).returningAll().executeTakeFirst();
    if (!r) throw notFound('派遣规则');
    await recordEvent(tx, ctx, { action: 'dispatch_rule.deleted', subjectType: 'dispatch_rule', subjectId: r.id, before: r });
  });
}
