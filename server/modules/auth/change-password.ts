/**
 * 修改密码: checks the old password (wrong guesses count toward the sign-in lockout), the policy and the history;
 * ends the user's other sessions and revokes their API tokens.
 */
import { PASSWORD_HISTORY_SIZE, passwordProblem } from '../../../common/password-policy';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { isRecentPassword, rememberPassword } from '../../platform/auth/password-history';
import { endUserSessions } from '../../platform/auth/sessions';
import { recordFailure, recordSuccess, reserveAttempt, userSubject } from '../../platform/auth/throttle';
import { revokeUserTokens } from '../../platform/auth/tokens';
import { lockedError } from './login';

/** Changes the actor's own password. */
export async function changePassword(ctx: Ctx, oldPassword: string, newPassword: string, keepSessionId?: string): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'must_change_password'])
    .where('id', '=', ctx.actor.id)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const subject = userSubject(user.id);
  // The old password is a password guess like any sign-in: same count, same lock.
  const reservation = await reserveAttempt(ctx.db, subject, ctx.meta.ip, now);
  if (reservation.status === 'locked') throw lockedError(reservation.lockedUntil);
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    const lockedUntil = await recordFailure(ctx.db, subject, ctx.meta.ip, reservation.attempt, now);
    await ctx.db.transaction().execute((tx) =>
      recordEvent(tx, ctx, {
        action: lockedUntil ? 'auth.account_locked' : 'auth.password_change_failed',
        subjectType: 'user',
        subjectId: user.id,
        after: { attempt: reservation.attempt, ip: ctx.meta.ip, ...(lockedUntil ? { locked_until: lockedUntil } : {}) },
      }),
    );
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('invalid_credentials', '原密码不正确');
  }
  await recordSuccess(ctx.db, subject, ctx.meta.ip, now);
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw new AppError('password_policy', problem);
  if (oldPassword === newPassword) throw new AppError('password_policy', '新密码不能与原密码相同');
  if (await isRecentPassword(ctx.db, user.id, user.password_hash, newPassword)) {
    throw new AppError('password_policy', `新密码不能与最近 ${PASSWORD_HISTORY_SIZE} 次使用过的密码相同`);
  }
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: false,
        password_changed_at: now,
        updated_at: now,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', user.id)
      .execute();
    // The password being replaced joins the history, unless it was a temporary one nobody chose.
    if (!user.must_change_password) await rememberPassword(tx, user.id, user.password_hash, now);
    await endUserSessions(tx, user.id, now, keepSessionId);
    const revoked = await revokeUserTokens(tx, user.id, now);
    await recordEvent(tx, ctx, {
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: user.id,
      after: revoked ? { api_tokens_revoked: revoked } : null,
    });
  });
}
