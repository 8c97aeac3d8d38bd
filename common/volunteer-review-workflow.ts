/**
 * 志愿者审核 as data: an application (待审核) is approved (已通过) or not approved with a reason (未通过) by a team admin
 * of the team applied to or the office of the team's region, never by the applicant. The server's kernel
 * (server/platform/workflow.ts) enforces the table; the web's review dialog uses the same payload rules.
 */
import { z } from 'zod';
import { VOLUNTEER_STATES, type VolunteerState } from './volunteers';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export type VolunteerReviewer = 'reviewer';

export const VOLUNTEER_REVIEW_PAYLOADS = {
  approve: z.object({ comment: z.string().trim().max(200).nullish() }),
  reject: z.object({ comment: z.string({ error: '请填写未通过的原因' }).trim().min(2, '请填写未通过的原因').max(200) }),
} as const;

export const VOLUNTEER_REVIEW_ACTIONS = defineWorkflow(VOLUNTEER_STATES, {
  approve: { from: ['pending'], to: ['approved'], by: 'reviewer', payload: VOLUNTEER_REVIEW_PAYLOADS.approve },
  reject: { from: ['pending'], to: ['rejected'], by: 'reviewer', payload: VOLUNTEER_REVIEW_PAYLOADS.reject },
} satisfies Record<string, WorkflowActionDef<VolunteerState, VolunteerReviewer>>);
export type VolunteerReviewAction = keyof typeof VOLUNTEER_REVIEW_ACTIONS;
export const VOLUNTEER_REVIEW_LABELS: Record<VolunteerReviewAction, string> = { approve: '审核通过', reject: '审核不通过' };
