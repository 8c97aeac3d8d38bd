/** Request schemas for sign-in and the personal centre. */
import { z } from 'zod';
import { MAX_TOKEN_DAYS } from '../../platform/auth/tokens';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名或手机号').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});

export const createTokenBody = z.object({
  name: z.string().trim().min(1, '请填写令牌用途').max(60),
  expiresInDays: z.number().int().min(1, '有效期至少 1 天').max(MAX_TOKEN_DAYS, `有效期最长 ${MAX_TOKEN_DAYS} 天`),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
