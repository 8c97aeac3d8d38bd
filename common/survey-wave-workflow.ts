/**
 * 问卷调查 waves as data: 开始调查 (筹备中 → 调查中; interviews and public responses are accepted) and 结束调查
 * (调查中 → 已结束; nothing more is accepted, results stay). The office (surveys.manage) takes both. The server's kernel
 * (server/platform/workflow.ts) enforces the table; the web reads the same table for its buttons.
 */
import { z } from 'zod';
import type { WaveState } from './surveys';
import { WAVE_STATES } from './surveys';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export type WaveActor = 'office';

export const WAVE_PAYLOADS = { open: z.object({}), close: z.object({}) } as const;

export const WAVE_ACTIONS = defineWorkflow(WAVE_STATES, {
  open: { from: ['draft'], to: ['open'], by: 'office', payload: WAVE_PAYLOADS.open },
  close: { from: ['open'], to: ['closed'], by: 'office', payload: WAVE_PAYLOADS.close },
} satisfies Record<string, WorkflowActionDef<WaveState, WaveActor>>);
export type WaveAction = keyof typeof WAVE_ACTIONS;
export const WAVE_ACTION_NAMES = Object.keys(WAVE_ACTIONS) as [WaveAction, ...WaveAction[]];
export const WAVE_ACTION_LABELS: Record<WaveAction, string> = { open: '开始调查', close: '结束调查' };
