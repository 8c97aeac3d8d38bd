/** 登录: username or phone + password, with the 等保 lockout (5 failures → 15 minutes). */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { verifyPassword } from '../../platform/auth/passwords';
import { startSession } from '../../platform/auth/sessions';
import { rolesOf, type Actor } from '../../platform/actor';
import { loadActor } from '../../platform/http';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  actor: Actor;
  token: string;
  csrfToken: string;
}

function lockedMessage(until: Date): string {
  const hhmm = until.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  return `连续登录失败次数过多，账号已锁定，请于 ${hhmm} 后重试或联系安全管理员解锁`;
}

/** Signs a user in, or records the failure and throws. Failures are committed before the error is thrown. */
export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResult> {
  const now = ctx.clock.now();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', username), eb('phone', '=', username)]))
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(null, password);
    throw new AppError('invalid_credentials', '用户名或密码错误');
  }
  const subjectCtx: Ctx = { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.name, username: user.username } };
  if (user.locked_until && new Date(user.locked_until) > now) {
    await ctx.db.transaction().execute((tx) =>
      recordEvent(tx, subjectCtx, { action: 'auth.login_refused_locked', subjectType: 'user', subjectId: user.id }),
    );
    throw new AppError('account_locked', lockedMessage(new Date(user.locked_until)));
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) {
    const attempts = user.failed_attempts + 1;
    const lockNow = attempts >= MAX_FAILED_ATTEMPTS;
    const lockedUntil = lockNow ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ failed_attempts: lockNow ? 0 : attempts, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute();
      await recordEvent(tx, subjectCtx, {
        action: lockNow ? 'auth.account_locked' : 'auth.login_failed',
        subjectType: 'user',
        subjectId: user.id,
        after: { failed_attempts: attempts, ...(lockedUntil ? { locked_until: lockedUntil } : {}) },
      });
    });
    if (lockedUntil) throw new AppError('account_locked', lockedMessage(lockedUntil));
    throw new AppError('invalid_credentials', `用户名或密码错误（再失败 ${MAX_FAILED_ATTEMPTS - attempts} 次将锁定账号 ${LOCK_MINUTES} 分钟）`);
  }
  const session = await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    const started = await startSession(tx, user.id, now, ctx.meta);
    await recordEvent(tx, subjectCtx, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    return started;
  });
  const actor = await loadActor(ctx.db, user.id, 'session');
  if (!actor) throw new AppError('invalid_credentials', '用户名或密码错误');
  return { actor, ...session };
}

/** The login response body. */
export function presentLogin(result: LoginResult) {
  return {
    user: { id: result.actor.id, name: result.actor.name, roles: rolesOf(result.actor) },
    csrfToken: result.csrfToken,
    mustChangePassword: result.actor.mustChangePassword,
  };
}
