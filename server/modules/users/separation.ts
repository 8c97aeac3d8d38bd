/**
 * 三员分立 between people, not only between accounts: a change that could let one person act as another 三员 role
 * (an account with a 三员 role created, its roles, phone or status changed, its password reset) is only requested
 * by the 安全管理员 and takes effect when a holder of a different 三员 role approves it (privileged-changes.ts).
 * Its temporary password goes to the account owner's registered phone, never to the requester or the approver.
 */
import { ROLE_LABELS } from '../../../common/labels';
import { SEPARATED_ADMIN_ROLES, type Role } from '../../../common/roles';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';

/** True for admin, security_admin and auditor. */
export const isSeparatedRole = (role: string): boolean => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(role);

/** True when any of the roles is a 三员 role. */
export const hasSeparatedRole = (roles: Array<{ role: string }>): boolean => roles.some((g) => isSeparatedRole(g.role));

/** The actor's 三员 role (an account holds at most one), or null. */
export function separatedRoleOf(actor: Actor): Role | null {
  return (actor.grants.find((g) => isSeparatedRole(g.role))?.role as Role | undefined) ?? null;
}

/** Chinese names of the roles, joined. */
export const roleNames = (roles: Array<{ role: string }>) => roles.map((g) => ROLE_LABELS[g.role as Role] ?? g.role).join('、') || '无';

const MOBILE = /^1\d{10}$/;

/** A 三员 account's temporary password is sent by SMS, so it needs the owner's own mobile number. */
export function requireOwnerMobile(phone: string | null | undefined): string {
  if (!phone || !MOBILE.test(phone)) {
    throw new AppError('validation', '三员账号须登记本人的 11 位手机号：临时密码只发送到本人手机，不向申请人或审批人显示');
  }
  return phone;
}
