/**
 * 好人之城 verification as data: the office of the selection's region verifies a nomination with its materials and
 * decides — 审核通过 (待审核 → 候选人, shown publicly with the story) or 不予通过 with a reason (待审核 → 未通过; the
 * nominating unit is told). The server's kernel (server/platform/workflow.ts) enforces the table; the web reads it.
 */
import { z } from 'zod';
import { NOMINATION_STATES, type NominationState } from './honours';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export type NominationActor = 'office';

export const NOMINATION_PAYLOADS = {
  approve: z.object({
    note: z.string({ error: '请填写核实情况' }).trim().min(4, '核实情况至少 4 个字').max(1000, '核实情况至多 1000 个字'),
    materialIds: z.array(z.uuid('材料编号格式不正确')).max(10, '材料至多 10 份').optional(),
  }),
  reject: z.object({
    reason: z.string({ error: '请填写不予通过的理由' }).trim().min(4, '理由至少 4 个字').max(500, '理由至多 500 个字'),
    note: z.string().trim().max(1000).optional(),
    materialIds: z.array(z.uuid('材料编号格式不正确')).max(10, '材料至多 10 份').optional(),
  }),
} as const;

export const NOMINATION_ACTIONS = defineWorkflow(NOMINATION_STATES, {
  approve: { from: ['submitted'], to: ['approved'], by: 'office', payload: NOMINATION_PAYLOADS.approve },
  reject: { from: ['submitted'], to: ['rejected'], by: 'office', payload: NOMINATION_PAYLOADS.reject },
} satisfies Record<string, WorkflowActionDef<NominationState, NominationActor>>);
export type NominationAction = keyof typeof NOMINATION_ACTIONS;
export const NOMINATION_ACTION_LABELS: Record<NominationAction, string> = { approve: '审核通过', reject: '不予通过' };
