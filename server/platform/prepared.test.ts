import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db';
import { preparedName, runFixed } from './prepared';

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

  it('gives each text it runs one stable name (a hash of the text); texts nobody ran have none', async () => {
    const q = (n: number) => sql<{ n: number; t: string }>`select ${n}::int + 1 as n, 'cc-prepared-test' as t`;
    expect((await runFixed(database.db, 'test-fixed:name', [1], () => q(1))).rows).toEqual([{ n: 2, t: 'cc-prepared-test' }]);
    const name = preparedName(q(0).compile(database.db).sql);
    expect(name).toMatch(/^cc_[0-9a-f]{20}$/);
    expect(preparedName('select 1')).toBeUndefined();
  });

  it('runFixed builds a shape once and sends its text with new values; refuses parameters that are not the given ones', async () => {
    let built = 0;
    const run = (n: number) =>
      runFixed(database.db, 'test-fixed:add', [n], () => {
        built += 1;
        return sql<{ n: number }>`select ${n}::int + 1 as n, 'cc-fixed-test' as t`;
      });
    expect((await run(1)).rows).toEqual([{ n: 2, t: 'cc-fixed-test' }]);
    expect((await run(41)).rows).toEqual([{ n: 42, t: 'cc-fixed-test' }]);
    expect(built).toBe(1);
    // A value the text would freeze (the builder's 7 is not the given 8) is caught on the first compile.
    await expect(runFixed(database.db, 'test-fixed:frozen', [8], () => sql`select ${7}::int as n`)).rejects.toThrow(/not the ones given/);
  });

  it.runIf(!!url)('sends a registered text to PostgreSQL as a named prepared statement, and others as plain text', async () => {
    const text = sql<{ x: string }>`select ${'a'}::text || 'cc-prepared-named' as x`;
    await runFixed(database.db, 'test-fixed:named', ['a'], () => text);
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
      .execute(async (tx) => (await runFixed(tx, 'test-fixed:tx', [], () => sql<{ v: number }>`select 7 as v`)).rows[0].v);
    expect(inTx).toBe(7);
    const raw = await database.executeSql('select $1::int as v', [5]);
    expect(raw.rows).toEqual([{ v: 5 }]);
  });
});
