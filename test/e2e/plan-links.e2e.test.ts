/**
 * The plans list a page at a time from the server, and a task's links to standards and sites (issue 13), in Chromium
 * on the demo county. The office: /plans with 13 实施方案 pages by 10 through GET /api/plans (page, pageSize, sort,
 * search in the request); a task of the demo plan edited in the drawer — one standard of the current 测评体系 picked
 * by searching its text, one site by searching its name — and the task drawer names both, the site a link to its
 * page. On a 390×844 phone the drawer shows the links without sideways scrolling. Screenshots: plan-links-*.png.
 */
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

let e2e: E2E;
let planId = '';
let taskId = '';
let standard = { id: '', code: '', text: '' };
let site = { id: '', name: '' };

async function shot(page: Page, name: string) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `plan-links-${name}.png`), fullPage: true });
}
const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

function apiOf(page: Page) {
  const headers = async () => ({
    'x-csrf-token': ((await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string }).csrfToken,
  });
  return {
    get: async <T>(url: string): Promise<T> => {
      const res = await page.request.get(`${e2e.baseUrl}${url}`);
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    },
    post: async <T>(url: string, data: unknown): Promise<T> => {
      const res = await page.request.post(`${e2e.baseUrl}${url}`, { headers: await headers(), data });
      expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
      return (await res.json()) as T;
    },
  };
}

/** The query of the next GET /api/plans the page makes. */
async function nextPlansQuery(page: Page, act: () => Promise<void>): Promise<URLSearchParams> {
  const request = page.waitForRequest((r: Request) => new URL(r.url()).pathname === '/api/plans' && r.method() === 'GET');
  await act();
  return new URL((await request).url()).searchParams;
}

