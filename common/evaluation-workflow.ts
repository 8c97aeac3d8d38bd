/**
 * 月评排名 as data: a run (a scheme version × a period) is 草稿 (only the office, leaders and the task force see it) →
 * 公示 (each unit sees its own row and may file an objection within the scheme's days) → 审定 (a leader signs it off
 * once every objection is answered) → 已发布 (everyone in the county sees the ranking). A published run is frozen;
 * 重新计算 (revise) makes a new revision, in 草稿, with a diff against the published one, which it supersedes when it is
 * published in turn. The server's kernel (server/platform/workflow.ts) enforces the table.
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export const EVALUATION_RUN_STATES = ['draft', 'publicized', 'signed_off', 'published', 'superseded'] as const;
export type EvaluationRunState = (typeof EVALUATION_RUN_STATES)[number];

export const EVALUATION_RUN_STATE_LABELS: Record<EvaluationRunState, string> = {
  draft: '草稿',
  publicized: '公示中',
  signed_off: '已审定',
  published: '已发布',
  superseded: '已被修订',
};

/** office: 创建办 or 创建专班 of the scheme's campaign; leader: 领导小组 (审定). */
export type EvaluationActor = 'office' | 'leader';

export const EVALUATION_PAYLOADS = {
  publicize: z.object({}),
  sign_off: z.object({ comment: z.string().trim().max(500).optional() }),
  publish: z.object({}),
  revise: z.object({}),
} as const;

export const EVALUATION_ACTIONS = defineWorkflow(EVALUATION_RUN_STATES, {
  publicize: { from: ['draft'], to: ['publicized'], by: 'office', payload: EVALUATION_PAYLOADS.publicize },
  sign_off: { from: ['publicized'], to: ['signed_off'], by: 'leader', payload: EVALUATION_PAYLOADS.sign_off },
  publish: { from: ['signed_off'], to: ['published'], by: 'office', payload: EVALUATION_PAYLOADS.publish },
  // The published run stays as it is; the verb makes the next revision (a new run in 草稿).
  revise: { from: ['published'], to: ['published'], by: 'office', payload: EVALUATION_PAYLOADS.revise },
} satisfies Record<string, WorkflowActionDef<EvaluationRunState, EvaluationActor>>);
export type EvaluationAction = keyof typeof EVALUATION_ACTIONS;
export const EVALUATION_ACTION_NAMES = Object.keys(EVALUATION_ACTIONS) as [EvaluationAction, ...EvaluationAction[]];

export const EVALUATION_ACTION_LABELS: Record<EvaluationAction, string> = {
  publicize: '公示',
  sign_off: '审定',
  publish: '发布',
  revise: '重新计算',
};

/** What a run of consecutive black-list months proposes (thresholds are the scheme's data). */
export const EVALUATION_PROPOSALS = ['interview', 'accountability'] as const;
export type EvaluationProposal = (typeof EVALUATION_PROPOSALS)[number];
export const EVALUATION_PROPOSAL_LABELS: Record<EvaluationProposal, string> = { interview: '约谈', accountability: '问责' };
/** Shipped thresholds: the second black-list month in a row proposes 约谈, the third 问责. */
export const DEFAULT_ESCALATION: ReadonlyArray<{ streak: number; action: EvaluationProposal }> = [
  { streak: 2, action: 'interview' },
  { streak: 3, action: 'accountability' },
];

export const OBJECTION_STATES = ['pending', 'adjusted', 'rejected'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = { pending: '待答复', adjusted: '已调整', rejected: '已驳回' };
