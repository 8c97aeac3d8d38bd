/**
 * The problem-settings API (问题设置): 整改时限 per severity, 派遣规则 and the problem category tree
 * (/api/problem-settings and /api/problem-categories). Every setting belongs to a region (null = the global default)
 * and is inherited downward; answers say where each value comes from (`regionId`, `inherited`) and what the caller
 * may change (`abilities`). Shared by the server and the web client (see shared.ts).
 */
import { z } from 'zod';
import { PROBLEM_CATEGORY_KINDS, PROBLEM_SEVERITIES } from '../problem-workflow';
import { abilitiesOf, id } from './shared';

/** The region whose settings are on screen (null in an answer: the global defaults). */
export const settingsRegion = z.object({ id, name: z.string() });

/* ---------- 整改时限 ---------- */

const deadlineFields = {
  hours: z.number().int('时限须为整数小时').min(1, '时限至少 1 小时').max(8760, '时限最多 8760 小时（一年）'),
  /** Count whole days as working days (the holiday calendar). */
  workingDays: z.boolean(),
};
/** A global default's new value, at the version on screen. */
export const updateDeadlineBody = z.object({ ...deadlineFields, version: z.number().int().min(1) });
/** A region's own value; `version: null` creates it (the region only inherited until now). */
export const regionDeadlineBody = z.object({ ...deadlineFields, version: z.number().int().min(1).nullable() });

/** One severity's 整改时限 as it applies in a region. */
export const deadlinePolicyResponse = z.object({
  severity: z.enum(PROBLEM_SEVERITIES),
  hours: z.number().int(),
  workingDays: z.boolean(),
  version: z.number().int(),
  /** The region the value comes from; null = the global default. */
  regionId: id.nullable(),
  regionName: z.string().nullable(),
  /** True when the value comes from above the region on screen. */
  inherited: z.boolean(),
  abilities: abilitiesOf(['update', 'reset']),
});

/** The four severities as they apply in a region (default: the caller's own), in severity order. */
export const deadlinePolicyList = z.object({ region: settingsRegion.nullable(), items: z.array(deadlinePolicyResponse) });

/** A policy as saved: a global default's answer does not name a region (no `regionName`). */
export const savedDeadlinePolicy = deadlinePolicyResponse.extend({ regionName: z.string().nullable().optional() });

/* ---------- 派遣规则 ---------- */

export const dispatchRuleBody = z
  .object({
    categoryCode: z.string().trim().max(20).nullable().optional(),
    regionId: z.uuid('区域编号格式不正确').nullable().optional(),
    unitId: z.uuid('请选择责任单位'),
    note: z.string().trim().max(200, '备注最多 200 字').nullable().optional(),
  })
  .refine((v) => v.categoryCode || v.regionId, { message: '类别和区域至少填写一项', path: ['categoryCode'] });

/** A dispatch rule (category × region → unit). */
export const dispatchRuleResponse = z.object({
  id,
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  regionId: id.nullable(),
  regionName: z.string().nullable(),
  unitId: id,
  unitName: z.string(),
  note: z.string().nullable(),
  /** Set by a region above the caller's scope (or a global default): shown, not deletable. */
  inherited: z.boolean(),
  abilities: abilitiesOf(['delete']),
});

/** Every dispatch rule the caller may see, and whether they may add one (`createGlobal`: without a region). */
export const dispatchRuleList = z.object({
  items: z.array(dispatchRuleResponse),
  total: z.number().int(),
  abilities: abilitiesOf(['create', 'createGlobal']),
});

export const createdDispatchRule = z.object({ id });

/* ---------- 问题类别 ---------- */

export const createCategoryBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2,6}$/, '类别编码须为大写字母加数字，如 E0502'),
  parentCode: z.string().trim().nullable().optional(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
  kind: z.enum(PROBLEM_CATEGORY_KINDS),
  regionId: z.uuid('区域编号格式不正确').nullable().optional(),
});

export const updateCategoryBody = z
  .object({
    name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字').optional(),
    active: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .refine((v) => v.name !== undefined || v.active !== undefined, { message: '没有要修改的内容', path: ['name'] });

export const setCategoryForRegionBody = z.object({
  active: z.boolean(),
  /** The version of this region's own setting; null when it has none yet (it is created). */
  version: z.number().int().min(1).nullable(),
});

/** A category as it applies in the region on screen, with its origin and what the caller may do. */
export const problemCategoryResponse = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  kind: z.enum(PROBLEM_CATEGORY_KINDS),
  /** Usable here: its own 启用/停用 and, for a minor class, its major's. */
  active: z.boolean(),
  version: z.number().int(),
  /** The region that added it (a local category); null = shipped with the platform. */
  regionId: id.nullable(),
  regionName: z.string().nullable(),
  /** Where 启用/停用 comes from here: the category itself (regionId null) or a region's setting. */
  activeSetting: z.object({
    regionId: id.nullable(),
    regionName: z.string().nullable(),
    inherited: z.boolean(),
    /** This region's own setting's version; null when it has none. */
    version: z.number().int().nullable(),
  }),
  /** update: rename/停用 for everyone who sees it; toggle: for the region on screen only; addMinor: add a minor class. */
  abilities: abilitiesOf(['update', 'toggle', 'addMinor']),
});

export const problemCategoryList = z.object({ region: settingsRegion.nullable(), items: z.array(problemCategoryResponse) });

/**
 * The categories reported most in the last `days` days (GET /api/problem-categories/frequent): the caller's own
 * reports first, then those of the area they report in; only categories usable in the caller's region.
 */
export const frequentCategoryList = z.object({
  days: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      parentCode: z.string().nullable(),
      /** Reports by the caller in the window. */
      mine: z.number().int(),
      /** Reports in the caller's area in the window (the caller's own included). */
      reports: z.number().int(),
    }),
  ),
});

export const createdCategory = z.object({ code: z.string(), regionId: id.nullable() });
/** After a change: the new version and how many minor classes were stopped with a major. */
export const updatedCategory = z.object({ code: z.string(), version: z.number().int(), cascaded: z.number().int() });
/** The region's own 启用/停用 as saved. */
export const categoryRegionSetting = z.object({ code: z.string(), regionId: id, active: z.boolean(), version: z.number().int() });

export type SettingsRegionDto = z.input<typeof settingsRegion>;
export type DeadlinePolicyDto = z.input<typeof deadlinePolicyResponse>;
export type DeadlinePolicyListDto = z.input<typeof deadlinePolicyList>;
export type SavedDeadlinePolicyDto = z.input<typeof savedDeadlinePolicy>;
export type DispatchRuleDto = z.input<typeof dispatchRuleResponse>;
export type DispatchRuleListDto = z.input<typeof dispatchRuleList>;
export type DispatchRuleInput = z.input<typeof dispatchRuleBody>;
export type CreatedDispatchRuleDto = z.input<typeof createdDispatchRule>;
export type ProblemCategoryDto = z.input<typeof problemCategoryResponse>;
export type ProblemCategoryListDto = z.input<typeof problemCategoryList>;
export type FrequentCategoryListDto = z.input<typeof frequentCategoryList>;
export type CreateCategoryInput = z.input<typeof createCategoryBody>;
export type UpdateCategoryInput = z.input<typeof updateCategoryBody>;
export type CategoryRegionSettingDto = z.input<typeof categoryRegionSetting>;
export type CreatedCategoryDto = z.input<typeof createdCategory>;
export type UpdatedCategoryDto = z.input<typeof updatedCategory>;
