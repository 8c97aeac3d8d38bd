/**
 * Problem transitions on the workflow kernel (platform/workflow.ts): this file says how a problem is loaded, read-
 * checked, updated and recorded (timeline entry, photos); the recipe itself — version, table, payload, target state,
 * audit — is the kernel's, shared with every other workflow.
 */
import { PROBLEM_ACTIONS } from '../../../common/problem-actions';
import { PROBLEM_ACTION_LABELS, type ProblemAction, type ProblemState } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { runTransition, type WorkflowRuntime } from '../../platform/workflow';
import { canReadProblem } from './policy';
import { appendEvent, attachPhotos, findProblem, type ProblemRow } from './repository';
import type { ProblemExtra } from './verb';
import { VERBS } from './verbs';
import { blockedReason } from './workflow';

export interface TransitionResult {
  problem: ProblemRow;
  extra: Record<string, unknown>;
}

/** How the kernel handles problem rows. */
export const problemRuntime: WorkflowRuntime<ProblemRow, ProblemAction, ProblemState, ProblemExtra> = {
  subject: 'problem',
  actions: PROBLEM_ACTIONS,
  labels: PROBLEM_ACTION_LABELS,
  stateOf: (p) => p.state as ProblemState,
  load: (tx, id) => findProblem(tx, id),
  canRead: (ctx, p) => canReadProblem(ctx.actor, p),
  notFound: () => notFound('问题'),
  blockedReason: (ctx, p, action) => blockedReason(ctx.actor, p, action),
  // State and version both guard the update: a concurrent action on the same problem loses here.
  update: (tx, p, set, to, now) =>
    tx
      .updateTable('problems')
      .set({ ...set, state: to, version: p.version + 1, updated_at: now })
      .where('id', '=', p.id)
      .where('version', '=', p.version)
      .where('state', '=', p.state)
      .returningAll()
      .executeTakeFirst(),
  record: async (tx, ctx, p, action, to, effects, more) => {
    const photos = effects.extra?.photos;
    if (photos) await attachPhotos(tx, p.id, photos.ids, photos.stage);
    await appendEvent(tx, {
      problemId: p.id,
      action,
      from: p.state,
      to,
      actorId: ctx.actor.id || null,
      actorName: ctx.actor.name,
      payload: { ...(effects.event ?? {}), ...more },
      at: ctx.clock.now(),
    });
  },
  auditView: ({ region_path: _a, region_name: _b, unit_name: _c, category_name: _d, ...row }) => row,
};

/** Applies `action` to the problem at `version` with the action's payload, in a transaction of its own. */
export async function transitionProblem(
  ctx: Ctx,
  id: string,
  action: ProblemAction,
  version: number,
  rawPayload: Record<string, unknown>,
): Promise<TransitionResult> {
  const extra = await ctx.db.transaction().execute((tx) => transitionInTransaction(ctx, tx, id, action, version, rawPayload));
  return { problem: (await findProblem(ctx.db, id))!, extra };
}

/**
 * The same inside the caller's transaction, so a command that changes several records (a visit that files findings
 * and a relapse) commits all of it or nothing. Returns what the verb adds to the answer.
 */
export function transitionInTransaction(
  ctx: Ctx,
  tx: Tx,
  id: string,
  action: ProblemAction,
  version: number,
  rawPayload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return runTransition(ctx, tx, problemRuntime, VERBS, id, action, version, rawPayload);
}
