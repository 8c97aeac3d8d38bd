/**
 * 随手拍 (citizen reports): the public status steps, ratings and their Chinese labels, shared by the server, the public
 * pages and the office's pages. No zod here, so the light public bundle can import it.
 */
import type { ProblemState } from './problem-workflow';

/** What a citizen is told about a report: 受理 (received), 处理中, 已办结, or 不予受理 with the reason. */
export const PUBLIC_STATUSES = ['received', 'processing', 'closed', 'rejected'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const PUBLIC_STATUS_LABELS: Record<PublicStatus, string> = {
  received: '已受理',
  processing: '处理中',
  closed: '已办结',
  rejected: '不予受理',
};

/** The loop's states as the citizen sees them (no internal step is named). */
export const PUBLIC_STATUS_OF_STATE: Record<ProblemState, PublicStatus> = {
  pending: 'received',
  accepted: 'processing',
  dispatched: 'processing',
  rectifying: 'processing',
  verifying: 'processing',
  closed: 'closed',
  rejected: 'rejected',
};

export const RATINGS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically: '基本满意',
  dissatisfied: '不满意',
};

/** The problem sources that enter through the public door and wait in the 待受理 triage queue. */
export const PUBLIC_SOURCES = ['citizen', 'open311', 'hotline'] as const;
export type PublicSource = (typeof PUBLIC_SOURCES)[number];

/** 回访 states: waiting for the office, or answered. */
export const FOLLOWUP_STATES = ['open', 'done'] as const;
export type FollowupState = (typeof FOLLOWUP_STATES)[number];
export const FOLLOWUP_STATE_LABELS: Record<FollowupState, string> = { open: '待回访', done: '已回访' };

/** Merge suggestions: open problems of the same category within this distance and these days. */
export const MERGE_RADIUS_METERS = 50;
export const MERGE_WINDOW_DAYS = 14;

/** A device's id as the public pages keep it (localStorage). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
