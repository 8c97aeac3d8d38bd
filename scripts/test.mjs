// `npm test`: lint and format checks, unit + integration tests on the embedded engine, again on PostgreSQL when
// TEST_DATABASE_URL is set, then browser tests when Chromium is present (REQUIRE_BROWSER=1 makes
// a missing Chromium a failure instead of a skip).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const extra = process.argv.slice(2);
const results = [];
function run(label, args, env) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', ...args, ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push(`${label}: ${r.status === 0 ? 'passed' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`);
  return r.status === 0;
}

/** House tooling first: lint (typescript-eslint, routes without SQL) and formatting (Prettier). */
function check(label, cmd, args) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync('npx', [cmd, ...args], { stdio: 'inherit' });
  results.push(`${label}: ${r.status === 0 ? 'passed' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`);
  return r.status === 0;
}
let ok = check('lint (eslint)', 'eslint', ['.']);
ok = check('format (prettier --check)', 'prettier', ['--check', '--log-level', 'warn', '.']) && ok;

ok = run('embedded database (PGlite)', [], { TEST_DATABASE_URL: '' }) && ok;
if (process.env.TEST_DATABASE_URL) {
  ok = run(`PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`, [], {}) && ok;
} else {
  results.push('PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://... to run the suite on PostgreSQL too)');
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  ok = run('browser (Chromium)', ['--config', 'test/e2e/vitest.config.ts'], { TEST_DATABASE_URL: '' }) && ok;
} else if (process.env.REQUIRE_BROWSER === '1') {
  results.push(`browser: FAILED (Chromium not found at ${chromium})`);
  ok = false;
} else {
  results.push(`browser: skipped (Chromium not found at ${chromium}; apt-get install -y chromium fonts-noto-cjk)`);
}
console.log('\n=== summary ===\n' + results.join('\n'));
process.exit(ok ? 0 : 1);
