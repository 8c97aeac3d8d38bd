/** The campaigns API (创建项目, 领导小组, 创建专班): request bodies and responses, shared by the server and the web client. */
import { z } from 'zod';
import { CAMPAIGN_LEVELS, CAMPAIGN_STATUSES, CAMPAIGN_TITLES, GROUP_ROLES } from '../enums';
import { abilitiesOf, id, pageOf } from './shared';
import { phone } from './units';

const year = z.number().int().min(2000, '年份不正确').max(2100, '年份不正确');

const campaignFields = {
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
  .object(campaignFields)
  .refine(yearsInOrder, { message: '周期结束年份不能早于开始年份', path: ['cycleEndYear'] });
export const updateCampaignBody = z
  .object({ ...campaignFields, version: z.number().int().min(1) })
  .partial({ name: true, titleType: true, level: true, regionId: true, cycleStartYear: true, cycleEndYear: true })
  .refine(yearsInOrder, { message: '周期结束年份不能早于开始年份', path: ['cycleEndYear'] });

export const leadingMemberBody = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(30),
  post: z.string().trim().min(2, '请填写职务').max(60),
  groupRole: z.enum(GROUP_ROLES),
  phone,
  userId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(1000).optional(),
  unitIds: z.array(z.uuid()).max(200).default([]),
});
export const updateLeadingMemberBody = leadingMemberBody.partial().extend({ version: z.number().int().min(1) });

/** A campaign as the API shows it, with what the caller may do to it. */
export const campaignResponse = z.object({
  id,
  name: z.string(),
  titleType: z.enum(CAMPAIGN_TITLES),
  level: z.enum(CAMPAIGN_LEVELS),
  regionId: id,
  regionName: z.string(),
  cycleStartYear: z.number().int(),
  cycleEndYear: z.number().int(),
  status: z.enum(CAMPAIGN_STATUSES),
  description: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'delete', 'manageGroup']),
});

/** A member of the leading group (领导小组) with the units they are paired with (结对联创). */
export const leadingMemberResponse = z.object({
  id,
  name: z.string(),
  post: z.string(),
  groupRole: z.enum(GROUP_ROLES),
  phone: z.string().nullable(),
  userId: id.nullable(),
  sort: z.number().int(),
  version: z.number().int(),
  units: z.array(z.object({ id, name: z.string() })),
});

/** A holder of the task-force role (创建专班) for the campaign (no phone: an account's number is not for everyone in the area). */
export const taskforceMemberResponse = z.object({
  userId: id,
  name: z.string(),
  username: z.string(),
});

/** One campaign with its leading group and task force. */
export const campaignDetailResponse = campaignResponse.extend({
  leadingGroup: z.array(leadingMemberResponse),
  taskforce: z.array(taskforceMemberResponse),
});

export const campaignPage = pageOf(campaignResponse);
/** What adding a leading-group member answers: the new member's id. */
export const leadingMemberCreated = z.object({ id });

export type CampaignDto = z.input<typeof campaignResponse>;
export type CampaignDetailDto = z.input<typeof campaignDetailResponse>;
export type LeadingMemberDto = z.input<typeof leadingMemberResponse>;
export type TaskforceMemberDto = z.input<typeof taskforceMemberResponse>;
export type CreateCampaignInput = z.input<typeof createCampaignBody>;
export type UpdateCampaignInput = z.input<typeof updateCampaignBody>;
export type LeadingMemberInput = z.input<typeof leadingMemberBody>;
export type UpdateLeadingMemberInput = z.input<typeof updateLeadingMemberBody>;
