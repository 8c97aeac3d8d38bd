/**
 * A monthly report's review on the workflow kernel: the table is common/tasks.ts PROGRESS_ACTIONS (通过 / 退回补充),
 * the verbs approve-progress.ts and return-progress.ts; this file says how a report is loaded, read-checked and
 * updated, and who reviews (the office over the task's plan: plans.manage). A report already reviewed answers 409
 * (someone else reviewed it first, or the screen is old), like a stale version.
 */
import {
  PROGRESS_ACTION_LABELS,
  PROGRESS_ACTIONS,
  PROGRESS_STATE_LABELS,
  type ProgressAction,
  type ProgressState,
} from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { mayManagePlan, mayReadTask } from './access';
import { approveProgress } from './approve-progress';
import { appendTaskEvent, findProgress, type ProgressRow } from './progress-repository';
import { returnProgress } from './return-progress';
import { periodName } from './submit-progress';

const VERBS: Record<ProgressAction, WorkflowVerb<ProgressRow, ProgressAction, ProgressState>> = {
  approve: approveProgress,
  return: returnProgress,
};

export const progressRuntime: WorkflowRuntime<ProgressRow, ProgressAction, ProgressState> = {
  subject: 'task_progress',
  actions: PROGRESS_ACTIONS,
  labels: PROGRESS_ACTION_LABELS,
  stateOf: (r) => r.state,
  load: (tx, id) => findProgress(tx, id),
  canRead: (ctx, r) => mayReadTask(ctx.actor, r),
  notFound: () => notFound('进度报告'),
  blockedReason: (ctx, r, action) => {
    if (!mayManagePlan(ctx.actor, r)) throw new AppError('forbidden', '由创建办审核月度进度');
    if (fromBlocked(PROGRESS_ACTIONS[action], r.state))
      throw new AppError(
        'conflict',
        `不能${PROGRESS_ACTION_LABELS[action]}：该进度报告当前为“${PROGRESS_STATE_LABELS[r.state]}”，请刷新后查看`,
      );
    return null;
  },
  update: (tx, r, set, to, now) =>
    tx
      .updateTable('task_progress')
      .set({ ...set, state: to, version: r.version + 1 })
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .where('state', '=', r.state)
      .returning(['id', 'state', 'version', 'review_comment', 'reviewed_at'])
      .executeTakeFirst()
      .then((x) => (x ? { ...x, at: now } : undefined)),
  record: async (tx, ctx, r, action, _to, effects) => {
    const comment = (effects.event?.comment as string | null | undefined) ?? null;
    await appendTaskEvent(tx, {
      taskId: r.task_id,
      action: action === 'approve' ? 'progress_approved' : 'progress_returned',
      actorId: actorUserId(ctx.actor),
      note: `${periodName(r.period)}进度${PROGRESS_ACTION_LABELS[action]}${comment ? `：${comment}` : ''}`,
      data: { progressId: r.id, period: r.period, percent: r.percent },
      at: ctx.clock.now(),
    });
  },
  auditView: (r) => ({ state: r.state, task_id: r.task_id, period: r.period, percent: r.percent, version: r.version }),
};

/** Reviews a report at the caller's version. */
export async function transitionProgress(
  ctx: Ctx,
  id: string,
  input: { action: ProgressAction; version: number; comment?: string },
): Promise<void> {
  await ctx.db
    .transaction()
    .execute((tx) => runTransition(ctx, tx, progressRuntime, VERBS, id, input.action, input.version, { comment: input.comment }));
}
