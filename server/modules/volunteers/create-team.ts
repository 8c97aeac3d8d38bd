/**
 * 新建志愿队伍 and 修改队伍: a team sits in the county or a town of the office's area; its parent (if any) is a team of
 * the same county whose kind may hold it (总队 → 支队 → 小队, 专业队 anywhere); names are unique per region. Audited.
 */
import type { TeamBody } from '../../../common/contracts/volunteers';
import { TEAM_CHILD_KINDS, TEAM_KIND_LABELS, type TeamKind } from '../../../common/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { adminTeamIdsOf, mayManageOrg, mayReadTeam } from './access';
import { countyOf, findRegion, findTeam, type RegionRow } from './repository';
import { notFound } from '../../platform/errors';
import type { z } from 'zod';
import type { updateTeamBody } from '../../../common/contracts/volunteers';

const invalid = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** The team's region: a county or town the actor manages. */
export async function placeInRegion(tx: Tx, ctx: Ctx, regionId: string): Promise<RegionRow> {
  const region = await findRegion(tx, regionId);
  if (!region || !['county', 'town'].includes(region.level)) throw invalid('所属区划须为区县或乡镇（街道）', 'regionId');
  authorize(ctx.actor, 'volunteers.manage', { regionPath: region.path });
  return region;
}

async function checkParent(tx: Tx, region: RegionRow, parentId: string, kind: TeamKind, selfId?: string) {
  const parent = await findTeam(tx, parentId);
  const county = await countyOf(tx, region);
  if (!parent || !parent.region_path.startsWith(county.path)) throw invalid('上级队伍不存在或不在本区县', 'parentId');
  if (!TEAM_CHILD_KINDS[parent.kind].includes(kind)) {
    throw invalid(`${TEAM_KIND_LABELS[parent.kind]}下不能设${TEAM_KIND_LABELS[kind]}`, 'parentId');
  }
  if (selfId) {
    // No cycles: the new parent may not be the team itself or one of its descendants.
    let at: string | null = parent.id;
    for (let hops = 0; at && hops < 50; hops++) {
      if (at === selfId) throw invalid('上级队伍不能是本队伍或其下级队伍', 'parentId');
      at = (await tx.selectFrom('volunteer_teams').select('parent_id').where('id', '=', at).executeTakeFirst())?.parent_id ?? null;
    }
  }
}

async function checkUnit(tx: Tx, unitId: string | null | undefined) {
  if (unitId && !(await tx.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst())) {
    throw invalid('依托单位不存在', 'unitId');
  }
}

async function checkName(tx: Tx, regionId: string, name: string, selfId?: string) {
  let q = tx.selectFrom('volunteer_teams').select('id').where('region_id', '=', regionId).where('name', '=', name);
  if (selfId) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw invalid(`本区划已有名为“${name}”的队伍`, 'name');
}

export async function createTeam(ctx: Ctx, body: TeamBody): Promise<string> {
  authorize(ctx.actor, 'volunteers.manage');
  return ctx.db.transaction().execute(async (tx) => {
    const region = await placeInRegion(tx, ctx, body.regionId);
    if (body.parentId) await checkParent(tx, region, body.parentId, body.kind);
    await checkUnit(tx, body.unitId);
    await checkName(tx, region.id, body.name);
    const now = ctx.clock.now();
    const values = {
      region_id: region.id,
      parent_id: body.parentId ?? null,
      kind: body.kind,
      name: body.name,
      unit_id: body.unitId ?? null,
      contact_name: body.contactName || null,
      contact_phone: body.contactPhone || null,
      description: body.description || null,
    };
    const row = await tx
      .insertInto('volunteer_teams')
      .values({ ...values, created_by: ctx.actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'volunteer_team.created', subjectType: 'volunteer_team', subjectId: row.id, after: values });
    return row.id;
  });
}

export async function updateTeam(ctx: Ctx, id: string, body: z.output<typeof updateTeamBody>): Promise<void> {
  const team = await findTeam(ctx.db, id);
  if (!team || !mayReadTeam(ctx.actor, team, await adminTeamIdsOf(ctx.db, ctx.actor))) throw notFound('队伍');
  if (!mayManageOrg(ctx.actor, team.region_path)) throw new AppError('forbidden', '只有本区划的创建办可以修改队伍');
  await ctx.db.transaction().execute(async (tx) => {
    const region = (await findRegion(tx, team.region_id))!;
    if (body.parentId) await checkParent(tx, region, body.parentId, team.kind, id);
    await checkUnit(tx, body.unitId);
    await checkName(tx, region.id, body.name, id);
    const set = {
      parent_id: body.parentId ?? null,
      name: body.name,
      unit_id: body.unitId ?? null,
      contact_name: body.contactName || null,
      contact_phone: body.contactPhone || null,
      description: body.description || null,
    };
    await updateVersioned(tx, 'volunteer_teams', id, body.version, set, ctx.clock.now());
    const before = {
      parent_id: team.parent_id,
      name: team.name,
      unit_id: team.unit_id,
      contact_name: team.contact_name,
      contact_phone: team.contact_phone,
      description: team.description,
    };
    await recordEvent(tx, ctx, { action: 'volunteer_team.updated', subjectType: 'volunteer_team', subjectId: id, before, after: set });
  });
}
