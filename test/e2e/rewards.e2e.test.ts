/**
 * 奖惩台账 in Chromium (issue 10): the office publishes a month of a small scheme over five of the demo county's units
 * (through the API: 人工评分, run, 公示, the leader's 审定, 发布); the ledger shows the proposed entries (the shipped
 * defaults: 红榜 → 通报表扬 + 以奖代补 2000 元, 黑榜 → 通报批评); the leader approves the 以奖代补 with a confirmation; the
 * office carries it out with a proof photo uploaded in the dialog; the year view shows it promised and carried out; the
 * office's rules tab shows the defaults; the ledger downloads as .xlsx; a unit on a phone sees its own entries as cards.
 * Screenshots: /tmp/shots/rewards-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E, signIn } from './server';

const SHOTS = '/tmp/shots';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};
const PERIOD = '2026-11';

let e2e: E2E;
let red = '';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

function apiOf(page: Page) {
  const headers = async () => ({
    'x-csrf-token': ((await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string }).csrfToken,
  });
  return {
    get: async (url: string) => {
      const res = await page.request.get(`${e2e.baseUrl}${url}`);
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return res.json();
    },
    post: async (url: string, data: unknown) => {
      const res = await page.request.post(`${e2e.baseUrl}${url}`, { headers: await headers(), data });
      expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
      return res.status() === 204 ? null : res.json();
    },
  };
}

/** A month of a five-unit scheme, published: the unit liaison's own 城管局 is on the red list. */
async function publishMonth(office: Page, leader: Page) {
  const api = apiOf(office);
  const campaign = ((await api.get('/api/campaigns?pageSize=50')).items as Array<{ id: string; name: string }>).find((c) =>
    c.name.includes('文明城市'),
  )!;
  const units = (await api.get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const pick = ['城市管理综合行政执法局', '市场监督管理局', '住房和城乡建设局', '交通运输局', '教育局']
    .map((n) => units.find((u) => u.name.includes(n)))
    .filter((u): u is { id: string; name: string } => !!u);
  const chosen = pick.length >= 3 ? pick : units.slice(0, 5);
  const scores = [96, 58, 88, 81, 74];
  for (const [i, u] of chosen.entries())
    await api.post('/api/evaluation/manual-scores', {
      code: 'manual.score',
      subjectType: 'unit',
      subjectId: u.id,
      period: PERIOD,
      value: scores[i],
      reason: '领导小组月度评议',
    });
  red = chosen[0].name;
  const scheme = await api.post('/api/evaluation/schemes', {
    campaignId: campaign.id,
    name: '县直部门奖惩试行考核',
    periodType: 'month',
    redCount: 1,
    blackCount: 1,
    groups: [
      {
        name: '县直部门',
        subjectType: 'unit',
        unitIds: chosen.map((u) => u.id),
        indicators: [{ code: 'manual.score', weight: 100, rule: { type: 'linear', floor: 0, ceiling: 100 } }],
      },
    ],
  });
  const run = await api.post('/api/evaluation/runs', { schemeId: scheme.id, period: PERIOD });
  await api.post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'publicize' });
  await apiOf(leader).post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'sign_off', comment: '同意' });
  await api.post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'publish' });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('奖惩台账 in Chromium', () => {
  it('office sees the proposed entries; the leader approves; the office carries out with proof; year view and rules', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const leader = await signIn(e2e, 'leader', DESKTOP);
    await publishMonth(office, leader);

    await office.getByRole('menuitem', { name: '奖惩台账' }).click();
    await office.waitForURL(/\/rewards/);
    const rows = office.locator('tr.ant-table-row');
    await rows.filter({ hasText: '以奖代补' }).filter({ hasText: red }).first().waitFor();
    expect(await rows.filter({ hasText: '2026年11月' }).count()).toBeGreaterThanOrEqual(3);
    await shot(office, 'rewards-ledger-office');

    // The leader approves 城管局's 以奖代补 after the confirmation dialog.
    await leader.goto(`${e2e.baseUrl}/rewards?period=${PERIOD}`);
    const subsidy = leader.locator('tr.ant-table-row').filter({ hasText: '以奖代补' }).filter({ hasText: red }).first();
    await subsidy.getByRole('button', { name: '审批' }).click();
    const dialog = leader.getByRole('dialog');
    await dialog.getByLabel('审批意见').fill('同意，按规定拨付');
    await shot(leader, 'rewards-approve-dialog');
    await dialog.getByRole('button', { name: '确认审批' }).click();
    await leader.locator('tr.ant-table-row').filter({ hasText: '以奖代补' }).filter({ hasText: '已审批' }).first().waitFor();

    // The office carries it out: the proof is uploaded in the dialog.
    await office.reload();
    const approved = office.locator('tr.ant-table-row').filter({ hasText: '以奖代补' }).filter({ hasText: red }).first();
    await approved.getByRole('button', { name: '兑现' }).click();
    const fulfil = office.getByRole('dialog');
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 240, g: 240, b: 230 } } })
      .jpeg()
      .toBuffer();
    await fulfil.locator('input[type=file]').setInputFiles({ name: '拨付凭证.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect.poll(() => fulfil.getByRole('button', { name: '确认兑现' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await fulfil.getByLabel('兑现说明').fill('已拨付，凭证号 2026-118');
    await shot(office, 'rewards-fulfil-dialog');
    await fulfil.getByRole('button', { name: '确认兑现' }).click();
    await office.locator('tr.ant-table-row').filter({ hasText: '已兑现' }).filter({ hasText: red }).first().waitFor();
    await shot(office, 'rewards-ledger-after');

    // The ledger as .xlsx.
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '导出台账' }).click()]);
    expect(download.suggestedFilename()).toMatch(/奖惩兑现台账\.xlsx$/);
    await download.saveAs(path.join(SHOTS, 'rewards.xlsx'));

    // Year view: 以奖代补 promised and carried out.
    await office.getByRole('tab', { name: '年度兑现' }).click();
    // (the ledger's rows stay mounted in their hidden tab: the year row is the one without a month)
    const yearRow = office.locator('tr.ant-table-row').filter({ hasText: red }).filter({ hasNotText: '2026年11月' });
    await yearRow.waitFor();
    expect(await yearRow.innerText()).toContain('2,000/2,000 元');
    await shot(office, 'rewards-year');

    // Rules: the defaults apply to the new scheme family.
    await office.getByRole('tab', { name: '奖惩规则' }).click();
    await office.getByLabel('选择创建项目').click();
    await office.locator('.ant-select-item-option', { hasText: '文明城市' }).first().click();
    await office.getByText('没有自己的规则，发布排名时按默认规则拟定').waitFor();
    await office.getByRole('button', { name: '新增规则' }).click();
    await office.getByRole('dialog').getByLabel('规则名称').fill('黑榜扣年度考核分');
    await shot(office, 'rewards-rules');
  }, 240_000);

  it('a unit on a phone (390 × 844) sees its own entries as cards, without sideways scrolling', async () => {
    const phone = await signIn(e2e, 'unit', PHONE);
    await phone.goto(`${e2e.baseUrl}/rewards`);
    await phone.locator('.cc-card').first().waitFor();
    const texts = await phone.locator('.cc-card').allInnerTexts();
    expect(texts.every((t) => t.includes(red))).toBe(true);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'rewards-phone-unit');
  }, 120_000);
});
