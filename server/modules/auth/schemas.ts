/** Request schemas for sign-in and the personal centre: login and password bodies are the shared contracts (common/contracts/auth.ts). */
import { z } from 'zod';
import { MAX_TOKEN_DAYS } from '../../platform/auth/tokens';

export { changePasswordBody, loginBody } from '../../../common/contracts';

export const createTokenBody = z.object({
  name: z.string().trim().min(1, '请填写令牌用途').max(60),
  expiresInDays: z.number().int().min(1, '有效期至少 1 天').max(MAX_TOKEN_DAYS, `有效期最长 ${MAX_TOKEN_DAYS} 天`),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
