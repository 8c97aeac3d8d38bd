/** Request schemas for sign-in and the personal centre. */
import { z } from 'zod';

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
});

export const idParam = z.object({ id: z.uuid('编号格式不正确') });
