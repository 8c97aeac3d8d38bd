/** Request schemas of /api/evaluation (params and list queries); bodies and responses are in common/contracts/evaluation.ts. */
import { z } from 'zod';
import { EVALUATION_RUN_STATES } from '../../../common/evaluation-workflow';
import { periodCodeSchema } from '../../../common/period';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

export const subjectParams = z.object({ id: z.uuid('编号格式不正确'), subjectId: z.uuid('考核对象编号格式不正确') });

export const provenanceQuery = z.object({ code: z.preprocess(blankToUndefined, z.string().max(64).optional()) });

export const schemeListQuery = pageQuery.extend({
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  q: z.preprocess(blankToUndefined, z.string().max(50).optional()),
  allVersions: z.preprocess(blankToUndefined, queryBool),
  sort: z.enum(['createdAt', 'name']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const runListQuery = pageQuery.extend({
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  schemeId: z.preprocess(blankToUndefined, z.uuid('方案编号格式不正确').optional()),
  /** Runs of the campaigns of a region and below (a city office drilling down into one county). */
  regionId: z.preprocess(blankToUndefined, z.uuid('区域编号格式不正确').optional()),
  period: z.preprocess(blankToUndefined, periodCodeSchema.optional()),
  state: z.preprocess(blankToUndefined, z.enum(EVALUATION_RUN_STATES, { error: '状态不正确' }).optional()),
  sort: z.enum(['period', 'createdAt']).default('period'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const manualScoreQuery = pageQuery.extend({
  period: z.preprocess(blankToUndefined, periodCodeSchema.optional()),
  code: z.preprocess(blankToUndefined, z.enum(['manual.score', 'manual.bonus']).optional()),
  subjectId: z.preprocess(blankToUndefined, z.uuid('考核对象编号格式不正确').optional()),
});
