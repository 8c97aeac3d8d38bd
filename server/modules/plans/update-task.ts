/**
 * 修改任务 (PUT /api/tasks/:id) by the office managing its plan, at the caller's version (409 when stale). The fields
 * are checked as on creation; a changed start or due date leaves the baseline (基线) as first planned, so the Gantt
 * shows planned against actual. The links to standards (of the plan's campaign) and sites (inside the plan's region) are
 * replaced by the body's (unknown or out-of-scope ids: 422 naming the field, nothing written). A task event and an audit
 * event record the change.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { forbidden, notFound, versionConflict } from '../../platform/errors';
import { updateVersioned } from '../../platform/versioned';
import { beijingDay } from '../calendar/calendar';
import { mayManagePlan, mayReadTask } from './access';
import { checkTaskFields, taskEvent, type TaskFields } from './create-task';
import { findPlan, findTask } from './repository';

export async function updateTask(ctx: Ctx, id: string, body: TaskFields): Promise<void> {
  const task = await findTask(ctx.db, id, beijingDay(ctx.clock.now()));
  if (!task || !mayReadTask(ctx.actor, task)) throw notFound('任务');
  if (!mayManagePlan(ctx.actor, task)) throw forbidden('只有创建办可以修改或删除任务');
  if (task.version !== body.version) throw versionConflict();
  const plan = (await findPlan(ctx.db, task.plan_id))!;
  await checkTaskFields(ctx.db, plan, body);
  const standardIds = [...new Set(body.standardIds)];
  const siteIds = [...new Set(body.siteIds)];
  const set = {
    code: body.code || null,
    title: body.title,
    measures: body.measures || null,
    lead_unit_id: body.leadUnitId,
    coop_unit_ids: JSON.stringify(body.coopUnitIds),
    leader_member_id: body.leaderMemberId ?? null,
    start_date: body.startDate,
    due_date: body.dueDate,
    milestones: JSON.stringify(body.milestones),
    standard_ids: JSON.stringify(standardIds),
    site_ids: JSON.stringify(siteIds),
  };
  const notes: string[] = [];
  if (task.due_date !== body.dueDate) notes.push(`完成时限由 ${task.due_date} 调整为 ${body.dueDate}`);
  if (task.start_date !== body.startDate) notes.push(`开始日期由 ${task.start_date} 调整为 ${body.startDate}`);
  if (task.lead_unit_id !== body.leadUnitId) notes.push('牵头单位已调整');
  const linked = (before: string[], after: string[]) => before.length !== after.length || after.some((x) => !before.includes(x));
  if (linked(task.standard_ids, standardIds)) notes.push(`关联测评标准调整为 ${standardIds.length} 条`);
  if (linked(task.site_ids, siteIds)) notes.push(`关联点位调整为 ${siteIds.length} 个`);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'tasks', id, body.version, set, ctx.clock.now());
    await tx
      .insertInto('task_events')
      .values(taskEvent(ctx, id, 'updated', notes.length ? notes.join('；') : null))
      .execute();
    await recordTaskAudit(ctx, tx, id, task, body);
  });
}

async function recordTaskAudit(ctx: Ctx, tx: Tx, id: string, task: NonNullable<Awaited<ReturnType<typeof findTask>>>, body: TaskFields) {
  await recordEvent(tx, ctx, {
    action: 'task.updated',
    subjectType: 'task',
    subjectId: id,
    before: {
      title: task.title,
      measures: task.measures,
      leadUnitId: task.lead_unit_id,
      coopUnitIds: task.coop_unit_ids,
      leaderMemberId: task.leader_member_id,
      startDate: task.start_date,
      dueDate: task.due_date,
      standardIds: task.standard_ids,
      siteIds: task.site_ids,
    },
    after: {
      title: body.title,
      measures: body.measures || null,
      leadUnitId: body.leadUnitId,
      coopUnitIds: body.coopUnitIds,
      leaderMemberId: body.leaderMemberId ?? null,
      startDate: body.startDate,
      dueDate: body.dueDate,
      standardIds: [...new Set(body.standardIds)],
      siteIds: [...new Set(body.siteIds)],
    },
  });
}
