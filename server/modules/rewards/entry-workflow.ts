/**
 * An entry's lifecycle on the workflow kernel: the table is common/reward-workflow.ts, the verbs approve-entry.ts,
 * fulfil-entry.ts and withdraw-entry.ts; this file says how an entry is loaded, read-checked and updated, and who takes
 * each action (office: evaluation.manage; leader: evaluation.signOff, over the entry's campaign).
 */
import { REWARD_ACTION_LABELS, REWARD_ACTIONS, type RewardAction, type RewardEntryState } from '../../../common/reward-workflow';
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { mayReadEntry } from './access';
import { approveEntry } from './approve-entry';
import { fulfilEntry } from './fulfil-entry';
import { findEntry, type EntryRow } from './repository';
import { withdrawEntry } from './withdraw-entry';

const VERBS: Record<RewardAction, WorkflowVerb<EntryRow, RewardAction, RewardEntryState>> = {
  approve: approveEntry,
  fulfil: fulfilEntry,
  withdraw: withdrawEntry,
};

const PERMISSION: Record<'office' | 'leader', string> = { office: 'evaluation.manage', leader: 'evaluation.signOff' };

const mayTake = (actor: Actor, e: EntryRow, action: RewardAction) =>
  can(actor, PERMISSION[REWARD_ACTIONS[action].by], { regionPath: e.region_path, campaignId: e.campaign_id });

export function entryBlockedReason(actor: Actor, e: EntryRow, action: RewardAction): string | null {
  if (!mayTake(actor, e, action)) return '您不能执行此操作';
  return fromBlocked(REWARD_ACTIONS[action], e.state as RewardEntryState);
}

export const allowedEntryActions = (actor: Actor, e: EntryRow) =>
  (Object.keys(REWARD_ACTIONS) as RewardAction[]).filter((a) => entryBlockedReason(actor, e, a) === null);

export const entryRuntime: WorkflowRuntime<EntryRow, RewardAction, RewardEntryState> = {
  subject: 'reward_entry',
  actions: REWARD_ACTIONS,
  labels: REWARD_ACTION_LABELS,
  stateOf: (e) => e.state as RewardEntryState,
  load: (tx, id) => findEntry(tx, id),
  canRead: (ctx, e) => mayReadEntry(ctx.actor, e),
  notFound: () => notFound('奖惩记录'),
  blockedReason: (ctx, e, action) => {
    if (!mayTake(ctx.actor, e, action)) throw new AppError('forbidden', '没有权限执行此操作');
    return entryBlockedReason(ctx.actor, e, action);
  },
  update: (tx, e, set, to, now) =>
    tx
      .updateTable('reward_entries')
      .set({ ...set, state: to, version: e.version + 1 })
      .where('id', '=', e.id)
      .where('version', '=', e.version)
      .where('state', '=', e.state)
      .returning(['id', 'state', 'version', 'approved_at', 'fulfilled_at', 'proof_file_id', 'withdrawn_at', 'withdraw_reason'])
      .executeTakeFirst()
      .then((r) => (r ? { ...r, at: now } : undefined)),
  auditView: (e) => ({ state: e.state, period: e.period, subject_name: e.subject_name, kind: e.kind, amount: e.amount, points: e.points }),
};

/** Takes a lifecycle action on an entry (at the caller's version, or the current one). */
export async function transitionEntry(
  ctx: Ctx,
  id: string,
  input: { action: RewardAction; version?: number; comment?: string; fileId?: string; note?: string; reason?: string },
): Promise<void> {
  const entry = await findEntry(ctx.db, id);
  if (!entry || !mayReadEntry(ctx.actor, entry)) throw notFound('奖惩记录');
  const payload =
    input.action === 'approve'
      ? { comment: input.comment }
      : input.action === 'fulfil'
        ? { fileId: input.fileId, note: input.note }
        : { reason: input.reason };
  await ctx.db
    .transaction()
    .execute((tx) => runTransition(ctx, tx, entryRuntime, VERBS, id, input.action, input.version ?? entry.version, payload));
}
