import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    // One embedded database per worker, shared by the files that worker runs; tests isolate by tenant.
    isolate: false,
    maxWorkers: 2,
    setupFiles: ['test/support/setup-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
