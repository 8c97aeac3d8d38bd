/**
 * 登录: username or phone + password, with the 等保 lockout (5 failures → 15 minutes) counted per account and
 * source address (platform/auth/throttle.ts). Unknown names get the same answers, in about the same time
 * (a dummy hash is verified), as known ones.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { verifyPassword } from '../../platform/auth/passwords';
import { startSession } from '../../platform/auth/sessions';
import {
  failureDelayMs,
  nameSubject,
  recordFailure,
  recordSuccess,
  reserveAttempt,
  sleep,
  userSubject,
} from '../../platform/auth/throttle';
import { rolesOf, type Actor } from '../../platform/actor';
import { loadActor } from '../../platform/http';

export { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from '../../platform/auth/throttle';

export interface LoginResult {
  actor: Actor;
  token: string;
  csrfToken: string;
}

/** The one answer for a locked (subject, address), whether or not the name exists. */
export function lockedError(until: Date): AppError {
  const hhmm = until.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  return new AppError('account_locked', `连续登录失败次数过多，已暂停从当前网络登录此账号，请于 ${hhmm} 后重试或联系安全管理员解锁`);
}

const wrongCredentials = () => new AppError('invalid_credentials', '用户名或密码错误');

/** Signs a user in, or records the failure and throws. Failures are committed before the error is thrown. */
export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResult> {
  const now = ctx.clock.now();
  const ip = ctx.meta.ip;
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'password_hash'])
    .where((eb) => eb.or([eb('username', '=', username), eb('phone', '=', username)]))
    .where('active', '=', true)
    .executeTakeFirst();
  const subject = user ? userSubject(user.id) : nameSubject(username);
  const subjectCtx: Ctx | null = user ? { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.name, username: user.username } } : null;

  const reservation = await reserveAttempt(ctx.db, subject, ip, now);
  if (reservation.status === 'locked') {
    if (subjectCtx) {
      await ctx.db
        .transaction()
        .execute((tx) => recordEvent(tx, subjectCtx, { action: 'auth.login_refused_locked', subjectType: 'user', subjectId: user!.id }));
    }
    throw lockedError(reservation.lockedUntil);
  }
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!ok || !user) {
    const lockedUntil = await recordFailure(ctx.db, subject, ip, reservation.attempt, now);
    if (subjectCtx) {
      await ctx.db.transaction().execute((tx) =>
        recordEvent(tx, subjectCtx, {
          action: lockedUntil ? 'auth.account_locked' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user!.id,
          after: { attempt: reservation.attempt, ip, ...(lockedUntil ? { locked_until: lockedUntil } : {}) },
        }),
      );
    }
    await sleep(await failureDelayMs(ctx.db, subject, now));
    if (lockedUntil) throw lockedError(lockedUntil);
    throw wrongCredentials();
  }
  await recordSuccess(ctx.db, subject, ip, now);
  const session = await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_attempts: 0, last_login_at: now }).where('id', '=', user.id).execute();
    const started = await startSession(tx, user.id, now, ctx.meta);
    await recordEvent(tx, subjectCtx!, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    return started;
  });
  const actor = await loadActor(ctx.db, user.id, 'session');
  if (!actor) throw wrongCredentials();
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
