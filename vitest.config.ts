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
    // The tests' fake 12345 platform listens on this machine: the outbound allow-list (platform/outbound-url.ts) admits it.
    env: { NODE_ENV: 'test', OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
  },
});
