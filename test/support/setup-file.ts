/** Runs before each test file in a worker (vitest setupFiles): every file starts on the real clock. */
import { beforeAll } from 'vitest';
import { resetHarnessClock } from './harness';

beforeAll(async () => {
  await resetHarnessClock();
});
