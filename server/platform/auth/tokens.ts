/** Personal API tokens for scripts: `cc_<random>`, stored as a hash. */
import type { Db } from '../db';
import { randomToken, sha256 } from './passwords';

export const TOKEN_PREFIX = 'cc_';

/** Makes a new token value and what to store for it. */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomToken(32);
  return { token, hash: sha256(token), prefix: token.slice(0, 8) };
}

/** The user id a live token belongs to, or null. */
export async function resolveApiToken(db: Db, token: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}
