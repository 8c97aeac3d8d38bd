/**
 * No signal, the way a person meets it: the phone pages are opened once online (signed in through the form, reached
 * through the menu), the tab is closed, the network goes away, and the page is opened again in a new tab — it must
 * come up from the device (the service worker's app shell, the session and reference data kept by the API client)
 * and take work into its outbox, which goes out once the network is back. On the desktop a lost connection reads
 * 网络已断开 instead of an endless skeleton, and an action taken offline fails at once and is never sent later.
 * Screenshots: test-results/screenshots/offline-*.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const ROUND = '农贸市场暗访（离线）';
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

let e2e: E2E;
let photo: Buffer;
const opened: BrowserContext[] = [];

async function newContext(options: BrowserContextOptions, geo = false): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({
    serviceWorkers: 'allow',
    ...(geo ? { ...options, geolocation: PLACE, permissions: ['geolocation'] } : options),
  });
  opened.push(context);
  return context;
}

/** Signs in through the login form; the app lands on its home page. */
async function signIn(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

/** Taps a menu item in the phone's drawer (a client-side navigation, no page load). */
async function viaPhoneMenu(page: Page, item: string) {
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('dialog').getByRole('menuitem', { name: item }).click();
}

/** The service worker has installed (the app shell is precached): what "a previous visit" leaves on the device. */
async function shellInstalled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-item-option', { hasText: text }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** GET with the context's cookies (online only). */
async function apiGet<T>(context: BrowserContext, url: string): Promise<T> {
  const res = await context.request.get(`${e2e.baseUrl}${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** As the office, through the API: today's covert round of three farmers' markets for the demo inspector. */
async function createRoundForInspector() {
  const context = await e2e.browser.newContext();
  try {
    const login = await context.request.post(`${e2e.baseUrl}/api/auth/login`, { data: { username: 'office', password: PASSWORD } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const campaigns = await apiGet<{ items: Array<{ id: string; name: string }> }>(context, '/api/campaigns?pageSize=100');
    const users = await apiGet<{ items: Array<{ id: string; username: string }> }>(context, '/api/users?search=inspector&pageSize=100');
    const types = await apiGet<{ items: Array<{ code: string; name: string }> }>(context, '/api/site-types');
    // Today in Beijing (the server's calendar and the inspector's phone), not in UTC.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const res = await context.request.post(`${e2e.baseUrl}/api/inspection-rounds`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        name: ROUND,
        kind: 'covert',
        campaignId: campaigns.items.find((c) => c.name.includes('文明城市'))!.id,
        startDate: today,
        endDate: today,
        sample: { siteTypeCodes: [types.items.find((t) => t.name.includes('农贸市场'))!.code], perType: 3, seed: 'offline-e2e' },
        inspectorIds: [users.items.find((u) => u.username === 'inspector')!.id],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  e2e = await startE2E();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#8c8c8c"/>
    <rect y="380" width="800" height="220" fill="#613400"/><text x="40" y="90" font-size="56" font-family="sans-serif" fill="#fff">离线 井盖缺失</text></svg>`;
  photo = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  await createRoundForInspector();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
});
afterAll(async () => {
  await e2e?.close();
});

describe('no signal', () => {
  it('grid worker: /field reopened with no signal shows the form, queues a report, survives a reload, sends it once online', async () => {
    const context = await newContext(PHONE, true);
    const first = await signIn(context, 'grid');
    await viaPhoneMenu(first, '上报问题');
    await first.waitForURL((url) => url.pathname === '/field');
    await first.getByRole('combobox', { name: '问题类别' }).waitFor();
    await shellInstalled(first);
    await first.close();

    // The tab is gone, the signal too; the worker opens the app again.
    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByText('网络已断开').waitFor();
    expect(await page.getByText('无法加载登录信息').count()).toBe(0);
    await page.getByLabel('拍照/选图').setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('combobox', { name: '问题类别' }).fill('井盖');
    await pickOption(page, '污水井盖');
    await page.getByLabel('问题描述（建议填写）').fill('断网重开上报：和平路污水井盖缺失');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const pending = page.getByRole('list', { name: '待发送' });
    await pending.getByText('等待网络').waitFor();
    await page.waitForFunction(() => window.scrollY === 0);
    await page.waitForTimeout(300);
    await shot(page, 'offline-field-phone');

    // Reloading with no signal keeps the page and the queued report.
    await page.reload();
    await page.getByText('网络已断开').waitFor();
    await pending.getByText('等待网络').waitFor();
    await page.getByRole('combobox', { name: '问题类别' }).waitFor();
    await shot(page, 'offline-field-reloaded-phone');

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page
      .getByText(/问题已上报：WT/)
      .first()
      .waitFor();
    await pending.waitFor({ state: 'detached' });
    const found = await apiGet<{ total: number }>(context, `/api/problems?mine=true&search=${encodeURIComponent('断网重开上报')}`);
    expect(found.total).toBe(1);
  }, 150_000);

  it('inspector: /inspect and a site reopened with no signal list today’s round, take the checklist, sync it once online', async () => {
    const context = await newContext(PHONE, true);
    const first = await signIn(context, 'inspector');
    await viaPhoneMenu(first, '现场测评');
    await first.waitForURL((url) => url.pathname === '/inspect');
    const firstList = first.getByRole('list', { name: `${ROUND} 点位` });
    await expect.poll(() => firstList.getByRole('link').count()).toBe(3);
    // The page fetches the nearest sites' checklists ahead; give it the moment a person would spend on the list.
    await first.waitForLoadState('networkidle');
    await shellInstalled(first);
    await first.close();

    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/inspect`);
    await page.getByText('网络已断开').waitFor();
    const list = page.getByRole('list', { name: `${ROUND} 点位` });
    await expect.poll(() => list.getByRole('link').count()).toBe(3);
    await shot(page, 'offline-inspect-phone');

    const site = list.getByRole('link').first();
    const name = (await site.getAttribute('aria-label'))!;
    await site.click();
    await page.getByRole('button', { name: '其余标为符合' }).click();
    await page.getByText('待同步（离线）').waitFor();
    await page.getByText(/符合 10 · 不符合 0 · 不适用 0 · 未测 0/).waitFor();
    await shot(page, 'offline-checklist-phone');

    // A site opened by address, with no signal, after a reload: the checklist comes from the device too.
    const checklistUrl = page.url();
    await page.reload();
    await page.getByText('待同步（离线）').waitFor();
    expect(page.url()).toBe(checklistUrl);

    await page.goto(`${e2e.baseUrl}/inspect`);
    await page.getByLabel('待同步 1 个点位').waitFor();
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByLabel('待同步 1 个点位').waitFor({ state: 'detached' });
    await list.getByRole('link', { name: `${name}（已测评）` }).waitFor();
    const rounds = await apiGet<{ items: Array<{ id: string; name: string }> }>(context, '/api/inspection-rounds?mine=true&pageSize=100');
    const round = await apiGet<{ sites: Array<{ name: string; visitId: string | null; scoreRate: number | null }> }>(
      context,
      `/api/inspection-rounds/${rounds.items.find((r) => r.name === ROUND)!.id}`,
    );
    expect(round.sites.filter((s) => s.visitId)).toHaveLength(1);
    expect(round.sites.find((s) => s.name === name)).toMatchObject({ scoreRate: 1 });
  }, 150_000);

  it('desktop: a lost connection shows 网络已断开, pages fail instead of loading forever, and an offline save is refused, not sent later', async () => {
    const context = await newContext(DESKTOP);
    const page = await signIn(context, 'office');
    await page.getByRole('menuitem', { name: '单位管理' }).click();
    await page.waitForURL((url) => url.pathname === '/org/units');
    const row = page.locator('.ant-table-row').first();
    await row.waitFor();
    const unitName = (await row.locator('td').first().innerText()).trim();
    await shellInstalled(page);

    await context.setOffline(true);
    const banner = page.getByRole('status').filter({ hasText: '网络已断开' });
    await banner.waitFor();

    // An edit saved offline fails at once with words that say so; the drawer keeps what was typed.
    await page.getByRole('button', { name: `编辑${unitName}` }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `编辑单位「${unitName}」` });
    await drawer.getByLabel('一把手', { exact: true }).fill('断网时改的名字');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('网络已断开，操作未提交，请联网后重试').waitFor();
    expect(await drawer.getByLabel('一把手', { exact: true }).inputValue()).toBe('断网时改的名字');
    await shot(page, 'offline-desktop-save');
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();

    // A page not seen before: no endless skeleton — it settles (empty or with its error) under the banner.
    await page.getByRole('menuitem', { name: '督查管理' }).click();
    await page.waitForURL((url) => url.pathname === '/inspections');
    await expect.poll(() => page.locator('main .ant-skeleton, main .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
    await banner.waitFor();
    await shot(page, 'offline-desktop-page');

    // Reloaded with no signal, the app still opens (shell and session from the device) and says why nothing loads.
    await page.reload();
    await banner.waitFor();
    await expect.poll(() => page.locator('main .ant-skeleton, main .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'offline-desktop-reloaded');

    // Back online: the banner goes, and the edit made offline was never sent.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await banner.waitFor({ state: 'detached' });
    await page.waitForTimeout(3000);
    const units = await apiGet<{ items: Array<{ name: string; headName: string | null }> }>(
      context,
      `/api/units?search=${encodeURIComponent(unitName)}&pageSize=100`,
    );
    expect(units.items.find((u) => u.name === unitName)?.headName).not.toBe('断网时改的名字');
  }, 150_000);

  it('desktop without the service worker (plain http on a LAN address): a page whose code is not here says so, and opens once online', async () => {
    const context = await newContext({ ...DESKTOP, serviceWorkers: 'block' });
    const page = await signIn(context, 'office');
    const item = page.getByRole('menuitem', { name: '测评体系' });
    await item.waitFor();
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: '网络已断开' }).waitFor();
    await item.click();
    const failed = page.getByRole('alert').filter({ hasText: '这个页面还没有保存在本机' });
    await failed.waitFor();
    await shot(page, 'offline-desktop-no-code');
    // 重试 with no signal fails again, and says so again.
    await failed.getByRole('button', { name: '重试' }).click();
    await failed.waitFor();
    // The network comes back: the page fetches its code by itself.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await failed.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: /导入|新建/ })
      .first()
      .waitFor();
  }, 90_000);
});
