/**
 * Inspections in Chromium: the office creates a covert round (随机抽样, 3 农贸市场, the inspector on the team) in
 * the UI; the inspector on a phone opens 今日任务 (sites by distance), marks a checklist (one 不符合 with a
 * photo), saves and sees the score and the problem code; a second site is marked offline and syncs when the
 * network returns; a unit liaison sees neither the round nor the problem; the office releases; the report
 * shows the site's score. Screenshots go to test-results/screenshots/inspect-*.png and inspections-*.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const ROUND = '农贸市场暗访（E2E）';
const SEED = 'e2e-2026';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const PLACE = { latitude: 39.12, longitude: 116.48, accuracy: 15 };

interface RoundDetail {
  id: string;
  sites: Array<{
    id: string;
    name: string;
    visitId: string | null;
    scoreRate: number | null;
    location: { lat: number; lng: number } | null;
  }>;
}

let e2e: E2E;
let photo: Buffer;
let roundId = '';
let firstSite = '';
let problemId = '';
let problemCode = '';

async function open(options: BrowserContextOptions, username: string, geo = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext(geo ? { ...options, geolocation: PLACE, permissions: ['geolocation'] } : options);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

/** GET an API path with the page's session: status and body. */
async function apiGet<T>(page: Page, url: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(`${e2e.baseUrl}${url}`);
  return { status: res.status(), body: (await res.json()) as T };
}

async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

