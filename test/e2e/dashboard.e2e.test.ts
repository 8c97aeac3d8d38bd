/**
 * 指挥大屏 in Chromium (issue 10): the office opens 指挥大屏 from the menu on a 1920×1080 wall — the KPI tiles show
 * numbers, the three ECharts canvases are drawn (not blank), the sites map shows its dots — and the same page on a
 * 1366×768 laptop. A unit liaison has no menu entry and gets 无权访问 at /dashboard. Screenshots: /tmp/shots/dashboard-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E, signIn } from './server';

const SHOTS = '/tmp/shots';
const WALL: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1920, height: 1080 } };
const LAPTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } };

let e2e: E2E;

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
  await e2e?.close();
});

describe('指挥大屏 in Chromium', () => {
  it('office opens 指挥大屏 from the menu on a 1920×1080 wall: tiles with numbers, charts drawn, map with dots', async () => {
    const office = await signIn(e2e, 'office', WALL);
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
    const leader = await signIn(e2e, 'leader', LAPTOP);
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

  it('a full city (answers stubbed with a busy month) lays out on the wall and the laptop', async () => {
    // Only the layout is checked here (the demo county is quiet): every panel full, long names, 300 sites.
    const names = ['城关镇', '河西街道', '东城街道', '北山镇', '南湖镇', '西岭乡', '清水镇', '临江街道', '白沙镇', '红星镇'];
    const units = ['县城市管理综合行政执法局', '县市场监督管理局', '县交通运输局', '县住房和城乡建设局', '县卫生健康局'];
    const types = ['主次干道', '背街小巷', '集贸市场（农贸市场）', '公交站点', '城市广场', '居民小区', '学校周边', '医院'];
    const trend = Array.from({ length: 12 }, (_, i) => {
      const reported = 300 + ((i * 37) % 120);
      const closed = 260 + ((i * 53) % 130);
      return {
        period: `2026-${String(i + 1).padStart(2, '0')}`,
        label: `2026年${i + 1}月`,
        reported,
        closed,
        reportedClosed: Math.min(closed, reported) - 20,
        closureRate: (Math.min(closed, reported) - 20) / reported,
      };
    });
    const dashboard = {
      period: '2026-12',
      periodLabel: '2026年12月',
      region: { id: '00000000-0000-4000-8000-000000000001', name: '临江市', level: 'city' },
      computedAt: new Date().toISOString(),
      kpis: {
        open: 12873,
        overdue: 1264,
        closeRate: 0.8735,
        closed: 8123,
        due: 9299,
        onTimeRate: 0.7912,
        covertFindings: 317,
        supervising: 208,
      },
      byState: [
        ['pending', 512],
        ['rejected', 40],
        ['accepted', 1830],
        ['dispatched', 4211],
        ['rectifying', 5120],
        ['verifying', 1200],
        ['closed', 90211],
      ].map(([state, count]) => ({ state, count })),
      siteTypes: types.map((name, i) => ({
        code: `t${i}`,
        name,
        visited: 200 + i * 10,
        passed: 120 + i * 12,
        rate: (120 + i * 12) / (200 + i * 10),
      })),
      trend,
      towns: names.map((name, i) => ({
        regionId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
        name,
        open: 900 - i * 40,
        overdue: 160 - i * 14,
      })),
      lists: {
        runId: '00000000-0000-4000-8000-000000000009',
        period: '2026-11',
        campaignName: '创建全国文明城市',
        red: units.map((u, i) => ({ groupName: '县直部门', subjectName: u, score: 98.5 - i * 1.2, rank: i + 1 })),
        black: units.map((u, i) => ({
          groupName: '乡镇街道',
          subjectName: `${names[9 - i]}人民政府`,
          score: 61.2 + i * 1.1,
          rank: 30 - i,
        })),
      },
    };
    const sites = {
      computedAt: dashboard.computedAt,
      items: Array.from({ length: 300 }, (_, i) => {
        const scoreRate = i % 7 === 0 ? null : 0.55 + ((i * 37) % 45) / 100;
        return {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          name: `点位${i}`,
          lat: 30.2 + ((i * 13) % 60) / 300,
          lng: 120.1 + ((i * 29) % 80) / 300,
          scoreRate,
          passed: scoreRate == null ? null : scoreRate >= 0.9,
        };
      }),
    };
    for (const [options, name] of [
      [WALL, 'dashboard-full-1920x1080'],
      [LAPTOP, 'dashboard-full-1366x768'],
    ] as const) {
      const office = await signIn(e2e, 'office', options);
      await office.route('**/api/dashboard?*', (r) => r.fulfill({ json: dashboard }));
      await office.route('**/api/dashboard', (r) => r.fulfill({ json: dashboard }));
      await office.route('**/api/dashboard/sites*', (r) => r.fulfill({ json: sites }));
      await office.goto(`${e2e.baseUrl}/dashboard`);
      await office.getByRole('heading', { level: 1, name: '临江市创建工作指挥大屏' }).waitFor();
      for (const chart of ['chart-states', 'chart-site-types', 'chart-trend'])
        await expect.poll(() => drawnPixels(office, chart), { timeout: 10_000 }).toBeGreaterThan(2_000);
      expect(await office.locator('.cc-dash-list.is-red tbody tr').count()).toBe(5);
      expect(await office.locator('.cc-dash-table a').count()).toBe(10);
      const overflow = await office.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow).toEqual({ x: 0, y: 0 });
      await office.waitForTimeout(800);
      await shot(office, name);
    }
  }, 120_000);

  it('a unit liaison has no 指挥大屏 in the menu and is refused at /dashboard', async () => {
    const unit = await signIn(e2e, 'unit', LAPTOP);
    expect(await unit.getByRole('menuitem', { name: '指挥大屏' }).count()).toBe(0);
    await unit.goto(`${e2e.baseUrl}/dashboard`);
    await unit.getByText('无权访问').first().waitFor();
  }, 60_000);
});
