/**
 * Maps in Chromium (issue 9, "Maps"): with no base map (the default) the sites map draws no tile and works; sites or
 * problems on one spot are one count that spreads out on a click; the system administrator switches the base map to
 * a 内网瓦片服务 — a tile server this test runs itself, one 256×256 PNG for every tile — with the address checked in
 * Chinese and previewed live, and the county's sites map then draws that server's tiles (desktop and a 390 px
 * phone); when the tile server fails or the network is gone the map stays usable and says so in its corner.
 * Screenshots: map-*.png.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

let e2e: E2E;
let tiles: http.Server;
let tileBase = '';
/** Paths the tile server was asked for. */
const hits: string[] = [];
/** While true the tile server answers 503 (a server that is down). */
let down = false;

/** The one tile every position gets. */
let TILE: Buffer;

beforeAll(async () => {
  // One tile for every position: a light paper colour with a grid, so a screenshot shows the tiles are there.
  TILE = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#f1ede2"/>' +
        '<path d="M0 0.5H256M0.5 0V256" stroke="#c8bd9f" stroke-width="1"/>' +
        '<path d="M0 64H256M0 128H256M0 192H256M64 0V256M128 0V256M192 0V256" stroke="#e3dccb" stroke-width="1"/>' +
        '<path d="M0 170C60 150 110 190 256 120" stroke="#b7d3e8" stroke-width="10" fill="none"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  tiles = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (down) res.writeHead(503).end();
    else if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) res.writeHead(200, { 'content-type': 'image/png' }).end(TILE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  tileBase = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
  await new Promise((resolve) => tiles?.close(resolve));
});

