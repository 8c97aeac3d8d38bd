/** Request schemas of /api/indicators; the response schemas are shared with the web in common/indicators.ts. */
import { z } from 'zod';
import { INDICATOR_SUBJECT_TYPES } from '../../../common/indicators';
import { periodCodeSchema } from '../../../common/period';
import { blankToUndefined } from '../../platform/pagination';

export const codeParam = z.object({ code: z.string().max(64) });

export const indicatorValuesQuery = z.object({
  period: z.preprocess(blankToUndefined, periodCodeSchema.optional()),
  subjectType: z.preprocess(
    blankToUndefined,
    z.enum(INDICATOR_SUBJECT_TYPES, { error: '考核对象类型为 unit、town、county 或 site' }).optional(),
  ),
  regionId: z.preprocess(blankToUndefined, z.uuid('区域编号格式不正确').optional()),
});
export type IndicatorValuesQuery = z.infer<typeof indicatorValuesQuery>;
