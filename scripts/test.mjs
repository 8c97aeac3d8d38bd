// `npm test`: lint and format checks, unit + integration tests on the embedded engine, again on PostgreSQL when
// TEST_DATABASE_URL is set, then browser tests when Chromium is present (REQUIRE_BROWSER=1 makes
// a missing Chromium a failure instead of a skip).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const extra = process.argv.slice(2);
const results = [];
/** The failing tests of each phase, repeated at the very end: a CI log is often read from its tail. */
const failures = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-'));
function run(label, args, env) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const report = path.join(reportDir, `${results.length}.json`);
  const reporters = ['--reporter=default', '--reporter=./scripts/failure-reporter.mjs'];
  const r = spawnSync('npx', ['vitest', 'run', ...reporters, ...args, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...env, CC_FAILURE_REPORT: report },
  });
  results.push(`${label}: ${r.status === 0 ? 'passed' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`);
  if (r.status !== 0) failures.push(...digest(label, report));
  return r.status === 0;
}

/** One line per failure (a test, a suite's hook, a file, an unhandled error), from scripts/failure-reporter.mjs. */
function digest(label, report) {
  let lines;
  try {
    lines = JSON.parse(fs.readFileSync(report, 'utf8'));
  } catch {
    return [`[${label}] no failure report was written (the run stopped before the end)`];
  }
  return lines.length ? lines.map((l) => `[${label}] ${l}`) : [`[${label}] failed without a failure in the report (see the log above)`];
}

/**
 * House tooling first: lint (typescript-eslint, routes without SQL) and formatting (Prettier), side by side (each
 * keeps mostly one core busy); their output is printed one after the other when both have ended.
 */
function check(label, cmd, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', [cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ label, ok: status === 0, output, line: `${label}: ${status === 0 ? 'passed' : 'FAILED'} (${seconds} s)` });
    });
  });
}
const checks = await Promise.all([
  check('lint (eslint)', 'eslint', ['.']),
  check('format (prettier --check)', 'prettier', ['--check', '--log-level', 'warn', '.']),
]);
let ok = true;
for (const c of checks) {
  console.log(`\n=== ${c.label} ===`);
  if (c.output) process.stdout.write(c.output);
  results.push(c.line);
  if (!c.ok) failures.push(`[${c.label}] failed (see its output above)`);
  ok = c.ok && ok;
}

ok = run('embedded database (PGlite)', [], { TEST_DATABASE_URL: '' }) && ok;
if (process.env.TEST_DATABASE_URL) {
  ok = run(`PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`, [], {}) && ok;
} else {
  results.push('PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://... to run the suite on PostgreSQL too)');
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** What the open pages showed when a browser test failed (test/e2e/setup-file.ts), printed at the end. */
const browserFailureLog = path.join(reportDir, 'browser-failures.txt');
if (fs.existsSync(chromium)) {
  ok =
    run('browser (Chromium)', ['--config', 'test/e2e/vitest.config.ts'], {
      TEST_DATABASE_URL: '',
      E2E_FAILURE_LOG: browserFailureLog,
    }) && ok;
} else if (process.env.REQUIRE_BROWSER === '1') {
  results.push(`browser: FAILED (Chromium not found at ${chromium})`);
  ok = false;
} else {
  results.push(`browser: skipped (Chromium not found at ${chromium}; apt-get install -y chromium fonts-noto-cjk)`);
}
console.log('\n=== summary ===\n' + results.join('\n'));
if (failures.length) console.log('\n=== failed tests ===\n' + failures.join('\n'));
if (fs.existsSync(browserFailureLog)) {
  const lines = fs.readFileSync(browserFailureLog, 'utf8').trimEnd().split('\n');
  const shown = lines.slice(0, 80);
  if (lines.length > shown.length) shown.push(`… ${lines.length - shown.length} more lines in the browser phase's output above`);
  console.log('\n=== the browser at each failure ===\n' + shown.join('\n'));
}
fs.rmSync(reportDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
