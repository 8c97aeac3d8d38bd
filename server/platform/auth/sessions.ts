/** Server-side sessions: the cookie holds a random token, the table holds its hash. */
import { sql, type SqlBool } from 'kysely';
import { batchedStatement } from '../batcher';
import { grantsJsonSql } from '../actor';
import type { Db, Tx } from '../db';
import { runFixed } from '../prepared';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from './actor-row';
import { randomToken, sha256 } from './passwords';
import { forgetTokenLookups } from './tokens';

export const SESSION_COOKIE = 'cc_session';
export const IDLE_LIMIT_MS = 30 * 60_000;
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** Starts a session; returns the cookie token and CSRF token. */
export async function startSession(
  tx: Tx,
  userId: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await tx
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 400) ?? null,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return { token, csrfToken };
}

export type SessionUserLookup =
  { status: 'ok'; user: ActorUserRow | null; csrfToken: string; sessionId: string } | { status: 'expired' | 'missing' };

type SessionUserRow = ActorUserRow & { session_id: string; csrf_token: string; last_seen_at: Date; ended_at: Date | null };

/**
 * Sessions with their users and the users' grants, by id, in one statement: every request with a cookie asks, and
 * the requests arriving together (a page's several calls, many users at once) share it (`batchedStatement`).
 */
const sessionUsers = batchedStatement(async (db: Db | Tx, ids: string[]): Promise<(SessionUserRow | null)[]> => {
  const rows = (
    await runFixed(db, 'session-users', [ids], () =>
      db
        .selectFrom('sessions as s')
        .leftJoin('users as au', 'au.id', 's.user_id')
        .select(['s.id as session_id', 's.csrf_token', 's.last_seen_at', 's.ended_at', ...ACTOR_USER_COLUMNS])
        .select(grantsJsonSql(sql.ref('au.id')).as('grants'))
        .where(sql<SqlBool>`s.id = any(${ids}::text[])`),
    )
  ).rows as SessionUserRow[];
  const byId = new Map(rows.map((r) => [r.session_id, r]));
  return ids.map((id) => byId.get(id) ?? null);
});

/**
 * A live session for a cookie token, with its user and their grants (every request with a cookie runs it; see
 * `sessionUsers`); `user` is null when the account is gone. Ending an idle session or touching `last_seen_at` (at most
 * once a minute) is a second statement.
 */
export async function resolveSessionUser(db: Db, token: string, now: Date): Promise<SessionUserLookup> {
  const id = sha256(token);
  const row = await sessionUsers(db, id);
  if (!row || row.ended_at) return { status: 'missing' };
  const idle = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idle > IDLE_LIMIT_MS) {
    await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).execute();
    return { status: 'expired' };
  }
  if (idle > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return { status: 'ok', user: row.id ? (row as ActorUserRow) : null, csrfToken: row.csrf_token, sessionId: id };
}

/** Ends one session (logout). */
export async function endSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ ended_at: now }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}

/** Ends every session of a user (password change, reset, disable). */
export async function endUserSessions(tx: Tx, userId: string, now: Date, exceptId?: string): Promise<void> {
  // Disabled, or their roles changed: this node's remembered token lookups go too (auth/tokens.ts).
  forgetTokenLookups();
  let q = tx.updateTable('sessions').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
