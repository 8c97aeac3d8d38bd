/** 12345 热线工单: the intake API, the .xlsx import and the 办结回复 (callback and export). */
import { z } from 'zod';
import { id, pageOf, timestamp } from './shared';

/** One work order as the 12345 platform sends it (intake API, key-authenticated). */
export const hotlineOrderBody = z.object({
  orderNo: z.string().trim().min(1, '请填写工单号').max(40, '工单号不超过 40 字'),
  content: z.string().trim().min(2, '诉求内容至少 2 字').max(2000, '诉求内容不超过 2000 字'),
  address: z.string().trim().max(200).nullish(),
  calledAt: z.iso.datetime({ offset: true, error: '来电时间须为带时区的 ISO 8601 时间' }),
  caller: z.string().trim().max(40).nullish(),
  transferUnit: z.string().trim().max(60).nullish(),
  dueAt: z.iso.datetime({ offset: true, error: '办理时限须为带时区的 ISO 8601 时间' }).nullish(),
  categoryCode: z.string().trim().max(10).nullish(),
});
export type HotlineOrderInput = z.input<typeof hotlineOrderBody>;

export const hotlineOrderCreated = z.object({ problemCode: z.string(), orderNo: z.string(), created: z.boolean() });

/** A work order as the office sees it, with its 办结回复 and the callback's state. */
export const hotlineOrderResponse = z.object({
  problemId: id,
  problemCode: z.string(),
  problemState: z.string(),
  orderNo: z.string(),
  content: z.string(),
  address: z.string().nullable(),
  callerMasked: z.string().nullable(),
  transferUnit: z.string().nullable(),
  calledAt: timestamp,
  dueAt: timestamp.nullable(),
  repliedAt: timestamp.nullable(),
  replyText: z.string().nullable(),
  callback: z.enum(['none', 'not_configured', 'pending', 'retrying', 'failed', 'sent']),
  callbackAttempts: z.number().int(),
  callbackError: z.string().nullable(),
  callbackSentAt: timestamp.nullable(),
});
export type HotlineOrderDto = z.input<typeof hotlineOrderResponse>;
export const hotlineOrderPage = pageOf(hotlineOrderResponse);
