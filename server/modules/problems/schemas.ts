/** Request schemas for problems. */
import { z } from 'zod';
import { PROBLEM_ACTION_NAMES, PROBLEM_SEVERITIES, PROBLEM_SOURCES, PROBLEM_STATES } from '../../../common/problem-workflow';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';
import { submitProblemBody } from '../../../common/contracts';

/** The report and bulk bodies are shared with the web (common/contracts/problems.ts). */
export { bulkTransitionBody, submitProblemBody } from '../../../common/contracts';

export type SubmitProblemInput = z.infer<typeof submitProblemBody>;

const states = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(PROBLEM_STATES)));

export const problemFilters = z.object({
  state: z.preprocess(blankToUndefined, states.optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
  regionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  categoryCode: z.preprocess(blankToUndefined, z.string().max(20).optional()),
  source: z.preprocess(blankToUndefined, z.enum(PROBLEM_SOURCES).optional()),
  severity: z.preprocess(blankToUndefined, z.enum(PROBLEM_SEVERITIES).optional()),
  overdue: z.preprocess(blankToUndefined, queryBool),
  relapse: z.preprocess(blankToUndefined, queryBool),
  mine: z.preprocess(blankToUndefined, queryBool),
  /** 退回待重新派遣: sent back by a unit, waiting to be dispatched again. */
  disputed: z.preprocess(blankToUndefined, queryBool),
  search: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  /** Problems filed against a 测评标准 of this code (any version), e.g. from the 对标补短 list. */
  standardCode: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  /** Problems at sites of this type. */
  siteType: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  from: z.preprocess(blankToUndefined, z.coerce.date().optional()),
  to: z.preprocess(blankToUndefined, z.coerce.date().optional()),
});

export const listProblemsQuery = pageQuery.extend({
  ...problemFilters.shape,
  sort: z.enum(['deadline', 'createdAt', 'severity', 'code', 'updatedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const transitionBody = z.looseObject({
  action: z.enum(PROBLEM_ACTION_NAMES, { error: '未知的操作' }),
  version: z.number().int().min(1, '缺少版本号'),
});

export const metricsQuery = z.object({
  groupBy: z.enum(['unit', 'region']).default('unit'),
  from: z.coerce.date({ error: '开始日期格式不正确' }),
  to: z.coerce.date({ error: '结束日期格式不正确' }),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
