/**
 * The patrols API (点长巡查打卡): the site lead's daily check-in per site, and the month grid the office, the 包保单位
 * and the leader read. Request bodies and responses, shared by the server and the web client (see shared.ts).
 *
 * Which days count: working days by the holiday calendar (法定节假日 off, 调休上班日 on; Beijing calendar days), from
 * the day the site was registered, for active sites whose 点长 has an account (sites.lead_user_id). A check-in on a
 * rest day is recorded and shown but not required. Today counts once it is done (until midnight it is 待打卡).
 */
import { z } from 'zod';
import { PROBLEM_SEVERITIES, PROBLEM_STATES } from '../problem-workflow';
import { id, timestamp } from './shared';

/** 巡查结果: nothing wrong, or a problem found (filed through the problem report flow). */
export const PATROL_RESULTS = ['ok', 'problem'] as const;
export type PatrolResult = (typeof PATROL_RESULTS)[number];
export const PATROL_RESULT_LABELS: Record<PatrolResult, string> = { ok: '巡查无问题', problem: '发现问题' };

/**
 * A site's state on one day: done (✓), missed (✗, a working day gone by without a check-in), pending (today, not yet),
 * rest (a rest day without a check-in), none (not required: before the site was registered, or no 点长 account),
 * future.
 */
export const PATROL_DAY_STATES = ['done', 'missed', 'pending', 'rest', 'none', 'future'] as const;
export type PatrolDayState = (typeof PATROL_DAY_STATES)[number];
export const PATROL_DAY_MARKS: Record<PatrolDayState, string> = {
  done: '✓',
  missed: '✗',
  pending: '○',
  rest: '休',
  none: '—',
  future: '',
};
export const PATROL_DAY_LABELS: Record<PatrolDayState, string> = {
  done: '已打卡',
  missed: '漏打卡',
  pending: '今日待打卡',
  rest: '休息日',
  none: '无需打卡',
  future: '未到',
};

/** Farther than this from the site's coordinates, a check-in is flagged 距点位较远 (recorded, not refused). */
export const PATROL_FAR_METRES = 500;

/** A month as YYYY-MM. */
export const monthCode = z.string().regex(/^(20\d{2})-(0[1-9]|1[0-2])$/, '月份格式为 2026-12');

/* ---------- requests ---------- */

/**
 * 打卡. Idempotent by `clientId` (per lead): a phone resending after a lost answer gets the same check-in (200). A second,
 * different check-in for the same site on the same day answers 409. With result `problem`, `problem` is filed through
 * the problem report flow (site, photos and location of the check-in) and linked.
 */
export const checkInBody = z
  .object({
    clientId: z.string().trim().min(8, 'clientId 至少 8 位').max(56),
    siteId: z.uuid('请选择点位'),
    photoIds: z.array(z.uuid()).min(1, '请至少拍一张现场照片').max(9, '最多 9 张照片'),
    note: z.string().trim().max(500, '备注不能超过 500 字').nullable().optional(),
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        /** Metres, as the device reports it. */
        accuracy: z.number().min(0).max(100_000).nullable().optional(),
      })
      .nullable()
      .optional(),
    result: z.enum(PATROL_RESULTS, { error: '请选择“巡查无问题”或“发现问题”' }),
    problem: z
      .object({
        categoryCode: z.string().trim().min(1, '请选择问题类别').max(20),
        description: z.string().trim().min(4, '问题描述至少 4 个字').max(1000, '问题描述不能超过 1000 字'),
        severity: z.enum(PROBLEM_SEVERITIES).default('normal'),
      })
      .nullable()
      .optional(),
  })
  .refine((b) => b.result !== 'problem' || !!b.problem, { message: '发现问题时请选择问题类别并填写描述', path: ['problem'] })
  .refine((b) => b.result !== 'ok' || !b.problem, { message: '“巡查无问题”不能同时上报问题', path: ['problem'] });

/* ---------- responses ---------- */

const location = z.object({ lat: z.number(), lng: z.number(), accuracy: z.number().nullable() });

