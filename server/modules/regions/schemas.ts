/** Request schemas for regions. */
import { z } from 'zod';
import { REGION_LEVELS } from '../../../common/enums';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

export const regionCode = z.string().trim().regex(/^\d{6,20}$/, '区划代码须为 6–20 位数字');

export const listRegionsQuery = pageQuery.extend({
  parentId: z.preprocess(blankToUndefined, z.union([z.uuid(), z.literal('root')]).optional()),
  level: z.preprocess(blankToUndefined, z.enum(REGION_LEVELS).optional()),
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  sort: z.enum(['code', 'name', 'level']).default('code'),
});

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

export const idParam = z.object({ id: z.uuid('编号格式不正确') });
