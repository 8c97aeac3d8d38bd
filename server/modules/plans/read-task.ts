/**
 * One task (GET /api/tasks/:id): the task, its monthly progress reports (newest month first, presented by H2's
 * progress-presenter.ts), its events and its links to standards and sites by name (task-links.ts). A task
 * out of the caller's sight answers 404.
 */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { beijingDay } from '../calendar/calendar';
import { mayReadTask } from './access';
import { presentTasks } from './presenter';
import { presentProgress } from './progress-presenter';
import { findTask } from './repository';
import { linksOfTask } from './task-links';

export async function readTaskRow(ctx: Ctx, id: string) {
  const today = beijingDay(ctx.clock.now());
  const row = await findTask(ctx.db, id, today);
  if (!row || !mayReadTask(ctx.actor, row)) throw notFound('任务');
  return { row, today };
}

/** The task as taskResponse. */
export async function readTask(ctx: Ctx, id: string) {
  const { row, today } = await readTaskRow(ctx, id);
  return (await presentTasks(ctx.db, ctx.actor, [row], today))[0];
}

export async function readTaskDetail(ctx: Ctx, id: string) {
  const { row, today } = await readTaskRow(ctx, id);
  const [task] = await presentTasks(ctx.db, ctx.actor, [row], today);
  const events = await ctx.db
    .selectFrom('task_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.action', 'u.name as actor_name', 'e.note', 'e.created_at'])
    .where('e.task_id', '=', id)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .execute();
  const [progress, links] = await Promise.all([presentProgress(ctx.db, ctx.actor, id), linksOfTask(ctx.db, row)]);
  return {
    task,
    progress,
    links,
    events: events.map((e) => ({ id: e.id, action: e.action, actorName: e.actor_name, note: e.note, createdAt: e.created_at })),
  };
}
