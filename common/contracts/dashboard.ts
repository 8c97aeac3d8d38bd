/**
 * The command dashboard (指挥大屏): one answer per scope region, read from the pre-aggregated snapshot
 * (server/modules/dashboard/refresh-snapshots.ts), never computed per view. Figures are official: a finding of a covert
 * round counts only once the round is released, for everyone.
 */
import { z } from 'zod';
import { REGION_LEVELS } from '../enums';
import { PROBLEM_STATES } from '../problem-workflow';
import { id, timestamp } from './shared';

export const dashboardQuery = z.object({
  /** A region inside the reader's scope (city, county or town); default: the widest region of the reader's scope. */
  regionId: z.uuid('区域编号格式不正确').optional(),
});

const count = z.number().int();
const rate = z.number().nullable();

/** What the refresh stores per region (city, county, town) and the endpoint answers. */
export const dashboardFigures = z.object({
  /** The month the rates are about (`2026-12`) and its label (`2026年12月`). */
  period: z.string(),
  periodLabel: z.string(),
  kpis: z.object({
    /** 在办问题: not closed and not rejected. */
    open: count,
    /** 已超期: dispatched or rectifying past the deadline. */
    overdue: count,
    /** 本月结案率 over this month's cohort (first dispatched this month): 结案数 ÷ 应结案数 (problems/metrics.ts). */
    closeRate: rate,
    closed: count,
    due: count,
    /** 本月按期结案率. */
    onTimeRate: rate,
    /** 暗访发现问题: 不符合 results of released covert rounds' visits this month. */
    covertFindings: count,
    /** 督办中: open problems with a 督办单. */
    supervising: count,
  }),
  /** Problems per state (every state, in workflow order). */
  byState: z.array(z.object({ state: z.enum(PROBLEM_STATES), count })),
  /** 达标率 per site type: each active site's last released visit, reaching its round's line or not. */
  siteTypes: z.array(z.object({ code: z.string(), name: z.string(), visited: count, passed: count, rate })),
  /** The last twelve months, oldest first: reported, closed in the month, and how many of the month's reports are closed now. */
  trend: z.array(
    z.object({ period: z.string(), label: z.string(), reported: count, closed: count, reportedClosed: count, closureRate: rate }),
  ),
  /** Towns (乡镇街道) of the region with the most overdue, then open problems (at most 10). */
  towns: z.array(z.object({ regionId: id, name: z.string(), open: count, overdue: count })),
  /** 红黑榜 of the latest published 月评排名 covering the region. */
  lists: z
    .object({
      runId: id,
      period: z.string(),
      campaignName: z.string(),
      red: z.array(z.object({ groupName: z.string(), subjectName: z.string(), score: z.number(), rank: count })),
      black: z.array(z.object({ groupName: z.string(), subjectName: z.string(), score: z.number(), rank: count })),
    })
    .nullable(),
});

export const dashboardResponse = dashboardFigures.extend({
  region: z.object({ id, name: z.string(), level: z.enum(REGION_LEVELS) }),
  /** When the snapshot was computed (数据更新于 HH:mm). */
  computedAt: timestamp,
});

/** The sites of the region with a location, coloured on the map by their last score (kept small: a city has 20 000). */
export const dashboardSitesResponse = z.object({
  items: z.array(
    z.object({
      id,
      name: z.string(),
      lat: z.number(),
      lng: z.number(),
      /** 得分率 (0–1) of the last released visit, null when never visited. */
      scoreRate: z.number().nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
  computedAt: timestamp,
});

export const dashboardRefreshResponse = z.object({ regions: count, sites: count, computedAt: timestamp, ms: count });

export type DashboardDto = z.input<typeof dashboardResponse>;
export type DashboardSitesDto = z.input<typeof dashboardSitesResponse>;
