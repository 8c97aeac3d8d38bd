/**
 * 好人之城 publication as data: once voting has ended the office of the selection's region publishes the winners
 * (进行中 → 已发布). Publishing names the winners (by default the top of the ranking) and makes the 好人榜 public;
 * nothing about the scores changes after. The server's kernel enforces the table; the web reads it for the button.
 */
import { z } from 'zod';
import { SELECTION_STATES, type SelectionState } from './honours';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export type SelectionActor = 'office';

export const SELECTION_PAYLOADS = {
  publish: z.object({
    winnerIds: z.array(z.uuid('候选人编号格式不正确'), { error: '请选择当选人' }).min(1, '请至少选择一名当选人').max(200, '当选人过多'),
  }),
} as const;

export const SELECTION_ACTIONS = defineWorkflow(SELECTION_STATES, {
  publish: { from: ['open'], to: ['published'], by: 'office', payload: SELECTION_PAYLOADS.publish },
} satisfies Record<string, WorkflowActionDef<SelectionState, SelectionActor>>);
export type SelectionAction = keyof typeof SELECTION_ACTIONS;
export const SELECTION_ACTION_LABELS: Record<SelectionAction, string> = { publish: '发布结果' };
