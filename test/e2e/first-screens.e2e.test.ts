/**
 * First screens per role (issue 9), in Chromium on a 1366 px desktop and a 390 px phone. The demo county is given a
 * day of work through the API first — a covert round due today at six sites, a released covert round with a finding,
 * a routine round that visited the 点长's market, problems dispatched, overdue, returned (退回), closed, and a grid
 * worker's report — then each of the 13 demo accounts signs in and its home must show its real work: the leader's
 * 领导驾驶舱, the inspector's due covert sites with a start button, the 点长's market with its open problem, the unit's
 * inbox by deadline, the grid worker's reports. Screenshots: test-results/screenshots/first-screen-<role>-<device>.png.
 */
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 800 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const CITY_DEPT = '示范县城市管理综合行政执法局';
const MARKET_DEPT = '示范县市场监督管理局';
const COVERT_SITES = ['城东农贸市场', '新华街农贸市场', '城西综合市场', '朝阳路东三巷', '文化路后街', '西苑胡同'];

let e2e: E2E;
/** What the seeded day produced, for the assertions. */
const day: Record<string, string> = {};

/** A signed-in API client over fetch (cookie session and CSRF token, as the browser has them). */
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
  async request(method: string, url: string, body?: unknown, raw?: { body: BodyInit; type?: string }) {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${e2e.baseUrl}${url}`, {
      method,
      headers,
      body: raw ? raw.body : body === undefined ? undefined : JSON.stringify(body),
    });
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
  /** Takes a workflow action at the problem's current version. */
  async act(id: string, action: string, payload: Record<string, unknown> = {}) {
    const p = await this.get(`/api/problems/${id}`);
    return this.post(`/api/problems/${id}/transitions`, { action, version: p.version, ...payload });
  }
  /** Uploads a photo of a scene (for a covert round: with its id, so it is watermarked 暗访组). */
  async photo(caption: string, roundId?: string): Promise<string> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#8c8c8c"/>
      <rect y="300" width="640" height="180" fill="#613400"/><text x="30" y="80" font-size="40" font-family="sans-serif" fill="#fff">${caption}</text></svg>`;
    const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
    const form = new FormData();
    if (roundId) form.append('roundId', roundId);
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
    return (await this.request('POST', '/api/files', undefined, { body: form })).id;
  }
}

const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);

