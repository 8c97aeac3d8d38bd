/**
 * 删除任务 (DELETE /api/tasks/:id) by the office managing its plan: only a task with no progress report and no
 * sub-task (otherwise 409 saying why). Audited with what was deleted.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { beijingDay } from '../calendar/calendar';
import { mayManagePlan, mayReadTask } from './access';
import { findTask } from './repository';

export async function deleteTask(ctx: Ctx, id: string): Promise<void> {
  const task = await findTask(ctx.db, id, beijingDay(ctx.clock.now()));
  if (!task || !mayReadTask(ctx.actor, task)) throw notFound('任务');
  if (!mayManagePlan(ctx.actor, task)) throw forbidden('只有创建办可以修改或删除任务');
  await ctx.db.transaction().execute(async (tx) => {
    const count = async (table: 'task_progress' | 'projects' | 'tasks', column: 'task_id' | 'parent_id') =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column, '=', id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const reports = await count('task_progress', 'task_id');
    const children = await count('tasks', 'parent_id');
    const projects = await count('projects', 'task_id');
    if (reports > 0) throw new AppError('conflict', '该任务已有进度汇报，不能删除');
    if (children > 0) throw new AppError('conflict', '该任务下还有子任务，请先删除子任务');
    if (projects > 0) throw new AppError('conflict', '该任务已关联建设项目，请先解除关联');
    await tx.deleteFrom('tasks').where('id', '=', id).execute();
    await recordEvent(tx, ctx, {
      action: 'task.deleted',
      subjectType: 'task',
      subjectId: id,
      before: { planId: task.plan_id, code: task.code, title: task.title, leadUnitId: task.lead_unit_id, dueDate: task.due_date },
    });
  });
}
