/** 修改密码: checks the old password and the policy, ends the user's other sessions. */
import { passwordProblem } from '../../../common/password-policy';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { endUserSessions } from '../../platform/auth/sessions';

/** Changes the actor's own password. */
export async function changePassword(ctx: Ctx, oldPassword: string, newPassword: string, keepSessionId?: string): Promise<void> {
  const user = await ctx.db.selectFrom('users').select(['id', 'username', 'password_hash']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw new AppError('invalid_credentials', '原密码不正确');
  }
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw new AppError('password_policy', problem);
  if (oldPassword === newPassword) throw new AppError('password_policy', '新密码不能与原密码相同');
  const hash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: now, updated_at: now, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', user.id)
      .execute();
    await endUserSessions(tx, user.id, now, keepSessionId);
    await recordEvent(tx, ctx, { action: 'user.password_changed', subjectType: 'user', subjectId: user.id });
  });
}
