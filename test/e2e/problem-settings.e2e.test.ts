/**
 * 问题设置 in Chromium: the office changes the 一般 deadline (validation, then a 409 conflict worded in Chinese and
 * reloaded), adds a dispatch rule, sees it (and the dispatch suggestion follows it), deletes it after confirming,
 * adds a minor category, renames and deactivates it. A unit liaison gets a read-only view without 派遣规则; a grid
 * worker gets no menu entry and a 无权访问 page; the system administrator edits categories only.
 * Screenshots (desktop 1366×860, phone 390×844) go to test-results/screenshots/problem-settings-*.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
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
const RULE = `占道经营 · 城东街道 → ${UNIT}`;

let e2e: E2E;
const opened: BrowserContext[] = [];

interface Deadline {
  severity: string;
  hours: number;
  workingDays: boolean;
  version: number;
}

async function open(options: BrowserContextOptions, username: string): Promise<Page> {
  const context = await e2e.browser.newContext(options);
  opened.push(context);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

async function shot(page: Page, name: string, fullPage = true) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  // Let opening/closing motions (dialogs, fades, toasts sliding in) finish; endless spinners do not count.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await page.screenshot({ path: path.join(SHOTS, `problem-settings-${name}.png`), fullPage });
}

/** Call the API with the page's session (CSRF header included); returns status and body. */
async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const res = await fetch(url, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, url, body },
  ) as Promise<{ status: number; body: T }>;
}

async function deadline(page: Page, severity: string): Promise<Deadline> {
  const { body } = await call<{ items: Deadline[] }>(page, 'GET', '/api/problem-settings/deadlines');
  return body.items.find((d) => d.severity === severity)!;
}

/** Pick an option in the open select popup. */
async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Type into a TreeSelect and pick the node titled exactly `text`. */
async function pickTreeNode(page: Page, combobox: Locator, search: string, text: string) {
  await combobox.click();
  await combobox.fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first()
    .click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function noHorizontalScroll(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), name).toBeLessThanOrEqual(0);
}

/** The open Popconfirm's confirm button. */
function popconfirmButton(page: Page, name: string): Locator {
  return page.locator('.ant-popconfirm:visible').getByRole('button', { name, exact: true });
}

beforeAll(async () => {
  e2e = await startE2E();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
});
afterAll(async () => {
  await e2e?.close();
});

