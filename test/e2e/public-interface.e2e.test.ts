/**
 * 公开接口设置 and 类别附加问题 in Chromium (issue 11): the office opens 公开接口设置 from the menu, tries a 12345
 * callback that points at the server itself (refused with the server's Chinese reason on the field, nothing saved),
 * saves a public address after confirming; on a phone the same page; in 群众诉求 → 公众类别 a category's 附加问题 (the
 * shipped example 垃圾数量). Screenshots: /tmp/shots/public-interface/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, signIn, startE2E, type E2E } from './server';

const SHOTS = '/tmp/shots/public-interface';
let e2e: E2E;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

describe('公开接口设置 (desktop and phone)', () => {
  it('the office cannot point the 12345 callback at the server itself; a public address is saved after confirming', async () => {
    const page = await signIn(e2e, 'office');
    await page.getByRole('menuitem', { name: '公开接口设置' }).click();
    await page.waitForURL('**/public-interface');
    await page.getByLabel('12345 办结回复回调地址').waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: '随手拍' }).isChecked()).toBe(true);
    await shot(page, 'desktop-page');
    await page.getByLabel('12345 办结回复回调地址').fill('http://127.0.0.1:8080/12345/reply');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('本机回环地址').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await shot(page, 'desktop-refused');
    await page.getByLabel('12345 办结回复回调地址').fill('https://202.96.64.68/12345/reply');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('公开接口设置已保存').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('本级设置').count()).toBe(1);
  }, 120_000);

  it('on a phone, and the 附加问题 of a public category', async () => {
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/public-interface`);
    await phone.getByLabel('12345 办结回复回调地址').waitFor();
    await expect.poll(() => phone.getByLabel('12345 办结回复回调地址').inputValue()).toBe('https://202.96.64.68/12345/reply');
    await shot(phone, 'phone-page');

    const page = await signIn(e2e, 'office');
    await page.goto(`${e2e.baseUrl}/citizen-reports`);
    await page.getByRole('button', { name: '公众类别' }).click();
    await page.getByText('附加问题（Open311 服务定义）').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /垃圾/ }).first().click();
    await expect
      .poll(() => page.locator('.ant-modal input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      .toContain('垃圾数量');
    // The options of the list question, one a line as 代码=名称.
    await expect.poll(() => page.getByLabel('选项').first().inputValue()).toContain('pile=成堆');
    await page.waitForTimeout(600);
    await shot(page, 'desktop-questions');
  }, 120_000);
});
