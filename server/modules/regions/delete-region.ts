/** 删除区划: only when nothing hangs on it. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findRegion, regionUsage } from './repository';

/** Deletes an unused region. */
export async function deleteRegion(ctx: Ctx, id: string): Promise<void> {
  const region = await findRegion(ctx.db, id);
  if (!region) throw notFound('区划');
  authorize(ctx.actor, 'regions.delete', { regionPath: region.path });
  await ctx.db.transaction().execute(async (tx) => {
    const use = await regionUsage(tx, id);
    const parts = [
      use.children && `${use.children} 个下级区划`,
      use.units && `${use.units} 个单位`,
      use.users && `${use.users} 个用户`,
      use.campaigns && `${use.campaigns} 个创建项目`,
    ].filter(Boolean);
    if (parts.length) throw new AppError('in_use', `“${region.name}”下还有${parts.join('、')}，不能删除`);
    await tx.deleteFrom('regions').where('id', '=', id).execute();
    await recordEvent(tx, ctx, {
      action: 'region.deleted',
      subjectType: 'region',
      subjectId: id,
      before: { code: region.code, name: region.name, level: region.level },
    });
  });
}
