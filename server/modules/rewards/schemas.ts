/** Request schemas of /api/rewards (params and list queries); bodies and responses are in common/contracts/rewards.ts. */
import { z } from 'zod';
import { periodCodeSchema } from '../../../common/period';
import { REWARD_ENTRY_STATES, REWARD_KINDS } from '../../../common/reward-workflow';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';
import { ENTRY_SORTS } from './repository';

const year = z.coerce.number({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100');

export const entryFilterQuery = z.object({
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  year: z.preprocess(blankToUndefined, year.optional()),
  period: z.preprocess(blankToUndefined, periodCodeSchema.optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid('单位编号格式不正确').optional()),
  runId: z.preprocess(blankToUndefined, z.uuid('考核编号格式不正确').optional()),
  kind: z.preprocess(blankToUndefined, z.enum(REWARD_KINDS, { error: '奖惩类型不正确' }).optional()),
  state: z.preprocess(blankToUndefined, z.enum(REWARD_ENTRY_STATES, { error: '状态不正确' }).optional()),
  flagged: z.preprocess(blankToUndefined, queryBool),
  sort: z.enum(ENTRY_SORTS).default('period'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const entryListQuery = pageQuery.extend(entryFilterQuery.shape);

export const yearQuery = z.object({
  /** Absent: the current year (Beijing time). */
  year: z.preprocess(blankToUndefined, year.optional()),
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid('单位编号格式不正确').optional()),
});

export const ruleListQuery = z.object({
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  schemeKey: z.preprocess(blankToUndefined, z.uuid('考核方案编号格式不正确').optional()),
});
