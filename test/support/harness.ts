/**
 * One app and database per test worker: embedded PGlite in memory by default, PostgreSQL when
 * TEST_DATABASE_URL is set. Tests isolate by building their own tenant (factories.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
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
export function getHarness(): Promise<Harness> {
  harness ??= build();
  return harness;
}

/** Which engine the suite runs on (printed in test names so a report shows both runs). */
export const engineName = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
