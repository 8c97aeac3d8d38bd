/** 修改单位. A unit's own head or liaison may change only the contact fields. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import type { Unit } from '../../platform/schema';
import { updateVersioned } from '../../platform/versioned';
import { findRegion } from '../regions/repository';
import { CONTACT_FIELDS } from './policy';
import { unitSubject } from './presenter';
import { findUnit, findUnitsByNames, type UnitRow } from './repository';
import { unitColumns } from './create-unit';
import type { UpdateUnitInput } from './schemas';

/** Updates a unit at the version the client saw. */
export async function updateUnit(ctx: Ctx, id: string, input: UpdateUnitInput): Promise<UnitRow> {
  const before = await findUnit(ctx.db, id);
  if (!before) throw notFound('单位');
  authorize(ctx.actor, 'units.update', unitSubject(before));
  const { version, ...changes } = input;
  const structural = Object.keys(changes).filter(
    (k) => !(CONTACT_FIELDS as readonly string[]).includes(k) && changes[k as keyof typeof changes] !== undefined,
  );
  if (structural.length) authorize(ctx.actor, 'units.restructure', unitSubject(before));
  if (changes.regionId && changes.regionId !== before.region_id) {
    const region = await findRegion(ctx.db, changes.regionId);
    if (!region) throw new AppError('validation', '所属区划不存在');
    if (!can(ctx.actor, 'units.restructure', { regionPath: region.path }))
      throw new AppError('forbidden', '不能把单位移到您管理范围以外的区划');
  }
  if (changes.parentId) {
    if (changes.parentId === id) throw new AppError('validation', '上级单位不能是本单位');
    let cursor: string | null = changes.parentId;
    for (let depth = 0; cursor && depth < 20; depth++) {
      const parent = await findUnit(ctx.db, cursor);
      if (!parent) throw new AppError('validation', '上级单位不存在');
      if (parent.parent_id === id) throw new AppError('validation', '上级单位不能是本单位的下级');
      cursor = parent.parent_id;
    }
  }
  await ctx.db.transaction().execute(async (tx) => {
    if (changes.name && changes.name !== before.name && (await findUnitsByNames(tx, [changes.name])).length) {
      throw new AppError('duplicate', `单位“${changes.name}”已存在`);
    }
    const after = (await updateVersioned(tx, 'units', id, version, unitColumns(changes), ctx.clock.now())) as Unit;
    const { region_name: _r, region_code: _c, region_path: _p, parent_name: _n, ...plain } = before;
    await recordEvent(tx, ctx, { action: 'unit.updated', subjectType: 'unit', subjectId: id, before: plain, after });
  });
  return (await findUnit(ctx.db, id))!;
}
