/** Opens the database: embedded PGlite in DATA_DIR by default, PostgreSQL when a URL is given. */
import fs from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { lockDataDir } from './data-dir-lock';
import { preparingPool } from './prepared';
import type { DB } from './schema';

export { DataDirLockedError } from './data-dir-lock';

// COUNT(*) and bigint ids arrive as strings from `pg`; our numbers stay well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// DATE stays the calendar day it is ('2026-11-01'), never a midnight in the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;
export type Engine = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Raw SQL for libraries that bring their own queries (pg-boss); shares the app's pool, so it waits for open transactions. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The embedded engine's data directory as a tar, to start copies from (`openDatabase({ snapshot })`). */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
}

function rawExecutor(pool: pg.Pool): Database['executeSql'] {
  return async (text, values) => {
    const r = (await pool.query(text, values?.length ? values : undefined)) as unknown as pg.QueryResult | pg.QueryResult[];
    // Several statements in one text come back as one result each; the last one carries the rows.
    return Array.isArray(r) ? { rows: r[r.length - 1]?.rows ?? [] } : { rows: r.rows };
  };
}

/**
 * The planner's cost of a random page read, set on the app's connections. PostgreSQL's default (4) assumes spinning
 * disks; on SSDs and with the working set in memory (every deployment we target) 1.1 is the usual setting, and with
 * 4 the planner preferred scanning 149 000 rows in deadline order over an index on (state, category) that reads
 * 16 000: the list "county + E05 + 整改中, by deadline" counted in 470 ms instead of 27 ms at city scale
 * (docs/performance.md). `DB_RANDOM_PAGE_COST` overrides it; empty leaves the server's own setting.
 */
export const RANDOM_PAGE_COST = process.env.DB_RANDOM_PAGE_COST ?? '1.1';

/**
 * JIT compilation on the app's connections: off unless `DB_JIT=on`. PostgreSQL compiles a query's expressions when its
 * estimated cost passes `jit_above_cost`; the app's heaviest queries (a month's metrics over 190 000 problems, ≈ 0.2–0.4 s)
 * cross it and paid 50 ms of compilation each time for no gain, and OLTP statements never profit from it.
 */
export const JIT = process.env.DB_JIT === 'on' ? 'on' : 'off';

/**
 * Connects to PostgreSQL at `url`, or opens (creating if needed) an embedded database in `dataDir`. `snapshot` (a tar of
 * an embedded data directory, PGlite's `dumpDataDir`) starts a new embedded database as a copy of it — the browser tests
 * start each file from the demo county this way, in memory.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number; snapshot?: Blob }): Promise<Database> {
  const pageCost = /^\d+(\.\d+)?$/.test(RANDOM_PAGE_COST);
  const plannerOptions = [pageCost ? `-c random_page_cost=${RANDOM_PAGE_COST}` : '', `-c jit=${JIT}`].filter(Boolean).join(' ');
  if (opts.url) {
    // A connection string that brings its own `options` keeps them.
    const options = /[?&]options=/.test(opts.url) ? undefined : plannerOptions;
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, ...(options ? { options } : {}) });
    // The hottest statements go as named prepared statements (prepared.ts); the embedded engine runs them as text.
    // DB_PREPARED_STATEMENTS=off sends them as text too (a PgBouncer in transaction mode before 1.21 cannot keep them).
    const preparing = process.env.DB_PREPARED_STATEMENTS !== 'off';
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing ? preparingPool(pool) : pool }) });
    return { db, engine: 'postgres', executeSql: rawExecutor(pool), close: () => db.destroy() };
  }
  // Loaded lazily so a PostgreSQL deployment never pays for the WASM engine.
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dataDir = opts.dataDir ?? './data/db';
  const isMemory = dataDir.startsWith('memory://');
  if (!isMemory) fs.mkdirSync(dataDir, { recursive: true });
  // A second process on the same directory would corrupt it: refuse before PGlite touches a file (data-dir-lock.ts).
  const release = isMemory ? () => {} : lockDataDir(dataDir);
  let lite: InstanceType<typeof PGlite>;
  try {
    lite = new PGlite(dataDir, opts.snapshot ? { loadDataDir: opts.snapshot } : {});
    await lite.waitReady;
    // One session for the whole process: a SET holds for every query.
    // (No JIT in the embedded engine's build: only the page cost is set.)
    if (pageCost) await lite.exec(`set random_page_cost = ${RANDOM_PAGE_COST}`);
  } catch (error) {
    release();
    throw error;
  }
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'embedded',
    executeSql: rawExecutor(pool),
    snapshot: () => lite.dumpDataDir('none'),
    close: async () => {
      try {
        await db.destroy();
        await lite.close();
      } finally {
        release();
      }
    },
  };
}
