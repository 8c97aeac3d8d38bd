/** 新增单位 in a region the actor manages. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findRegion } from '../regions/repository';
import { findUnit, findUnitsByNames, type UnitRow } from './repository';
import type { CreateUnitInput } from './schemas';

/** Column values for a unit from API input. */
export function unitColumns(input: Partial<CreateUnitInput>) {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.type !== undefined) out.type = input.type;
  if (input.regionId !== undefined) out.region_id = input.regionId;
  if (input.parentId !== undefined) out.parent_id = input.parentId;
  if (input.headName !== undefined) out.head_name = input.headName || null;
  if (input.headPhone !== undefined) out.head_phone = input.headPhone || null;
  if (input.liaisonName !== undefined) out.liaison_name = input.liaisonName || null;
  if (input.liaisonPhone !== undefined) out.liaison_phone = input.liaisonPhone || null;
  if (input.active !== undefined) out.active = input.active;
  return out;
}

/** Inserts a unit and its audit event inside the caller's transaction. */
export async function insertUnit(tx: Tx, ctx: Ctx, input: CreateUnitInput): Promise<string> {
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('units')
    .values({ ...unitColumns(input), created_at: now, updated_at: now } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(tx, ctx, { action: 'unit.created', subjectType: 'unit', subjectId: row.id, after: row });
  return row.id;
}

/** Creates a unit; the name must be unique in the system. */
export async function createUnit(ctx: Ctx, input: CreateUnitInput): Promise<UnitRow> {
  const region = await findRegion(ctx.db, input.regionId);
  if (!region) throw new AppError('validation', '所属区划不存在');
  authorize(ctx.actor, 'units.create', { regionPath: region.path }, { permission: 'regions.read' });
  if (input.parentId && !(await findUnit(ctx.db, input.parentId))) throw new AppError('validation', '上级单位不存在');
  const id = await ctx.db.transaction().execute(async (tx) => {
    if ((await findUnitsByNames(tx, [input.name])).length) throw new AppError('duplicate', `单位“${input.name}”已存在`);
    return insertUnit(tx, ctx, input);
  });
  return (await findUnit(ctx.db, id))!;
}
