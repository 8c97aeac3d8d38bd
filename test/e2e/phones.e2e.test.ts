/**
 * Phones fit a thumb (issue 9, "Phones"), in Chromium at 390 × 844 with touch, as each role that meets a phone: the
 * grid worker's /field, the inspector's /inspect and checklist, the 点长's /patrol, the unit's inbox and a problem with
 * 签收/退回, the office's and the leader's lists (problems, workbench, map, sites, rounds, materials), the system
 * administrator's users, every home page and the menu drawer. On each page:
 *
 * - every visible thing a finger taps (button, link, [role=button], checkbox, radio, map marker, the photo ✕) is at
 *   least 44 × 44 px — by its box, or, where a small control keeps its look with a larger hit area (a ::after, the
 *   invisible input of a checkbox), by elementFromPoint at the edges of a 44 px square around its centre;
 * - nothing scrolls sideways (document.scrollingElement.scrollWidth ≤ 390);
 * - lists are cards with what a person needs to act (code, category, unit, state, deadline — overdue in red), and a tap
 *   opens the record.
 *
 * The demo county gets a small day of work first (as first-screens.e2e does). Screenshots:
 * test-results/screenshots/phone-<role>-<page>.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const WIDTH = 390;
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: WIDTH, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const TAP = 44;
const CITY_DEPT = '示范县城市管理综合行政执法局';
const COVERT_SITES = ['新华街农贸市场', '城西综合市场', '朝阳路东三巷'];

let e2e: E2E;
const day: Record<string, string> = {};

/** A signed-in API client over fetch (cookie session and CSRF token). */
class Api {
  cookie = '';
  csrf = '';
  userId = '';
  regionId: string | null = null;
  static async as(username: string): Promise<Api> {
    const a = new Api();
    const res = await fetch(`${e2e.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status, `login ${username}`).toBe(200);
    a.cookie = (res.headers.getSetCookie().find((c) => c.startsWith('cc_session=')) ?? '').split(';')[0];
    a.csrf = (await res.json()).csrfToken;
    const session = await a.get('/api/auth/session');
    a.userId = session.user.id;
    a.regionId = session.user.regionId;
    return a;
  }
  async request(method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${e2e.baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  async act(id: string, action: string, payload: Record<string, unknown> = {}) {
    const p = await this.get(`/api/problems/${id}`);
    return this.post(`/api/problems/${id}/transitions`, { action, version: p.version, ...payload });
  }
}

const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);

/** A small day of work: a covert round due today, problems dispatched (one overdue), one waiting, the grid worker's reports. */
async function seedDay() {
  const [office, inspector, grid] = await Promise.all(['office', 'inspector', 'grid'].map((u) => Api.as(u)));
  const campaign = (await office.get('/api/campaigns?pageSize=50')).items.find((c: { name: string }) => c.name.includes('文明城市'));
  type SiteRow = { name: string; id: string; regionId: string; location: { lat: number; lng: number } | null };
  const sites = new Map<string, SiteRow>((await office.get('/api/sites?pageSize=200')).items.map((s: SiteRow) => [s.name, s]));
  // Problems with a position (for the map), near a site of the demo county.
  const near = (name: string, d: number) => {
    const at = sites.get(name)!.location!;
    return { location: { lat: at.lat + d, lng: at.lng - d } };
  };
  const units = (await office.get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const cityDept = units.find((u) => u.name === CITY_DEPT)!.id;
  const round = await office.post('/api/inspection-rounds', {
    campaignId: campaign.id,
    inspectorIds: [inspector.userId],
    name: '十二月背街小巷暗访',
    kind: 'covert',
    startDate: beijingDay(),
    endDate: beijingDay(2),
    siteIds: COVERT_SITES.map((n) => sites.get(n)!.id),
  });
  day.roundId = round.id;
  day.siteId = sites.get(COVERT_SITES[0])!.id;
  const report = (who: Api, body: Record<string, unknown>) =>
    who.post('/api/problems', { clientId: crypto.randomUUID(), categoryCode: 'E0102', photoIds: [], ...body });
  const late = await report(office, {
    description: '建设大街井盖缺失，存在安全隐患',
    categoryCode: 'C0101',
    severity: 'urgent',
    ...near('人民广场', 0.004),
  });
  await office.act(late.id, 'accept');
  await office.act(late.id, 'dispatch', { unitId: cityDept, deadline: new Date(Date.now() + 3000).toISOString() });
  day.lateCode = late.code;
  const open = await report(office, { description: '人民路公交站暴露垃圾，站台两侧散落塑料袋', ...near('人民广场', -0.006) });
  await office.act(open.id, 'accept');
  await office.act(open.id, 'dispatch', { unitId: cityDept });
  day.openId = open.id;
  day.openCode = open.code;
  await report(office, { description: '解放路桥下河道水面漂浮垃圾', categoryCode: 'E0105', ...near('城东农贸市场', 0.01) });
  // The grid worker's own reports: 路灯 twice, so it is the first chip on his report form.
  for (const text of ['朝阳社区第一网格路灯不亮', '朝阳社区健身广场路灯损坏'])
    await report(grid, { description: text, categoryCode: 'C0106', regionId: grid.regionId });
  await new Promise((r) => setTimeout(r, 3500)); // the short deadline passes: one problem is 超期
}

beforeAll(async () => {
  e2e = await startE2E();
  await seedDay();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText('我的待办').first().waitFor();
  return { context, page };
}

interface Small {
  what: string;
  width: number;
  height: number;
}

/**
 * Every visible tap target smaller than 44 × 44 px whose hit area is smaller too. Each is scrolled to the middle of
 * the screen first (so elementFromPoint can see it), then its 44 px square around the centre is probed at the edges
 * and corners: a tap there must reach the element (or something inside it).
 */
async function smallTargets(page: Page): Promise<Small[]> {
  return page.evaluate((tap) => {
    const selector = [
      'button',
      'a[href]',
      '[role=button]',
      'input[type=checkbox]',
      'input[type=radio]',
      '[role=checkbox]',
      '[role=radio]',
      '.leaflet-marker-icon',
      '.cc-photo-remove',
    ].join(',');
    const out: Array<{ what: string; width: number; height: number }> = [];
    const half = tap / 2 - 0.5;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      let r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[aria-hidden=true], [inert]')) continue;
      if (r.width >= tap - 0.5 && r.height >= tap - 0.5) continue;
      // Leaflet positions markers inside the map; scrolling the map's box into view is enough.
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      r = el.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const points = [
        [cx - half, cy],
        [cx + half, cy],
        [cx, cy - half],
        [cx, cy + half],
        [cx - half, cy - half],
        [cx + half, cy - half],
        [cx - half, cy + half],
        [cx + half, cy + half],
      ].map(([x, y]) => [Math.min(Math.max(x, 0), window.innerWidth - 1), Math.min(Math.max(y, 0), window.innerHeight - 1)]);
      const reached = points.every(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return !!hit && (hit === el || el.contains(hit));
      });
      if (!reached) {
        const label = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 20) || el.className.toString().slice(0, 40);
        out.push({ what: `${el.tagName.toLowerCase()} ${label}`, width: Math.round(r.width), height: Math.round(r.height) });
      }
    }
    window.scrollTo(0, 0);
    return out;
  }, TAP);
}

/** The page fits a thumb: tap targets, no sideways scrolling; then a screenshot (of the screen only for an overlay). */
async function fits(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${name}: no sideways scrolling`).toBeLessThanOrEqual(WIDTH);
  expect(await smallTargets(page), `${name}: tap targets under 44 × 44 px`).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`), fullPage });
}

/** Visits a page and checks it. */
async function visit(page: Page, url: string, name: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(`${e2e.baseUrl}${url}`);
  await ready(page);
  await fits(page, name);
}

/** The problem cards on the page, each with the fields a person needs. */
async function problemCards(page: Page) {
  const cards = page.getByTestId('problem-card');
  await cards.first().waitFor();
  expect(await page.locator('.ant-table').count(), 'cards, not a table').toBe(0);
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    await expect(card.locator('[data-field=code]').innerText()).resolves.toMatch(/^(WT|AF)\d{6}-\d{6}-\d{6}$/);
    await expect(card.locator('[data-field=category]').innerText()).resolves.toMatch(/^\[.+\]/);
    await expect(card.locator('[data-field=unit]').innerText()).resolves.toMatch(/^责任单位：/);
    await expect(card.locator('.ant-tag').first().innerText()).resolves.toMatch(/待受理|已立案|已派遣|整改中|待核查|已结案|不予立案|\S+/);
  }
  // The overdue one: its card is tinted, its deadline in red.
  const late = cards.filter({ hasText: day.lateCode });
  if (await late.count()) {
    await expect(late.getByText('超期', { exact: true }).isVisible()).resolves.toBe(true);
    const color = await late
      .locator('[data-field=deadline]')
      .getByText(/已超期/)
      .evaluate((e) => getComputedStyle(e).color);
    expect(color).toMatch(/rgb\(255, 77, 79\)|rgb\(207, 19, 34\)/);
  }
}

describe('phones fit a thumb (390 × 844, touch)', () => {
  it('grid worker: home and /field — most used categories first as 44 px chips, the photo ✕ reachable', async () => {
    const { context, page } = await signIn('grid');
    try {
      await fits(page, 'grid-home');
      await page.goto(`${e2e.baseUrl}/field`);
      const chips = page.getByRole('group', { name: '常用类别' });
      await chips.waitFor();
      // His own most reported categories first (路灯, reported twice today), then his area's.
      await expect(chips.locator('.ant-tag').allInnerTexts()).resolves.toContain('路灯');
      for (const box of await chips.locator('.ant-tag').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
        expect(box).toBeGreaterThanOrEqual(TAP);
      // Chips come before the search box.
      const chipsY = (await chips.boundingBox())!.y;
      const searchY = (await page.getByRole('combobox', { name: '问题类别' }).boundingBox())!.y;
      expect(chipsY).toBeLessThan(searchY);
      await chips.getByText('路灯').click();
      // A photo, so its ✕ is on screen.
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="#8c8c8c"/></svg>`;
      const jpeg = await sharp(Buffer.from(svg)).jpeg().toBuffer();
      await page.locator('#field_photos').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByRole('button', { name: '移除照片 1' }).waitFor();
      await fits(page, 'grid-field');
    } finally {
      await context.close();
    }
  });

  it('inspector: home, /inspect and the checklist', async () => {
    const { context, page } = await signIn('inspector');
    try {
      await fits(page, 'inspector-home');
      await visit(page, '/inspect', 'inspector-inspect', (p) => p.getByText('十二月背街小巷暗访').first().waitFor());
      await visit(page, `/inspect/${day.roundId}/${day.siteId}`, 'inspector-checklist', (p) =>
        p.getByText(COVERT_SITES[0]).first().waitFor(),
      );
    } finally {
      await context.close();
    }
  });

  it('点长: home and /patrol', async () => {
    const { context, page } = await signIn('sitelead');
    try {
      await fits(page, 'sitelead-home');
      await visit(page, '/patrol', 'sitelead-patrol', (p) => p.getByText('城东农贸市场').first().waitFor());
    } finally {
      await context.close();
    }
  });

  it('unit: home, inbox and a problem with 签收/退回', async () => {
    const { context, page } = await signIn('unit');
    try {
      await fits(page, 'unit-home');
      await visit(page, '/problems/inbox', 'unit-inbox', (p) => p.getByText(day.lateCode).first().waitFor());
      await visit(page, `/problems/${day.openId}`, 'unit-problem', (p) => p.getByRole('button', { name: '签收' }).waitFor());
      for (const name of ['签收', '退回']) {
        const box = (await page.getByRole('button', { name }).boundingBox())!;
        expect(box.width, name).toBeGreaterThanOrEqual(TAP);
        expect(box.height, name).toBeGreaterThanOrEqual(TAP);
      }
    } finally {
      await context.close();
    }
  });

  it('office: home and the menu drawer', async () => {
    const { context, page } = await signIn('office');
    try {
      await fits(page, 'office-home');
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.locator('.ant-drawer-open').getByRole('menuitem').first().waitFor();
      await page.waitForTimeout(400);
      await fits(page, 'office-menu', false);
    } finally {
      await context.close();
    }
  });

  it('office: problems as cards (a tap opens one), the workbench with selection', async () => {
    const { context, page } = await signIn('office');
    try {
      await visit(page, '/problems', 'office-problems', problemCards);
      await page.getByTestId('problem-card').first().click();
      await page.waitForURL((url) => /^\/problems\/[0-9a-f-]{36}$/.test(url.pathname));

      await visit(page, '/problems/workbench', 'office-workbench', problemCards);
      // Selection on a phone: a checkbox per card and 全选本页, feeding the same bulk actions.
      // (a problem no bulk action applies to has its checkbox disabled, as in the table)
      const selectable = page.locator('.cc-card input[type=checkbox][aria-label="选择"]:not([disabled])');
      await selectable.first().check();
      await page.getByText(/已选 1 条/).waitFor();
      await page.getByRole('checkbox', { name: '全选本页' }).check();
      const picked = await selectable.count();
      expect(picked).toBeGreaterThan(0);
      await page.getByText(`已选 ${picked} 条`).waitFor();
      await fits(page, 'office-workbench-selected');
    } finally {
      await context.close();
    }
  });

  it('office: the problem map, sites, rounds and materials', async () => {
    const { context, page } = await signIn('office');
    try {
      await visit(page, '/problems/map?view=all', 'office-problem-map', (p) => p.locator('.leaflet-marker-icon').first().waitFor());
      for (const box of await page
        .locator('.leaflet-marker-icon')
        .evaluateAll((els) => els.map((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])))
        expect(Math.min(...box)).toBeGreaterThanOrEqual(TAP);

      await visit(page, '/sites', 'office-sites', (p) => p.locator('.cc-card').first().waitFor());
      expect(await page.locator('.ant-table').count()).toBe(0);
      await expect(page.locator('.cc-card').first().innerText()).resolves.toMatch(/包保单位：/);
      await visit(page, '/inspections', 'office-rounds', (p) => p.locator('.cc-card').first().waitFor());
      await expect(page.locator('.cc-card').first().innerText()).resolves.toMatch(/已测评 \d+\/\d+/);
      await page.locator('.cc-card-link').first().click();
      await page.waitForURL((url) => /^\/inspections\/[0-9a-f-]{36}$/.test(url.pathname));
      await visit(page, '/materials', 'office-materials', (p) => p.getByRole('tab').first().waitFor());
    } finally {
      await context.close();
    }
  });

  it('leader: home and the problem list as cards', async () => {
    const { context, page } = await signIn('leader');
    try {
      await fits(page, 'leader-home');
      await visit(page, '/problems', 'leader-problems', problemCards);
    } finally {
      await context.close();
    }
  });

  it('security administrator: users as cards', async () => {
    const { context, page } = await signIn('security');
    try {
      await visit(page, '/system/users', 'security-users', (p) => p.locator('.cc-card').first().waitFor());
      expect(await page.locator('.ant-table').count()).toBe(0);
      await expect(page.locator('.cc-card').first().innerText()).resolves.toMatch(/\S/);
    } finally {
      await context.close();
    }
  });
});
