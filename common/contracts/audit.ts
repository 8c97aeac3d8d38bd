/** The audit API (审计日志, 审计管理员): responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { pageOf, timestamp } from './shared';

/** An audit event as the API shows it: changed fields as [before, after] pairs. */
export const auditEventResponse = z.object({
  /** The event's number (a bigint sequence, small enough for a JSON number). */
  id: z.number().int(),
  occurredAt: timestamp,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The action in Chinese (上报问题, 发布暗访结果, …). */
  actionLabel: z.string(),
  /** The subject type in Chinese (问题, 督查轮次, …). */
  subjectTypeLabel: z.string(),
  /** The subject's name when it is an account, unit or region (else null: the id stands). */
  subjectName: z.string().nullable(),
  /** The changes in words: each field's label and its values (ids of accounts, units and regions as names). */
  details: z.array(z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});

export const auditEventPage = pageOf(auditEventResponse);

/** The hash chain checked from its start: the first link that does not hold, and the events not sealed yet. */
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Events (chain links) checked. */
  checked: z.number().int(),
  firstBadId: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Events written but not yet given their place in the chain (sealed within seconds), and the oldest one's time. */
  unsealed: z.number().int(),
  oldestUnsealedAt: timestamp.nullable(),
});

/** The newest signed chain head published outside the database (audit-anchor.ts). */
export const auditAnchor = z.object({
  version: z.literal(1),
  seq: z.number().int(),
  hash: z.string(),
  /** ISO time, as signed. */
  anchoredAt: z.string(),
  signature: z.string(),
});

/** The newest anchor and whether the database still agrees with it (all null before the first anchor). */
export const auditAnchorResponse = z.object({
  anchor: auditAnchor.nullable(),
  file: z.string().nullable(),
  signatureValid: z.boolean().nullable(),
  ok: z.boolean().nullable(),
  reason: z.string().nullable(),
});

export type AuditEventDto = z.input<typeof auditEventResponse>;
export type AuditVerifyDto = z.input<typeof auditVerifyResponse>;
export type AuditAnchorDto = z.input<typeof auditAnchorResponse>;