/** One check-in with its photos, place and (when the reader may see it) the problem filed with it. */
export const patrolResponse = z.object({
  id,
  siteId: id,
  siteName: z.string(),
  siteAddress: z.string().nullable(),
  /** The Beijing calendar day it counts for (YYYY-MM-DD). */
  day: z.string(),
  checkedAt: timestamp,
  leadUserId: id,
  leadName: z.string(),
  result: z.enum(PATROL_RESULTS),
  note: z.string().nullable(),
  location: location.nullable(),
  /** Where the position came from: the device at check-in, or (without one) the first photo. */
  locationSource: z.enum(['device', 'photo']).nullable(),
  /** Metres from the site's coordinates; null when either is unknown. */
  distanceM: z.number().int().nullable(),
  far: z.boolean(),
  photos: z.array(z.object({ fileId: id, takenAt: timestamp.nullable(), thumbnailUrl: z.string(), evidenceUrl: z.string() })),
  /** The problem reported with it, shown only when the reader may see that problem. */
  problem: z.object({ id, code: z.string(), state: z.enum(PROBLEM_STATES) }).nullable(),
});

/** A check-in as the lead's list shows it. */
export const patrolBrief = z.object({
  id,
  checkedAt: timestamp,
  result: z.enum(PATROL_RESULTS),
  distanceM: z.number().int().nullable(),
  far: z.boolean(),
  photoCount: z.number().int(),
});

/** Counts of a month: required (working) days so far, done, missed, rate (done ÷ required; null when none). */
export const patrolTally = z.object({
  required: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  rate: z.number().nullable(),
});

/** The lead's sites today (the phone page and the 点长's home). */
export const patrolTodayResponse = z.object({
  day: z.string(),
  /** 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  working: z.boolean(),
  /** The holiday calendar's name for the day (国庆节, 国庆节调休上班), if any. */
  dayName: z.string().nullable(),
  items: z.array(
    z.object({
      siteId: id,
      siteName: z.string(),
      siteTypeName: z.string(),
      address: z.string().nullable(),
      location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
      state: z.enum(['done', 'pending', 'rest']),
      patrol: patrolBrief.nullable(),
      month: patrolTally,
    }),
  ),
  total: z.number().int(),
  /** Done today ÷ sites (all of the lead's active sites). */
  doneToday: z.number().int(),
});

/** A day of the month grid's header. */
export const patrolDay = z.object({
  day: z.string(),
  dayOfMonth: z.number().int(),
  weekday: z.number().int(),
  working: z.boolean(),
  name: z.string().nullable(),
});

/** Totals over every site the filters match (not only the page). */
export const patrolSummary = patrolTally.extend({
  sites: z.number().int(),
  /** Active sites whose 点长 has no account: nobody can check in there (not counted). */
  sitesWithoutLead: z.number().int(),
  /** Sites checked in today, of those that must be today (0 on a rest day). */
  todayDone: z.number().int(),
  todayRequired: z.number().int(),
});

/** 月度打卡表: sites × days. */
export const patrolGridResponse = z.object({
  month: z.string(),
  label: z.string(),
  today: z.string(),
  days: z.array(patrolDay),
  items: z.array(
    patrolTally.extend({
      siteId: id,
      siteName: z.string(),
      siteTypeName: z.string(),
      townName: z.string().nullable(),
      unitName: z.string().nullable(),
      leadUserId: id.nullable(),
      leadName: z.string().nullable(),
      cells: z.array(z.object({ state: z.enum(PATROL_DAY_STATES), patrolId: id.nullable() })),
    }),
  ),
  total: z.number().int(),
  summary: patrolSummary,
});

/** 漏打卡名单: per 点长, the month's tally and every missed day, most missed first. */
export const patrolLeadsResponse = z.object({
  month: z.string(),
  label: z.string(),
  items: z.array(
    patrolTally.extend({
      leadUserId: id,
      leadName: z.string(),
      sites: z.number().int(),
      missedDays: z.array(z.object({ day: z.string(), siteId: id, siteName: z.string() })),
    }),
  ),
  total: z.number().int(),
});

/** Today and this month at a glance (for the office's, the unit's and the leader's home). */
export const patrolOverviewResponse = z.object({
  day: z.string(),
  working: z.boolean(),
  month: z.string(),
  summary: patrolSummary,
  /** Up to 5 leads with the most missed days this month (none when nobody missed). */
  worstLeads: z.array(z.object({ leadUserId: id, leadName: z.string(), missed: z.number().int(), rate: z.number().nullable() })),
});

export type CheckInInput = z.input<typeof checkInBody>;
export type PatrolDto = z.input<typeof patrolResponse>;
export type PatrolTodayDto = z.input<typeof patrolTodayResponse>;
export type PatrolGridDto = z.input<typeof patrolGridResponse>;
export type PatrolLeadsDto = z.input<typeof patrolLeadsResponse>;
export type PatrolOverviewDto = z.input<typeof patrolOverviewResponse>;
export type PatrolTallyDto = z.input<typeof patrolTally>;
