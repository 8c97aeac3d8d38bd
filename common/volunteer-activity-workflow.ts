/**
 * 志愿之城 activities as data: 取消活动 (已发布 → 已取消, with a reason; signed and waiting volunteers are told) and
 * 结束活动 (已发布 → 已结束: taken by 认证时长 once the activity has ended and every attendance is certified). The
 * organiser, a team admin of the organising team or the office of the region takes them. The server's kernel
 * (server/platform/workflow.ts) enforces the table; the web reads the same table for its buttons.
 */
import { z } from 'zod';
import { ACTIVITY_STATES, type ActivityState } from './volunteers';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export type ActivityActor = 'organiser';

export const ACTIVITY_PAYLOADS = {
  cancel: z.object({ reason: z.string({ error: '请填写取消原因' }).trim().min(2, '请填写取消原因').max(200) }),
  finish: z.object({}),
} as const;

export const ACTIVITY_ACTIONS = defineWorkflow(ACTIVITY_STATES, {
  cancel: { from: ['published'], to: ['cancelled'], by: 'organiser', payload: ACTIVITY_PAYLOADS.cancel },
  finish: { from: ['published'], to: ['finished'], by: 'organiser', payload: ACTIVITY_PAYLOADS.finish },
} satisfies Record<string, WorkflowActionDef<ActivityState, ActivityActor>>);
export type ActivityAction = keyof typeof ACTIVITY_ACTIONS;
export const ACTIVITY_ACTION_LABELS: Record<ActivityAction, string> = { cancel: '取消活动', finish: '结束活动' };
