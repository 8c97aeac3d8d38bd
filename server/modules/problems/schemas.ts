/** Request schemas for problems. */
import { z } from 'zod';
import { PROBLEM_ACTION_NAMES, PROBLEM_SEVERITIES, PROBLEM_SOURCES, PROBLEM_STATES } from '../../../common/problem-workflow';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

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
  search: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  from: z.preprocess(blankToUndefined, z.coerce.date().optional()),
  to: z.preprocess(blankToUndefined, z.coerce.date().optional()),
});

export const listProblemsQuery = pageQuery.extend({
  ...problemFilters.shape,
  sort: z.enum(['deadline', 'createdAt', 'severity', 'code', 'updatedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const transitionBody = z.looseObject({
  action: z.enum(PROBLEM_ACTION_NAMES as [string, ...string[]], { error: '未知的操作' }),
  version: z.number().int().min(1, '缺少版本号'),
});

export const bulkTransitionBody = z.object({
  action: z.enum(['accept', 'dispatch'] as const, { error: '批量操作仅支持立案和派遣' }),
  items: z
    .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
    .min(1, '请选择问题')
    .max(200, '一次最多 200 条'),
  payload: z.record(z.string(), z.unknown()).default({}),
});

export const metricsQuery = z.object({
  groupBy: z.enum(['unit', 'region']).default('unit'),
  from: z.coerce.date({ error: '开始日期格式不正确' }),
  to: z.coerce.date({ error: '结束日期格式不正确' }),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
