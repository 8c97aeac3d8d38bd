/**
 * 新建任务 under a plan (POST /api/plans/:id/tasks), by the office managing the plan. Checked in the database, each
 * failure a 422 naming the field in Chinese: the lead and cooperating units exist inside the plan's region, the
 * responsible leader is a member of the campaign's leading group, the standards belong to the campaign, the sites lie
 * in the region, a parent task is a task of the same plan, the due date is not before the start. The first dates are
 * the baseline (基线); the task takes the next 序 of the plan; a task event 'created' and an audit event are written.
 */
import type { z } from 'zod';
import type { createTaskBody, updateTaskBody } from '../../../common/contracts/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { mayManagePlan } from './access';
import { findVisiblePlan, unitsInRegion, type PlanRow } from './repository';

export type TaskFields = z.output<typeof updateTaskBody>;
export type CreateTaskFields = z.output<typeof createTaskBody>;

const bad = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** The plan, checked managed by the caller (404 out of sight, 403 when only readable). */
export async function managedPlan(ctx: Ctx, planId: string): Promise<PlanRow> {
  const plan = await findVisiblePlan(ctx.db, ctx.actor, planId);
  if (!plan) throw notFound('方案');
  // Visible (a reader, or a unit with tasks in it) but not managed: 403.
  if (!mayManagePlan(ctx.actor, plan)) throw forbidden('只有创建办可以编排方案和任务');
  return plan;
}

/** Every database check of a task's fields against its plan; throws the first failure as a 422. */
export async function checkTaskFields(db: Db | Tx, plan: PlanRow, f: Omit<TaskFields, 'version'>): Promise<void> {
  if (f.dueDate < f.startDate) throw bad('完成时限不能早于开始日期', 'dueDate');
  const unitIds = [f.leadUnitId, ...f.coopUnitIds];
  const inside = new Set((await unitsInRegion(db, unitIds, plan.region_path)).map((u) => u.id));
  if (!inside.has(f.leadUnitId)) throw bad(`牵头单位不存在或不在${plan.region_name}范围内`, 'leadUnitId');
  if (new Set(f.coopUnitIds).size !== f.coopUnitIds.length) throw bad('配合单位重复填写', 'coopUnitIds');
  if (f.coopUnitIds.includes(f.leadUnitId)) throw bad('配合单位不能包含牵头单位', 'coopUnitIds');
  const outside = f.coopUnitIds.filter((u) => !inside.has(u));
  if (outside.length) throw bad(`配合单位不存在或不在${plan.region_name}范围内（${outside.length} 个）`, 'coopUnitIds');
  if (f.leaderMemberId) {
    const m = await db
      .selectFrom('leading_group_members')
      .select('id')
      .where('id', '=', f.leaderMemberId)
      .where('campaign_id', '=', plan.campaign_id)
      .executeTakeFirst();
    if (!m) throw bad('责任领导须为本创建项目领导小组的成员', 'leaderMemberId');
  }
  const standardIds = [...new Set(f.standardIds)];
  if (standardIds.length) {
    const found = await db
      .selectFrom('standards as s')
      .innerJoin('standard_versions as v', 'v.id', 's.version_id')
      .select('s.id')
      .where('s.id', 'in', standardIds)
      .where('v.campaign_id', '=', plan.campaign_id)
      .execute();
    if (found.length !== standardIds.length) throw bad('关联的测评标准须属于本创建项目的测评体系', 'standardIds');
  }
  const siteIds = [...new Set(f.siteIds)];
  if (siteIds.length) {
    const found = await db
      .selectFrom('sites as s')
      .innerJoin('regions as r', 'r.id', 's.region_id')
      .select('s.id')
      .where('s.id', 'in', siteIds)
      .where('r.path', 'like', `${plan.region_path}%`)
      .execute();
    if (found.length !== siteIds.length) throw bad(`关联的点位须在${plan.region_name}范围内`, 'siteIds');
  }
  for (const [i, m] of f.milestones.entries()) {
    if (m.date < f.startDate || m.date > f.dueDate)
      throw bad(`第 ${i + 1} 个节点“${m.name}”的日期须在开始日期与完成时限之间`, `milestones.${i}.date`);
  }
}

/** The parent task, checked a task of the same plan. */
export async function checkParent(db: Db | Tx, planId: string, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  const parent = await db.selectFrom('tasks').select(['id', 'plan_id']).where('id', '=', parentId).executeTakeFirst();
  if (!parent || parent.plan_id !== planId) throw bad('上级任务须为本方案中的任务', 'parentId');
}

/** The next 序 of a plan. */
export async function nextSeq(tx: Db | Tx, planId: string): Promise<number> {
  const r = await tx
    .selectFrom('tasks')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(r?.seq ?? 0) + 1;
}

/** The row of a new task (baselines = the first dates). */
export function newTaskValues(
  ctx: Ctx,
  planId: string,
  f: CreateTaskFields,
  seq: number,
  extra: { sourceStandardId?: string | null } = {},
) {
  const now = ctx.clock.now();
  return {
    plan_id: planId,
    parent_id: f.parentId ?? null,
    code: f.code || null,
    seq,
    title: f.title,
    measures: f.measures || null,
    lead_unit_id: f.leadUnitId,
    coop_unit_ids: JSON.stringify(f.coopUnitIds),
    leader_member_id: f.leaderMemberId ?? null,
    start_date: f.startDate,
    due_date: f.dueDate,
    baseline_start: f.startDate,
    baseline_due: f.dueDate,
    milestones: JSON.stringify(f.milestones),
    standard_ids: JSON.stringify([...new Set(f.standardIds)]),
    site_ids: JSON.stringify([...new Set(f.siteIds)]),
    source_standard_id: extra.sourceStandardId ?? null,
    created_by: actorUserId(ctx.actor),
    created_at: now,
    updated_at: now,
  };
}

/** The task event row of a change. */
export function taskEvent(ctx: Ctx, taskId: string, action: string, note: string | null, data?: unknown) {
  return {
    task_id: taskId,
    action,
    actor_user_id: actorUserId(ctx.actor),
    note,
    data: data === undefined ? null : JSON.stringify(data),
    created_at: ctx.clock.now(),
  };
}

/** A new task in the plan; returns its id. */
export async function createTask(ctx: Ctx, planId: string, body: CreateTaskFields): Promise<string> {
  const plan = await managedPlan(ctx, planId);
  await checkTaskFields(ctx.db, plan, body);
  await checkParent(ctx.db, plan.id, body.parentId);
  return ctx.db.transaction().execute(async (tx) => {
    const seq = await nextSeq(tx, plan.id);
    const row = await tx
      .insertInto('tasks')
      .values(newTaskValues(ctx, plan.id, body, seq))
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('task_events')
      .values(taskEvent(ctx, row.id, 'created', null))
      .execute();
    await recordEvent(tx, ctx, {
      action: 'task.created',
      subjectType: 'task',
      subjectId: row.id,
      after: {
        planId: plan.id,
        title: body.title,
        leadUnitId: body.leadUnitId,
        coopUnitIds: body.coopUnitIds,
        startDate: body.startDate,
        dueDate: body.dueDate,
      },
    });
    return row.id;
  });
}
