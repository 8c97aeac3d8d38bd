/**
 * 重置密码 and 解锁, by the 安全管理员. An ordinary account's temporary password is shown once to the 安全管理员;
 * a 三员 account's reset is filed for a second 三员's approval and its password goes to the owner's phone.
 */
import { maskPhone } from '../../platform/outbox';
import { recordEvent } from '../../platform/audit';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { endUserSessions } from '../../platform/auth/sessions';
import { clearThrottle, clearUserThrottle, currentLocks } from '../../platform/auth/throttle';
import { revokeUserTokens } from '../../platform/auth/tokens';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { userSubject } from './presenter';
import { requestPrivilegedChange } from './privileged-changes';
import { findUser, grantsOf } from './repository';
import { hasSeparatedRole, requireOwnerMobile } from './separation';

/**
 * Gives the user a temporary password they must change at next sign-in; ends their sessions, revokes their API
 * tokens and unlocks them. For a 三员 account it files the request instead.
 */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ password: string } | { pendingId: string }> {
  const user = await findUser(ctx.db, id);
  if (!user) throw notFound('用户');
  authorize(ctx.actor, 'users.resetPassword', userSubject(user));
  if (id === ctx.actor.id) throw new AppError('forbidden', '不能重置自己的密码，请在个人中心修改');
  if (hasSeparatedRole(await grantsOf(ctx.db, [id]))) {
    const phone = requireOwnerMobile(user.phone);
    const pendingId = await requestPrivilegedChange(ctx, {
      kind: 'reset_password',
      targetUserId: id,
      targetVersion: user.version,
      payload: {},
      summary: `重置 ${user.username}（${user.name}）的密码；批准后临时密码发送至本人手机 ${maskPhone(phone)}`,
    });
    return { pendingId };
  }
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, must_change_password: true, updated_at: now }).where('id', '=', id).execute();
    await clearUserThrottle(tx, id);
    await endUserSessions(tx, id, now);
    const revoked = await revokeUserTokens(tx, id, now);
    await recordEvent(tx, ctx, {
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      after: revoked ? { api_tokens_revoked: revoked } : null,
    });
  });
  return { password };
}

/** Lifts every sign-in lock on the account (from any address) before its time is up. */
export async function unlockUser(ctx: Ctx, id: string): Promise<void> {
  const user = await findUser(ctx.db, id);
  if (!user) throw notFound('用户');
  authorize(ctx.actor, 'users.unlock', userSubject(user));
  await ctx.db.transaction().execute(async (tx) => {
    await clearUserThrottle(tx, id);
    await recordEvent(tx, ctx, {
      action: 'user.unlocked',
      subjectType: 'user',
      subjectId: id,
      before: { locked_until: user.locked_until },
    });
  });
}

/** Current sign-in locks the actor may lift: accounts in their scope, and names that match no account. */
export async function listLocks(ctx: Ctx) {
  authorize(ctx.actor, 'users.unlock');
  const rows = await currentLocks(ctx.db, ctx.clock.now());
  const visible = [];
  for (const r of rows) {
    if (r.user_id) {
      const u = await findUser(ctx.db, r.user_id);
      if (!u || !can(ctx.actor, 'users.unlock', userSubject(u))) continue;
    } else if (!can(ctx.actor, 'users.unlock', { regionPath: '/' })) continue;
    visible.push({
      subject: r.subject,
      ip: r.ip || null,
      user: r.user_id ? { id: r.user_id, username: r.username, name: r.name } : null,
      typedName: r.user_id ? null : r.subject.slice(5),
      attempts: r.attempts,
      lockCount: r.lock_count,
      lockedUntil: r.locked_until,
      lastAttemptAt: r.last_attempt_at,
    });
  }
  return visible;
}

/** Lifts one (subject, address) lock. */
export async function releaseLock(ctx: Ctx, subject: string, ip: string | null): Promise<void> {
  authorize(ctx.actor, 'users.unlock');
  if (subject.startsWith('user:')) {
    const u = await findUser(ctx.db, subject.slice(5));
    if (!u) throw notFound('锁定记录');
    authorize(ctx.actor, 'users.unlock', userSubject(u));
  } else if (!can(ctx.actor, 'users.unlock', { regionPath: '/' })) throw notFound('锁定记录');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await clearThrottle(tx, subject, ip ?? ''))) throw notFound('锁定记录');
    await recordEvent(tx, ctx, {
      action: 'auth.lock_released',
      subjectType: subject.startsWith('user:') ? 'user' : 'login_name',
      subjectId: subject.slice(5),
      after: { ip },
    });
  });
}
