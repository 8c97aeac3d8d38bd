/**
 * On PostgreSQL each test worker gets a database of its own (`<TEST_DATABASE_URL's database>_w<worker>`, made on first
 * use and kept between runs; migrations bring it up to date as they do any database). The suite's files then share a
 * database only with the files of their own worker, one after another — as on the embedded engine — instead of with
 * the other worker's files at the same moment: deployment-wide state (the public category list, the job queue a drain
 * claims from, pg-boss schedules) is no longer changed under a test by a file running beside it.
 *
 * Runs from test/support/setup-file.ts before a file's modules load, and rewrites `process.env.TEST_DATABASE_URL`, so
 * the harness, tests that open a second connection (two-nodes, prepared statements) and the scripts tests start all
 * reach the worker's database.
 */
import pg from 'pg';

const SUFFIX = /_w\d+$/;

export async function useWorkerDatabase(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const url = new URL(base);
  const baseName = decodeURIComponent(url.pathname.slice(1));
  if (SUFFIX.test(baseName)) return; // already the worker's (a later file of the same worker)
  const name = `${baseName}_w${process.env.VITEST_POOL_ID ?? '1'}`;
  // Connect to the database named in TEST_DATABASE_URL (it exists: CI makes it) to create the worker's.
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) {
      try {
        await admin.query(`create database "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another run made it meanwhile.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await admin.end();
  }
  url.pathname = `/${encodeURIComponent(name)}`;
  process.env.TEST_DATABASE_URL = url.toString();
}
