/**
 * SQL for plans and tasks: one plan with its scope, plans and tasks as the actor may see them (access.ts), the task
 * rows every reader presents (with the status computed in SQL for filters and counts), and the batch look-ups a page
 * of tasks needs (cooperating units' names, the latest monthly report).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { TASK_STATUSES, type TaskStatus } from '../../../common/tasks';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { visiblePlanSql, visibleTaskSql } from './access';
import { taskStatusSql } from './task-status-sql';

/** Plans joined with their campaign (`c`) and region (`r`). */
function plans(db: Db | Tx) {
  return db
    .selectFrom('plans as p')
    .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .selectAll('p')
    .select(['c.name as campaign_name', 'r.path as region_path', 'r.name as region_name']);
}

/** One plan with its scope (no visibility check). */
export function findPlan(db: Db | Tx, id: string) {
  return plans(db).where('p.id', '=', id).executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** One plan the actor may see (whole, or holding a task of the actor's unit). */
export function findVisiblePlan(db: Db | Tx, actor: Actor, id: string) {
  return plans(db).where('p.id', '=', id).where(visiblePlanSql(actor)).executeTakeFirst();
}

/** The plans the actor may see, in a campaign or all, plans before their 专项行动. */
export function listVisiblePlans(db: Db, actor: Actor, f: { campaignId?: string; parentId?: string }) {
  let q = plans(db).where(visiblePlanSql(actor));
  if (f.campaignId) q = q.where('p.campaign_id', '=', f.campaignId);
  if (f.parentId) q = q.where('p.parent_id', '=', f.parentId);
  return q
    .orderBy(sql`coalesce(p.parent_id, p.id)`)
    .orderBy(sql`p.parent_id is not null`)
    .orderBy('p.sort')
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

/** Per plan: the tasks the actor sees, by status today. */
export async function planStatusCounts(db: Db, actor: Actor, planIds: string[], today: string) {
  const out = new Map<string, Record<TaskStatus, number>>();
  for (const id of planIds) out.set(id, Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>);
  if (!planIds.length) return out;
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['t.plan_id', taskStatusSql(today).as('status'), sql<number>`count(*)::int`.as('n')])
    .where('t.plan_id', 'in', planIds)
    .where(visibleTaskSql(actor))
    .groupBy(['t.plan_id', sql`2`])
    .execute();
  for (const r of rows) out.get(r.plan_id)![r.status] = Number(r.n);
  return out;
}

/** Task rows with their plan, scope, lead unit, leader and status on `today`. */
export function taskRows(db: Db | Tx, today: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .leftJoin('leading_group_members as m', 'm.id', 't.leader_member_id')
    .selectAll('t')
    .select([
      'p.name as plan_name',
      'p.campaign_id',
      'r.path as region_path',
      'lu.name as lead_unit_name',
      'm.name as leader_name',
      'm.post as leader_post',
      taskStatusSql(today).as('status'),
    ]);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRows>['execute']>>[number];

/** One task with its scope (no visibility check). */
export function findTask(db: Db | Tx, id: string, today: string) {
  return taskRows(db, today).where('t.id', '=', id).executeTakeFirst();
}

export interface TaskFilter {
  planIds?: string[];
  campaignId?: string;
  unitId?: string;
  status?: TaskStatus;
  missingPeriod?: string;
  q?: string;
}

/** The WHERE of a task list (tasks `t`, plans `p`, regions `r`), visibility included. */
export function taskWhere(actor: Actor, f: TaskFilter, today: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [visibleTaskSql(actor)];
  if (f.planIds) parts.push(f.planIds.length ? sql<SqlBool>`t.plan_id in (${sql.join(f.planIds)})` : sql<SqlBool>`false`);
  if (f.campaignId) parts.push(sql<SqlBool>`p.campaign_id = ${f.campaignId}`);
  if (f.unitId)
    parts.push(
      sql<SqlBool>`(t.lead_unit_id = ${f.unitId} or exists (select 1 from jsonb_array_elements_text(t.coop_unit_ids) cu where cu = ${f.unitId}))`,
    );
  if (f.status) parts.push(sql<SqlBool>`${taskStatusSql(today)} = ${f.status}`);
  if (f.missingPeriod)
    parts.push(
      sql<SqlBool>`not exists (select 1 from task_progress tp where tp.task_id = t.id and tp.period = ${f.missingPeriod} and tp.state in ('submitted', 'approved'))`,
    );
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql<SqlBool>`(t.title like ${like} or coalesce(t.code, '') like ${like} or coalesce(t.measures, '') like ${like})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Units by id → name. */
export async function unitNames(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Per task: its latest monthly report (by period, then submission). */
export async function latestProgress(db: Db | Tx, taskIds: string[]) {
  if (!taskIds.length) return new Map<string, { id: string; period: string; percent: number; state: string; submitted_at: Date }>();
  const rows = await db
    .selectFrom('task_progress')
    .select(['id', 'task_id', 'period', 'percent', 'state', 'submitted_at'])
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('period', 'desc')
    .orderBy('submitted_at', 'desc')
    .execute();
  const out = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!out.has(r.task_id)) out.set(r.task_id, r);
  return out;
}

/** Units inside a region (by path), of those ids. */
export async function unitsInRegion(db: Db | Tx, ids: string[], regionPath: string) {
  if (!ids.length) return [];
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'r.path'])
    .where('u.id', 'in', [...new Set(ids)])
    .where('r.path', 'like', `${regionPath}%`)
    .execute();
}
