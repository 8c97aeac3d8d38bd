/** The units API (单位): request bodies and responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { UNIT_TYPES } from '../enums';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

/** A telephone number: an 11-digit mobile or a landline with its area code (units, leading groups, sites, users). */
export const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '电话须为 11 位手机号或带区号的固定电话')
  .nullable()
  .optional();
const personName = z.string().trim().max(30, '姓名不能超过 30 个字').nullable().optional();

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

/** A unit as the API shows it, with its region and parent and what the caller may do to it. */
export const unitResponse = z.object({
  id,
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  regionId: id,
  regionName: z.string(),
  regionCode: z.string(),
  parentId: id.nullable(),
  parentName: z.string().nullable(),
  headName: z.string().nullable(),
  headPhone: z.string().nullable(),
  liaisonName: z.string().nullable(),
  liaisonPhone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: timestamp,
  abilities: abilitiesOf(['update', 'restructure', 'delete']),
});

export const unitPage = pageOf(unitResponse);

export type UnitDto = z.input<typeof unitResponse>;
export type CreateUnitInput = z.input<typeof createUnitBody>;
export type UpdateUnitInput = z.input<typeof updateUnitBody>;
