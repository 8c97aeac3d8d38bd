/** 个人 API 令牌: create (value shown once, with its expiry), list, revoke. Only a signed-in person mints tokens. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { DEFAULT_TOKEN_DAYS, forgetTokenLookups, newApiToken } from '../../platform/auth/tokens';

const MAX_TOKENS = 20;

/** Creates a token for the actor; the value is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: Ctx,
  name: string,
  days = DEFAULT_TOKEN_DAYS,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  // A token must not mint tokens: revoking a leaked token would leave its offspring alive.
  if (ctx.actor.via !== 'session') throw new AppError('forbidden', 'API 令牌不能用来创建新的令牌，请登录后在个人中心创建');
  const { token, hash, prefix } = newApiToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  return ctx.db.transaction().execute(async (tx) => {
    const { n } = await tx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', ctx.actor.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_TOKENS) {
      throw new AppError('conflict', `每人最多 ${MAX_TOKENS} 个有效令牌，请先撤销不用的令牌`);
    }
    const row = await tx
      .insertInto('api_tokens')
      .values({ user_id: ctx.actor.id, name, token_hash: hash, prefix, created_at: now, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      after: { name, prefix, expires_at: expiresAt },
    });
    return { id: row.id, token, expiresAt };
  });
}

/** The actor's live, unexpired tokens (never the values). */
export async function listApiTokens(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', ctx.actor.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
  }));
}

/** Revokes one of the actor's tokens. */
export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('user_id', '=', ctx.actor.id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound('令牌');
    await recordEvent(tx, ctx, { action: 'api_token.revoked', subjectType: 'api_token', subjectId: id, before: { name: row.name } });
  });
  // This node stops honouring it at once (other nodes within a second: platform/auth/tokens.ts).
  forgetTokenLookups();
}
