/**
 * 问卷调查's public link end to end on a phone (390 × 844): a resident opens /s/<token>?town=… with no account, the
 * town is preselected, fills the profile, answers a short questionnaire whose follow-up question appears only on
 * 参加过 (skip logic), is held back on a required question, sends it (the proof of work solved in the background) and
 * is thanked; the same phone opening the link again is told 已提交过, and so is it when it tries again with its local
 * note cleared (the server refuses the device). Also measured: the JavaScript /s/<token> loads (gzip) against the
 * public pages' 150 kB budget. Screenshots: /tmp/shots/h5/ and test-results/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import type { Database } from '../../server/platform/db';
import { makePublicWave } from '../support/public-surveys';
import { launchChromium, openDemoCopy, PHONE, SHOTS } from './server';

const MY_SHOTS = '/tmp/shots/h5';
const DIST = path.resolve('web/dist');
const JS_BUDGET_GZIP = 150 * 1024;
let baseUrl = '';
let browser: Browser;
let database: Database;
let close: () => Promise<void>;
let wave: { waveId: string; token: string };
let towns: Array<{ id: string; name: string }>;

async function shot(page: Page, name: string) {
  for (const dir of [MY_SHOTS, SHOTS]) await page.screenshot({ path: `${dir}/h5-${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(390);
}

beforeAll(async () => {
  fs.mkdirSync(MY_SHOTS, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  // The run's demo database (a copy), as test/e2e/server.ts starts it, keeping the database to add the wave.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-h5-'));
  database = await openDemoCopy();
  const app = await buildApp({ database, clock: systemClock, logLevel: 'silent', filesDir: path.join(dir, 'files') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  close = async () => {
    await browser.close();
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const county = (await sql<{ id: string }>`select id from regions where level = 'county' order by code limit 1`.execute(database.db))
    .rows[0]!;
  towns = (
    await sql<{
      id: string;
      name: string;
    }>`select id, name from regions where parent_id = ${county.id} and level = 'town' order by code limit 2`.execute(database.db)
  ).rows;
  expect(towns.length).toBe(2);
  wave = await makePublicWave(
    database.db,
    new Date(),
    county.id,
    towns.map((t) => t.id),
    { name: '2026年第四季度创城群众满意度调查' },
  );
}, 180_000);
afterAll(async () => {
  await close?.();
});

describe('问卷调查 public link on a phone', () => {
  it('a resident answers with no account; the same phone is then told 已提交过; the page loads little JavaScript', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[resident] page error: ${error.message}`));
    const scripts = new Set<string>();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (r.resourceType() === 'script' && u.pathname.startsWith('/assets/')) scripts.add(u.pathname);
    });
    await page.goto(`${baseUrl}/s/${wave.token}?town=${towns[1]!.id}`);
    await page.getByRole('button', { name: '开始填写' }).waitFor();
    await expect.poll(() => page.title()).toBe('问卷调查 · 创城');
    expect(await page.getByText('群众对创建全国文明城市工作满意度调查').count()).toBeGreaterThan(0);
    await noSidewaysScroll(page);
    await shot(page, 'phone-intro');

    // The JavaScript this page loads (entry, preloads, the lazy page): no antd or zod, within the budget.
    let gzip = 0;
    for (const s of scripts) gzip += zlib.gzipSync(fs.readFileSync(path.join(DIST, s)), { level: 9 }).length;
    const names = [...scripts].map((s) => path.basename(s)).join(', ');
    console.log(`[survey public page] JS loaded by /s/<token>: ${(gzip / 1024).toFixed(1)} kB gzip in ${scripts.size} files (${names})`);
    expect(names).not.toMatch(/antd|vendor-app|vendor-icons|dayjs|zod/);
    expect(gzip).toBeLessThanOrEqual(JS_BUDGET_GZIP);

    // The profile: the link's town preselected; a missing choice is named.
    await page.getByRole('button', { name: '开始填写' }).click();
    expect(await page.getByLabel('所在乡镇（街道）').inputValue()).toBe(towns[1]!.id);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请选择您的身份').waitFor();
    await page.getByRole('group', { name: '您的身份' }).getByRole('button', { name: '市民' }).click();
    await page.getByRole('group', { name: '性别' }).getByRole('button', { name: '女' }).click();
    await page.getByLabel('年龄（周岁）').fill('36');
    await page.getByRole('group', { name: '在本地居住的时间' }).getByRole('button', { name: '3年以上' }).click();
    await noSidewaysScroll(page);
    await shot(page, 'phone-profile');
    await page.getByRole('button', { name: '下一步' }).click();

    // The questions: the follow-up appears only on 参加过; a required question left out holds the answer back.
    await page.getByRole('button', { name: '提交问卷' }).waitFor();
    expect(await page.getByText('您参加过哪些志愿服务活动').count()).toBe(0);
    await page.getByRole('radio', { name: '满意', exact: true }).click();
    await page.getByRole('radio', { name: '参加过', exact: true }).click();
    await page.getByText('您参加过哪些志愿服务活动').waitFor();
    await page.getByRole('checkbox', { name: '清洁家园' }).click();
    await page.getByRole('checkbox', { name: '敬老助残' }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page
      .getByRole('alert')
      .getByText(/第 4 题.*请作答/)
      .waitFor();
    await page.getByRole('radio', { name: '三年' }).click();
    await page.getByRole('textbox').fill('希望老旧小区多装一些路灯');
    await noSidewaysScroll(page);
    await shot(page, 'phone-questions');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByRole('heading', { name: '提交成功' }).waitFor({ timeout: 30_000 });
    await page.getByText('感谢您的支持！').waitFor();
    await shot(page, 'phone-thanks');
    const rows = await sql<{ town_id: string; mode: string; eligible: boolean; answers: Record<string, unknown> }>`
      select town_id, mode, eligible, answers from survey_responses where wave_id = ${wave.waveId}`.execute(database.db);
    expect(rows.rows).toEqual([
      {
        town_id: towns[1]!.id,
        mode: 'public',
        eligible: true,
        answers: { Q1: 'A', Q2: 'A', Q3: ['A', 'C'], Q4: 'A', Q5: '希望老旧小区多装一些路灯' },
      },
    ]);

    // The same phone opens the link again: 已提交过.
    await page.goto(`${baseUrl}/s/${wave.token}`);
    await page.getByRole('heading', { name: '已提交过' }).waitFor();
    await shot(page, 'phone-already');
    // With its local note cleared (the device id kept), the server refuses the device.
    await page.evaluate(() => localStorage.removeItem('cc-public-surveys'));
    await page.reload();
    await page.getByRole('button', { name: '开始填写' }).click();
    await page.getByRole('group', { name: '您的身份' }).getByRole('button', { name: '市民' }).click();
    await page.getByRole('group', { name: '性别' }).getByRole('button', { name: '男' }).click();
    await page.getByLabel('所在乡镇（街道）').selectOption(towns[0]!.id);
    await page.getByLabel('年龄（周岁）').fill('52');
    await page.getByRole('group', { name: '在本地居住的时间' }).getByRole('button', { name: '1至3年' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('radio', { name: '不满意' }).click();
    await page.getByRole('radio', { name: '没有参加过' }).click();
    await page.getByRole('radio', { name: '五年' }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByRole('heading', { name: '已提交过' }).waitFor({ timeout: 30_000 });
    await page.getByText('您已提交过本问卷，感谢参与').waitFor();
    await shot(page, 'phone-refused');
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from survey_responses where wave_id = ${wave.waveId}`.execute(database.db))
        .rows[0]!.n,
    ).toBe(1);
    await context.close();
  }, 180_000);

  it('an unknown link says so; someone outside the age range ends politely after the profile', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/UnknownToken1234567890`);
    await page.getByText('问卷链接无效或已失效').waitFor();
    await page.goto(`${baseUrl}/s/${wave.token}`);
    await page.getByRole('button', { name: '开始填写' }).click();
    await page.getByLabel('所在乡镇（街道）').selectOption(towns[0]!.id);
    await page.getByRole('group', { name: '您的身份' }).getByRole('button', { name: '个体工商户' }).click();
    await page.getByRole('group', { name: '性别' }).getByRole('button', { name: '男' }).click();
    await page.getByLabel('年龄（周岁）').fill('72');
    await page.getByRole('group', { name: '在本地居住的时间' }).getByRole('button', { name: '3年以上' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '感谢您的配合' }).waitFor({ timeout: 30_000 });
    await page.getByText(/无需继续作答/).waitFor();
    await shot(page, 'phone-ineligible');
    await context.close();
  }, 120_000);
});
