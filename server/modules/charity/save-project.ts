/**
 * 新建慈善项目 and 修改: the organisation's admins or the office of its region set a project up — goal (fen),
 * beneficiaries, period, where it is carried out (the county or a town of the organisation's county), category and
 * status. Only an organisation 正常 in the registry takes new projects. Edits carry the version (409). Audited.
 */
import type { z } from 'zod';
import type { ProjectBody, updateProjectBody } from '../../../common/contracts/charity';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { updateVersioned } from '../../platform/versioned';
import { adminOrgIdsOf, assertMay, mayEditProjects, mayReadOrg } from './access';
import { countyPathOf, findOrg, findProject, findRegion } from './repository';

const invalid = (message: string, field: string) => new AppError('unprocessable', message, { field });

async function checkRegion(tx: Tx, orgRegionPath: string, regionId: string) {
  const region = await findRegion(tx, regionId);
  const county = await countyPathOf(tx, orgRegionPath);
  if (!region || !['county', 'town'].includes(region.level) || !region.path.startsWith(county)) {
    throw invalid('实施区域须为本组织所在区县或其乡镇（街道）', 'regionId');
  }
}

async function checkName(tx: Tx, orgId: string, name: string, selfId?: string) {
  let q = tx.selectFrom('charity_projects').select('id').where('org_id', '=', orgId).where('name', '=', name);
  if (selfId) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw invalid(`本组织已有名为“${name}”的项目`, 'name');
}

/** Creates a project of an organisation; returns its id. */
export async function createProject(ctx: Ctx, body: ProjectBody): Promise<string> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const org = await findOrg(ctx.db, body.orgId);
  if (!org || !mayReadOrg(ctx.actor, org, adminOrgs)) throw invalid('慈善组织不存在或不在本辖区', 'orgId');
  assertMay(mayEditProjects(ctx.actor, org, adminOrgs), '只有组织管理员或本区划的文明办可以新建项目');
  if (org.status !== 'active') throw invalid('该组织不是“正常”状态，不能新建项目', 'orgId');
  return ctx.db.transaction().execute(async (tx) => {
    await checkRegion(tx, org.org_region_path, body.regionId);
    await checkName(tx, org.id, body.name);
    const now = ctx.clock.now();
    const values = {
      org_id: org.id,
      region_id: body.regionId,
      name: body.name,
      category: body.category,
      goal_fen: body.goalFen,
      beneficiaries: body.beneficiaries,
      starts_on: body.startsOn,
      ends_on: body.endsOn ?? null,
      description: body.description || null,
    };
    const row = await tx
      .insertInto('charity_projects')
      .values({ ...values, created_by: ctx.actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'charity_project.created', subjectType: 'charity_project', subjectId: row.id, after: values });
    return row.id;
  });
}

/** Edits a project (its organisation's admins, the office of the region). */
export async function updateProject(ctx: Ctx, id: string, body: z.output<typeof updateProjectBody>): Promise<void> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const p = await findProject(ctx.db, id);
  if (!p || !mayReadOrg(ctx.actor, p, adminOrgs)) throw notFound('慈善项目');
  assertMay(mayEditProjects(ctx.actor, p, adminOrgs), '只有组织管理员或本区划的文明办可以修改项目');
  await ctx.db.transaction().execute(async (tx) => {
    await checkRegion(tx, p.org_region_path, body.regionId);
    await checkName(tx, p.org_id, body.name, id);
    const set = {
      region_id: body.regionId,
      name: body.name,
      category: body.category,
      goal_fen: body.goalFen,
      beneficiaries: body.beneficiaries,
      starts_on: body.startsOn,
      ends_on: body.endsOn ?? null,
      status: body.status,
      description: body.description || null,
    };
    await updateVersioned(tx, 'charity_projects', id, body.version, set, ctx.clock.now());
    const before = {
      region_id: p.region_id,
      name: p.name,
      category: p.category,
      goal_fen: p.goal_fen,
      beneficiaries: p.beneficiaries,
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      status: p.status,
      description: p.description,
    };
    await recordEvent(tx, ctx, { action: 'charity_project.updated', subjectType: 'charity_project', subjectId: id, before, after: set });
  });
}
