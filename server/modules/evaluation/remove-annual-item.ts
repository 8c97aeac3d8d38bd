/** 删除年度加减分事项: the office removes an item entered by mistake (audited with what it was). */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { scopeOf } from './policy';

export async function removeAnnualItem(ctx: Ctx, id: string): Promise<void> {
  const item = await ctx.db
    .selectFrom('evaluation_annual_items as a')
    .innerJoin('evaluation_schemes as s', (j) => j.onRef('s.scheme_key', '=', 'a.scheme_key').on('s.version', '=', 1))
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('a')
    .select(['s.campaign_id', 'r.path as region_path', 's.name as scheme_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!item || !can(ctx.actor, 'evaluation.read', scopeOf(item))) throw notFound('加减分事项');
  authorize(ctx.actor, 'evaluation.manage', scopeOf(item));
  await ctx.db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('evaluation_annual_items').where('id', '=', id).returning('id').executeTakeFirst();
    if (!gone) throw notFound('加减分事项');
    await recordEvent(tx, ctx, {
      action: 'evaluation_annual_item.removed',
      subjectType: 'evaluation_annual_item',
      subjectId: id,
      before: { scheme: item.scheme_name, year: item.year, subject_id: item.subject_id, points: item.points, reason: item.reason },
    });
  });
}
