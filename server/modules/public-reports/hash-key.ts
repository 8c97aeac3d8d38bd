/**
 * The key of the public door's hashes. An address, device or phone is stored only as HMAC-SHA256 under a secret this
 * deployment made for itself (deployment_secrets, the same on every node): a plain hash of an IPv4 address or a phone
 * number could be reversed by trying them all; without the key it cannot.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

const NAME = 'public_hash_key';
let key: Buffer | null = null;
let keyOf: Db | null = null;

/** Loads (creating it on first use) the deployment's key; called when the public routes are registered. */
export async function loadPublicHashKey(db: Db): Promise<void> {
  const fresh = crypto.randomBytes(32).toString('hex');
  await sql`insert into deployment_secrets (name, value) values (${NAME}, ${fresh}) on conflict (name) do nothing`.execute(db);
  const r = await sql<{ value: string }>`select value from deployment_secrets where name = ${NAME}`.execute(db);
  key = Buffer.from(r.rows[0].value, 'hex');
  keyOf = db;
}

/**
 * One process serves one database, so the key is held per process. A process that opens several (the test workers
 * build demo databases beside their shared one) calls this before using a database again: it reloads that database's
 * key when another one was loaded since.
 */
export async function usePublicHashKeyOf(db: Db): Promise<void> {
  if (keyOf !== db) await loadPublicHashKey(db);
}

/** HMAC-SHA256 of `text` under the deployment's key (refused before the key is loaded: nothing is hashed weakly). */
export function keyedHash(text: string): string {
  if (!key) throw new Error('the public hash key is not loaded (loadPublicHashKey)');
  return crypto.createHmac('sha256', key).update(text).digest('hex');
}
