/** Optimistic concurrency: an update applies only to the version the client saw. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Tx } from './db';
import type { DB } from './schema';
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

/**
 * A setting row that a region (or the deployment) owns at most once — created by a client that saw none
 * (`version: null`), then changed at the version the client saw. `before` is the row as loaded in this transaction.
 * A second creator racing the first hits the table's unique index and loses with 409, as does a stale version.
 * `values` holds the columns to write (with the key columns, e.g. `region_id`, which an update leaves alone).
 */
export async function saveOwnedSetting<T extends keyof DB & string>(
  tx: Tx,
  table: T,
  before: { id: string; version: number } | undefined,
  version: number | null,
  values: Record<string, unknown>,
  keyColumns: readonly string[] = ['region_id'],
): Promise<Selectable<DB[T]>> {
  // The generic table name defeats Kysely's column typing here; callers' `values` objects are typed.
  const db = tx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const name: string = table;
  let row: Record<string, unknown> | undefined;
  if (version === null) {
    if (before) throw versionConflict();
    row = await db
      .insertInto(name)
      .values(values as never)
      .returningAll()
      .executeTakeFirst()
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw versionConflict();
        throw e;
      });
  } else {
    if (!before || before.version !== version) throw versionConflict();
    const set = Object.fromEntries(Object.entries(values).filter(([k]) => !keyColumns.includes(k)));
    row = await db
      .updateTable(name)
      .set({ ...set, version: sql`version + 1` } as never)
      .where('id', '=', before.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }
  if (!row) throw versionConflict();
  return row as Selectable<DB[T]>;
}
