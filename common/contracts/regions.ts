/** The regions API (区划): request bodies and responses, shared by the server and the web client. */
import { z } from 'zod';
import { REGION_LEVELS } from '../enums';
import { abilitiesOf, id, pageOf } from './shared';

export const regionCode = z
  .string()
  .trim()
  .regex(/^\d{6,20}$/, '区划代码须为 6–20 位数字');

export const createRegionBody = z.object({
  parentId: z.uuid('上级区划编号格式不正确').nullable().optional(),
  code: regionCode,
  name: z.string().trim().min(1, '请填写名称').max(50),
  level: z.enum(REGION_LEVELS),
  sort: z.number().int().min(0).max(100000).optional(),
});

export const updateRegionBody = z.object({
  code: regionCode.optional(),
  name: z.string().trim().min(1, '请填写名称').max(50).optional(),
  sort: z.number().int().min(0).max(100000).optional(),
  version: z.number().int().min(1),
});

/** A region as the API shows it, with what the caller may do to it. */
export const regionResponse = z.object({
  id,
  parentId: id.nullable(),
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  path: z.string(),
  sort: z.number().int(),
  /** Present in lists (how many children the region has). */
  childCount: z.number().int().optional(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'delete', 'create']),
});

/** A node of the visible region tree. */
export const regionNode = z.object({
  id,
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  get children(): z.ZodArray<typeof regionNode> {
    return z.array(regionNode);
  },
});

export const regionPage = pageOf(regionResponse);
export const regionTree = z.object({ items: z.array(regionNode) });
export const regionImportResult = z.looseObject({});

export type RegionDto = z.input<typeof regionResponse>;
export type RegionNodeDto = z.input<typeof regionNode>;
export type CreateRegionInput = z.input<typeof createRegionBody>;
export type UpdateRegionInput = z.input<typeof updateRegionBody>;
