/** Optimistic concurrency: an update applies only to the version the client saw. */
import { sql, type Kysely } from 'kysely';
import type { Tx } from './db';
import { versionConflict } from './errors';

/** Tables that carry an `updated_at` column next to `version`. */
const WITHOUT_UPDATED_AT = new Set(['leading_group_members']);

/**
 * Updates one row (found by `keyColumn`) if its version still matches, bumping the version; throws
 * 409 when someone else changed it first. Returns the updated row.
 */
export async function updateVersionedBy(
  tx: Tx,
  table: string,
  keyColumn: string,
  key: string,
  version: number,
  set: Record<string, unknown>,
  now: Date,
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = { ...set, version: sql`version + 1` };
  if (!WITHOUT_UPDATED_AT.has(table)) values.updated_at = now;
  // The generic table name defeats Kysely's column typing here; callers' `set` objects are typed.
  const row = await (tx as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .updateTable(table)
    .set(values as never)
    .where(keyColumn, '=', key)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw versionConflict();
  return row;
}

/** `updateVersionedBy` on the `id` column. */
export function updateVersioned(tx: Tx, table: string, id: string, version: number, set: Record<string, unknown>, now: Date) {
  return updateVersionedBy(tx, table, 'id', id, version, set, now);
}
