/**
 * Standings over time (月评排名 beyond one month): a subject's trend across published months and what cost it points;
 * 季度/半年/年度 roll-ups of a scheme family's published months (their average or sum, by the scheme's rule) plus the
 * 年度加减分事项 the office enters for the year (年度目标绩效考核); the bulletin's editable 下步工作要求.
 */
import { z } from 'zod';
import { INDICATOR_SUBJECT_TYPES, INDICATOR_UNITS } from '../indicators';
import { EVALUATION_PROPOSALS } from '../evaluation-workflow';
import { id, pageOf, timestamp } from './shared';

export const ROLLUP_METHODS = ['average', 'sum'] as const;
export type RollupMethod = (typeof ROLLUP_METHODS)[number];
export const ROLLUP_METHOD_LABELS: Record<RollupMethod, string> = { average: '各月平均', sum: '各月累计' };

const listCode = z.enum(['red', 'black']).nullable();

export const subjectMonth = z.object({
  period: z.string(),
  periodLabel: z.string(),
  runId: id,
  revision: z.number().int(),
  groupName: z.string(),
  score: z.number(),
  rank: z.number().int(),
  groupSize: z.number().int(),
  list: listCode,
  proposal: z.enum(EVALUATION_PROPOSALS).nullable(),
});

/** One indicator of the latest month: its points against the most it could earn (what it cost). */
export const pointsLost = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  value: z.number().nullable(),
  points: z.number(),
  maxPoints: z.number(),
  lost: z.number(),
  vetoed: z.boolean(),
});

export const subjectHistoryResponse = z.object({
  subjectId: id,
  subjectName: z.string(),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES),
  families: z.array(
    z.object({
      schemeKey: id,
      schemeId: id,
      schemeName: z.string(),
      campaignName: z.string(),
      /** Published months, oldest first. */
      months: z.array(subjectMonth),
      /** The latest published month's indicators, the costliest first. */
      latest: z.object({ runId: id, period: z.string(), groupName: z.string(), indicators: z.array(pointsLost) }).nullable(),
    }),
  ),
});

/** The roll-up period; without one, the current year. */
export const rollupQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}(-Q[1-4]|-H[12])?$/, '汇总期次格式为 2026（年度）、2026-Q4（季度）或 2026-H2（半年）')
    .optional(),
});

export const rollupItem = z.object({
  subjectId: id,
  subjectName: z.string(),
  /** The published months of the period the subject was ranked in. */
  months: z.array(z.object({ period: z.string(), score: z.number(), rank: z.number().int(), list: listCode })),
  /** The months combined by the scheme's rule (average or sum). */
  combined: z.number(),
  /** 年度加减分事项 (year roll-ups only). */
  annualPoints: z.number(),
  total: z.number(),
  rank: z.number().int(),
  redMonths: z.number().int(),
  blackMonths: z.number().int(),
});

export const rollupResponse = z.object({
  schemeKey: id,
  schemeName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  method: z.enum(ROLLUP_METHODS),
  methodLabel: z.string(),
  /** The months of the period with a published ranking (others are not yet published). */
  publishedMonths: z.array(z.string()),
  monthsInPeriod: z.number().int(),
  groups: z.array(z.object({ name: z.string(), subjectType: z.enum(INDICATOR_SUBJECT_TYPES), items: z.array(rollupItem) })),
});

export const annualItemBody = z.object({
  schemeId: z.uuid('方案编号格式不正确'),
  year: z.number({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度不正确').max(2100, '年度不正确'),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES, { error: '考核对象类型为 unit、town、site 或 county' }),
  subjectId: z.uuid('考核对象编号格式不正确'),
  points: z
    .number({ error: '分值须为数字' })
    .min(-100, '加减分不超过 100 分')
    .max(100, '加减分不超过 100 分')
    .refine((x) => x !== 0, '加减分不能为 0'),
  reason: z.string({ error: '请填写加减分理由' }).trim().min(2, '请填写加减分理由').max(1000),
  fileId: z.uuid('附件编号格式不正确').optional(),
});
export type AnnualItemBody = z.infer<typeof annualItemBody>;

/** 年度加减分事项 of a scheme family; without a year, the current one. */
export const annualItemQuery = z.object({
  schemeId: z.uuid('方案编号格式不正确'),
  year: z.coerce.number({ error: '年度须为数字' }).int().min(2000).max(2100).optional(),
});

export const annualItemResponse = z.object({
  id,
  year: z.number().int(),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES),
  subjectId: id,
  subjectName: z.string(),
  points: z.number(),
  reason: z.string(),
  fileId: id.nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: timestamp,
});
export const annualItemPage = pageOf(annualItemResponse);

export const bulletinTextBody = z.object({
  /** 下步工作要求: paragraphs separated by blank lines; empty → the shipped text. */
  requirements: z.string().max(5000, '下步工作要求不超过 5000 字'),
  version: z.number().int().min(1).optional(),
});
export const bulletinTextResponse = z.object({ requirements: z.string(), custom: z.boolean() });
