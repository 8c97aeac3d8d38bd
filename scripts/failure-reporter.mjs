// A vitest reporter for `npm test`: every failure of a run as one line each — a failed test, a failed hook (a suite's
// beforeAll/afterAll, whose error vitest's JSON report leaves out), a file that did not load, an unhandled error — with
// the first line of its message and the first place in our code it came from. Written as a JSON array of strings to
// the file named by CC_FAILURE_REPORT; scripts/test.mjs repeats them at the end of its output (a CI log is read from
// its tail).
import fs from 'node:fs';
import path from 'node:path';

/** The first non-empty line of an error's message, and where in our code (not node_modules) it was thrown. */
function describe(error) {
  const message = (error?.message ?? String(error ?? '')).split('\n').find((l) => l.trim()) ?? '(no message)';
  const frame = (error?.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('at ') && !l.includes('node_modules') && !l.includes('node:') && l.includes(process.cwd()));
  const where = frame ? ` (${frame.replace(/^at /, '').replace(process.cwd() + path.sep, '')})` : '';
  return `${message.trim()}${where}`;
}

export default class FailureReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const out = process.env.CC_FAILURE_REPORT;
    if (!out) return;
    const lines = [];
    for (const mod of testModules) {
      const rel = path.relative(process.cwd(), mod.moduleId);
      const before = lines.length;
      for (const e of mod.errors()) lines.push(`${rel}: ${describe(e)}`);
      for (const suite of mod.children.allSuites()) {
        for (const e of suite.errors()) lines.push(`${rel} › ${suite.fullName} (a hook of the suite): ${describe(e)}`);
      }
      for (const test of mod.children.allTests('failed')) {
        lines.push(`${rel} › ${test.fullName}: ${describe(test.result().errors?.[0])}`);
      }
      if (lines.length === before && !mod.ok()) lines.push(`${rel}: failed, and vitest gave no error for it`);
    }
    for (const e of unhandledErrors) lines.push(`unhandled error: ${describe(e)}`);
    fs.writeFileSync(out, JSON.stringify(lines));
  }
}
