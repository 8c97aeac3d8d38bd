/** Request schemas for user accounts: the bodies are the shared contracts (common/contracts/users.ts); queries are the server's. */
import { z } from 'zod';
import { createUserBody, roleGrantInput, updateUserBody } from '../../../common/contracts';
import { ROLES } from '../../../common/roles';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

export { createUserBody, decisionBody, releaseLockBody, roleGrantInput, updateUserBody, username } from '../../../common/contracts';

export type RoleGrantInput = z.infer<typeof roleGrantInput>;
export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  role: z.preprocess(blankToUndefined, z.enum(ROLES).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'locked', 'disabled', 'mustChange']).optional()),
  sort: z.enum(['username', 'name', 'lastLoginAt', 'createdAt']).default('username'),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';

export const changeStatusQuery = z.object({ status: z.enum(['pending', 'decided']).default('pending') });
