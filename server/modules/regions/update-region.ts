/** 修改区划: name, code, order; the place in the tree does not move. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import type { Region } from '../../platform/schema';
import { updateVersioned } from '../../platform/versioned';
import { findRegion, findRegionsByCodes } from './repository';

/** Updates a region if the client's version is current. */
export async function updateRegion(
  ctx: Ctx,
  id: string,
  input: { code?: string; name?: string; sort?: number; version: number },
): Promise<Region> {
  const before = await findRegion(ctx.db, id);
  if (!before) throw notFound('区划');
  authorize(ctx.actor, 'regions.update', { regionPath: before.path });
  return ctx.db.transaction().execute(async (tx) => {
    if (input.code && input.code !== before.code && (await findRegionsByCodes(tx, [input.code])).length) {
      throw new AppError('duplicate', `区划代码 ${input.code} 已存在`);
    }
    const set: Record<string, unknown> = {};
    if (input.code !== undefined) set.code = input.code;
    if (input.name !== undefined) set.name = input.name;
    if (input.sort !== undefined) set.sort = input.sort;
    const after = (await updateVersioned(tx, 'regions', id, input.version, set, ctx.clock.now())) as Region;
    await recordEvent(tx, ctx, { action: 'region.updated', subjectType: 'region', subjectId: id, before, after });
    return after;
  });
}
