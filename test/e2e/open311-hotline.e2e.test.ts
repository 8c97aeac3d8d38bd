/**
 * 对接密钥 and 12345 工单 in Chromium (issue 11, desktop): the 安全管理员 opens 对接密钥 from the menu, sees the demo
 * county's key for integrator `demo`, issues one for the 12345 platform and sees its value once; the office opens
 * 12345 工单, uploads a sheet with a bad row (every error shown, nothing imported), then a good one (the order listed,
 * 待受理, caller masked). Screenshots: /tmp/shots/b/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startE2E, type E2E } from './server';

const SHOTS = '/tmp/shots/b';
let e2e: E2E;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function sheet(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow(['工单号', '诉求内容', '地址', '来电时间', '诉求人', '转办单位', '办理时限', '问题类别']);
  rows.forEach((r) => ws.addRow(r));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-12345-')), '12345工单.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

describe('对接密钥 and 12345 工单 (desktop)', () => {
  it('the 安全管理员 issues a key and sees it once', async () => {
    const page = await signIn(e2e, 'security');
    await page.getByRole('menuitem', { name: '对接密钥' }).click();
    await page.waitForURL('**/system/integration-keys');
    await expect.poll(() => page.getByText('ck_demo_1').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '签发密钥' }).click();
    await page.getByLabel('对接方名称').fill('12345平台');
    await page.getByLabel('县（市、区）').click();
    await page.getByTitle('示范县（139901）').click();
    await page.getByRole('button', { name: '签发', exact: true }).click();
    await expect.poll(() => page.getByText('密钥只显示这一次').count()).toBe(1);
    const value = await page.locator('.ant-modal code').first().textContent();
    expect(value).toMatch(/^ck_/);
    await page.waitForTimeout(800); // the dialog's opening animation
    await shot(page, 'keys-issued');
    await page.getByRole('button', { name: '我已保存' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '12345平台' }).count()).toBe(1);
    await page.getByText('密钥只显示这一次').waitFor({ state: 'hidden' });
    await page.waitForTimeout(800); // the mask's fade-out
    await shot(page, 'keys-page');
  }, 120_000);

  it('the office imports 12345 orders: errors first, then the orders in the queue', async () => {
    const page = await signIn(e2e, 'office');
    await page.getByRole('menuitem', { name: '12345 工单' }).click();
    await page.waitForURL('**/hotline');
    const bad = await sheet([
      [
        '12345-20261203-00871',
        '朝阳路与建设街交叉口垃圾桶满溢',
        '朝阳路 56 号',
        '2026-12-03 09:30',
        '王先生 13903190058',
        '县城市管理局',
        '2026-12-08 18:00',
        '',
      ],
      ['12345-20261203-00872', '', '建设街', '2026-12-03 25:00', '', '', '', 'Z0000'],
    ]);
    await page.locator('input[type=file]').setInputFiles(bad);
    // The server's answer first (its body in the message if it is not the expected one), then what the page shows.
    const answered = page.waitForResponse((r) => r.url().includes('/api/hotline/import') && r.request().method() === 'POST', {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    const answer = await answered;
    const text = await answer.text();
    expect(text, `import answered ${answer.status()}: ${text}`).toContain('导入文件有 3 处错误');
    await expect.poll(() => page.getByText('导入文件有 3 处错误').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '来电时间' }).count()).toBeGreaterThan(0);
    await shot(page, 'hotline-import-errors');
    const good = await sheet([
      [
        '12345-20261203-00871',
        '朝阳路与建设街交叉口垃圾桶满溢，异味严重',
        '朝阳路 56 号',
        '2026-12-03 09:30',
        '王先生 13903190058',
        '县城市管理局',
        '2026-12-08 18:00',
        '',
      ],
      [
        '12345-20261203-00872',
        '建设街人行道砖块松动，雨天溅水',
        '建设街 88 号',
        '2026-12-03 10:20',
        '李女士',
        '县住房和城乡建设局',
        '2026-12-10 18:00',
        '',
      ],
    ]);
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => page.getByText('已导入 2 条工单').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '12345-20261203-00871' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '王** 139****0058' }).count()).toBe(1);
    await shot(page, 'hotline-page');
  }, 120_000);
});
