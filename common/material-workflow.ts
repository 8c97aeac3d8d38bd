/**
 * 材料审核 as data: a unit's evidence for a material-review standard and a period is 待审核 until the office passes it
 * or returns it with a comment; a returned (or still pending) submission may be submitted again with more files; a
 * passed one is final. The server's kernel enforces the review actions; submission checks `MATERIAL_SUBMITTABLE`.
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export const MATERIAL_STATES = ['submitted', 'passed', 'returned'] as const;
export type MaterialState = (typeof MATERIAL_STATES)[number];

/** reviewer: 创建办 (or the lead unit's reviewer) whose scope covers the submitting unit. */
export type MaterialActor = 'reviewer';

/** States from which a unit may submit (again): a passed submission is final. */
export const MATERIAL_SUBMITTABLE: readonly (MaterialState | null)[] = [null, 'submitted', 'returned'];

export const MATERIAL_PAYLOADS = {
  pass: z.object({ comment: z.string().trim().max(1000).optional() }),
  return: z.object({ comment: z.string({ error: '退回材料须填写意见' }).trim().min(2, '退回材料须填写意见').max(1000) }),
} as const;

export const MATERIAL_ACTIONS = defineWorkflow(MATERIAL_STATES, {
  pass: { from: ['submitted'], to: ['passed'], by: 'reviewer', payload: MATERIAL_PAYLOADS.pass },
  return: { from: ['submitted'], to: ['returned'], by: 'reviewer', payload: MATERIAL_PAYLOADS.return },
} satisfies Record<string, WorkflowActionDef<MaterialState, MaterialActor>>);
export type MaterialAction = keyof typeof MATERIAL_ACTIONS;

export const MATERIAL_ACTION_LABELS: Record<MaterialAction, string> = { pass: '审核通过', return: '退回' };
