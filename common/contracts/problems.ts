/**
 * The problems API (问题闭环): request bodies and responses, shared by the server and the web client (see shared.ts).
 * A problem answer is what `problems/presenter.ts` sends after `platform/visibility.ts` has filtered it (covert rounds,
 * 暗访组): the schema names exactly those fields, so nothing else can leave.
 */
import { z } from 'zod';
import { questionAnswer } from './category-questions';
import { PROBLEM_ACTION_NAMES, PROBLEM_SEVERITIES, PROBLEM_SOURCES, PROBLEM_STATES } from '../problem-workflow';
import { id, pageOf, timestamp } from './shared';
import { supervisionNoticeResponse } from './supervision';

/* ---------- requests ---------- */

/** 上报问题 (idempotent by `clientId`: a resend answers the first problem with 200). */
export const submitProblemBody = z.object({
  clientId: z.string().trim().min(8, 'clientId 至少 8 位').max(64),
  description: z.string().trim().min(4, '问题描述至少 4 个字').max(1000, '问题描述不能超过 1000 字'),
  categoryCode: z.string().trim().min(1, '请选择问题类别').max(20),
  /** Optional: the server derives it from the reporter's role and refuses a source the role may not use. */
  source: z.enum(PROBLEM_SOURCES).optional(),
  severity: z.enum(PROBLEM_SEVERITIES).default('normal'),
  location: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  siteId: z.uuid().nullable().optional(),
  photoIds: z.array(z.uuid()).max(9, '最多 9 张照片').default([]),
});

/** 批量立案 / 批量派遣: each item at the version on screen, one shared payload. */
export const bulkTransitionBody = z.object({
  action: z.enum(['accept', 'dispatch'] as const, { error: '批量操作仅支持立案和派遣' }),
  items: z
    .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
    .min(1, '请选择问题')
    .max(200, '一次最多 200 条'),
  payload: z.record(z.string(), z.unknown()).default({}),
});

/* ---------- responses ---------- */

const problemAction = z.enum(PROBLEM_ACTION_NAMES);
const problemState = z.enum(PROBLEM_STATES);

/** A problem as a list shows it, with the actions the caller may take now. */
export const problemResponse = z.object({
  id,
  code: z.string(),
  description: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  source: z.enum(PROBLEM_SOURCES),
  severity: z.enum(PROBLEM_SEVERITIES),
  state: problemState,
  overdue: z.boolean(),
  regionId: id,
  regionName: z.string(),
  siteId: id.nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  address: z.string().nullable(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  assigneeId: id.nullable(),
  /** Null (and the name 暗访组) when a covert team's member reported it and the caller may not know them. */
  reporterId: id.nullable(),
  reporterName: z.string().nullable(),
  deadline: timestamp.nullable(),
  dispatchedAt: timestamp.nullable(),
  rectifiedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  extensionRequest: z.object({ days: z.number().int(), reason: z.string().nullable() }).nullable(),
  extensionCount: z.number().int(),
  reworkCount: z.number().int(),
  relapsedFrom: id.nullable(),
  relapseCount: z.number().int(),
  isRelapse: z.boolean(),
  /** Times the responsible unit sent it back (退回); with state 已立案 it waits for the office to dispatch it again. */
  disputeCount: z.number().int(),
  duplicateOf: id.nullable(),
  rejectReason: z.string().nullable(),
  supervisedAt: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  version: z.number().int(),
  allowedActions: z.array(problemAction),
});

/** A page of problems; past `LIST_COUNT_CAP` matches `total` is the cap and `totalCapped` is true. */
export const problemPage = pageOf(problemResponse).extend({ totalCapped: z.boolean() });

/** A photo of a problem at a stage (links to the watermarked evidence copy and the thumbnail). */
export const problemPhoto = z.object({
  fileId: id,
  stage: z.enum(['report', 'rectification', 'verification']),
  url: z.string(),
  thumbnailUrl: z.string(),
});

/** A timeline entry: a workflow action, or report / relapse / remind / supervise / escalate / a covert round's entry. */
export const timelineEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: problemState.nullable(),
  toState: problemState.nullable(),
  /** Null (and the name 暗访组) for a covert round's entry. */
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  at: timestamp,
});

/** One problem with its visible photos, visible timeline and supervision notices. */
export const problemDetail = problemResponse.extend({
  /** Its site (点位), when the caller may open the site. */
  site: z.object({ id, name: z.string() }).nullable(),
  /** The inspection round that found it, when the caller may see the round (a covert round: its team, or after release). */
  round: z.object({ id, name: z.string(), isCovert: z.boolean() }).nullable(),
  photos: z.array(problemPhoto),
  timeline: z.array(timelineEntry),
  supervisionNotices: z.array(supervisionNoticeResponse),
  /** 附加问题 answered with the report (Open311 attributes); staff only, never in a public answer. */
  questionAnswers: z.array(questionAnswer),
});

/** The problem after an action; 回头看 反弹 (`reopen`) also names the new linked problem. */
export const transitionResult = problemResponse.extend({
  relapseProblemId: id.optional(),
  relapseCode: z.string().optional(),
});

/** Counts by state (states with none are left out) plus overdue, for the workbench. */
export const problemSummary = z.object({
  byState: z.partialRecord(problemState, z.number().int()),
  overdue: z.number().int(),
});

/** The unit the server suggests for dispatch, with its reason, or null. */
export const dispatchSuggestion = z.object({
  suggestion: z.object({ unitId: id, unitName: z.string(), reason: z.string() }).nullable(),
});

/** The result of a bulk action, one entry per problem (a failure does not undo the others). */
export const bulkTransitionResult = z.object({
  results: z.array(
    z.object({
      id,
      ok: z.boolean(),
      code: z.string().optional(),
      version: z.number().int().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

/** 考核指标 of one unit or town for the period (rates 0–1 to 4 decimals, null when the denominator is empty). */
export const problemMetricsRow = z.object({
  groupId: id,
  groupName: z.string(),
  dispatched: z.number().int(),
  closed: z.number().int(),
  due: z.number().int(),
  closeRate: z.number().nullable(),
  closedOnTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  reworked: z.number().int(),
  reworkRate: z.number().nullable(),
  extended: z.number().int(),
  extensionRate: z.number().nullable(),
  overdue: z.number().int(),
  relapses: z.number().int(),
  avgRectifyHours: z.number().nullable(),
});
export const problemMetricsPage = pageOf(problemMetricsRow);

export type ProblemDto = z.input<typeof problemResponse>;
export type ProblemPageDto = z.input<typeof problemPage>;
export type ProblemDetailDto = z.input<typeof problemDetail>;
export type ProblemPhotoDto = z.input<typeof problemPhoto>;
export type TimelineEntryDto = z.input<typeof timelineEntry>;
export type TransitionResultDto = z.input<typeof transitionResult>;
export type ProblemSummaryDto = z.input<typeof problemSummary>;
export type DispatchSuggestionDto = z.input<typeof dispatchSuggestion>;
export type BulkTransitionResultDto = z.input<typeof bulkTransitionResult>;
export type ProblemMetricsRowDto = z.input<typeof problemMetricsRow>;
export type SubmitProblemInput = z.input<typeof submitProblemBody>;
export type BulkTransitionInput = z.input<typeof bulkTransitionBody>;
