/** Removes a region's own 任务进度设置: it inherits the nearest region above (or the shipped default) again. Audited. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { editableRegion } from '../problem-settings/resolve';

export async function resetTaskSettings(ctx: Ctx, regionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'plans.manage', regionId);
    const before = await tx.deleteFrom('region_task_settings').where('region_id', '=', region.id).returningAll().executeTakeFirst();
    if (!before) throw notFound('本级任务进度设置');
    await recordEvent(tx, ctx, { action: 'task_settings.reset', subjectType: 'region', subjectId: region.id, before });
  });
}