beforeAll(async () => {
  e2e = await startE2E();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#8c8c8c"/>
    <rect y="380" width="800" height="220" fill="#613400"/><text x="40" y="90" font-size="56" font-family="sans-serif" fill="#fff">暗访 地面积水</text></svg>`;
  photo = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
});
afterAll(async () => {
  await e2e?.close();
});

describe('inspections in Chromium', () => {
  it('office creates a covert round by random sample in the UI and sees the sites and the seed', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    await page.goto(`${e2e.baseUrl}/inspections`);
    await page.getByRole('button', { name: '新建轮次' }).click();
    // By content, not name: a web build made under NODE_ENV=test gives every antd dialog aria-labelledby="test-id".
    const drawer = page.getByRole('dialog').filter({ hasText: '新建督查轮次' });
    await drawer.getByLabel('轮次名称').fill(ROUND);
    await drawer.getByRole('combobox', { name: '督查类型' }).click();
    await pickOption(page, '暗访');
    await drawer.getByText(/三不三无/).waitFor();
    await drawer.getByRole('combobox', { name: '创建项目' }).click();
    await pickOption(page, '创建全国文明城市');
    await drawer
      .getByText(/全国文明城市测评体系/)
      .first()
      .waitFor();
    await drawer.getByRole('combobox', { name: '督查人员' }).click();
    await pickOption(page, '冯建军');
    await page.keyboard.press('Escape');
    await drawer.getByText('随机抽样', { exact: true }).click();
    // 26 types in a virtual list: search as a user would, then pick.
    await drawer.getByRole('combobox', { name: '抽样点位类型' }).click();
    await page.keyboard.type('农贸');
    await pickOption(page, '农贸市场');
    await page.keyboard.press('Escape');
    await drawer.getByLabel('每类抽取数量').fill('3');
    await drawer.getByLabel('随机种子', { exact: true }).fill(SEED);
    await drawer.getByText('新建督查轮次').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await shot(page, 'inspections-create-desktop', false);
    await drawer.getByRole('button', { name: '创建轮次' }).click();

    const result = page.getByRole('dialog').filter({ hasText: '督查轮次已创建' });
    await result.getByText(SEED).first().waitFor();
    await expect.poll(() => result.locator('.ant-table-row').count()).toBe(3);
    await shot(page, 'inspections-created-desktop', false);
    await result.getByRole('button', { name: '查看轮次' }).click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
    roundId = page.url().split('/').pop()!;
    const round = (await apiGet<RoundDetail & { sample: { seed: string }; isCovert: boolean }>(page, `/api/inspection-rounds/${roundId}`))
      .body;
    expect(round).toMatchObject({ isCovert: true, sample: { seed: SEED } });
    expect(round.sites).toHaveLength(3);
    await context.close();
  }, 120_000);

  it('inspector on a phone: 今日任务 by distance, marks the checklist with a photo, saves and sees score and problem', async () => {
    const { context, page } = await open(PHONE, 'inspector', true);
    await page.goto(`${e2e.baseUrl}/inspect`);
    await page.getByText('已按距离排序').waitFor();
    const list = page.getByRole('list', { name: `${ROUND} 点位` });
    await expect.poll(() => list.getByRole('link').count()).toBe(3);
    await page.getByLabel('暗访').first().waitFor();
    // Nearest first: the order on screen matches the distances from the phone.
    const round = (await apiGet<RoundDetail>(page, `/api/inspection-rounds/${roundId}`)).body;
    const d = (s: RoundDetail['sites'][number]) =>
      Math.hypot(s.location!.lat - PLACE.latitude, (s.location!.lng - PLACE.longitude) * Math.cos((PLACE.latitude * Math.PI) / 180));
    const expected = [...round.sites].sort((a, b) => d(a) - d(b)).map((s) => s.name);
    expect(await list.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')))).toEqual(expected);
    await expect(list.getByText(/\d+(\.\d)? (米|公里)/).count()).resolves.toBe(3);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'inspect-today-phone');

    firstSite = round.sites.find((s) => s.name === expected[0])!.id;
    await list.getByRole('link', { name: expected[0] }).click();
    await page.waitForURL(`**/inspect/${roundId}/${firstSite}`);
    const failing = page.getByRole('group', { name: '农贸市场-01-01' });
    await failing.getByRole('button', { name: '不符合', exact: true }).click();
    await failing.getByText('不符合须拍照留证').waitFor();
    await failing.getByLabel('问题说明').fill('东侧水产区地面积水，垃圾桶未加盖');
    await failing.getByLabel('拍照取证').setInputFiles({ name: 'evidence.jpg', mimeType: 'image/jpeg', buffer: photo });
    await failing.getByRole('img', { name: '取证照片 1' }).waitFor();
    await page.getByRole('button', { name: '其余标为符合' }).click();
    await page.getByRole('group', { name: '农贸市场-04-01' }).getByRole('button', { name: '不适用', exact: true }).click();
    await page.getByText(/符合 8 · 不符合 1 · 不适用 1 · 未测 0/).waitFor();
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'inspect-checklist-phone');

    await page.getByRole('button', { name: '提交', exact: true }).click();
    const resultCard = page.getByRole('region', { name: '测评结果' });
    await resultCard.getByLabel('得分率 88.9%').waitFor();
    await resultCard.getByLabel('扣分 1 分').waitFor();
    // A covert finding numbers from its own sequence until release (the public WT codes show no gap).
    const problemLink = resultCard.getByRole('link', { name: /^问题 AF\d{6}-\d{6}-\d{6}$/ });
    await problemLink.waitFor();
    problemCode = (await problemLink.getAttribute('aria-label'))!.replace('问题 ', '');
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'inspect-result-phone', false);

    const after = (await apiGet<RoundDetail>(page, `/api/inspection-rounds/${roundId}`)).body;
    expect(after.sites.find((s) => s.id === firstSite)).toMatchObject({ scoreRate: 0.8889 });
    const checklist = (
      await apiGet<{ items: Array<{ code: string; verdict: string; photoIds: string[]; problemId: string | null }> }>(
        page,
        `/api/inspection-rounds/${roundId}/checklist?siteId=${firstSite}`,
      )
    ).body;
    const failed = checklist.items.find((i) => i.code === '农贸市场-01-01')!;
    expect(failed).toMatchObject({ verdict: 'fail' });
    expect(failed.photoIds).toHaveLength(1);
    problemId = failed.problemId!;
    const problem = (await apiGet<{ code: string; source: string; description: string }>(page, `/api/problems/${problemId}`)).body;
    expect(problem).toMatchObject({ code: problemCode, source: 'covert' });
    expect(problem.description).toContain('东侧水产区地面积水');
    await context.close();
  }, 120_000);

  it('offline, the next site waits as 待同步 and syncs once when the network returns', async () => {
    const { context, page } = await open(PHONE, 'inspector', true);
    await page.goto(`${e2e.baseUrl}/inspect`);
    const list = page.getByRole('list', { name: `${ROUND} 点位` });
    await list.getByRole('link', { name: /（已测评）$/ }).waitFor();
    const second = list.getByRole('link').nth(1);
    const name = (await second.getAttribute('aria-label'))!;
    // Let the checklists be fetched ahead, then lose the network.
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.getByText('网络已断开').waitFor();
    await second.click();
    const failing = page.getByRole('group', { name: '农贸市场-01-02' });
    await failing.getByRole('button', { name: '不符合', exact: true }).click();
    await failing.getByLabel('拍照取证').setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: photo });
    await failing.getByText('待上传').waitFor();
    await page.getByRole('button', { name: '其余标为符合' }).click();
    await page.getByText('待同步（离线）').waitFor();
    await page.getByText(/符合 9 · 不符合 1 · 不适用 0 · 未测 0/).waitFor();
    await page.getByRole('link', { name: '今日任务' }).click();
    await page.getByLabel('待同步 1 个点位').waitFor();
    await list.getByRole('link', { name }).getByText('待同步').waitFor();
    await shot(page, 'inspect-offline-phone');
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByLabel('待同步 1 个点位').waitFor({ state: 'detached' });
    await list.getByRole('link', { name: `${name}（已测评）` }).waitFor();
    const round = (await apiGet<RoundDetail>(page, `/api/inspection-rounds/${roundId}`)).body;
    const synced = round.sites.find((s) => s.name === name)!;
    expect(synced).toMatchObject({ scoreRate: 0.9 });
    expect(round.sites.filter((s) => s.visitId)).toHaveLength(2);
    // The photo went up first (once), and the finding became exactly one problem.
    const checklist = (
      await apiGet<{ items: Array<{ code: string; verdict: string; photoIds: string[]; problemId: string | null }> }>(
        page,
        `/api/inspection-rounds/${roundId}/checklist?siteId=${synced.id}`,
      )
    ).body;
    const failed = checklist.items.find((i) => i.code === '农贸市场-01-02')!;
    expect(failed.verdict).toBe('fail');
    expect(failed.photoIds).toHaveLength(1);
    expect(failed.problemId).toBeTruthy();
    const mine = (await apiGet<{ total: number }>(page, '/api/problems?mine=true&pageSize=100')).body;
    expect(mine.total).toBe(2);
    await context.close();
  }, 120_000);

  it('a unit liaison sees neither the covert round nor what it found', async () => {
    const { context, page } = await open(DESKTOP, 'unit');
    const rounds = await apiGet<{ items: Array<{ id: string }> }>(page, '/api/inspection-rounds?pageSize=100');
    expect(rounds.status).toBe(200);
    expect(rounds.body.items.map((r) => r.id)).not.toContain(roundId);
    expect((await apiGet(page, `/api/inspection-rounds/${roundId}`)).status).toBe(404);
    expect((await apiGet(page, `/api/problems/${problemId}`)).status).toBe(404);
    const search = await apiGet<{ items: Array<{ id: string }> }>(page, `/api/problems?search=${encodeURIComponent(problemCode)}`);
    expect(search.body.items.map((p) => p.id)).not.toContain(problemId);
    await page.goto(`${e2e.baseUrl}/inspections`);
    await page.getByText('暂无督查轮次').waitFor();
    await context.close();
  }, 60_000);

  it('office reviews the round, releases it, and the report shows the site score', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    await page.goto(`${e2e.baseUrl}/inspections`);
    await page.getByRole('link', { name: `查看轮次 ${ROUND}` }).waitFor();
    await page.getByText('未发布').first().waitFor();
    await shot(page, 'inspections-list-desktop');
    await page.getByRole('link', { name: `查看轮次 ${ROUND}` }).click();
    await page.getByText('已测评 2 / 3 个点位').waitFor();
    await page.getByText('88.9%').waitFor();
    await shot(page, 'inspections-round-detail-desktop');
    await page.getByRole('button', { name: '发布暗访结果' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认发布' }).click();
    await page.getByText('暗访结果已发布').waitFor();
    await page.getByText('已发布').first().waitFor();
    await expect(page.getByRole('button', { name: '发布暗访结果' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '测评报告' }).click();
    await page.waitForURL(`**/inspections/${roundId}/report`);
    const sites = page.getByRole('table', { name: '点位得分' });
    const round = (await apiGet<RoundDetail>(page, `/api/inspection-rounds/${roundId}`)).body;
    const firstName = round.sites.find((s) => s.id === firstSite)!.name;
    await sites
      .getByRole('row', { name: new RegExp(firstName) })
      .getByText('88.9%')
      .waitFor();
    await sites
      .getByRole('row', { name: new RegExp(firstName) })
      .getByText('未达标')
      .waitFor();
    await page.getByLabel('已测评：2').waitFor();
    await page.getByLabel('问题数：2').waitFor();
    await shot(page, 'inspections-report-desktop');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载通报' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/^关于.+情况的通报\.docx$/);
    await context.close();

    const phone = await open(PHONE, 'office');
    await phone.page.goto(`${e2e.baseUrl}/inspections/${roundId}/report`);
    await phone.page.getByRole('table', { name: '点位得分' }).getByText('88.9%').waitFor();
    expect(await noSideScroll(phone.page)).toBeLessThanOrEqual(0);
    await shot(phone.page, 'inspections-report-phone');
    await phone.context.close();
  }, 120_000);

  it('after release the unit liaison, on a phone, sees the finding on its own problem page with 暗访组 as reporter, never the inspector', async () => {
    const office = await open(DESKTOP, 'office');
    const session = await apiGet<{ csrfToken: string }>(office.page, '/api/auth/session');
    const units = await apiGet<{ items: Array<{ id: string; name: string }> }>(
      office.page,
      `/api/units?search=${encodeURIComponent('城市管理')}&pageSize=20`,
    );
    const unitId = units.body.items[0].id;
    const before = await apiGet<{ version: number; code: string; reporterName: string }>(office.page, `/api/problems/${problemId}`);
    // Released: the finding took a public code, and the office (who may know the team) still sees the inspector.
    expect(before.body.code).toMatch(/^WT\d{6}-\d{6}-\d{6}$/);
    expect(before.body.reporterName).toBe('冯建军');
    const dispatched = await office.page.request.post(`${e2e.baseUrl}/api/problems/${problemId}/transitions`, {
      headers: { 'x-csrf-token': session.body.csrfToken },
      data: { action: 'dispatch', version: before.body.version, unitId },
    });
    expect(dispatched.status(), await dispatched.text()).toBe(200);
    await office.context.close();

    const { context, page } = await open(PHONE, 'unit');
    await page.goto(`${e2e.baseUrl}/problems/${problemId}`);
    await page.getByText(before.body.code).first().waitFor();
    await page.getByText('暗访组').first().waitFor();
    expect(await page.getByText('冯建军').count()).toBe(0);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await shot(page, 'inspections-released-unit-phone');
    await page.goto(`${e2e.baseUrl}/inspections/${roundId}`);
    await page.getByText('暗访组').first().waitFor();
    expect(await page.getByText('冯建军').count()).toBe(0);
    await shot(page, 'inspections-released-round-unit-phone');
    await context.close();
  }, 120_000);
});
