/**
 * 指标 (indicators) as the API speaks of them: what an indicator measures (subject types), which way is better, and
 * the shape of its values. Modules register indicators on the server (server/platform/indicators.ts); the evaluation
 * engine weights them. Rates are ratios 0–1 with unit '%' (shown × 100).
 */
import { z } from 'zod';

export const INDICATOR_SUBJECT_TYPES = ['unit', 'town', 'county', 'site'] as const;
export type IndicatorSubjectType = (typeof INDICATOR_SUBJECT_TYPES)[number];
export const INDICATOR_SUBJECT_LABELS: Record<IndicatorSubjectType, string> = {
  unit: '单位',
  town: '乡镇（街道）',
  county: '县（区）',
  site: '点位',
};

export const INDICATOR_DIRECTIONS = ['higher', 'lower'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = { higher: '越高越好', lower: '越低越好' };

/** Units of measure: a rate (0–1, shown as %), a count (件), hours (小时), points (分), money (元). */
export const INDICATOR_UNITS = ['%', '件', '小时', '分', '人', '人/千人', '元'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const indicatorMetaSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(INDICATOR_DIRECTIONS),
  subjectTypes: z.array(z.enum(INDICATOR_SUBJECT_TYPES)),
  module: z.string(),
  description: z.string(),
  decimals: z.number().int(),
});
export type IndicatorMeta = z.infer<typeof indicatorMetaSchema>;

export const indicatorListResponse = z.object({ items: z.array(indicatorMetaSchema), total: z.number().int() });

export const indicatorValueSchema = z.object({
  subjectId: z.string(),
  subjectName: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

export type IndicatorList = z.infer<typeof indicatorListResponse>;

export const indicatorValuesResponse = z.object({
  indicator: indicatorMetaSchema,
  /** Instants as ISO 8601 strings (what the wire carries, so the web's inferred type is true). */
  period: z.object({ code: z.string(), label: z.string(), start: z.string(), end: z.string() }),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES),
  regionId: z.string().nullable(),
  asOf: z.string(),
  items: z.array(indicatorValueSchema),
  total: z.number().int(),
});
export type IndicatorValues = z.infer<typeof indicatorValuesResponse>;
