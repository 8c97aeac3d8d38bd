/**
 * Runs before each test file in a worker (vitest setupFiles): on PostgreSQL the worker's own database is chosen
 * (worker-database.ts), and every file starts on the real clock.
 */
import { beforeAll } from 'vitest';
import { resetHarnessClock } from './harness';
import { useWorkerDatabase } from './worker-database';

await useWorkerDatabase();

beforeAll(async () => {
  await resetHarnessClock();
});
