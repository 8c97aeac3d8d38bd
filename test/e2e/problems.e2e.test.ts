/**
 * The problem loop in Chromium: a grid worker reports from /field on a phone (photo, geolocation), the office
 * accepts (bulk) and dispatches, the unit acknowledges and rectifies with a photo, the inspector verifies →
 * 已结案. Then an offline report waits in 待发送 and is sent exactly once when the network returns.
 * Screenshots (desktop and phone) go to test-results/screenshots/problems-*.png and field-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const UNIT = '示范县城市管理综合行政执法局';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const PLACE = { latitude: 39.1234, longitude: 116.5123, accuracy: 12 };
const BEFORE_JPG = '/tmp/cc-e2e-before.jpg';
const AFTER_JPG = '/tmp/cc-e2e-after.jpg';

let e2e: E2E;
let problemId = '';
let problemCode = '';
/** Every context a test opened, closed after it even when it fails. */
const opened: BrowserContext[] = [];

/** A JPEG with a coloured scene and a caption, so before and after photos look different. */
async function makePhoto(file: string, sky: string, ground: string, caption: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="${sky}"/>
    <rect y="380" width="800" height="220" fill="${ground}"/><circle cx="640" cy="120" r="60" fill="#ffd666"/>
    <text x="40" y="90" font-size="56" font-family="sans-serif" fill="#fff">${caption}</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
}

async function open(options: BrowserContextOptions, username: string, geo = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext(geo ? { ...options, geolocation: PLACE, permissions: ['geolocation'] } : options);
  opened.push(context);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

/** A screenshot from the top of the page (the sticky header stays where it belongs). */
async function shot(page: Page, name: string, fullPage = true) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** GET an API path with the page's session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { headers: { accept: 'application/json' } })).json(), url) as Promise<T>;
}

