/**
 * The one recipe every workflow verb follows: load → check scope (404) → version (409) → the workflow
 * table for this actor (422) → validate the payload (400) → in one transaction update the row at the client's
 * version and current state (409 otherwise), attach photos, append the timeline entry and the audit
 * event, and write notifications.
 */
import { PROBLEM_ACTION_LABELS, type ProblemAction } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { canReadProblem } from './policy';
import { appendEvent, attachPhotos, findProblem, type ProblemRow } from './repository';
import { VERBS } from './verbs';
import { blockedReason } from './workflow';

export interface TransitionResult {
  problem: ProblemRow;
  extra: Record<string, unknown>;
}

/** Applies `action` to the problem at `version` with the action's payload, in a transaction of its own. */
export async function transitionProblem(ctx: Ctx, id: string, action: ProblemAction, version: number, rawPayload: Record<string, unknown>): Promise<TransitionResult> {
  const extra = await ctx.db.transaction().execute((tx) => transitionInTransaction(ctx, tx, id, action, version, rawPayload));
  return { problem: (await findProblem(ctx.db, id))!, extra };
}

/**
 * The recipe inside the caller's transaction, so a command that changes several records (a visit that files findings
 * and a relapse) commits all of it or nothing. Returns what the verb adds to the answer.
 */
export async function transitionInTransaction(ctx: Ctx, tx: Tx, id: string, action: ProblemAction, version: number, rawPayload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const p = await findProblem(tx, id);
  if (!p || !canReadProblem(ctx.actor, p)) throw notFound('问题');
  const verb = VERBS[action];
  // A stale version first: the caller acted on an old screen and should see what changed (409).
  if (p.version !== version) throw versionConflict();
  const blocked = blockedReason(ctx.actor, p, action);
  if (blocked) throw new AppError('invalid_transition', `不能${PROBLEM_ACTION_LABELS[action]}：${blocked}`);
  const parsed = verb.payload.safeParse(rawPayload);
  if (!parsed.success) {
    throw new AppError('validation', `输入有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；')}`);
  }
  const payload = parsed.data;
  if (verb.check) await verb.check({ ...ctx, db: tx }, p, payload);

  const result = await verb.apply(ctx, tx, p, payload);
  const now = ctx.clock.now();
  // State and version both guard the update: a concurrent action on the same problem loses here.
  const updated = await tx
    .updateTable('problems')
    .set({ ...(result.set as object), state: result.to, version: p.version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', p.state)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw versionConflict();
  if (result.photos) await attachPhotos(tx, id, result.photos.ids, result.photos.stage);
  const more = (await result.after?.(tx)) ?? {};
  await appendEvent(tx, { problemId: id, action, from: p.state, to: result.to, actorId: ctx.actor.id || null, actorName: ctx.actor.name, payload: { ...(result.event ?? {}), ...more }, at: now });
  const { region_path: _a, region_name: _b, unit_name: _c, category_name: _d, ...before } = p;
  await recordEvent(tx, ctx, { action: `problem.${action}`, subjectType: 'problem', subjectId: id, before, after: updated });
  return more;
}
