/** 删除单位: only when no sub-unit, user or leader link refers to it; otherwise deactivate it. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { unitSubject } from './presenter';
import { findUnit, unitUsage } from './repository';

/** Deletes an unused unit. */
export async function deleteUnit(ctx: Ctx, id: string): Promise<void> {
  const unit = await findUnit(ctx.db, id);
  if (!unit) throw notFound('单位');
  authorize(ctx.actor, 'units.delete', unitSubject(unit));
  await ctx.db.transaction().execute(async (tx) => {
    const use = await unitUsage(tx, id);
    const parts = [
      use.children && `${use.children} 个下级单位`,
      use.users && `${use.users} 个用户`,
      use.links && `${use.links} 条结对联创关系`,
    ].filter(Boolean);
    if (parts.length) throw new AppError('in_use', `“${unit.name}”还关联${parts.join('、')}，不能删除，可改为停用`);
    await tx.deleteFrom('units').where('id', '=', id).execute();
    await recordEvent(tx, ctx, {
      action: 'unit.deleted',
      subjectType: 'unit',
      subjectId: id,
      before: { name: unit.name, type: unit.type, region_id: unit.region_id },
    });
  });
}
