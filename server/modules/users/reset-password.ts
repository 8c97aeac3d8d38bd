/** 重置密码 and 解锁, by the 安全管理员. */
import { recordEvent } from '../../platform/audit';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { endUserSessions } from '../../platform/auth/sessions';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { userSubject } from './presenter';
import { findUser } from './repository';

/** Gives the user a temporary password they must change at next sign-in; ends their sessions and unlocks them. */
export async function resetPassword(ctx: Ctx, id: string): Promise<string> {
  const user = await findUser(ctx.db, id);
  if (!user) throw notFound('用户');
  authorize(ctx.actor, 'users.resetPassword', userSubject(user));
  if (id === ctx.actor.id) throw new AppError('forbidden', '不能重置自己的密码，请在个人中心修改');
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, must_change_password: true, failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
    await endUserSessions(tx, id, now);
    await recordEvent(tx, ctx, { action: 'user.password_reset', subjectType: 'user', subjectId: id });
  });
  return password;
}

/** Lifts a lockout before its 15 minutes are up. */
export async function unlockUser(ctx: Ctx, id: string): Promise<void> {
  const user = await findUser(ctx.db, id);
  if (!user) throw notFound('用户');
  authorize(ctx.actor, 'users.unlock', userSubject(user));
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
    await recordEvent(tx, ctx, { action: 'user.unlocked', subjectType: 'user', subjectId: id, before: { locked_until: user.locked_until } });
  });
}
