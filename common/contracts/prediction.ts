/**
 * 预测测评得分 (GET /api/prediction): the expected 实地考察 score of a campaign's active 测评体系 with an 80 % band, its
 * breakdown by 测评项目 and by site type, and the 对标补短 priority list. The method is described in
 * server/modules/prediction/estimate.ts; every figure comes from published rounds only (a covert round counts after
 * its release), so it is the same for every reader.
 */
import { z } from 'zod';
import { id, timestamp } from './shared';

export const predictionQuery = z.object({
  /** The campaign; without it the reader's first active campaign. */
  campaignId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('创建项目编号（campaignId）格式不正确').optional()),
  /** How many of the latest published rounds to learn from (1–12, default 3). */
  rounds: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ error: '轮次数（rounds）须为 1 到 12 的整数' })
      .int('轮次数（rounds）须为 1 到 12 的整数')
      .min(1, '轮次数（rounds）须为 1 到 12 的整数')
      .max(12, '轮次数（rounds）须为 1 到 12 的整数')
      .default(3),
  ),
});
export type PredictionQuery = z.input<typeof predictionQuery>;

export const PREDICTION_GRADES = ['A', 'B', 'C', 'D'] as const;
const grade = z.enum(PREDICTION_GRADES);

const predictionRound = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  sites: z.number().int(),
  visits: z.number().int(),
});

export const predictionPriority = z.object({
  standardId: id,
  standardCode: z.string(),
  standardText: z.string(),
  itemName: z.string(),
  points: z.number(),
  siteTypeCode: z.string(),
  siteTypeName: z.string(),
  /** Share of this standard's observations expected from this site type. */
  weight: z.number(),
  passed: z.number().int(),
  failed: z.number().int(),
  /** Estimated probability that a sampled site of this type passes. */
  passRate: z.number(),
  atStake: z.number(),
  expectedGain: z.number(),
  openProblems: z.number().int(),
  problemSites: z.number().int(),
  overdueProblems: z.number().int(),
  oldestOpenAt: timestamp.nullable(),
  insufficient: z.boolean(),
});
export type PredictionPriorityDto = z.input<typeof predictionPriority>;

export const predictionResponse = z.object({
  campaign: z.object({ id, name: z.string() }),
  /** The 测评体系 version estimated (the latest published round's, else the campaign's newest); null: none yet. */
  version: z.object({ id, name: z.string() }).nullable(),
  rounds: z.array(predictionRound),
  score: z.object({
    expected: z.number(),
    low: z.number(),
    high: z.number(),
    fullMarks: z.number(),
    percent: z.number(),
    grade,
    lowGrade: grade,
    highGrade: grade,
    /** Applicable checklist observations behind the figure. */
    observations: z.number().int(),
    /** Sites visited over the rounds used. */
    visits: z.number().int(),
    /** Share of the full marks carried by standards with at least `minObservations` observations. */
    coverage: z.number(),
    insufficient: z.boolean(),
  }),
  method: z.object({
    priorStrength: z.number(),
    draws: z.number().int(),
    bandLevel: z.number(),
    minObservations: z.number().int(),
    roundsAsked: z.number().int(),
  }),
  byItem: z.array(
    z.object({
      name: z.string(),
      fullMarks: z.number(),
      expected: z.number(),
      standards: z.number().int(),
      observations: z.number().int(),
    }),
  ),
  bySiteType: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      sampled: z.number().int(),
      registered: z.number().int(),
      observations: z.number().int(),
      fullMarks: z.number(),
      expected: z.number(),
    }),
  ),
  priorities: z.array(predictionPriority),
});
export type PredictionDto = z.input<typeof predictionResponse>;
