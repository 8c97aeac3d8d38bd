/** 新增区划: the level must sit below the parent's, the code must be new. */
import { REGION_LEVELS } from '../../../common/enums';
import { REGION_LEVEL_LABELS } from '../../../common/labels';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import type { Region } from '../../platform/schema';
import { findRegion, findRegionsByCodes, insertRegion } from './repository';

export interface NewRegion {
  parentId?: string | null;
  code: string;
  name: string;
  level: (typeof REGION_LEVELS)[number];
  sort?: number;
}

/** Why a child of this level cannot sit under that parent, or null. */
export function levelProblem(parentLevel: string | null, level: string): string | null {
  const child = REGION_LEVELS.indexOf(level as never);
  if (parentLevel === null) return child <= 1 ? null : `${REGION_LEVEL_LABELS[level as never]}须有上级区划`;
  const parent = REGION_LEVELS.indexOf(parentLevel as never);
  return child > parent ? null : `${REGION_LEVEL_LABELS[level as never]}不能作为${REGION_LEVEL_LABELS[parentLevel as never]}的下级`;
}

/** Inserts one region inside the caller's transaction (used by create and import). */
export async function insertCheckedRegion(tx: Tx, ctx: Ctx, input: NewRegion, parent: Region | null): Promise<Region> {
  const row = await insertRegion(tx, {
    parentId: parent?.id ?? null,
    parentPath: parent?.path ?? null,
    code: input.code,
    name: input.name,
    level: input.level,
    sort: input.sort,
    now: ctx.clock.now(),
  });
  await recordEvent(tx, ctx, {
    action: 'region.created',
    subjectType: 'region',
    subjectId: row.id,
    after: { code: row.code, name: row.name, level: row.level, parent_id: row.parent_id },
  });
  return row;
}

/** Creates a region under a parent the actor may manage. */
export async function createRegion(ctx: Ctx, input: NewRegion): Promise<Region> {
  const parent = input.parentId ? await findRegion(ctx.db, input.parentId) : null;
  if (input.parentId && !parent) throw new AppError('validation', '上级区划不存在');
  authorize(ctx.actor, 'regions.create', parent ? { regionPath: parent.path } : undefined);
  const problem = levelProblem(parent?.level ?? null, input.level);
  if (problem) throw new AppError('validation', problem);
  return ctx.db.transaction().execute(async (tx) => {
    if ((await findRegionsByCodes(tx, [input.code])).length) throw new AppError('duplicate', `区划代码 ${input.code} 已存在`);
    return insertCheckedRegion(tx, ctx, input, parent ?? null);
  });
}
