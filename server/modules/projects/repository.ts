/**
 * Project rows: one project with its region and owner unit, its milestones and photos, the list (filters, the schedule
 * status computed in SQL for `today` so a status filter pages correctly), and the checks create/update need.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { projectsQuery } from '../../../common/contracts/tasks';
import { MILESTONE_KINDS, type MilestoneKind, type ProjectStatus } from '../../../common/tasks';
import type { Db, Tx } from '../../platform/db';

export type ProjectsQuery = z.output<typeof projectsQuery>;

const PROJECT_COLUMNS = [
  'pj.id',
  'pj.campaign_id',
  'pj.region_id',
  'pj.name',
  'pj.type',
  'pj.address',
  'pj.lat',
  'pj.lng',
  'pj.outline',
  'pj.owner_unit_id',
  'pj.investment_planned',
  'pj.investment_spent',
  'pj.handover_date',
  'pj.description',
  'pj.task_id',
  'pj.created_by',
  'pj.created_at',
  'pj.version',
  'r.name as region_name',
  'r.path as region_path',
  'u.name as owner_unit_name',
] as const;

function projectsBase(db: Db | Tx) {
  return db
    .selectFrom('projects as pj')
    .innerJoin('regions as r', 'r.id', 'pj.region_id')
    .innerJoin('units as u', 'u.id', 'pj.owner_unit_id')
    .select(PROJECT_COLUMNS);
}

export async function findProject(db: Db | Tx, id: string) {
  return projectsBase(db).where('pj.id', '=', id).executeTakeFirst();
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

/** The project row locked for an update (the version check and the write see the same row). */
export async function lockProject(tx: Tx, id: string) {
  return tx.selectFrom('projects').select(['id', 'version', 'handover_date']).where('id', '=', id).forUpdate().executeTakeFirst();
}

const kindOrder = (k: MilestoneKind) => MILESTONE_KINDS.indexOf(k);

/** Milestones of the projects, in milestone order (立项 … 交账). */
export async function milestonesOf(db: Db | Tx, projectIds: string[]) {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('project_milestones')
    .select(['id', 'project_id', 'kind', 'planned_date', 'actual_date', 'note', 'version'])
    .where('project_id', 'in', projectIds)
    .execute();
  return rows.sort((a, b) =>
    a.project_id === b.project_id ? kindOrder(a.kind) - kindOrder(b.kind) : a.project_id < b.project_id ? -1 : 1,
  );
}
export type MilestoneRow = Awaited<ReturnType<typeof milestonesOf>>[number];

export async function findMilestone(db: Db | Tx, projectId: string, milestoneId: string) {
  return db
    .selectFrom('project_milestones')
    .selectAll()
    .where('id', '=', milestoneId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

/** A project's photos, oldest first. */
export async function photosOf(db: Db | Tx, projectId: string) {
  return db
    .selectFrom('project_photos')
    .select(['id', 'file_id', 'milestone_id', 'stage', 'caption', 'uploaded_by', 'created_at'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type PhotoRow = Awaited<ReturnType<typeof photosOf>>[number];

/**
 * SQL over a project `pj`: its schedule status on `today` — the same rule as common/tasks.ts `projectStatus` (已交账 when
 * 交账 has an actual date; 逾期未交账 past the hand-over date; 进度滞后 when a planned date passed without an actual date;
 * 未开工 when nothing has an actual date; else 按计划推进).
 */
export function projectStatusSql(today: string): RawBuilder<ProjectStatus> {
  return sql<ProjectStatus>`case
    when exists (select 1 from project_milestones sm where sm.project_id = pj.id and sm.kind = 'handover' and sm.actual_date is not null) then 'done'
    when ${today}::date > pj.handover_date then 'overdue'
    when exists (select 1 from project_milestones sm where sm.project_id = pj.id and sm.actual_date is null and sm.planned_date < ${today}::date) then 'behind'
    when not exists (select 1 from project_milestones sm where sm.project_id = pj.id and sm.actual_date is not null) then 'not_started'
    else 'on_track' end`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The visible projects matching the filters, with the status on `today` computed in SQL: the status filter is applied
 * before the page is cut, so `total` and the pages count only matching rows.
 */
export async function listProjects(
  db: Db | Tx,
  visible: RawBuilder<SqlBool>,
  q: Omit<ProjectsQuery, 'page' | 'pageSize'>,
  today: string,
  limit: number,
  offset: number,
) {
  let inner = projectsBase(db).select(projectStatusSql(today).as('status')).where(visible);
  if (q.campaignId) inner = inner.where('pj.campaign_id', '=', q.campaignId);
  if (q.regionId) inner = inner.where(sql<SqlBool>`r.path like (select fr.path from regions fr where fr.id = ${q.regionId}) || '%'`);
  if (q.type) inner = inner.where('pj.type', '=', q.type);
  if (q.unitId) inner = inner.where('pj.owner_unit_id', '=', q.unitId);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    inner = inner.where((eb) => eb.or([eb('pj.name', 'ilike', like), eb('pj.address', 'ilike', like), eb('u.name', 'ilike', like)]));
  }
  const filtered = db.selectFrom(inner.as('x')).$if(!!q.status, (b) => b.where('x.status', '=', q.status!));
  const totalRow = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = filtered.selectAll('x');
  switch (q.sort) {
    case 'daysToHandover':
      page = page.orderBy('x.handover_date', 'asc');
      break;
    case '-daysToHandover':
      page = page.orderBy('x.handover_date', 'desc');
      break;
    case 'investmentPlanned':
      page = page.orderBy('x.investment_planned', 'desc');
      break;
    case 'name':
      break;
  }
  const rows = await page.orderBy('x.name').orderBy('x.id').limit(limit).offset(offset).execute();
  return { rows, total: Number(totalRow.n) };
}

/** The region of a project with the county it lies in (the region itself when it is the county or above). */
export async function regionWithCounty(db: Db | Tx, regionId: string) {
  const r = await db.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', regionId).executeTakeFirst();
  if (!r) return undefined;
  const county = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'county')
    .where(sql<SqlBool>`${r.path} like path || '%'`)
    .executeTakeFirst();
  return { ...r, county: county ?? { id: r.id, name: r.name, path: r.path } };
}

/** An active unit whose region lies inside `countyPath`. */
export async function unitInside(db: Db | Tx, unitId: string, countyPath: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name'])
    .where('u.id', '=', unitId)
    .where('u.active', '=', true)
    .where('r.path', 'like', `${countyPath}%`)
    .executeTakeFirst();
}

export async function campaignRegion(db: Db | Tx, campaignId: string) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'r.path'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
}
