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
 * A token's lookup is remembered on this node for a second: a script or an integration (the 12345 hotline's sync, a
 * bulk import) sends many requests a second with one token, and each asked the database who it is — on a report a
 * fifth of its statements (bench:problems). Only live tokens are remembered (an unknown or revoked one is asked
 * again every time), at most `REMEMBER_MAX` per database. Revoking a token, revoking a user's tokens, disabling a
 * user or changing their roles (`endUserSessions`) forgets every lookup of this node at once (a lookup racing that
 * change's COMMIT may keep the old answer, for at most `REMEMBER_MS`); another node, and role changes made elsewhere (a
 * covert round's team), reach a token's requests within `REMEMBER_MS`. The expiry is checked on every request.
 */
export const REMEMBER_MS = 1000;
const REMEMBER_MAX = 10_000;
type Memory = Map<string, { until: number; row: TokenUserRow }> & { generation: number };
const remembered = new WeakMap<object, Memory>();

/** Bumped by `forgetTokenLookups`: a database's memory made under an older generation is dropped on its next use. */
let generation = 0;

/** Forgets every remembered token lookup of this node (after a revocation or a change to who someone is). */
export function forgetTokenLookups(): void {
  generation += 1;
}

function rememberedFor(db: Db): Memory {
  let m = remembered.get(db);
  if (!m || m.generation !== generation) {
    m = Object.assign(new Map(), { generation });
    remembered.set(db, m);
  }
  return m;
}

/**
 * A live, unexpired token with its owner and the owner's grants (see `tokenUsers`; remembered for `REMEMBER_MS`);
 * `user` is null when the account is gone. `last_used_at` is written at most once a minute (a second statement then).
 */
export async function resolveApiTokenUser(db: Db, token: string, now: Date): Promise<{ user: ActorUserRow | null } | null> {
  const hash = sha256(token);
  const memory = rememberedFor(db);
  const at = performance.now();
  const kept = memory.get(hash);
  let row = kept && kept.until > at ? kept.row : null;
  if (!row) {
    row = await tokenUsers(db, hash);
    if (row) {
      if (memory.size >= REMEMBER_MAX) memory.delete(memory.keys().next().value!);
      memory.delete(hash);
      memory.set(hash, { until: at + REMEMBER_MS, row });
    }
  }
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
    row.last_used_at = now;
  }
  return { user: row.id ? (row as ActorUserRow) : null };
}

/** Revokes every live token of a user (password changed or reset); returns how many. */
export async function revokeUserTokens(tx: Tx, userId: string, now: Date): Promise<number> {
  forgetTokenLookups();
  const res = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