describe('问题设置 in Chromium', () => {
  it('office changes the 一般 deadline: validation, save, and a version conflict reloads with a Chinese message', async () => {
    const page = await open(DESKTOP, 'office');
    await page.getByRole('menuitem', { name: '问题设置' }).click();
    await page.waitForURL((url) => url.pathname === '/problem-settings');
    await page.getByRole('tab', { name: '整改时限', selected: true }).waitFor();
    const normalRow = page.getByRole('row', { name: /一般/ });
    await normalRow.getByText('168 小时').waitFor();
    await expect(normalRow.getByText('（7 天）').isVisible()).resolves.toBe(true);
    await page.getByRole('row', { name: /紧急/ }).getByText('（1 天）').waitFor();
    await shot(page, 'deadlines-desktop');

    await page.getByRole('button', { name: '修改一般的整改时限' }).click();
    const dialog = page.getByRole('dialog', { name: '修改「一般」问题的整改时限' });
    const hours = dialog.getByLabel('整改时限');
    await expect(hours.inputValue()).resolves.toBe('168');
    await hours.fill('0');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('整改时限须为 1–8760 之间的整数小时（最长 365 天）').waitFor();
    await hours.fill('9000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('整改时限须为 1–8760 之间的整数小时（最长 365 天）').waitFor();
    expect((await deadline(page, 'normal')).hours).toBe(168);
    await hours.fill('120');
    await dialog.getByText('合 5 天').waitFor();
    await dialog.getByRole('switch').click();
    await dialog.getByText('合 5 个工作日').waitFor();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('「一般」的整改时限已保存').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await normalRow.getByText('120 小时').waitFor();
    await expect(normalRow.getByText('（5 个工作日）').isVisible()).resolves.toBe(true);
    // The county's own value (region-scoped settings): created at version 1, no longer inherited from the global default.
    expect(await deadline(page, 'normal')).toMatchObject({
      severity: 'normal',
      hours: 120,
      workingDays: true,
      version: 1,
      inherited: false,
      abilities: { update: true, reset: true },
    });

    // Someone else saves while the dialog is open: the save is refused, the dialog says so and shows the new value.
    await page.getByRole('button', { name: '修改一般的整改时限' }).click();
    await dialog.waitFor();
    const county = (await call<{ region: { id: string } }>(page, 'GET', '/api/problem-settings/deadlines')).body.region.id;
    const other = await call(page, 'PUT', `/api/problem-settings/regions/${county}/deadlines/normal`, {
      hours: 96,
      workingDays: true,
      version: 1,
    });
    expect(other.status).toBe(200);
    await hours.fill('100');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByRole('alert').getByText('保存失败：数据已被他人修改').waitFor();
    await dialog
      .getByText('「一般」的整改时限刚被他人修改，已重新加载：当前为 96 小时（4 个工作日），按工作日计算。请核对后重新保存。')
      .waitFor();
    await expect(hours.inputValue()).resolves.toBe('96');
    await normalRow.getByText('96 小时').waitFor();
    await shot(page, 'deadline-conflict-desktop', false);
    await hours.fill('100');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await deadline(page, 'normal')).toMatchObject({ hours: 100, workingDays: true, version: 3 });

    // The table's switch saves at once.
    await page.getByRole('switch', { name: '紧急按工作日计算' }).click();
    await page.getByText('「紧急」已改为按工作日计算').waitFor();
    expect(await deadline(page, 'urgent')).toMatchObject({ hours: 24, workingDays: true });
  }, 90_000);

  it('office adds a dispatch rule, sees it (and the suggestion follows it), filters, then deletes it after confirming', async () => {
    const page = await open(DESKTOP, 'office');
    await page.goto(`${e2e.baseUrl}/problem-settings?tab=rules`);
    await page.getByText('还没有派遣规则').waitFor();
    await page.getByText(/系统按以下顺序建议责任单位：点位包保单位 → 派遣规则 → 所在乡镇（街道）/).waitFor();
    await shot(page, 'rules-empty-desktop');

    await page.getByRole('button', { name: '新增规则' }).click();
    const dialog = page.getByRole('dialog', { name: '新增派遣规则' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('问题类别和区域至少选择一项').waitFor();
    await dialog.getByText('请选择责任单位').waitFor();
    await pickTreeNode(page, dialog.getByRole('combobox', { name: '问题类别' }), '占道', '占道经营');
    await pickTreeNode(page, dialog.getByRole('combobox', { name: '区域' }), '城东', '城东街道');
    await dialog.getByRole('combobox', { name: '责任单位' }).click();
    await dialog.getByRole('combobox', { name: '责任单位' }).fill('城市管理');
    await pickOption(page, UNIT);
    await dialog.getByLabel('备注').fill('依据城市管理职责清单');
    await shot(page, 'rule-form-desktop', false);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('派遣规则已添加').waitFor();
    const row = page.getByRole('row', { name: /占道经营/ });
    await row.getByText('城东街道').waitFor();
    await expect(row.getByText(UNIT).isVisible()).resolves.toBe(true);
    await expect(row.getByText('依据城市管理职责清单').isVisible()).resolves.toBe(true);
    await page.getByText(/派遣时建议责任单位的顺序：点位包保单位 → 派遣规则 → 所在乡镇（街道）/).waitFor();
    await shot(page, 'rules-desktop');

    // The rule drives the dispatch suggestion for a matching problem.
    const regions = await call<{ items: Array<{ id: string; name: string }> }>(
      page,
      'GET',
      `/api/regions?search=${encodeURIComponent('城东街道')}`,
    );
    const regionId = regions.body.items.find((r) => r.name === '城东街道')!.id;
    const reported = await call<{ id: string }>(page, 'POST', '/api/problems', {
      clientId: crypto.randomUUID(),
      description: '城东街道朝阳路口占道经营',
      categoryCode: 'E0502',
      source: 'inspection',
      severity: 'normal',
      regionId,
      photoIds: [],
    });
    expect(reported.status).toBe(201);
    const suggestion = await call<{ suggestion: { unitName: string; reason: string } | null }>(
      page,
      'GET',
      `/api/problems/${reported.body.id}/dispatch-suggestion`,
    );
    expect(suggestion.body.suggestion).toMatchObject({ unitName: UNIT, reason: '派遣规则' });

    // Filters: another town hides it; its major class shows it.
    await pickTreeNode(page, page.getByRole('combobox', { name: '筛选区域' }), '城西', '城西街道');
    await page.getByText('没有符合筛选条件的派遣规则').waitFor();
    await page.getByRole('button', { name: '重置' }).click();
    await row.waitFor();
    await pickTreeNode(page, page.getByRole('combobox', { name: '筛选问题类别' }), '街面', '街面秩序');
    await row.waitFor();
    await page.getByRole('button', { name: '重置' }).click();

    // Delete: cancelling keeps it, confirming removes it.
    await page.getByRole('button', { name: `删除派遣规则「${RULE}」` }).click();
    await page.locator('.ant-popconfirm:visible').getByText(`删除派遣规则「${RULE}」`).waitFor();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.locator('.ant-popconfirm:visible').count()).toBe(0);
    expect((await call<{ total: number }>(page, 'GET', '/api/problem-settings/dispatch-rules')).body.total).toBe(1);
    await page.getByRole('button', { name: `删除派遣规则「${RULE}」` }).click();
    await popconfirmButton(page, '删除').click();
    await page.getByText('派遣规则已删除').waitFor();
    await page.getByText('还没有派遣规则').waitFor();
    expect((await call<{ total: number }>(page, 'GET', '/api/problem-settings/dispatch-rules')).body.total).toBe(0);
  }, 90_000);

  it('office adds a minor category under 街面秩序, renames it and deactivates it after confirming', async () => {
    const page = await open(DESKTOP, 'office');
    await page.goto(`${e2e.baseUrl}/problem-settings?tab=categories`);
    await page.getByRole('row', { name: /公用设施/ }).waitFor();
    await shot(page, 'categories-desktop');

    await page.getByLabel('搜索问题类别').fill('街面');
    await page.getByRole('row', { name: /占道经营/ }).waitFor();
    await page.getByRole('button', { name: '在街面秩序（E05）下新增小类' }).click();
    const dialog = page.getByRole('dialog', { name: '在「街面秩序」下新增小类' });
    await expect(dialog.getByLabel('类别编码').inputValue()).resolves.toBe('E0509');
    await dialog.getByLabel('类别名称').fill('占道经营');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('「街面秩序」下已有同名类别').waitFor();
    await dialog.getByLabel('类别名称').fill('夜间烧烤占道');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新增类别「夜间烧烤占道」').waitFor();
    const row = page.getByRole('row', { name: /E0509/ });
    await row.getByText('夜间烧烤占道').waitFor();
    await expect(row.getByText('启用', { exact: true }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: '重命名夜间烧烤占道（E0509）' }).click();
    const rename = page.getByRole('dialog', { name: '重命名「夜间烧烤占道」' });
    await rename.getByLabel('类别名称').fill('夜间烧烤摊点占道');
    await rename.getByRole('button', { name: '保存' }).click();
    await page.getByText('已重命名').waitFor();
    await row.getByText('夜间烧烤摊点占道').waitFor();

    await page.getByRole('button', { name: '停用夜间烧烤摊点占道（E0509）' }).click();
    await page.locator('.ant-popconfirm:visible').getByText('停用后上报问题时不能再选择此类别').waitFor();
    await popconfirmButton(page, '停用').click();
    await page.getByText('已停用「夜间烧烤摊点占道」').waitFor();
    await row.getByText('已停用').waitFor();
    await page.getByRole('button', { name: '启用夜间烧烤摊点占道（E0509）' }).waitFor();
    await page.getByLabel('搜索问题类别').fill('');
    await shot(page, 'categories-edited-desktop');

    const all = await call<{ items: Array<{ code: string; name: string; parentCode: string; kind: string; active: boolean }> }>(
      page,
      'GET',
      '/api/problem-categories?includeInactive=true',
    );
    expect(all.body.items.find((c) => c.code === 'E0509')).toMatchObject({
      name: '夜间烧烤摊点占道',
      parentCode: 'E05',
      kind: 'event',
      active: false,
    });
    const active = await call<{ items: Array<{ code: string }> }>(page, 'GET', '/api/problem-categories');
    expect(active.body.items.some((c) => c.code === 'E0509')).toBe(false);
  }, 90_000);

  it('a unit liaison reads deadlines and categories without edit controls and has no 派遣规则', async () => {
    const page = await open(DESKTOP, 'unit');
    await page.getByRole('menuitem', { name: '问题设置' }).click();
    await page.getByRole('row', { name: /一般/ }).getByText('100 小时').waitFor();
    await page.getByText('查看各严重程度的整改时限和问题类别（由创建办维护）').waitFor();
    // 提醒与督办 is read-only for everyone (the unit sees when it will be reminded and escalated).
    await expect(page.getByRole('tab').allInnerTexts()).resolves.toEqual(['整改时限', '问题类别', '提醒与督办']);
    await expect(page.getByRole('button', { name: /^修改/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('switch').count()).resolves.toBe(0);
    await shot(page, 'unit-desktop');
    await page.getByRole('tab', { name: '提醒与督办' }).click();
    await page.getByText('到期前提醒', { exact: true }).waitFor();
    await page.getByText('督办后升级', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /修改|恢复继承/ }).count()).resolves.toBe(0);
    await shot(page, 'unit-notice-settings-desktop');
    await page.getByRole('tab', { name: '问题类别' }).click();
    await page.getByRole('row', { name: /公用设施/ }).waitFor();
    await expect(page.getByRole('button', { name: /新增小类|重命名|停用|启用/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: '操作' }).count()).resolves.toBe(0);
    // The server agrees.
    expect((await call(page, 'GET', '/api/problem-settings/dispatch-rules')).status).toBe(403);
    expect(
      (await call(page, 'PATCH', '/api/problem-settings/deadlines/normal', { hours: 48, workingDays: false, version: 4 })).status,
    ).toBe(403);
    // ?tab=rules falls back to the first tab it may see.
    await page.goto(`${e2e.baseUrl}/problem-settings?tab=rules`);
    await page.getByRole('tab', { name: '整改时限', selected: true }).waitFor();
  }, 60_000);

  it('a grid worker has no menu entry and a 无权访问 page; the administrator edits categories only', async () => {
    const grid = await open(DESKTOP, 'grid');
    await grid.getByRole('menuitem').first().waitFor();
    await expect(grid.getByRole('menuitem', { name: '问题设置' }).count()).resolves.toBe(0);
    await grid.goto(`${e2e.baseUrl}/problem-settings`);
    await grid.getByText('无权访问').waitFor();

    const admin = await open(DESKTOP, 'admin');
    await admin.getByRole('menuitem', { name: '问题设置' }).click();
    await admin.getByRole('row', { name: /公用设施/ }).waitFor();
    await expect(admin.getByRole('tab').allInnerTexts()).resolves.toEqual(['问题类别']);
    await admin.getByRole('button', { name: '在公用设施（C01）下新增小类' }).waitFor();
  }, 60_000);

  it('phone: every tab fits a 390 px screen', async () => {
    const office = await open(PHONE, 'office');
    // One rule so the phone list is not empty.
    const units = await call<{ items: Array<{ id: string; name: string }> }>(
      office,
      'GET',
      `/api/units?search=${encodeURIComponent('城市管理')}`,
    );
    const unitId = units.body.items.find((u) => u.name === UNIT)!.id;
    // Rules belong to a region: the county office's own (the page's home region).
    const home = (await call<{ region: { id: string } }>(office, 'GET', '/api/problem-settings/deadlines')).body.region;
    expect(
      (
        await call(office, 'POST', '/api/problem-settings/dispatch-rules', {
          categoryCode: 'E01',
          regionId: home.id,
          unitId,
          note: '市容环境类事件',
        })
      ).status,
    ).toBe(201);

    const views: Array<[Page, string, string, (p: Page) => Promise<unknown>]> = [
      [office, '/problem-settings', 'deadlines-phone', (p) => p.getByText('100 小时').waitFor()],
      [office, '/problem-settings?tab=rules', 'rules-phone', (p) => p.getByText('市容环境类事件').waitFor()],
      [office, '/problem-settings?tab=categories', 'categories-phone', (p) => p.getByRole('row', { name: /公用设施/ }).waitFor()],
    ];
    for (const [page, url, name, ready] of views) {
      await page.goto(`${e2e.baseUrl}${url}`);
      await ready(page);
      await noHorizontalScroll(page, name);
      await shot(page, name);
    }
    await office.goto(`${e2e.baseUrl}/problem-settings?tab=rules`);
    await office.getByRole('button', { name: '新增规则' }).click();
    await office.getByRole('dialog', { name: '新增派遣规则' }).waitFor();
    await shot(office, 'rule-form-phone', false);

    const unit = await open(PHONE, 'unit');
    await unit.goto(`${e2e.baseUrl}/problem-settings`);
    await unit.getByText('100 小时').waitFor();
    await noHorizontalScroll(unit, 'unit-phone');
    await shot(unit, 'unit-phone');
  }, 120_000);
});
