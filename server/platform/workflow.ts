/**
 * The workflow kernel: the one recipe every transition of every workflow follows. A module supplies its table (in
 * common/), how to load, read-check, update and record its rows, and one verb file per action with the action's
 * effects; the kernel does the rest, in the caller's transaction:
 *
 *   load → may read (404) → version (409) → the table for this actor (422) → payload by the table's schema (400)
 *   → the verb's checks → its effects → the target state checked against the table → the row updated at the
 *   client's version and current state (a concurrent loser gets 409) → timeline / module records → audit event.
 */
import type { z } from 'zod';
import { targetState, type WorkflowActionDef } from '../../common/workflow';
import { recordEvent } from './audit';
import type { Ctx } from './context';
import type { Tx } from './db';
import { AppError, versionConflict } from './errors';

/** What a verb's effects are: column changes, optionally the target state (when the table allows several), the timeline payload and in-transaction follow-ups. */
export interface VerbEffects<S extends string = string, Extra = unknown> {
  set?: Record<string, unknown>;
  to?: S;
  event?: Record<string, unknown>;
  /** Module-specific effects the runtime's `record` understands (e.g. photos). */
  extra?: Extra;
  /** Runs in the same transaction after the row is updated (linked records, notifications); its result joins the answer. */
  after?: (tx: Tx) => Promise<Record<string, unknown> | void>;
}

/** One verb file's export: its effects given the loaded row and the validated payload. */
export interface WorkflowVerb<Row, A extends string, S extends string = string, P = any, Extra = unknown> {
  action: A;
  /** Checks that need the database (e.g. the target unit exists), before any write. */
  check?: (ctx: Ctx, row: Row, payload: P) => Promise<void>;
  apply: (ctx: Ctx, tx: Tx, row: Row, payload: P) => Promise<VerbEffects<S, Extra>>;
}

/** What a module tells the kernel about its records. */
export interface WorkflowRuntime<Row extends { id: string; version: number }, A extends string, S extends string, Extra = unknown> {
  /** Audit subject type and action prefix, e.g. `problem` → `problem.dispatch`. */
  subject: string;
  actions: Record<A, WorkflowActionDef<S>>;
  labels: Record<A, string>;
  stateOf(row: Row): S;
  load(tx: Tx, id: string): Promise<Row | undefined>;
  /** 404 when the actor may not even know the record. */
  canRead(ctx: Ctx, row: Row): boolean;
  notFound(): AppError;
  /** Why the actor may not take the action now (Chinese), or null. Must include the table's `from` check (see `fromBlocked`). */
  blockedReason(ctx: Ctx, row: Row, action: A): string | null;
  /** Updates the row at its loaded version and state; returns the stored row, or undefined when someone else got there first. */
  update(tx: Tx, row: Row, set: Record<string, unknown>, to: S, now: Date): Promise<Record<string, unknown> | undefined>;
  /** Writes the module's own records of the transition (timeline entry, photos) after the update. */
  record?(tx: Tx, ctx: Ctx, row: Row, action: A, to: S, effects: VerbEffects<S, Extra>, more: Record<string, unknown>): Promise<void>;
  /** The loaded row as the audit trail keeps it (leave out joined names). */
  auditView?(row: Row): Record<string, unknown>;
}

/** The table's own rule: the action leaves only from its `from` states. */
export function fromBlocked<S extends string>(def: WorkflowActionDef<S>, state: S): string | null {
  return def.from.includes(state) ? null : '当前状态下不能执行此操作';
}

/** Validates a payload against the action's schema, as a 400 with the fields named. */
export function parsePayload<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'validation',
      `输入有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；')}`,
    );
  }
  return parsed.data;
}

/** Runs one transition in the caller's transaction; returns what the verb added to the answer (the caller reloads the row). */
export async function runTransition<Row extends { id: string; version: number }, A extends string, S extends string, Extra>(
  ctx: Ctx,
  tx: Tx,
  rt: WorkflowRuntime<Row, A, S, Extra>,
  verbs: Record<A, WorkflowVerb<Row, A, S, any, Extra>>,
  id: string,
  action: A,
  version: number,
  rawPayload: unknown,
): Promise<Record<string, unknown>> {
  const row = await rt.load(tx, id);
  if (!row || !rt.canRead(ctx, row)) throw rt.notFound();
  const def = rt.actions[action];
  const verb = verbs[action];
  if (!def || !verb || verb.action !== action) throw new Error(`workflow ${rt.subject}: no verb file for action ${action}`);
  // A stale version first: the caller acted on an old screen and should see what changed (409).
  if (row.version !== version) throw versionConflict();
  const blocked = rt.blockedReason(ctx, row, action);
  if (blocked) throw new AppError('invalid_transition', `不能${rt.labels[action]}：${blocked}`);
  const payload = parsePayload(def.payload, rawPayload);
  if (verb.check) await verb.check({ ...ctx, db: tx }, row, payload);

  const effects = await verb.apply(ctx, tx, row, payload);
  const to = targetState(action, def, effects.to);
  const now = ctx.clock.now();
  const updated = await rt.update(tx, row, effects.set ?? {}, to, now);
  if (!updated) throw versionConflict();
  const more = (await effects.after?.(tx)) ?? {};
  await rt.record?.(tx, ctx, row, action, to, effects, more);
  await recordEvent(tx, ctx, {
    action: `${rt.subject}.${action}`,
    subjectType: rt.subject,
    subjectId: id,
    before: rt.auditView ? rt.auditView(row) : row,
    after: updated,
  });
  return more;
}
