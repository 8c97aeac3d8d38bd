import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // On a failure, what every open page showed (setup-file.ts).
    setupFiles: ['test/e2e/setup-file.ts'],
    pool: 'forks',
    // Two files at a time: each has its own server on its own copy of the demo database and its own Chromium.
    maxWorkers: 2,
    // A worker runs its files one after another in one process (the server's code is loaded once, not per file); each
    // file still starts its own server on its own database copy.
    isolate: false,
    testTimeout: 60_000,
    // A page's data arrives after its first paint; on a slow, loaded machine (two files at a time on two cores) that
    // took longer than expect.poll's default second once (roles.e2e: the 短信提醒 card still loading). Polls wait up to
    // 10 s; what they must finally see is unchanged.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
