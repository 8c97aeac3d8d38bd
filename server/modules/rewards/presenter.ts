/** Rules and entries as the API answers them (common/contracts/rewards.ts). */
import type { z } from 'zod';
import type { rewardEntryResponse, rewardRuleResponse } from '../../../common/contracts/rewards';
import { REWARD_ENTRY_STATE_LABELS, REWARD_KIND_LABELS, type RewardEntryState } from '../../../common/reward-workflow';
import { periodLabel } from '../../../common/period';
import type { Actor } from '../../platform/actor';
import { mayManage } from './access';
import { allowedEntryActions } from './entry-workflow';
import { describeRule } from './match-rules';
import type { EntryRow, RuleRow } from './repository';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function ruleFields(r: {
  name: string;
  match: RuleRow['match'];
  list: RuleRow['list'];
  rank: number | null;
  score: number | null;
  streak: number | null;
  proposal: RuleRow['proposal'];
  group_name?: string | null;
  groupName?: string | null;
  kind: RuleRow['kind'];
  amount: number | null;
  points: number | null;
}) {
  const shape = {
    match: r.match,
    list: r.list ?? null,
    rank: r.rank ?? null,
    score: r.score ?? null,
    streak: r.streak ?? null,
    proposal: r.proposal ?? null,
    groupName: r.group_name ?? r.groupName ?? null,
    kind: r.kind,
    amount: num(r.amount),
    points: num(r.points),
  };
  return { name: r.name, ...shape, description: describeRule(shape) };
}

export function presentRule(r: RuleRow, actor: Actor): z.infer<typeof rewardRuleResponse> {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    schemeKey: r.scheme_key,
    schemeName: r.scheme_name,
    ...ruleFields(r),
    active: r.active,
    version: r.version,
    updatedAt: r.updated_at,
    abilities: { edit: mayManage(actor, r) },
  };
}

export function presentEntry(e: EntryRow, actor: Actor): z.infer<typeof rewardEntryResponse> {
  return {
    id: e.id,
    runId: e.run_id,
    runRevision: e.run_revision,
    runState: e.run_state,
    campaignId: e.campaign_id,
    schemeKey: e.scheme_key,
    schemeName: e.scheme_name,
    period: e.period,
    periodLabel: periodLabel(e.period),
    groupName: e.group_name,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    subjectName: e.subject_name,
    basis: e.basis,
    score: e.score,
    rank: e.rank,
    ruleId: e.rule_id,
    ruleName: e.rule_name,
    ruleDescription: e.rule_description,
    kind: e.kind,
    kindLabel: REWARD_KIND_LABELS[e.kind],
    amount: num(e.amount),
    points: num(e.points),
    state: e.state,
    stateLabel: REWARD_ENTRY_STATE_LABELS[e.state as RewardEntryState],
    flagged: e.flagged,
    flagNote: e.flag_note,
    proposedAt: e.proposed_at,
    approvedByName: e.approved_by_name,
    approvedAt: e.approved_at ?? null,
    approveComment: e.approve_comment,
    fulfilledByName: e.fulfilled_by_name,
    fulfilledAt: e.fulfilled_at ?? null,
    proofFileId: e.proof_file_id,
    proofFileName: e.proof_file_name,
    fulfilNote: e.fulfil_note,
    withdrawnAt: e.withdrawn_at ?? null,
    withdrawReason: e.withdraw_reason,
    version: e.version,
    allowedActions: allowedEntryActions(actor, e),
  };
}
