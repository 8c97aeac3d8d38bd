/**
 * 审计日志 in Chromium, as the 审计管理员 reads it: actions and subject types in Chinese, units named rather than shown
 * as ids, changed fields by their labels, a free-text search, and every subject type in the filter.
 * Screenshot: audit-desktop.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

let e2e: E2E;

async function open(username: string): Promise<Page> {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('审计日志 in Chromium', () => {
  it('reads in Chinese and finds events by their Chinese names', async () => {
    const auditor = await open('auditor');
    await auditor.goto(`${e2e.baseUrl}/audit`);
    const search = auditor.getByLabel('搜索（如 暗访、姓名、单位）');
    await search.fill('新增单位');
    await search.press('Enter');
    const rows = auditor.locator('.ant-table-tbody tr.ant-table-row');
    // The unfiltered first page (the auditor's own sign-in first) is on screen until the search answers: wait for the
    // filtered rows, then read them.
    await expect.poll(() => rows.first().textContent(), { timeout: 15_000 }).toMatch(/新增单位.*单位.*(局|办事处|政府|委员会|中心|公司)/);
    await expect.poll(async () => (await rows.allTextContents()).every((text) => text.includes('新增单位'))).toBe(true);
    // No raw codes or ids in the visible table.
    const table = (await auditor.locator('.ant-table-tbody').textContent()) ?? '';
    expect(table).not.toMatch(/unit\.created|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    // The changes in words: field labels, not column names.
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await auditor.getByRole('cell', { name: '一把手电话' }).first().waitFor();
    await auditor.screenshot({ path: path.join(SHOTS, 'audit-desktop.png'), fullPage: true });
    // The 对象类型 filter offers every subject type, covert rounds' included.
    const subjectType = auditor.getByRole('combobox', { name: '对象类型' });
    await subjectType.click();
    await subjectType.fill('督查');
    await auditor.locator('.ant-select-item-option', { hasText: '督查轮次' }).waitFor();
  });
});
