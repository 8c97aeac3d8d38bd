/** Request schemas for user accounts. */
import { z } from 'zod';
import { ROLES } from '../../../common/roles';
import { blankToUndefined, pageQuery } from '../../platform/pagination';
import { phone } from '../units/schemas';

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名须以字母开头，3–32 位字母、数字、下划线、点或横线');

export const roleGrantInput = z.object({
  role: z.enum(ROLES),
  scopeId: z.uuid().nullable().optional(),
});
export type RoleGrantInput = z.infer<typeof roleGrantInput>;

export const listUsersQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  role: z.preprocess(blankToUndefined, z.enum(ROLES).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'locked', 'disabled', 'mustChange']).optional()),
  sort: z.enum(['username', 'name', 'lastLoginAt', 'createdAt']).default('username'),
});

export const createUserBody = z.object({
  username,
  name: z.string().trim().min(2, '姓名至少 2 个字').max(30),
  phone,
  unitId: z.uuid().nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  roles: z.array(roleGrantInput).min(1, '至少分配一个角色').max(20),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = createUserBody
  .omit({ username: true })
  .partial()
  .extend({ active: z.boolean().optional(), version: z.number().int().min(1) });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';

export const changeStatusQuery = z.object({ status: z.enum(['pending', 'decided']).default('pending') });

export const decisionBody = z.object({ note: z.string().trim().max(200).optional() });

export const releaseLockBody = z.object({
  subject: z
    .string()
    .trim()
    .min(6)
    .max(80)
    .regex(/^(user|name):/, '锁定对象格式不正确'),
  ip: z.string().trim().max(64).nullable().optional(),
});
