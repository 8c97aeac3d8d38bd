/**
 * Password history: a new password may not be any of the last PASSWORD_HISTORY_SIZE passwords the person chose
 * (the current one and the ones before it). Only hashes are kept; temporary passwords are not remembered.
 */
import { PASSWORD_HISTORY_SIZE } from '../../../common/password-policy';
import type { Db, Tx } from '../db';
import { verifyPassword } from './passwords';

/** True when the password matches the current one or one of the last chosen ones. */
export async function isRecentPassword(db: Db | Tx, userId: string, currentHash: string, password: string): Promise<boolean> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(PASSWORD_HISTORY_SIZE - 1)
    .execute();
  const hashes = [currentHash, ...rows.map((r) => r.password_hash).filter((h) => h !== currentHash)];
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

/** Remembers a password being replaced (hash only). */
export async function rememberPassword(tx: Tx, userId: string, hash: string, now: Date): Promise<void> {
  await tx.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
}