const TOWNS = [
  '城关镇',
  '南关街道',
  '城东街道',
  '城西街道',
  '河西镇',
  '柳林镇',
  '王庄乡',
  '石桥镇',
  '东湖街道',
  '北关街道',
  '新华街道',
  '高庄镇',
];

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('实施方案 list paging and task links', () => {
  it('the office pages the plans on the server, then links a task to a standard and a site', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const api = apiOf(office);
    // The demo's 实施方案 and its campaign.
    const demo = await api.get<{ items: Array<{ id: string; kind: string; parentId: string | null; campaignId: string }> }>(
      '/api/plans?pageSize=100',
    );
    let main = demo.items.find((p) => p.kind === 'plan' && p.parentId === null);
    if (!main) {
      // The demo's plans come with its history; without it, the county's plan and two tasks are made here.
      const campaigns = await api.get<{ items: Array<{ id: string }> }>('/api/campaigns?pageSize=50');
      main = await api.post<{ id: string; kind: string; parentId: null; campaignId: string }>('/api/plans', {
        campaignId: campaigns.items[0].id,
        kind: 'plan',
        name: '示范县创建全国文明城市三年行动实施方案',
      });
      const units = await api.get<{ items: Array<{ id: string; name: string }> }>('/api/units?pageSize=200');
      const lead = units.items.find((u) => u.name.includes('城市管理')) ?? units.items[0];
      for (const title of ['农贸市场环境秩序集中整治', '背街小巷路面破损修补'])
        await api.post(`/api/plans/${main.id}/tasks`, { title, leadUnitId: lead.id, startDate: '2026-11-01', dueDate: '2027-03-31' });
    }
    const campaignId = main.campaignId;
    planId = main.id;
    for (const town of TOWNS) await api.post('/api/plans', { campaignId, kind: 'plan', name: `${town}创建全国文明城市工作实施方案` });
    const all = await api.get<{ items: Array<{ id: string; kind: string; parentId: string | null }>; total: number }>(
      `/api/plans?campaignId=${campaignId}&pageSize=100`,
    );
    expect(all.total).toBeGreaterThanOrEqual(13);
    const total = all.total;

    // The list asks the server for one page; the pager counts the 实施方案 rows.
    const first = await nextPlansQuery(office, () =>
      office.goto(`${e2e.baseUrl}/plans?campaignId=${campaignId}&pageSize=10`).then(() => undefined),
    );
    expect(Object.fromEntries(first)).toMatchObject({ campaignId, page: '1', pageSize: '10' });
    await office.getByText(`共 ${total} 条`).waitFor();
    expect(await office.locator('.ant-table-tbody > tr.ant-table-row-level-0').count()).toBe(10);
    const second = await nextPlansQuery(office, () => office.locator('.ant-pagination-item-2').click());
    expect(second.get('page')).toBe('2');
    await expect.poll(() => office.locator('.ant-table-tbody > tr.ant-table-row-level-0').count()).toBe(total - 10);
    const sorted = await nextPlansQuery(office, () => office.getByRole('columnheader', { name: /任务数/ }).click());
    expect(Object.fromEntries(sorted)).toMatchObject({ sort: 'taskCount', order: 'asc', page: '1' });
    const searched = await nextPlansQuery(office, async () => {
      await office.getByLabel('搜索方案').fill('柳林镇');
      await office.getByLabel('搜索方案').press('Enter');
    });
    expect(searched.get('search')).toBe('柳林镇');
    await office.getByText('共 1 条').waitFor();
    await office.getByRole('link', { name: '柳林镇创建全国文明城市工作实施方案' }).waitFor();
    await shot(office, 'list-desktop');

    // The demo plan's first task, and what to link it to: a standard of the current version, a site in the county.
    const tree = await api.get<{ tasks: Array<{ id: string; standardIds: string[]; siteIds: string[] }> }>(`/api/plans/${planId}`);
    const task = tree.tasks.find((t) => t.standardIds.length === 0 && t.siteIds.length === 0) ?? tree.tasks[0];
    taskId = task.id;
    const versions = await api.get<{ items: Array<{ id: string }> }>(`/api/standards/versions?campaignId=${campaignId}`);
    const vtree = await api.get<{ items: Array<{ children: Array<{ standards: Array<{ id: string; code: string; text: string }> }> }> }>(
      `/api/standards/versions/${versions.items[0].id}/tree`,
    );
    const standards = vtree.items.flatMap((i) => i.children.flatMap((c) => c.standards)).filter((s) => !task.standardIds.includes(s.id));
    standard = standards[Math.min(3, standards.length - 1)];
    const sites = await api.get<{ items: Array<{ id: string; name: string }> }>(
      `/api/sites?pageSize=20&search=${encodeURIComponent('市场')}`,
    );
    site = sites.items.find((s) => !task.siteIds.includes(s.id))!;
    expect(site).toBeDefined();

    // 编辑 in the task drawer: the two pickers search; the save sends both links.
    await office.goto(`${e2e.baseUrl}/plans/${planId}?task=${taskId}`);
    const drawer = office.getByRole('dialog').filter({ has: office.getByText('任务信息') });
    await drawer.getByRole('button', { name: '编辑', exact: true }).click();
    const form = office.getByRole('dialog').filter({ hasText: '编辑任务' });
    await form.getByLabel('关联测评标准').waitFor();
    await form.getByLabel('关联测评标准').click();
    await form.getByLabel('关联测评标准').fill(standard.text.slice(0, 8));
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: standard.code }).first().click();
    await office.keyboard.press('Escape');
    await form.getByLabel('关联点位').click();
    await form.getByLabel('关联点位').fill(site.name);
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: site.name }).first().click();
    await office.keyboard.press('Escape');
    await form.getByText(standard.code, { exact: false }).first().waitFor();
    await shot(office, 'form-desktop');
    const saved = office.waitForResponse((r) => r.url().endsWith(`/api/tasks/${taskId}`) && r.request().method() === 'PUT');
    await form.getByRole('button', { name: '保存' }).click();
    const res = await saved;
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { standardIds: string[]; siteIds: string[] };
    expect(body.standardIds).toContain(standard.id);
    expect(body.siteIds).toContain(site.id);
    await office.getByText('任务已保存').waitFor();

    // The drawer names them: the standard by code and text, the site as a link to its page.
    const links = office.getByRole('list', { name: '关联的测评标准' });
    await links.getByText(standard.code).waitFor();
    await links.getByText(standard.text, { exact: false }).waitFor();
    const siteLink = office.getByRole('list', { name: '关联的点位' }).getByRole('link', { name: site.name });
    await siteLink.waitFor();
    await shot(office, 'drawer-desktop');
    await siteLink.click();
    await office.waitForURL(`**/sites/${site.id}`);
    await office.getByText(site.name).first().waitFor();
    await office.context().close();
  }, 240_000);

  it('on a phone the task drawer shows the links without sideways scrolling', async () => {
    expect(taskId).not.toBe('');
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/plans/${planId}?task=${taskId}`);
    await phone.getByRole('list', { name: '关联的测评标准' }).getByText(standard.code).waitFor();
    await phone.getByRole('list', { name: '关联的点位' }).getByRole('link', { name: site.name }).waitFor();
    expect(await sideScroll(phone)).toBeLessThanOrEqual(0);
    await phone.getByRole('list', { name: '关联的点位' }).scrollIntoViewIfNeeded();
    await shot(phone, 'drawer-phone');
    await phone.goto(`${e2e.baseUrl}/plans?pageSize=10`);
    await phone.getByText(/共 \d+ 条/).waitFor();
    expect(await sideScroll(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'list-phone');
    await phone.context().close();
  }, 120_000);
});
