/**
 * Many rows of a table as one INSERT with a fixed text. A report's write (problems/report-statements.ts) puts one per
 * table in data-modifying CTEs — `with problems as (insert …), w_timeline as (insert …) select …` — which PostgreSQL
 * runs as one statement: one round trip, one implicit transaction, one WAL flush, all or nothing, the foreign keys
 * between them checked at its end (ids are made beforehand, e.g. `randomUUID()`).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DB } from './schema';

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
