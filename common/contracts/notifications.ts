/**
 * The notifications API: the bell (my notices, unread count, mark read) and 提醒与督办设置 of a region (the deadline
 * sweep's thresholds and the channels each notice kind goes out on). Shared by the server and the web client (see
 * shared.ts).
 */
import { z } from 'zod';
import { id, timestamp } from './shared';

/** A notice in the bell. `kind` is a notice kind (dispatched, overdue, supervised…); older kinds stay readable. */
export const notificationResponse = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  problemId: id.nullable(),
  createdAt: timestamp,
  read: z.boolean(),
});

/** A page of my notices with my unread count. */
export const notificationPage = z.object({
  items: z.array(notificationResponse),
  total: z.number().int(),
  unread: z.number().int(),
});

/** The deadline sweep's thresholds as they apply in a region, with where they come from. */
export const noticeThresholds = z.object({
  remindBeforeHours: z.number().int(),
  escalateAfterHours: z.number().int(),
  /** The region whose row applies; null = the shipped default. */
  regionId: id.nullable(),
  inherited: z.boolean(),
  /** The region's own row's version; null when it has none (it inherits). */
  version: z.number().int().nullable(),
});

/** A notice kind's channel as it applies in a region (nearest region's row; in-app on by default). */
export const noticeChannelSetting = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  channel: z.enum(['in_app', 'sms', 'webhook']),
  enabled: z.boolean(),
  /** Only recipients holding one of these roles get the notice on this channel; null = everyone. */
  roles: z.array(z.string()).nullable(),
  regionId: id.nullable(),
  inherited: z.boolean(),
});

/** 提醒与督办设置 of a region (default: the caller's own). */
export const noticeSettingsResponse = z.object({
  region: z.object({ id, name: z.string() }).nullable(),
  thresholds: noticeThresholds.extend({ abilities: z.object({ update: z.boolean(), reset: z.boolean() }) }),
  channels: z.array(noticeChannelSetting),
});

export type NotificationDto = z.input<typeof notificationResponse>;
export type NotificationPageDto = z.input<typeof notificationPage>;
export type NoticeThresholdsDto = z.input<typeof noticeThresholds>;
export type NoticeSettingsDto = z.input<typeof noticeSettingsResponse>;
