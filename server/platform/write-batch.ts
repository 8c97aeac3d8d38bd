/**
 * Several INSERTs sent as one statement: `with w0 as (insert …), w1 as (insert …) insert …`. PostgreSQL runs the
 * data-modifying CTEs as one statement — one round trip, one implicit transaction, one WAL flush — and checks the
 * foreign keys between them at its end, so a row may reference another row inserted by the same batch (ids are made
 * beforehand, e.g. `randomUUID()`). The write path of a report uses it (problems/submit-problem.ts): the problem, its
 * timeline entry, its photos, the notice job and the audit event go in together or not at all.
 */
import { sql, type Compilable, type InsertQueryBuilder, type RawBuilder } from 'kysely';
import type { DB } from './schema';
import type { Db, Tx } from './db';

export type AnyInsert = InsertQueryBuilder<DB, any, any> | (RawBuilder<unknown> & Compilable);

/** Executes the inserts as one statement (nothing is sent when the list is empty). */
export async function writeTogether(db: Db | Tx, inserts: AnyInsert[]): Promise<void> {
  if (!inserts.length) return;
  const last = inserts[inserts.length - 1];
  if (inserts.length === 1) {
    await sql`${last}`.execute(db);
    return;
  }
  const ctes = inserts.slice(0, -1).map((q, i) => sql`${sql.raw(`w${i}`)} as (${q})`);
  await sql`with ${sql.join(ctes)} ${last}`.execute(db);
}

/**
 * The INSERT of many rows of one table as one fixed statement text, whatever their number: the rows go as one jsonb
 * array read by `jsonb_populate_recordset` (so the statement can be prepared once and reused for any batch size).
 * Every row must carry the same keys (the columns written); a json/jsonb column takes an object, not a string.
 * `onConflictDoNothing` names the unique columns whose duplicates are skipped.
 */
export function insertRowsFromJson<T extends keyof DB & string>(
  table: T,
  rows: Record<string, unknown>[],
  opts: { onConflictDoNothing?: string[] } = {},
): RawBuilder<unknown> {
  if (!rows.length) throw new Error(`insertRowsFromJson(${table}): no rows`);
  const columns = Object.keys(rows[0]);
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const conflict = opts.onConflictDoNothing
    ? sql` on conflict (${sql.join(opts.onConflictDoNothing.map((c) => sql.ref(c)))}) do nothing`
    : sql``;
  return sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)${conflict}`;
}