/** The demo county's day of work, through the API as each person would do it. */
async function seedDay() {
  const [office, inspector, unit, unit2, grid] = await Promise.all(['office', 'inspector', 'unit', 'unit2', 'grid'].map((u) => Api.as(u)));
  const campaign = (await office.get('/api/campaigns?pageSize=50')).items.find((c: { name: string }) => c.name.includes('文明城市'));
  const sites = new Map<string, { id: string; regionId: string }>(
    (await office.get('/api/sites?pageSize=200')).items.map((s: { name: string; id: string; regionId: string }) => [s.name, s]),
  );
  const units = (await office.get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const site = (name: string) => sites.get(name)!;
  const round = (body: Record<string, unknown>) =>
    office.post('/api/inspection-rounds', { campaignId: campaign.id, inspectorIds: [inspector.userId], ...body });
  /** The inspector's visit to a site: the first standard of its checklist fails (with a photo), the rest pass. */
  const visit = async (roundId: string, siteName: string, covert: boolean) => {
    const { items } = await inspector.get(`/api/inspection-rounds/${roundId}/checklist?siteId=${site(siteName).id}`);
    const photo = await inspector.photo(`${siteName} 不符合`, covert ? roundId : undefined);
    const results = items.map((it: { standardId: string }, i: number) =>
      i === 0
        ? { standardId: it.standardId, verdict: 'fail', photoIds: [photo], note: '现场发现问题' }
        : { standardId: it.standardId, verdict: 'pass' },
    );
    const outcome = await inspector.post(`/api/inspection-rounds/${roundId}/visits`, { siteId: site(siteName).id, results });
    return outcome.problems[0].problemId as string;
  };
  const report = async (who: Api, body: Record<string, unknown>) =>
    who.post('/api/problems', { clientId: crypto.randomUUID(), categoryCode: 'E0102', photoIds: [], ...body });

  // A covert round due today at six sites (the inspector's first screen must show them), not yet visited.
  await round({
    name: '第四季度农贸市场和背街小巷暗访',
    kind: 'covert',
    startDate: beijingDay(),
    endDate: beijingDay(2),
    siteIds: COVERT_SITES.map((n) => site(n).id),
  });
  // A covert round already done and released: its finding counts on the leader's cockpit and goes to the unit.
  const released = await round({
    name: '十二月人民广场暗访',
    kind: 'covert',
    startDate: beijingDay(),
    endDate: beijingDay(),
    siteIds: [site('人民广场').id],
  });
  const finding = await visit(released.id, '人民广场', true);
  await office.post(`/api/inspection-rounds/${released.id}/release`);
  await office.act(finding, 'dispatch', { unitId: unitId(CITY_DEPT) });
  // A routine round visited the 点长's market today: a last score, and a finding waiting to be dispatched.
  const routine = await round({
    name: '十二月日常督查',
    kind: 'routine',
    startDate: beijingDay(),
    endDate: beijingDay(6),
    siteIds: [site('城东农贸市场').id, site('朝阳路').id],
  });
  day.marketFinding = await visit(routine.id, '城东农贸市场', false);
  // The market's problem, reported by the office and dispatched to 市场监管局 (not the 点长's own unit).
  const market = await report(office, {
    description: '城东农贸市场东门外占道经营，早市摊点未退市',
    regionId: site('城东农贸市场').regionId,
    siteId: site('城东农贸市场').id,
    address: '城东街道朝阳路 56 号',
  });
  await office.act(market.id, 'accept');
  await office.act(market.id, 'dispatch', { unitId: unitId(MARKET_DEPT) });
  day.marketCode = market.code;
  // 城管局: one problem soon overdue, one closed on time, one it sends back (退回).
  const late = await report(office, { description: '建设大街井盖缺失，存在安全隐患', categoryCode: 'C0101', severity: 'urgent' });
  await office.act(late.id, 'accept');
  await office.act(late.id, 'dispatch', { unitId: unitId(CITY_DEPT), deadline: new Date(Date.now() + 3000).toISOString() });
  day.lateCode = late.code;
  const done = await report(office, { description: '人民路公交站暴露垃圾' });
  await office.act(done.id, 'accept');
  await office.act(done.id, 'dispatch', { unitId: unitId(CITY_DEPT) });
  await unit.act(done.id, 'acknowledge');
  await unit.act(done.id, 'submit_rectification', { measures: '已清运并安排专人保洁', photoIds: [await unit.photo('整改后')] });
  await office.act(done.id, 'verify', { passed: true });
  const disputed = await report(office, { description: '东湖社区楼道堆物', regionId: site('东湖社区').regionId });
  await office.act(disputed.id, 'accept');
  await office.act(disputed.id, 'dispatch', { unitId: unitId(CITY_DEPT) });
  await unit.act(disputed.id, 'dispute', { reason: '属于社区物业管理范围，请派东湖社区' });
  day.disputedCode = disputed.code;
  // The grid worker's own report in his grid.
  const mine = await report(grid, { description: '朝阳社区第一网格路灯不亮', categoryCode: 'C0106', regionId: grid.regionId });
  day.gridCode = mine.code;
  expect(unit2).toBeTruthy();
  // The short deadline passes: one problem is now 超期.
  await new Promise((r) => setTimeout(r, 3500));
}

beforeAll(async () => {
  e2e = await startE2E();
  await seedDay();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

/** What each first screen must show, checked on both devices. */
const EXPECT: Record<string, (page: Page) => Promise<void>> = {
  admin: async (page) => {
    await page.getByText('区划数').first().waitFor();
    await page.getByText('责任单位', { exact: true }).first().waitFor();
  },
  security: async (page) => {
    await page.getByText('账号总数').first().waitFor();
  },
  auditor: async (page) => {
    await page.getByText('近 24 小时操作记录').first().waitFor();
  },
  office: async (page) => {
    await page
      .getByRole('link', { name: /退回待重新派遣（1）/ })
      .first()
      .waitFor();
    await page.getByText('创建工作概况').first().waitFor();
  },
  leader: async (page) => {
    await page.getByText('领导驾驶舱').first().waitFor();
    await expect(figure(page, '本月暗访发现')).resolves.toBe('1');
    await expect(figure(page, '超期问题')).resolves.toBe('1');
    await expect(figure(page, '本月结案率')).resolves.toMatch(/%$/);
    const worst = page.getByRole('list', { name: '问题较多的责任单位' });
    await expect(worst.getByText(CITY_DEPT).first().isVisible()).resolves.toBe(true);
    await page.getByRole('table', { name: '近六个月上报与结案数' }).waitFor();
  },
  taskforce: async (page) => {
    await page.getByText('创建工作概况').first().waitFor();
    await page
      .getByRole('link', { name: /退回待重新派遣/ })
      .first()
      .waitFor();
  },
  unit: async (page) => {
    const inbox = page.getByRole('list', { name: '本单位待办问题（按整改时限）' });
    await inbox.getByText(day.lateCode).first().waitFor();
    await expect(inbox.getByText('超期').first().isVisible()).resolves.toBe(true);
  },
  unit2: async (page) => {
    await page.getByRole('list', { name: '本单位待办问题（按整改时限）' }).getByText(day.marketCode).first().waitFor();
  },
  unithead: async (page) => {
    await page.getByRole('list', { name: '本单位待办问题（按整改时限）' }).getByText(day.lateCode).first().waitFor();
  },
  inspector: async (page) => {
    await page.getByText('今日督查任务').first().waitFor();
    const due = page.getByRole('list', { name: '第四季度农贸市场和背街小巷暗访 待测评点位' });
    await due.waitFor();
    await expect(due.getByRole('button', { name: /开始测评/ }).count()).resolves.toBe(6);
    await page
      .getByRole('link', { name: /今日待测评点位（7）/ })
      .first()
      .waitFor();
  },
  sitelead: async (page) => {
    const sites = page.getByRole('list', { name: '我负责的点位' });
    await sites.getByRole('link', { name: '点位 城东农贸市场' }).waitFor();
    await expect(sites.getByRole('link', { name: '点位 城东农贸市场' }).innerText()).resolves.toMatch(/在办 2/);
    await page.getByRole('list', { name: '点位在办问题' }).getByText(day.marketCode).first().waitFor();
    // Nothing of the covert round due at his market today.
    await expect(page.getByText('暗访').count()).resolves.toBe(0);
  },
  grid: async (page) => {
    await page
      .getByRole('list', { name: /我上报的问题/ })
      .getByText(day.gridCode)
      .first()
      .waitFor();
  },
  volunteer: async (page) => {
    await page.getByText('还没有上报过问题').first().waitFor();
    await page.getByRole('button', { name: '上报问题' }).waitFor();
  },
};

/** The number a cockpit figure shows. */
async function figure(page: Page, title: string): Promise<string> {
  const card = page.getByRole('link', { name: new RegExp(`^${title}：`) }).or(page.locator(`[aria-label^="${title}："]`));
  const label = (await card.first().getAttribute('aria-label')) ?? '';
  return label.slice(title.length + 1);
}

const ORG = ['区域管理', '单位管理', '创建项目'];
/**
 * The organisation pages show for who keeps or oversees them, not for every role that may read them (issue 9); 考核排名
 * for who runs, signs off or answers for a month's evaluation (issue 10).
 */
/** Each role's whole top-level menu, exactly (the older roles.e2e check, made here where every role signs in). */
const MENUS: Record<string, string[]> = {
  admin: ['首页', ...ORG, '个人中心'],
  security: ['首页', '用户管理', '个人中心'],
  auditor: ['首页', '审计日志', '个人中心'],
  office: ['首页', '考核排名', ...ORG, '用户管理', '个人中心'],
  leader: ['首页', '考核排名', ...ORG, '个人中心'],
  taskforce: ['首页', '考核排名', '创建项目', '个人中心'],
  unit: ['首页', '考核排名', '我的考核', '单位管理', '个人中心'],
  unit2: ['首页', '考核排名', '我的考核', '单位管理', '个人中心'],
  inspector: ['首页', '个人中心'],
  sitelead: ['首页', '个人中心'],
  grid: ['首页', '个人中心'],
  volunteer: ['首页', '个人中心'],
};
const ALL_ITEMS = ['首页', '考核排名', '我的考核', ...ORG, '用户管理', '审计日志', '个人中心'];

/** Menu items that a role must not see (issue 9: grid/volunteer saw 区域管理/单位管理/创建项目, the 点长 问题设置/任务分解). */
const HIDDEN: Record<string, string[]> = {
  grid: ['区域管理', '单位管理', '创建项目', '问题设置', '任务分解'],
  volunteer: ['区域管理', '单位管理', '创建项目', '问题设置'],
  sitelead: ['问题设置', '任务分解', '区域管理', '单位管理', '创建项目'],
  inspector: ['问题设置', '任务分解', '区域管理', '创建项目'],
  unit: ['区域管理', '创建项目'], // 问题设置 stays: the unit reads its deadlines there (read-only)
};

async function openHome(options: BrowserContextOptions, username: string) {
  const context = await e2e.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText('我的待办').first().waitFor();
  return { context, page };
}

/** No raw codes, English state names or empty values in what the page says. */
async function plainChinese(page: Page) {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  expect(text).not.toMatch(/\b(undefined|null|NaN|pending|accepted|dispatched|rectifying|verifying|closed|covert|routine)\b/);
}

describe('first screens per role in Chromium', () => {
  for (const username of Object.keys(EXPECT)) {
    it(`${username}: desktop and phone show the role's work`, async () => {
      for (const [device, options] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const { context, page } = await openHome(options, username);
        try {
          await EXPECT[username](page);
          await plainChinese(page);
          if (device === 'phone') {
            // Against the phone's width itself: a mobile layout viewport grows to fit content that is too wide.
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            expect(width, 'no sideways scrolling on a phone').toBeLessThanOrEqual(PHONE.viewport!.width);
          } else {
            const items = (await page.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
            for (const hidden of HIDDEN[username] ?? []) expect(items, `${username} menu`).not.toContain(hidden);
            if (MENUS[username])
              expect(
                ALL_ITEMS.filter((label) => items.includes(label)),
                `${username} menu`,
              ).toEqual(MENUS[username]);
          }
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.mouse.move(0, 0);
          await page.screenshot({ path: path.join(SHOTS, `first-screen-${username}-${device}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      }
    });
  }

  it("inspector: a due site's start button opens the phone checklist", async () => {
    const { context, page } = await openHome(PHONE, 'inspector');
    try {
      await page.getByRole('button', { name: '开始测评 城东农贸市场' }).click();
      await page.waitForURL((url) => /^\/inspect\/[0-9a-f-]+\/[0-9a-f-]+$/.test(url.pathname));
    } finally {
      await context.close();
    }
  });

  it('unit: after 退回 the page says what happened instead of 无权查看', async () => {
    const office = await Api.as('office');
    const units = (await office.get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
    const p = await office.post('/api/problems', {
      clientId: crypto.randomUUID(),
      categoryCode: 'E0102',
      description: '南关大街绿化带垃圾',
      photoIds: [],
    });
    await office.act(p.id, 'accept');
    await office.act(p.id, 'dispatch', { unitId: units.find((u) => u.name === CITY_DEPT)!.id });
    const { context, page } = await openHome(DESKTOP, 'unit');
    try {
      await page.goto(`${e2e.baseUrl}/problems/${p.id}`);
      await page.getByRole('button', { name: '退回' }).click();
      await page.getByLabel(/退回理由/).fill('该路段绿化由园林绿化服务中心负责');
      await page.locator('.ant-modal').getByRole('button', { name: '退回' }).click();
      await page.getByText(`已退回问题 ${p.code}`).first().waitFor();
      await page.getByText('该路段绿化由园林绿化服务中心负责').first().waitFor();
      await expect(page.getByText('问题不存在或无权查看').count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'first-screen-unit-returned-desktop.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
