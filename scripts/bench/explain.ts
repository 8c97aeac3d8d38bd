/**
 * "Where the time goes": replays requests through a second, in-memory instance of the app whose Kysely
 * logs every query, then runs EXPLAIN (ANALYZE, BUFFERS) on the queries that touch `problems` and
 * writes the plans to a file. Kept apart from the timed runs so the logging costs nothing there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { RANDOM_PAGE_COST, type Database } from '../../server/platform/db';
import type { DB } from '../../server/platform/schema';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

/** For each named request, the app's own query timings and the plans of its problem queries. */
export async function explainRequests(
  url: string,
  requests: Array<{ name: string; path: string; token: string }>,
  file: string,
): Promise<string> {
  // The app's planner settings (server/platform/db.ts), so the plans are the ones the app gets.
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c random_page_cost=${RANDOM_PAGE_COST}` });
  let captured: Captured[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  const database: Database = {
    db,
    engine: 'postgres',
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }),
    close: () => db.destroy(),
  };
  const app = await buildApp({
    database,
    clock: systemClock,
    logLevel: 'silent',
    serveWeb: false,
    filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-files-')),
  });
  await app.ready();
  const out: string[] = [`# EXPLAIN (ANALYZE, BUFFERS) of the benchmark's requests — ${new Date().toISOString()}`, ''];
  try {
    for (const r of requests) {
      // Once to warm the caches, once captured.
      await app.inject({ method: 'GET', url: r.path, headers: { authorization: `Bearer ${r.token}` } });
      captured = [];
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: r.path, headers: { authorization: `Bearer ${r.token}` } });
      const total = performance.now() - t;
      out.push(`## ${r.name}`, '', `GET ${r.path} → ${res.statusCode} in ${total.toFixed(1)} ms (in-process inject)`, '');
      for (const q of captured) out.push(`- ${q.ms.toFixed(1)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      out.push('');
      for (const q of captured.filter((x) => /"problems"|problems p\b/.test(x.sql))) {
        const plan = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
        out.push(
          '```',
          q.sql.replace(/\s+/g, ' '),
          `-- parameters: ${JSON.stringify(q.parameters)}`,
          ...plan.rows.map((p) => p['QUERY PLAN'] as string),
          '```',
          '',
        );
      }
    }
  } finally {
    await app.close();
    await db.destroy();
  }
  fs.writeFileSync(file, out.join('\n'));
  return file;
}
