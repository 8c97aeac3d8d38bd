/** Request schemas for units. */
import { z } from 'zod';
import { UNIT_TYPES } from '../../../common/enums';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

export const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '电话须为 11 位手机号或带区号的固定电话')
  .nullable()
  .optional();
const personName = z.string().trim().max(30, '姓名不能超过 30 个字').nullable().optional();

export const listUnitsQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  type: z.preprocess(blankToUndefined, z.enum(UNIT_TYPES).optional()),
  regionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  active: z.preprocess(blankToUndefined, queryBool),
  sort: z.enum(['name', 'type', 'region', 'createdAt']).default('name'),
});

const unitFields = {
  name: z.string().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称不能超过 60 个字'),
  type: z.enum(UNIT_TYPES),
  regionId: z.uuid('请选择所属区划'),
  parentId: z.uuid().nullable().optional(),
  headName: personName,
  headPhone: phone,
  liaisonName: personName,
  liaisonPhone: phone,
  active: z.boolean().optional(),
};

export const createUnitBody = z.object(unitFields);
export const updateUnitBody = z.object({ ...unitFields, version: z.number().int().min(1) }).partial({
  name: true,
  type: true,
  regionId: true,
});

export type CreateUnitInput = z.infer<typeof createUnitBody>;
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
