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
