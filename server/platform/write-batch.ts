/**
 * Many rows of a table as one INSERT with a fixed text. A report's write (problems/report-statements.ts) puts one per
 * table in data-modifying CTEs — `with problems as (insert …), w_timeline as (insert …) select …` — which PostgreSQL
 * runs as one statement: one round trip, one implicit transaction, one WAL flush, all or nothing, the foreign keys
 * between them checked at its end (ids are made beforehand, e.g. `randomUUID()`).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DB } from './schema';

/** Rows as the one parameter of `insertRowsFromJson`: their columns (the text) and the jsonb array (the value). */
export interface JsonRows {
  columns: string[];
  json: string;
}

/** Rows (every one with the same keys; a json/jsonb column takes an object, not a string) as `JsonRows`. */
export function jsonRows(rows: Record<string, unknown>[]): JsonRows {
  if (!rows.length) throw new Error('jsonRows: no rows');
  return { columns: Object.keys(rows[0]), json: JSON.stringify(rows) };
}

/**
 * The INSERT of many rows of one table as one fixed statement text, whatever their number: the rows go as one jsonb
 * array read by `jsonb_populate_recordset` (so the statement can be prepared once and reused for any batch size);
 * its one parameter is `rows.json`. `onConflictDoNothing` names the unique columns whose duplicates are skipped.
 */
export function insertRowsFromJson<T extends keyof DB & string>(
  table: T,
  rows: JsonRows,
  opts: { onConflictDoNothing?: string[] } = {},
): RawBuilder<unknown> {
  const list = sql.join(rows.columns.map((c) => sql.ref(c)));
  const conflict = opts.onConflictDoNothing
    ? sql` on conflict (${sql.join(opts.onConflictDoNothing.map((c) => sql.ref(c)))}) do nothing`
    : sql``;
  return sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${rows.json}::jsonb)${conflict}`;
}
