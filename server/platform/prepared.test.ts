import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db';
import { preparedName, runPrepared } from './prepared';

const url = process.env.TEST_DATABASE_URL;

describe('prepared statements', () => {
  let database: Database;
  beforeAll(async () => {
    // One connection, so the session that prepared a statement is the one asked about it.
    database = await openDatabase(url ? { url, poolSize: 1 } : { dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database.close();
  });

  it('runs a registered text with its parameters and gives each text one stable name', async () => {
    const q = (n: number) => sql<{ n: number; t: string }>`select ${n}::int + 1 as n, 'cc-prepared-test' as t`;
    const a = await runPrepared(database.db, q(1));
    const b = await runPrepared(database.db, q(41));
    expect(a.rows).toEqual([{ n: 2, t: 'cc-prepared-test' }]);
    expect(b.rows).toEqual([{ n: 42, t: 'cc-prepared-test' }]);
    const name = preparedName(q(0).compile(database.db).sql);
    expect(name).toMatch(/^cc_[0-9a-f]{20}$/);
    expect(preparedName('select 1')).toBeUndefined();
  });

  it.runIf(!!url)('sends a registered text to PostgreSQL as a named prepared statement, and others as plain text', async () => {
    const text = sql<{ x: string }>`select ${'a'}::text || 'cc-prepared-named' as x`;
    await runPrepared(database.db, text);
    await sql`select 'cc-not-prepared' as y`.execute(database.db);
    const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(
      database.db,
    );
    const name = preparedName(text.compile(database.db).sql);
    expect(prepared.rows.map((r) => r.name)).toContain(name);
    expect(prepared.rows.some((r) => r.statement.includes('cc-not-prepared'))).toBe(false);
  });

  it('keeps the pool usable for plain queries, transactions and pool.query callers', async () => {
    const inTx = await database.db
      .transaction()
      .execute(async (tx) => (await runPrepared(tx, sql<{ v: number }>`select 7 as v`)).rows[0].v);
    expect(inTx).toBe(7);
    const raw = await database.executeSql('select $1::int as v', [5]);
    expect(raw.rows).toEqual([{ v: 5 }]);
  });
});
