/**
 * The users API (账号, 三员变更审批, 登录锁定): request bodies and responses, shared by the server and the web client.
 * An account answer never carries a password hash; a temporary password appears only where the 安全管理员 must hand it
 * over once (an ordinary account's creation, reset or import); a 三员 account's goes to its owner's phone (masked here).
 */
import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../roles';
import { abilitiesOf, id, importResult, pageOf, timestamp } from './shared';
import { phone } from './units';

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名须以字母开头，3–32 位字母、数字、下划线、点或横线');

export const roleGrantInput = z.object({
  role: z.enum(ROLES),
  scopeId: z.uuid().nullable().optional(),
});

export const createUserBody = z.object({
  username,
  name: z.string().trim().min(2, '姓名至少 2 个字').max(30),
  phone,
  unitId: z.uuid().nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  roles: z.array(roleGrantInput).min(1, '至少分配一个角色').max(20),
});

export const updateUserBody = createUserBody
  .omit({ username: true })
  .partial()
  .extend({ active: z.boolean().optional(), version: z.number().int().min(1) });

/** Approving, rejecting or withdrawing a 三员 change. */
export const decisionBody = z.object({ note: z.string().trim().max(200).optional() });

/** Lifting one sign-in lock (an account `user:<id>` or a typed name `name:<typed>`, from one address or all). */
export const releaseLockBody = z.object({
  subject: z
    .string()
    .trim()
    .min(6)
    .max(80)
    .regex(/^(user|name):/, '锁定对象格式不正确'),
  ip: z.string().trim().max(64).nullable().optional(),
});

/** A role grant with the name of its scope (a region, unit or campaign; 全局 for global roles). */
export const userRoleGrant = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: id.nullable(),
  scopeName: z.string().nullable(),
});

/** An account as the API shows it (never its password hash). */
export const userResponse = z.object({
  id,
  username: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  regionId: id.nullable(),
  regionName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: timestamp.nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  version: z.number().int(),
  roles: z.array(userRoleGrant),
  abilities: abilitiesOf(['update', 'assignRoles', 'resetPassword', 'unlock']),
});

export const userPage = pageOf(userResponse);

export const PRIVILEGED_CHANGE_KINDS = ['create_user', 'update_user', 'reset_password'] as const;
export const PRIVILEGED_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

/** A 三员 account change waiting for (or decided by) a holder of another 三员 role (never a password). */
export const privilegedChangeResponse = z.object({
  id,
  kind: z.enum(PRIVILEGED_CHANGE_KINDS),
  kindLabel: z.string(),
  summary: z.string(),
  status: z.enum(PRIVILEGED_CHANGE_STATUSES),
  targetUser: z.object({ id, username: z.string().nullable(), name: z.string().nullable() }).nullable(),
  resultUserId: id.nullable(),
  requestedBy: z.object({ id, name: z.string().nullable(), role: z.enum(ROLES) }),
  createdAt: timestamp,
  decidedBy: z.object({ id, name: z.string().nullable() }).nullable(),
  decidedAt: timestamp.nullable(),
  decisionNote: z.string().nullable(),
  abilities: abilitiesOf(['approve', 'reject', 'withdraw']),
});

/** Where a temporary password went: the owner's phone, masked (never the password). */
export const passwordDelivery = z.object({ channel: z.literal('sms'), to: z.string(), message: z.string() });

/** What a change to a 三员 account answers instead of doing it (HTTP 202): the request filed for approval. */
export const pendingChangeResponse = z.object({ pending: privilegedChangeResponse });

/**
 * A created account: an ordinary one with its one-time initial password (for the 安全管理员 to hand over); the first
 * 三员 accounts of a deployment (approved at once) with where their password went.
 */
export const createdUserResponse = z.object({
  user: userResponse,
  initialPassword: z.string().optional(),
  delivery: passwordDelivery.nullable().optional(),
});

/** An ordinary account's temporary password after a reset, shown once. */
export const resetPasswordResponse = z.object({ password: z.string() });

export const privilegedChangeList = z.object({ items: z.array(privilegedChangeResponse) });
export const approvedChangeResponse = z.object({ change: privilegedChangeResponse, delivery: passwordDelivery.nullable() });

/** A current sign-in lock (per account or typed name, and source address). */
export const loginLockResponse = z.object({
  subject: z.string(),
  ip: z.string().nullable(),
  user: z.object({ id, username: z.string().nullable(), name: z.string().nullable() }).nullable(),
  typedName: z.string().nullable(),
  attempts: z.number().int(),
  lockCount: z.number().int(),
  lockedUntil: timestamp.nullable(),
  lastAttemptAt: timestamp,
});
export const loginLockList = z.object({ items: z.array(loginLockResponse) });

/** An accounts import: the counts and each new account's temporary password, shown once. */
export const userImportResult = importResult.extend({
  credentials: z.array(z.object({ username: z.string(), name: z.string(), password: z.string() })),
});

export type UserDto = z.input<typeof userResponse>;
export type UserRoleGrantDto = z.input<typeof userRoleGrant>;
export type PrivilegedChangeDto = z.input<typeof privilegedChangeResponse>;
export type PendingChangeDto = z.input<typeof pendingChangeResponse>;
export type PasswordDeliveryDto = z.input<typeof passwordDelivery>;
export type CreatedUserDto = z.input<typeof createdUserResponse>;
export type ResetPasswordDto = z.input<typeof resetPasswordResponse>;
export type ApprovedChangeDto = z.input<typeof approvedChangeResponse>;
export type LoginLockDto = z.input<typeof loginLockResponse>;
export type UserImportResultDto = z.input<typeof userImportResult>;
export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.input<typeof updateUserBody>;
