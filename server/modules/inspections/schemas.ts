/** Request schemas for inspection rounds and visits. */
import { z } from 'zod';
import { ROUND_KINDS, VERDICTS } from '../../../common/inspections';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const createRoundBody = z
  .object({
    name: z.string().trim().min(2, '请填写轮次名称').max(60),
    kind: z.enum(ROUND_KINDS),
    campaignId: z.uuid('请选择创建项目'),
    regionId: z.uuid().optional(),
    standardVersionId: z.uuid().optional(),
    startDate: day,
    endDate: day,
    siteIds: z.array(z.uuid()).max(2000).optional(),
    sample: z
      .object({
        siteTypeCodes: z.array(z.string().max(40)).min(1, '请选择点位类型').max(40),
        perType: z.number().int().min(1).max(200),
        regionIds: z.array(z.uuid()).max(50).optional(),
        seed: z.string().trim().min(1).max(64).optional(),
      })
      .optional(),
    recheckDays: z.number().int().min(1).max(365).optional(),
    inspectorIds: z.array(z.uuid()).max(50).default([]),
    passThreshold: z.number().min(0).max(1).optional(),
  })
  .refine((v) => v.endDate >= v.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] })
  .refine((v) => !!v.siteIds?.length || !!v.sample || (v.kind === 'recheck' && !!v.recheckDays), {
    message: '请选择点位、设置随机抽样，或（回头看）设置回溯天数',
    path: ['siteIds'],
  });
export type CreateRoundInput = z.infer<typeof createRoundBody>;

export const visitBody = z.object({
  siteId: z.uuid('请选择点位'),
  results: z
    .array(
      z.object({
        standardId: z.uuid(),
        verdict: z.enum(VERDICTS),
        photoIds: z.array(z.uuid()).max(9).default([]),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .min(1, '请至少填写一项测评结果')
    .max(500),
});
export type VisitInput = z.infer<typeof visitBody>;

export const listRoundsQuery = pageQuery.extend({
  kind: z.preprocess(blankToUndefined, z.enum(ROUND_KINDS).optional()),
  campaignId: z.preprocess(blankToUndefined, z.uuid().optional()),
  mine: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
