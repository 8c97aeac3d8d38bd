/**
 * A Kysely handle with no database behind it, for unit tests of code that reads a little through `db`/`tx`
 * (a policy lookup, one aggregate query): every statement is compiled as for PostgreSQL, recorded with its
 * whitespace collapsed, and answered by `answer(sql, parameters)` (no rows by default). Lets pure rules around a
 * query be tested without starting an engine.
 */
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from '../../server/platform/db';

export interface FakeQuery {
  sql: string;
  parameters: readonly unknown[];
}

/** Answers one statement with rows (or no rows). */
export type Answer = (sql: string, parameters: readonly unknown[]) => Array<Record<string, unknown>> | undefined;

/** A fake database handle and the statements it was asked to run. */
export function fakeDb(answer: Answer = () => []): { db: Db; queries: FakeQuery[] } {
  const queries: FakeQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      // Whitespace collapsed, so a raw `sql` template matches as easily as a built query.
      const text = q.sql.replace(/\s+/g, ' ').trim();
      queries.push({ sql: text, parameters: q.parameters });
      return { rows: (answer(text, q.parameters) ?? []) as R[] };
    },
    // eslint-disable-next-line require-yield
    async *streamQuery() {
      throw new Error('fakeDb: streaming is not supported');
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  const db = new Kysely<never>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }) as unknown as Db;
  return { db, queries };
}
