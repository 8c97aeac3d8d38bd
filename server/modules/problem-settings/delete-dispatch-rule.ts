/** 删除派遣规则; the audit event keeps what was deleted. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';

export async function deleteDispatchRule(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('dispatch_rules').where('id', '=', id).returningAll().executeTakeFirst();
    if (!r) throw notFound('派遣规则');
    await recordEvent(tx, ctx, { action: 'dispatch_rule.deleted', subjectType: 'dispatch_rule', subjectId: r.id, before: r });
  });
}
