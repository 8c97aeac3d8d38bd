/**
 * One app and database per test worker: embedded PGlite in memory by default, PostgreSQL when
 * TEST_DATABASE_URL is set. Tests isolate by building their own tenant (factories.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { usePublicHashKeyOf } from '../../server/modules/public-reports/hash-key';
import { FixedClock } from '../../server/platform/clock';
import { openDatabase, type Database } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { loadReferenceData } from '../../server/reference-data';

export interface Harness {
  app: FastifyInstance;
  database: Database;
  clock: FixedClock;
}

let harness: Promise<Harness> | null = null;

async function build(): Promise<Harness> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  const database = await openDatabase({ url, dataDir: 'memory://', poolSize: 4 });
  await migrate(database.db);
  await loadReferenceData(database.db);
  const clock = new FixedClock(new Date());
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-files-'));
  const app = await buildApp({ database, clock, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', serveWeb: false, filesDir });
  await app.ready();
  return { app, database, clock };
}

/** The worker's shared harness. */
export async function getHarness(): Promise<Harness> {
  harness ??= build();
  const h = await harness;
  // Another app built in this worker (a demo database) may have loaded its own public hash key since.
  await usePublicHashKeyOf(h.database.db);
  return h;
}

/** Which engine the suite runs on (printed in test names so a report shows both runs). */
export const engineName = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

/**
 * Sets the worker's clock back to the real time when a harness exists (run before each test file by
 * test/support/setup-file.ts): files share a worker (isolate: false) and one that set the clock to another day must
 * not move the next file's "now".
 */
export async function resetHarnessClock(): Promise<void> {
  if (harness) (await harness).clock.set(new Date());
}
