/**
 * The run's lifecycle on the workflow kernel: the table is common/evaluation-workflow.ts, the verbs are
 * publicize-run.ts, sign-off-run.ts, publish-run.ts and revise-run.ts; this file says how a run is loaded,
 * read-checked and updated, and who takes each action (office: evaluation.manage; leader: evaluation.signOff).
 */
import {
  EVALUATION_ACTION_LABELS,
  EVALUATION_ACTIONS,
  type EvaluationAction,
  type EvaluationRunState,
} from '../../../common/evaluation-workflow';
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { assertRunView } from './access';
import { scopeOf } from './policy';
import { publicizeRun } from './publicize-run';
import { publishRun } from './publish-run';
import { findRun, type RunRow } from './repository';
import { reviseRun } from './revise-run';
import { signOffRun } from './sign-off-run';

const VERBS: Record<EvaluationAction, WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState>> = {
  publicize: publicizeRun,
  sign_off: signOffRun,
  publish: publishRun,
  revise: reviseRun,
};

const PERMISSION: Record<'office' | 'leader', string> = { office: 'evaluation.manage', leader: 'evaluation.signOff' };

/** Whether the actor holds the action's permission over the run. */
export const mayTake = (actor: Actor, run: RunRow, action: EvaluationAction) =>
  can(actor, PERMISSION[EVALUATION_ACTIONS[action].by], scopeOf(run));

/** Why the actor may not take the action now (Chinese), or null: the table's states, then the verb's own rule. */
export function runBlockedReason(actor: Actor, run: RunRow, action: EvaluationAction): string | null {
  if (!mayTake(actor, run, action)) return '您不能执行此操作';
  const off = fromBlocked(EVALUATION_ACTIONS[action], run.state as EvaluationRunState);
  if (off) return off;
  if (action === 'sign_off' && run.pending_objections > 0) return `尚有 ${run.pending_objections} 件申诉未答复`;
  return null;
}

/** The actions the actor may take on the run now (the UI's buttons). */
export const allowedRunActions = (actor: Actor, run: RunRow) =>
  (Object.keys(EVALUATION_ACTIONS) as EvaluationAction[]).filter((a) => runBlockedReason(actor, run, a) === null);

export const runRuntime: WorkflowRuntime<RunRow, EvaluationAction, EvaluationRunState> = {
  subject: 'evaluation_run',
  actions: EVALUATION_ACTIONS,
  labels: EVALUATION_ACTION_LABELS,
  stateOf: (r) => r.state as EvaluationRunState,
  load: (tx, id) => findRun(tx, id),
  // The JS read check is done before the kernel runs (assertRunView needs the database); here every loaded run passed it.
  canRead: () => true,
  notFound: () => notFound('考核'),
  blockedReason: (ctx, run, action) => {
    if (!mayTake(ctx.actor, run, action)) throw new AppError('forbidden', '没有权限执行此操作');
    return runBlockedReason(ctx.actor, run, action);
  },
  update: (tx, run, set, to, now) =>
    tx
      .updateTable('evaluation_runs')
      .set({ ...set, state: to, version: run.version + 1 })
      .where('id', '=', run.id)
      .where('version', '=', run.version)
      .where('state', '=', run.state)
      .returning(['id', 'state', 'version', 'publicized_at', 'signed_off_at', 'published_at'])
      .executeTakeFirst()
      .then((r) => (r ? { ...r, at: now } : undefined)),
  auditView: (r) => ({ state: r.state, period: r.period, revision: r.revision }),
};

/** Takes a lifecycle action on a run (at the caller's version, or the current one). */
export async function transitionRun(
  ctx: Ctx,
  id: string,
  input: { action: EvaluationAction; version?: number; comment?: string },
): Promise<Record<string, unknown>> {
  const run = await findRun(ctx.db, id);
  await assertRunView(ctx.db, ctx.actor, run);
  const payload = input.action === 'sign_off' ? { comment: input.comment } : {};
  return ctx.db
    .transaction()
    .execute((tx) => runTransition(ctx, tx, runRuntime, VERBS, id, input.action, input.version ?? run!.version, payload));
}
