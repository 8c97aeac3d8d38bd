/**
 * When a browser test fails, what each open page showed: its address, the text on screen, its last page errors and
 * refused answers, and a screenshot (test-results/failures/). A CI log then says why a wait ran out, not only that it
 * did. The report goes to the test's output and, when `E2E_FAILURE_LOG` names a file (scripts/test.mjs), to that file,
 * which `npm test` prints at its end beside the failed tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeEach } from 'vitest';
import { openBrowsers, pageEvents } from './server';

const FAILURES = path.resolve('test-results/failures');
const TEXT_CHARS = 1200;

async function textOf(locator: Locator): Promise<string> {
  const text = await locator.innerText({ timeout: 3_000 }).catch((e: Error) => `(unreadable: ${e.message.split('\n')[0]})`);
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return flat.length > TEXT_CHARS ? `${flat.slice(0, TEXT_CHARS)} …` : flat;
}

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const lines = [`--- ${path.basename(task.file?.name ?? '')} › ${task.name}`];
    let n = 0;
    for (const browser of openBrowsers) {
      for (const context of browser.contexts()) {
        for (const page of context.pages()) {
          n++;
          const size = page.viewportSize();
          lines.push(`page ${n}: ${page.url()} (${size ? `${size.width}×${size.height}` : 'no viewport'})`);
          // The page's own content (the menu would fill the excerpt), then what floats above it.
          const main =
            (await page
              .locator('main')
              .count()
              .catch(() => 0)) > 0
              ? 'main'
              : 'body';
          lines.push(`  on screen (${main}): ${await textOf(page.locator(main).first())}`);
          for (const what of ['[role=dialog]', '.ant-message', '.ant-notification', '.ant-popover']) {
            const visible = page.locator(`${what}:visible`);
            const count = await visible.count().catch(() => 0);
            for (let i = 0; i < count; i++) lines.push(`  ${what}: ${await textOf(visible.nth(i))}`);
          }
          for (const event of pageEvents.get(page) ?? []) lines.push(`  ${event}`);
          fs.mkdirSync(FAILURES, { recursive: true });
          const file = path.join(FAILURES, `${task.name.slice(0, 60).replace(/[^\p{L}\p{N}]+/gu, '-')}-${n}.png`);
          await page
            .screenshot({ path: file, fullPage: true, timeout: 5_000 })
            .then(() => lines.push(`  screenshot: ${path.relative(process.cwd(), file)}`))
            .catch(() => undefined);
        }
      }
    }
    if (n === 0) lines.push('no page was open');
    const report = lines.join('\n');
    console.log(`[browser state at the failure]\n${report}`);
    if (process.env.E2E_FAILURE_LOG) fs.appendFileSync(process.env.E2E_FAILURE_LOG, `${report}\n`);
  });
});
