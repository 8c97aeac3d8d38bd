/**
 * The auth API (登录, 会话, 修改密码, 个人 API 令牌): request bodies and responses, shared by the server and the web
 * client. No answer carries a password or its hash; a token's value appears once, in the answer that creates it.
 */
import { z } from 'zod';
import { ROLES } from '../roles';
import { id, timestamp } from './shared';
import { userRoleGrant } from './users';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名或手机号').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});

/** What signing in answers (the session token itself goes only into the httpOnly cookie). */
export const loginResponse = z.object({
  user: z.object({ id, name: z.string(), roles: z.array(z.enum(ROLES)) }),
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
});

/** The signed-in person, their role grants (with scope names) and the permissions that build the menu. */
export const sessionResponse = z.object({
  user: z.object({
    id,
    username: z.string(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    roleGrants: z.array(userRoleGrant),
    unitId: id.nullable(),
    unitName: z.string().nullable(),
    regionId: id.nullable(),
    regionName: z.string().nullable(),
    mustChangePassword: z.boolean(),
  }),
  /** Null when the caller came with an API token (no session, no CSRF). */
  csrfToken: z.string().nullable(),
  permissions: z.array(z.string()),
});

/** 短信提醒: whether the signed-in person receives notices by SMS, and the (masked) number they go to. */
export const smsNoticesResponse = z.object({ enabled: z.boolean(), phoneMasked: z.string().nullable() });
export const smsNoticesBody = z.object({ enabled: z.boolean({ error: '请选择开启或关闭' }) });
export type SmsNoticesDto = z.input<typeof smsNoticesResponse>;

/** A personal API token as listed (never its value or hash). */
export const apiTokenResponse = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp,
});
export const apiTokenList = z.object({ items: z.array(apiTokenResponse) });

/** A new token: its value, shown once (only its hash is kept). */
export const createdApiTokenResponse = z.object({ id, token: z.string(), expiresAt: timestamp });

export type LoginInput = z.input<typeof loginBody>;
export type ChangePasswordInput = z.input<typeof changePasswordBody>;
export type LoginDto = z.input<typeof loginResponse>;
export type SessionDto = z.input<typeof sessionResponse>;
export type ApiTokenDto = z.input<typeof apiTokenResponse>;
export type CreatedApiTokenDto = z.input<typeof createdApiTokenResponse>;