async function open(options: BrowserContextOptions, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

/** A JSON call as the signed-in page (its cookie, its CSRF token). */
async function call<T = any>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> {
  const session = await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json();
  const res = await page.request.fetch(`${e2e.baseUrl}${url}`, {
    method,
    data,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A site of the demo county to put things beside. */
async function marketOf(page: Page) {
  const list = await call(page, 'GET', `/api/sites?pageSize=5&search=${encodeURIComponent('城东农贸市场')}`);
  return list.items[0] as { id: string; regionId: string; location: { lat: number; lng: number } };
}

const clusterCounts = (page: Page) =>
  page.locator('.cc-cluster').evaluateAll((els) => els.map((e) => Number(e.textContent?.trim() ?? 'NaN')));

describe('maps in Chromium', () => {
  it('无底图 by default: no tile is asked for; three sites on one spot are one count that spreads out on a click', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    const market = await marketOf(page);
    const spot = { lat: market.location.lat + 0.004, lng: market.location.lng + 0.004 };
    for (const name of ['同址点位甲', '同址点位乙', '同址点位丙']) {
      await call(page, 'POST', '/api/sites', {
        name,
        siteTypeCode: 'back_street',
        regionId: market.regionId,
        address: '示范县同址路 1 号',
        location: spot,
      });
    }

    await page.goto(`${e2e.baseUrl}/sites/map`);
    const map = page.getByRole('region', { name: '点位分布地图' });
    await map.locator('canvas').first().waitFor();
    await page.locator('.cc-cluster').first().waitFor();
    const counts = await clusterCounts(page);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => Number.isInteger(n) && n >= 2)).toBe(true);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(hits).toEqual([]);
    // The count is spoken as what it is.
    expect(await page.locator('.cc-cluster [role=img]').first().getAttribute('aria-label')).toMatch(/^此处\d+个点位$/);
    await page.waitForTimeout(400);
    await shot(page, 'map-sites-none-desktop');

    await page.goto(`${e2e.baseUrl}/sites/map?search=${encodeURIComponent('同址点位')}`);
    await page.getByText(/^共 3 个点位，3 个有坐标/).waitFor();
    const cluster = page.locator('.cc-cluster', { hasText: /^3$/ });
    await cluster.waitFor();
    expect(await clusterCounts(page)).toEqual([3]);
    // Everything in (site types colour the markers; a late answer redraws them), then the click.
    await page.waitForLoadState('networkidle');
    await cluster.click();
    await expect.poll(() => map.locator('.cc-map-live').textContent()).toBe('已展开此处的 3 个点位');
    await page.waitForTimeout(500);
    await shot(page, 'map-sites-spread-desktop');
    await context.close();
  }, 120_000);

  it('the administrator switches to 内网瓦片服务 (checked in Chinese, previewed live) and the sites map draws its tiles', async () => {
    const { context, page } = await open(DESKTOP, 'admin');
    await page.goto(`${e2e.baseUrl}/system/map`);
    // The page is in the administrator's menu (系统管理 → 底图设置).
    await page.getByRole('menuitem', { name: '底图设置' }).waitFor();
    // The form opens once the settings are in: 无底图, the shipped default.
    const none = page.getByRole('radio', { name: '无底图' });
    await expect.poll(() => none.isEnabled()).toBe(true);
    expect(await none.isChecked()).toBe(true);

    // 天地图: the browser asks t0–t7.tianditu.gov.cn itself (the page's CSP allows them) for 影像 and its 注记, with the
    // key. The national service is out of reach here, so the test answers for it.
    const KEY = '0123456789abcdef0123456789abcdef';
    const tianditu: string[] = [];
    await context.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, async (route) => {
      tianditu.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
    });
    await page.getByText('天地图', { exact: true }).click();
    await page.getByLabel('天地图密钥（tk）').fill('abc');
    await page.getByText('天地图密钥应为 32 位字母或数字').first().waitFor();
    await page.getByLabel('天地图密钥（tk）').fill(KEY);
    await page.getByText('影像地图（含注记）').click();
    const preview = page.getByRole('region', { name: '底图预览' });
    await expect.poll(() => preview.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(1);
    const layers = new Set(tianditu.map((u) => new URL(u).pathname));
    expect([...layers].sort()).toEqual(['/cia_w/wmts', '/img_w/wmts']);
    expect(tianditu.every((u) => new URL(u).searchParams.get('tk') === KEY)).toBe(true);
    await preview.getByText('天地图', { exact: true }).waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'map-settings-tianditu-desktop');

    await page.getByText('内网瓦片服务', { exact: true }).click();
    const url = page.getByLabel('瓦片地址');
    await url.fill('ftp://tiles.example.gov.cn/{z}/{x}/{y}.png');
    await page.getByText('瓦片地址须以 http:// 或 https:// 开头').first().waitFor();
    await url.fill('https://{s}.tiles.example.gov.cn/{z}/{x}/{y}.png');
    await page
      .getByText(/不支持占位符 \{s\}/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    // Nothing is saved while the form holds a bad address.
    expect((await call(page, 'GET', '/api/map-settings')).baseMap.kind).toBe('none');

    await url.fill(`${tileBase}/tiles/{z}/{x}/{y}.png`);
    await page.getByLabel('版权说明').fill('示范县自然资源局 内网影像');
    await expect.poll(() => preview.locator('img.leaflet-tile-loaded[src^="/api/"]').count()).toBeGreaterThan(0);
    // The preview's tiles come through the app (administrator only), from the test's tile server.
    const src = await preview.locator('img.leaflet-tile-loaded[src^="/api/"]').first().getAttribute('src');
    expect(src).toMatch(/^\/api\/map-settings\/tiles\/\d+\/\d+\/\d+\?url=/);
    expect(hits.some((h) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(h))).toBe(true);
    await preview.getByText('示范县自然资源局 内网影像').waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'map-settings-desktop');

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('全部区域（默认）的底图已设为「内网瓦片服务」').waitFor();
    const saved = await call(page, 'GET', '/api/map-settings');
    expect(saved.baseMap.kind).toBe('tiles');
    expect(saved.settings.tileUrl).toBe(`${tileBase}/tiles/{z}/{x}/{y}.png`);
    // The 天地图 key typed on the way is kept for a later switch back; the maps do not get it while it is off.
    expect(saved.settings.tiandituKey).toBe(KEY);
    expect(JSON.stringify(saved.baseMap)).not.toContain(KEY);
    await context.close();

    // The county office's sites map, on a desktop and on a phone: the saved server's tiles under the markers.
    for (const [options, suffix] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context: c, page: p } = await open(options, 'office');
      const before = hits.length;
      await p.goto(`${e2e.baseUrl}/sites/map`);
      const map = p.getByRole('region', { name: '点位分布地图' });
      await map.locator('img.leaflet-tile-loaded').first().waitFor();
      const tileSrc = await map.locator('img.leaflet-tile-loaded').first().getAttribute('src');
      expect(tileSrc).toMatch(/^\/api\/map-settings\/tiles\/\d+\/\d+\/\d+\?rev=[0-9a-f]{8}$/);
      expect(hits.length).toBeGreaterThan(before);
      await map.getByText('示范县自然资源局 内网影像').waitFor();
      await p.locator('.cc-cluster').first().waitFor();
      expect(await map.locator('.cc-map-notice').textContent()).toBe('');
      await expect.poll(() => map.locator('img.leaflet-tile:not(.leaflet-tile-loaded)').count()).toBe(0);
      await p.waitForTimeout(400);
      await shot(p, `map-sites-tiles-${suffix}`);
      if (suffix === 'phone')
        expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await c.close();
    }

    const admin = await open(PHONE, 'admin');
    await admin.page.goto(`${e2e.baseUrl}/system/map`);
    await admin.page.getByRole('region', { name: '底图预览' }).locator('img.leaflet-tile-loaded').first().waitFor();
    await admin.page.waitForTimeout(400);
    await shot(admin.page, 'map-settings-phone', true);
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await admin.context.close();
  }, 180_000);

  it('problems on one site are one count that spreads out; a tile server that is down or no network leaves the map usable', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    const market = await marketOf(page);
    // One spot of the market's, theirs alone (demo problems elsewhere in the market do not join the count).
    const spot = { lat: market.location.lat + 0.0021, lng: market.location.lng - 0.0013 };
    for (const text of ['摊位占道经营', '垃圾桶满溢', '地面积水']) {
      await call(page, 'POST', '/api/problems', {
        clientId: crypto.randomUUID(),
        description: `城东农贸市场${text}`,
        categoryCode: 'E0102',
        severity: 'normal',
        regionId: market.regionId,
        siteId: market.id,
        location: spot,
        address: '城东农贸市场',
      });
    }
    await page.goto(`${e2e.baseUrl}/problems/map`);
    const map = page.getByRole('region', { name: '问题分布地图' });
    const cluster = map.locator('.cc-cluster', { hasText: /^3$/ });
    await cluster.waitFor();
    expect(await map.locator('.leaflet-marker-icon.cc-problem-marker').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await cluster.click();
    await expect.poll(() => map.locator('.cc-map-live').textContent()).toBe('已展开此处的 3 个问题');
    await expect.poll(() => map.locator('.leaflet-marker-icon.cc-problem-marker').count()).toBe(3);
    // Spread around the spot: three different places on screen.
    const boxes = await map.locator('.leaflet-marker-icon.cc-problem-marker').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return `${Math.round(r.x)},${Math.round(r.y)}`;
      }),
    );
    expect(new Set(boxes).size).toBe(3);
    await page.waitForTimeout(500);
    await shot(page, 'map-problems-spread-desktop');
    await context.close();

    // The tile server goes down: a fresh phone (nothing cached) still gets its markers and a note in the corner.
    down = true;
    try {
      const phone = await open(PHONE, 'office');
      await phone.page.goto(`${e2e.baseUrl}/sites/map`);
      const sites = phone.page.getByRole('region', { name: '点位分布地图' });
      await sites.locator('.cc-map-notice', { hasText: '底图加载失败' }).waitFor();
      await phone.page.locator('.cc-cluster').first().waitFor();
      await phone.page.waitForTimeout(300);
      await shot(phone.page, 'map-sites-tiles-down-phone');
      await phone.context.close();
    } finally {
      down = false;
    }

    // No network at all: the note says so; the markers stay.
    const phone = await open(PHONE, 'office');
    await phone.page.goto(`${e2e.baseUrl}/sites/map`);
    const sites = phone.page.getByRole('region', { name: '点位分布地图' });
    await sites.locator('img.leaflet-tile-loaded').first().waitFor();
    await phone.context.setOffline(true);
    await sites.locator('.cc-map-notice', { hasText: '网络已断开' }).waitFor();
    expect(await phone.page.locator('.cc-cluster').count()).toBeGreaterThan(0);
    await shot(phone.page, 'map-sites-offline-phone');
    await phone.context.setOffline(false);
    await phone.context.close();
  }, 180_000);
});
