/** Request schemas for campaigns and their leading groups. */
import { z } from 'zod';
import { CAMPAIGN_LEVELS, CAMPAIGN_STATUSES, CAMPAIGN_TITLES, GROUP_ROLES } from '../../../common/enums';
import { blankToUndefined, pageQuery } from '../../platform/pagination';
import { phone } from '../units/schemas';

const year = z.number().int().min(2000, '年份不正确').max(2100, '年份不正确');

export const listCampaignsQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  status: z.preprocess(blankToUndefined, z.enum(CAMPAIGN_STATUSES).optional()),
  sort: z.enum(['name', 'cycleStartYear', 'status']).default('cycleStartYear'),
});

const fields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(60),
  titleType: z.enum(CAMPAIGN_TITLES),
  level: z.enum(CAMPAIGN_LEVELS),
  regionId: z.uuid('请选择创建区域'),
  cycleStartYear: year,
  cycleEndYear: year,
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
};
const yearsInOrder = (v: { cycleStartYear?: number; cycleEndYear?: number }) =>
  v.cycleStartYear === undefined || v.cycleEndYear === undefined || v.cycleEndYear >= v.cycleStartYear;

export const createCampaignBody = z
  .object(fields)
  .refine(yearsInOrder, { message: '周期结束年份不能早于开始年份', path: ['cycleEndYear'] });
export const updateCampaignBody = z
  .object({ ...fields, version: z.number().int().min(1) })
  .partial({ name: true, titleType: true, level: true, regionId: true, cycleStartYear: true, cycleEndYear: true })
  .refine(yearsInOrder, { message: '周期结束年份不能早于开始年份', path: ['cycleEndYear'] });

export const memberBody = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(30),
  post: z.string().trim().min(2, '请填写职务').max(60),
  groupRole: z.enum(GROUP_ROLES),
  phone,
  userId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(1000).optional(),
  unitIds: z.array(z.uuid()).max(200).default([]),
});
export const updateMemberBody = memberBody.partial().extend({ version: z.number().int().min(1) });

export type CampaignInput = z.infer<typeof createCampaignBody>;
export type MemberInput = z.infer<typeof memberBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
export const memberParam = z.object({ id: z.uuid('编号格式不正确'), memberId: z.uuid('编号格式不正确') });