/** Pick an option in the open antd select/autocomplete popup. */
async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-item-option', { hasText: text }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** As the signed-in office user: five more located problems — two dispatched to the unit (one overdue), one accepted, two pending. */
async function seedOpenProblems(page: Page) {
  await page.evaluate(async (unitName) => {
    const session = await (await fetch('/api/auth/session')).json();
    const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
    const post = async (url: string, body: unknown) => {
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${url} ${res.status} ${await res.text()}`);
      return res.json();
    };
    const unitId = (await (await fetch(`/api/units?search=${encodeURIComponent(unitName)}`)).json()).items[0].id;
    const spots: Array<[string, string, number, number, string]> = [
      ['E0102', '东湖路菜市场门口暴露垃圾堆积', 39.1262, 116.5091, 'major'],
      ['C0101', '建设街 12 号上水井盖缺失', 39.1209, 116.5168, 'urgent'],
      ['E0502', '人民路夜市占道经营', 39.1251, 116.516, 'normal'],
      ['W0101', '文化路口公益广告破损', 39.1198, 116.508, 'normal'],
      ['C0106', '滨河路路灯不亮', 39.128, 116.5135, 'serious'],
    ];
    const made = [];
    for (const [categoryCode, description, lat, lng, severity] of spots) {
      made.push(
        await post('/api/problems', {
          clientId: crypto.randomUUID(),
          description,
          categoryCode,
          source: 'inspection',
          severity,
          location: { lat, lng },
          address: description.slice(0, 8),
          photoIds: [],
        }),
      );
    }
    for (const p of made.slice(0, 3)) await post(`/api/problems/${p.id}/transitions`, { action: 'accept', version: p.version });
    await post(`/api/problems/${made[0].id}/transitions`, { action: 'dispatch', version: made[0].version + 1, unitId });
    await post(`/api/problems/${made[1].id}/transitions`, {
      action: 'dispatch',
      version: made[1].version + 1,
      unitId,
      deadline: new Date(Date.now() + 2000).toISOString(),
    });
  }, UNIT);
  // The short deadline passes: one problem is now 超期.
  await page.waitForTimeout(2500);
}

beforeAll(async () => {
  e2e = await startE2E();
  await makePhoto(BEFORE_JPG, '#8c8c8c', '#613400', '整改前 占道经营');
  await makePhoto(AFTER_JPG, '#69b1ff', '#95de64', '整改后 已清理');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
});
afterAll(async () => {
  await e2e?.close();
  for (const f of [BEFORE_JPG, AFTER_JPG]) fs.rmSync(f, { force: true });
});

describe('the problem loop in Chromium', () => {
  it('grid worker reports from /field on a phone with a photo and the device location', async () => {
    const { context, page } = await open(PHONE, 'grid', true);
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByText(/已定位（精度约 ±12 米）/).waitFor();
    await page.getByLabel('拍照/选图').setInputFiles(BEFORE_JPG);
    await page.getByRole('img', { name: '照片 1' }).waitFor();
    await page.getByRole('combobox', { name: '问题类别' }).fill('占道');
    await pickOption(page, '占道经营');
    await expect(page.getByLabel('问题描述（建议填写）').inputValue()).resolves.toBe('占道经营问题');
    await page.getByLabel('问题描述（建议填写）').fill('朝阳路口东侧占道经营水果摊，影响通行');
    await page.getByLabel('详细地址（可选）').fill('朝阳路与建设街交叉口东侧');
    await shot(page, 'field-phone', false);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText(/问题已上报：WT\d{6}-\d{6}-\d{6}/).waitFor();
    const mine = await apiGet<{ items: Array<{ id: string; code: string; location: unknown; source: string }> }>(
      page,
      '/api/problems?mine=true',
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ location: { lat: PLACE.latitude, lng: PLACE.longitude }, source: 'grid' });
    problemId = mine.items[0].id;
    problemCode = mine.items[0].code;
    await page.getByRole('list', { name: '我的上报' }).getByText(problemCode).waitFor();
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  }, 90_000);

  it('office sees it first on the workbench, bulk-accepts, then dispatches from the detail page', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    await page.goto(`${e2e.baseUrl}/problems/workbench`);
    await page.getByRole('button', { name: '待受理 1' }).waitFor();
    await page.getByRole('link', { name: `查看问题 ${problemCode}` }).waitFor();
    await page.getByRole('checkbox', { name: `选择 ${problemCode}` }).check();
    await page.getByRole('button', { name: /批量立案（1）/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认立案' }).click();
    await page.getByRole('dialog').getByText('成功 1 条').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();

    await page.getByRole('link', { name: `查看问题 ${problemCode}` }).click();
    await page.getByRole('button', { name: '派遣', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/建议派遣：|没有匹配的派遣规则/).waitFor();
    await dialog.getByRole('combobox', { name: '责任单位' }).click();
    await dialog.getByRole('combobox', { name: '责任单位' }).fill('城市管理');
    await pickOption(page, UNIT);
    await dialog.getByRole('button', { name: '派遣', exact: true }).click();
    await page.getByText('已派遣').first().waitFor();
    await page
      .getByText(/剩余 \d+天/)
      .first()
      .waitFor();
    const p = await apiGet<{ state: string; unitName: string }>(page, `/api/problems/${problemId}`);
    expect(p).toMatchObject({ state: 'dispatched', unitName: UNIT });
    await context.close();
  }, 90_000);

  it('the unit acknowledges from its inbox and submits the rectification with an after-photo', async () => {
    const { context, page } = await open(DESKTOP, 'unit');
    await page.goto(`${e2e.baseUrl}/problems/inbox`);
    await page.getByRole('link', { name: `查看问题 ${problemCode}` }).waitFor();
    await page
      .getByText(/剩余 \d+天/)
      .first()
      .waitFor();
    await shot(page, 'problems-inbox-desktop');
    await page.getByRole('button', { name: `签收 ${problemCode}` }).click();
    await page.getByText(`已签收 ${problemCode}`).waitFor();
    await page.getByRole('button', { name: `提交整改 ${problemCode}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('整改措施').fill('已劝离流动摊贩，清理占道物品并安排专人巡查');
    await dialog.locator('input[type=file]').setInputFiles(AFTER_JPG);
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    await dialog.getByRole('button', { name: '提交整改', exact: true }).click();
    await page.getByText('整改已提交，等待核查').waitFor();
    const p = await apiGet<{ state: string }>(page, `/api/problems/${problemId}`);
    expect(p.state).toBe('verifying');
    await context.close();
  }, 90_000);

  it('the inspector verifies: 通过 → 已结案, with before and after photos side by side', async () => {
    const { context, page } = await open(DESKTOP, 'inspector');
    await page.goto(`${e2e.baseUrl}/problems/${problemId}`);
    await page.getByRole('button', { name: '核查', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('label.ant-radio-button-wrapper', { hasText: /^通过$/ }).click();
    await expect(dialog.getByRole('radio', { name: '通过', exact: true }).isChecked()).resolves.toBe(true);
    await dialog.getByLabel('核查意见').fill('现场已无占道经营，整改到位');
    await dialog.getByRole('button', { name: '核查', exact: true }).click();
    await page.getByText('已结案').first().waitFor();
    await page.getByRole('img', { name: '整改前照片 1' }).waitFor();
    await page.getByRole('img', { name: '整改后照片 1' }).waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    await shot(page, 'problems-detail-desktop');
    const p = await apiGet<{ state: string; timeline: Array<{ action: string }> }>(page, `/api/problems/${problemId}`);
    expect(p.state).toBe('closed');
    expect(p.timeline.map((e) => e.action)).toEqual(['report', 'accept', 'dispatch', 'acknowledge', 'submit_rectification', 'verify']);
    await context.close();
  }, 90_000);

  it('desktop: list, map and the bell (click → read and open the problem)', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    await seedOpenProblems(page);
    await page.goto(`${e2e.baseUrl}/problems/workbench`);
    await page.getByRole('button', { name: '超期 1' }).waitFor();
    // Overdue first.
    await expect(
      page
        .locator('tbody tr.cc-row-overdue')
        .first()
        .getByText(/已超期/)
        .isVisible(),
    ).resolves.toBe(true);
    await shot(page, 'problems-workbench-desktop');
    await page.goto(`${e2e.baseUrl}/problems`);
    await page.getByRole('link', { name: `查看问题 ${problemCode}` }).waitFor();
    await shot(page, 'problems-list-desktop');
    await page.goto(`${e2e.baseUrl}/problems/map?view=all`);
    await page.locator('.leaflet-marker-icon.cc-problem-marker').first().waitFor();
    await expect(page.locator('.leaflet-tile').count()).resolves.toBe(0);
    await shot(page, 'problems-map-desktop', false);
    await expect(page.locator('.leaflet-marker-icon.cc-problem-marker').count()).resolves.toBe(6);
    await page.locator('.leaflet-marker-icon.cc-problem-marker').first().click();
    const popupLink = page.locator('.leaflet-popup').getByRole('link', { name: /^查看问题 WT/ });
    await popupLink.waitFor();
    await page.waitForTimeout(500); // the popup's autoPan motion: a click during the pan can land beside the link
    await popupLink.click();
    await page.waitForURL((url) => /^\/problems\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('heading', { level: 4, name: /^WT/ }).waitFor();

    await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
    await page
      .getByRole('dialog', { name: /^通知/ })
      .getByText(/新上报问题/)
      .first()
      .waitFor();
    await page.waitForTimeout(400); // the dropdown's opening motion
    await shot(page, 'bell-desktop', false);
    const before = await apiGet<{ unread: number }>(page, '/api/notifications?unread=true');
    await page
      .getByRole('dialog', { name: /^通知/ })
      .getByRole('button', { name: `未读 新上报问题 ${problemCode} 待受理` })
      .click();
    await page.waitForURL((url) => url.pathname === `/problems/${problemId}`);
    await expect
      .poll(async () => (await apiGet<{ unread: number }>(page, '/api/notifications?unread=true')).unread)
      .toBe(before.unread - 1);
    await context.close();
  }, 90_000);

  it('phone: workbench, inbox, detail, map and bell fit a 390 px screen', async () => {
    const views: Array<[string, string, string, (p: Page) => Promise<unknown>]> = [
      [
        'office',
        '/problems/workbench',
        'problems-workbench-phone',
        (p) =>
          p
            .getByText(/已超期/)
            .first()
            .waitFor(),
      ],
      [
        'unit',
        '/problems/inbox',
        'problems-inbox-phone',
        (p) =>
          p
            .getByText(/已超期/)
            .first()
            .waitFor(),
      ],
      ['unit', `/problems/${problemId}`, 'problems-detail-phone', (p) => p.getByRole('img', { name: '整改后照片 1' }).waitFor()],
      [
        'office',
        '/problems/map?view=all',
        'problems-map-phone',
        (p) => p.locator('.leaflet-marker-icon.cc-problem-marker').first().waitFor(),
      ],
    ];
    for (const [user, url, name, ready] of views) {
      const { context, page } = await open(PHONE, user);
      await page.goto(`${e2e.baseUrl}${url}`);
      await ready(page);
      await page.waitForFunction(() => [...document.images].every((img) => img.complete));
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), name).toBeLessThanOrEqual(0);
      await shot(page, name, !name.includes('map'));
      if (user === 'unit' && name === 'problems-detail-phone') {
        await page.getByRole('button', { name: /^通知/ }).click();
        await page
          .getByRole('dialog', { name: /^通知/ })
          .getByText(/新派遣问题/)
          .first()
          .waitFor();
        await page.waitForTimeout(400); // the drawer's opening motion
        await shot(page, 'bell-phone', false);
      }
      await context.close();
    }
  }, 120_000);

  it('offline: the report waits in 待发送, then is sent exactly once when the network returns', async () => {
    const { context, page } = await open(PHONE, 'grid', true);
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByText(/已定位/).waitFor();
    await context.setOffline(true);
    await page.getByText('网络已断开').waitFor();
    await page.getByLabel('拍照/选图').setInputFiles(BEFORE_JPG);
    await page.getByRole('combobox', { name: '问题类别' }).fill('井盖');
    await pickOption(page, '污水井盖');
    await page.getByLabel('问题描述（建议填写）').fill('离线上报：建设街污水井盖破损');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const pending = page.getByRole('list', { name: '待发送' });
    await pending.getByText('等待网络').waitFor();
    await page.waitForFunction(() => window.scrollY === 0);
    await page.waitForTimeout(300);
    await shot(page, 'field-offline-phone', false);
    const [stored] = await page.evaluate(
      () =>
        new Promise<Array<{ clientId: string }>>((resolve, reject) => {
          const req = indexedDB.open('cc-report-outbox');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('reports').objectStore('reports').getAll();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    expect(stored.clientId).toMatch(/^[0-9a-f-]{36}$/);

    await context.setOffline(false);
    // Several triggers at once must still create one problem.
    await page.evaluate(() => ['online', 'online'].forEach((t) => window.dispatchEvent(new Event(t))));
    await page
      .getByText(/问题已上报：WT/)
      .first()
      .waitFor();
    await pending.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('list', { name: '我的上报' }).getByText('污水井盖').waitFor();
    const found = await apiGet<{ total: number; items: Array<{ id: string; description: string }> }>(
      page,
      `/api/problems?mine=true&search=${encodeURIComponent('离线上报')}`,
    );
    expect(found.total).toBe(1);
    // The same clientId again is the same problem (200, not a new 201).
    const resend = await page.evaluate(async ({ clientId }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const res = await fetch('/api/problems', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ clientId, description: '离线上报：重发', categoryCode: 'C0102', source: 'grid', photoIds: [] }),
      });
      return { status: res.status, id: (await res.json()).id };
    }, stored);
    expect(resend).toEqual({ status: 200, id: found.items[0].id });
    await context.close();
  }, 90_000);

  it('cold start with no signal: the service worker opens /field, the report waits, and it is sent once online', async () => {
    const { context, page } = await open({ ...PHONE, serviceWorkers: 'allow' }, 'grid', true);
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByText(/已定位/).waitFor();
    // First visit online: the service worker installs and takes the page; a reload fills its API cache.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByText(/已定位/).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('cc-api-v1')).keys()).map((r) => new URL(r.url).pathname).sort()))
      .toEqual(expect.arrayContaining(['/api/auth/session', '/api/problem-categories']));

    // The phone loses its signal and the browser is reopened on /field: everything comes from the device.
    await context.setOffline(true);
    await page.close();
    const cold = await context.newPage();
    await cold.goto(`${e2e.baseUrl}/field`);
    await cold.getByText('网络已断开').waitFor();
    await cold.getByLabel('拍照/选图').setInputFiles(BEFORE_JPG);
    await cold.getByRole('combobox', { name: '问题类别' }).fill('井盖');
    await pickOption(cold, '污水井盖');
    await cold.getByLabel('问题描述（建议填写）').fill('冷启动离线上报：和平路污水井盖缺失');
    await cold.getByRole('button', { name: '提交', exact: true }).click();
    const pending = cold.getByRole('list', { name: '待发送' });
    await pending.getByText('等待网络').waitFor();
    await cold.waitForTimeout(300);
    await shot(cold, 'field-cold-offline-phone', false);

    await context.setOffline(false);
    await cold.evaluate(() => window.dispatchEvent(new Event('online')));
    await cold
      .getByText(/问题已上报：WT/)
      .first()
      .waitFor();
    await pending.waitFor({ state: 'detached' });
    const found = await apiGet<{ total: number }>(cold, `/api/problems?mine=true&search=${encodeURIComponent('冷启动离线上报')}`);
    expect(found.total).toBe(1);

    // Signing out drops the cached answers, so the next person on this phone sees nothing of this one.
    const cachedCount = () => cold.evaluate(async () => (await (await caches.open('cc-api-v1')).keys()).length);
    expect(await cachedCount()).toBeGreaterThan(0);
    await cold.getByRole('button', { name: '打开菜单' }).click();
    await cold.getByRole('button', { name: '退出登录' }).click();
    await cold.waitForURL((url) => url.pathname === '/login');
    expect(await cachedCount()).toBe(0);
    await context.close();
  }, 120_000);

  it('desktop /field renders for the office too', async () => {
    const { context, page } = await open(DESKTOP, 'office', true);
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByText(/已定位/).waitFor();
    await shot(page, 'field-desktop');
    await context.close();
  }, 60_000);
});
