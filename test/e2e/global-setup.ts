/**
 * Once per browser run: build the web app if stale and make the demo county's database once (migrations, reference
 * data, demo seed), kept as a tar of its data directory. Each test file starts from its own in-memory copy of it
 * (`openDemoCopy` in server.ts), so files stay independent without each making a database from nothing (initdb and
 * seeding cost about 6 s a file) or copying 5 000 files on disk and back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../../server/platform/clock';
import { openDatabase } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { loadReferenceData } from '../../server/reference-data';
import { seedDemo } from '../../server/setup/demo/seed-demo';
// @ts-expect-error plain ES module script without types
import { buildWebIfStale } from '../../scripts/build-web.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!buildWebIfStale()) throw new Error('vite build failed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-template-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database.db);
  await loadReferenceData(database.db);
  await seedDemo(database.db, systemClock);
  const tar = path.join(dir, 'demo.tar');
  fs.writeFileSync(tar, Buffer.from(await (await database.snapshot!()).arrayBuffer()));
  await database.close();
  project.provide('e2eTemplateDb', tar);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
