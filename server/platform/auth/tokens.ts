/** Personal API tokens for scripts: `cc_<random>`, stored as a hash, valid until they expire or are revoked. */
import { sql, type SqlBool } from 'kysely';
import { batchedStatement } from '../batcher';
import { grantsJsonSql } from '../actor';
import type { Db, Tx } from '../db';
import { runFixed } from '../prepared';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from './actor-row';
import { randomToken, sha256 } from './passwords';

export const TOKEN_PREFIX = 'cc_';
/** A token lives this long unless the owner asks for less (or more, up to MAX_TOKEN_DAYS). */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

/** Makes a new token value and what to store for it. */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomToken(32);
  return { token, hash: sha256(token), prefix: token.slice(0, 8) };
}

type TokenUserRow = ActorUserRow & { token_hash: string; token_id: string; last_used_at: Date | null; expires_at: Date };

/**
 * Live tokens with their owners and the owners' grants, by hash, in one statement: every API request asks, and the
 * requests arriving together share it (`batchedStatement`).
 */
const tokenUsers = batchedStatement(async (db: Db | Tx, hashes: string[]): Promise<(TokenUserRow | null)[]> => {
  const rows = (
    await runFixed(db, 'token-users', [hashes], () =>
      db
        .selectFrom('api_tokens as t')
        .leftJoin('users as au', 'au.id', 't.user_id')
        .select(['t.token_hash', 't.id as token_id', 't.last_used_at', 't.expires_at', ...ACTOR_USER_COLUMNS])
        .select(grantsJsonSql(sql.ref('au.id')).as('grants'))
        .where(sql<SqlBool>`t.token_hash = any(${hashes}::text[])`)
        .where('t.revoked_at', 'is', null),
    )
  ).rows as TokenUserRow[];
  const byHash = new Map(rows.map((r) => [r.token_hash, r]));
  return hashes.map((h) => byHash.get(h) ?? null);
});

/**
 * A live, unexpired token with its owner and the owner's grants (every API request runs it; see `tokenUsers`);
 * `user` is null when the account is gone. `last_used_at` is written at most once a minute (a second statement then).
 */
export async function resolveApiTokenUser(db: Db, token: string, now: Date): Promise<{ user: ActorUserRow | null } | null> {
  const row = await tokenUsers(db, sha256(token));
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return { user: row.id ? (row as ActorUserRow) : null };
}

/** Revokes every live token of a user (password changed or reset); returns how many. */
export async function revokeUserTokens(tx: Tx, userId: string, now: Date): Promise<number> {
  const res = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
