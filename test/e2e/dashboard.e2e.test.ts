/**
 * 指挥大屏 in Chromium (issue 10): the office opens 指挥大屏 from the menu on a 1920×1080 wall — the KPI tiles show
 * numbers, the three ECharts canvases are drawn (not blank), the sites map shows its dots — and the same page on a
 * 1366×768 laptop. A unit liaison has no menu entry and gets 无权访问 at /dashboard. Screenshots: /tmp/shots/dashboard-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const SHOTS = '/tmp/shots';
const WALL: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1920, height: 1080 } };
const LAPTOP: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1366, height: 768 } };

let e2e: E2E;
const contexts: BrowserContext[] = [];

async function signIn(username: string, options: BrowserContextOptions): Promise<Page> {
  const context = await e2e.browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error: ${error.message}\n${error.stack ?? ''}`));
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** How many pixels of the chart's canvas are drawn (not transparent). */
function drawnPixels(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) return 0;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
}

/** A few problems this month, through the API as the office works: reported, one dispatched past its deadline soon. */
async function seedProblems(office: Page) {
  const { csrfToken } = (await (await office.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  for (const description of ['人民路与解放街交叉口占道经营，早市摊贩占用人行道', '文化广场东侧垃圾桶满溢未及时清运']) {
    const res = await office.request.post(`${e2e.baseUrl}/api/problems`, {
      headers,
      data: { clientId: crypto.randomUUID(), categoryCode: 'E0102', photoIds: [], description },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  // The new reports are in the snapshot once it is refreshed (the job does it every minute; the button now).
  const refreshed = await office.request.post(`${e2e.baseUrl}/api/dashboard/refresh`, { headers });
  expect(refreshed.status(), await refreshed.text()).toBe(200);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await e2e?.close();
});

describe('指挥大屏 in Chromium', () => {
  it('office opens 指挥大屏 from the menu on a 1920×1080 wall: tiles with numbers, charts drawn, map with dots', async () => {
    const office = await signIn('office', WALL);
    await seedProblems(office);
    await office.getByRole('menuitem', { name: '指挥大屏' }).click();
    await office.waitForURL((url) => url.pathname === '/dashboard');
    await office.getByRole('heading', { level: 1, name: /创建工作指挥大屏/ }).waitFor();
    // Full screen: no app menu or header.
    expect(await office.getByRole('menuitem', { name: '问题列表' }).count()).toBe(0);
    await expect.poll(() => office.getByTestId('dashboard-updated').textContent()).toMatch(/^数据更新于 \d{2}:\d{2}$/);

    const values = await office.getByTestId('dashboard-tile-value').allTextContents();
    expect(values).toHaveLength(6);
    for (const v of values) expect(v).toMatch(/^(\d+|\d+\.\d%|—)$/);
    const open = Number(values[0]);
    expect(open).toBeGreaterThanOrEqual(2); // at least the two reports just made

    for (const chart of ['chart-states', 'chart-trend'])
      await expect.poll(() => drawnPixels(office, chart), { timeout: 10_000 }).toBeGreaterThan(2_000);
    if (await office.getByTestId('chart-site-types').count())
      await expect.poll(() => drawnPixels(office, 'chart-site-types'), { timeout: 10_000 }).toBeGreaterThan(2_000);
    // The map: the region's located sites as dots, or its empty state.
    const map = office.getByRole('region', { name: /点位得分地图/ });
    if (await map.count()) await expect.poll(() => office.locator('.cc-dashboard-map canvas, .cc-cluster').count()).toBeGreaterThan(0);

    // Nothing scrolls sideways or down on the wall.
    const overflow = await office.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    await office.waitForTimeout(500); // chart animations settle before the picture
    await shot(office, 'dashboard-1920x1080');

    // A town from the ranking opens its own 大屏.
    const town = office.locator('.cc-dash-table a').first();
    if (await town.count()) {
      const name = await town.textContent();
      await town.click();
      await office.getByRole('heading', { level: 1, name: `${name}创建工作指挥大屏` }).waitFor();
      await office.getByRole('link', { name: '返回本级大屏' }).click();
      await office.getByRole('heading', { level: 1, name: /创建工作指挥大屏/ }).waitFor();
    }
  }, 180_000);

  it('the same page on a 1366×768 laptop fits the screen', async () => {
    const leader = await signIn('leader', LAPTOP);
    await leader.goto(`${e2e.baseUrl}/dashboard`);
    await leader.getByRole('heading', { level: 1, name: /创建工作指挥大屏/ }).waitFor();
    await expect.poll(() => drawnPixels(leader, 'chart-trend'), { timeout: 10_000 }).toBeGreaterThan(1_000);
    const overflow = await leader.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    // The leader may not press 立即刷新 (dashboard.refresh is the office's and the task force's).
    expect(await leader.getByRole('button', { name: '立即刷新' }).count()).toBe(0);
    await leader.waitForTimeout(500);
    await shot(leader, 'dashboard-1366x768');
  }, 120_000);

  it('a unit liaison has no 指挥大屏 in the menu and is refused at /dashboard', async () => {
    const unit = await signIn('unit', LAPTOP);
    expect(await unit.getByRole('menuitem', { name: '指挥大屏' }).count()).toBe(0);
    await unit.goto(`${e2e.baseUrl}/dashboard`);
    await unit.getByText('无权访问').first().waitFor();
  }, 60_000);
});
