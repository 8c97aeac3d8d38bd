/**
 * 月评排名 in Chromium, as the people who do it (issue 10): the office builds a scheme from the template and computes
 * this month; it goes to 公示; the unit (城管局's liaison) sees only its own row and objects; the office answers with
 * an adjustment; the leader signs it off (审定); the office publishes and downloads the 通报. The unit's page on a
 * phone too. Screenshots: evaluation-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E, signIn, PHONE } from './server';

const CITY_DEPT = '示范县城市管理综合行政执法局';
const MONTH = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

let e2e: E2E;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** This month's work for 城管局, through the API as the office does it: two problems dispatched to the unit, one closed. */
async function seedProblems(office: Page) {
  const { csrfToken } = (await (await office.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  const get = async (url: string) => (await office.request.get(`${e2e.baseUrl}${url}`)).json();
  const post = async (url: string, data: unknown) => {
    const res = await office.request.post(`${e2e.baseUrl}${url}`, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const units = (await get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const unitId = units.find((u) => u.name === CITY_DEPT)!.id;
  const act = async (id: string, action: string, payload: Record<string, unknown> = {}) => {
    const p = await get(`/api/problems/${id}`);
    return post(`/api/problems/${id}/transitions`, { action, version: p.version, ...payload });
  };
  for (const description of ['人民路与解放街交叉口占道经营，早市摊贩占用人行道', '文化广场东侧垃圾桶满溢未及时清运']) {
    const p = await post('/api/problems', { clientId: crypto.randomUUID(), categoryCode: 'E0102', photoIds: [], description });
    await act(p.id, 'accept');
    await act(p.id, 'dispatch', { unitId });
  }
}

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('月评排名 in Chromium', () => {
  it('office builds a scheme and runs the month; unit objects; office answers; leader signs off; office publishes and downloads the 通报', async () => {
    const office = await signIn(e2e, 'office');
    await seedProblems(office);

    // 考核方案: from the template (县直部门 and 乡镇街道), for the civilized-city campaign.
    await office.getByRole('menuitem', { name: '考核排名' }).click();
    await office.getByRole('tab', { name: '考核方案' }).click();
    await office.getByRole('button', { name: '新建方案' }).click();
    await office.getByText('考核分组 1').waitFor();
    await office.getByLabel('创建项目').click();
    await office.locator('.ant-select-item-option', { hasText: '文明城市' }).first().click();
    await office.getByLabel('方案名称').fill('2026年度创建工作月度考核方案');
    await shot(office, 'evaluation-scheme-editor');
    await office.getByRole('button', { name: '保存' }).click();
    await office.getByRole('cell', { name: '2026年度创建工作月度考核方案' }).waitFor();

    // 新建月度考核 → the run page, in 草稿.
    await office.getByRole('tab', { name: '考核结果' }).click();
    await office.getByRole('button', { name: '新建月度考核' }).click();
    const dialog = office.getByRole('dialog', { name: '新建月度考核' });
    await dialog.getByLabel('考核方案').click();
    await office.locator('.ant-select-item-option', { hasText: '2026年度创建工作月度考核方案' }).click();
    await dialog.getByLabel('考核月份').fill(MONTH);
    await dialog.getByLabel('考核月份').press('Enter');
    await dialog.getByRole('button', { name: '计算' }).click();
    await office.waitForURL(/\/evaluation\/runs\//);
    const runUrl = office.url();
    await office.getByText('草稿', { exact: true }).first().waitFor();
    const deptTable = office.locator('.ant-card', { has: office.getByText('县直部门', { exact: true }) });
    const cityRow = deptTable.locator('tr.ant-table-row', { hasText: CITY_DEPT });
    await cityRow.waitFor();
    // Its indicators and where they come from: the two problems dispatched to it this month.
    await cityRow.locator('.ant-table-row-expand-icon').click();
    await office
      .getByRole('cell', { name: /按期结案率|结案率/ })
      .first()
      .waitFor();
    await office.getByRole('button', { name: '数据来源' }).first().click();
    const sources = office.getByRole('dialog', { name: `${CITY_DEPT} 的数据来源` });
    await sources
      .getByRole('link', { name: /WT\d{6}/ })
      .first()
      .waitFor();
    expect(await sources.getByRole('link', { name: /WT\d{6}/ }).count()).toBeGreaterThanOrEqual(2);
    await shot(office, 'evaluation-run-draft');
    await office.keyboard.press('Escape');
    await sources.waitFor({ state: 'hidden' });

    // 公示.
    await office.getByRole('button', { name: '公示', exact: true }).click();
    await office.getByRole('dialog').getByRole('button', { name: '公示' }).click();
    await office.getByText('公示中', { exact: true }).first().waitFor();

    // The unit, in 公示: its own row only, and an objection.
    const unit = await signIn(e2e, 'unit');
    await unit.getByRole('menuitem', { name: '考核排名' }).click();
    await unit.locator('.ant-table-tbody a').first().click();
    await unit.waitForURL(/\/evaluation\/runs\//);
    await unit.getByText('县直部门', { exact: true }).waitFor();
    const rows = unit.locator('tr.ant-table-row');
    await rows.first().waitFor();
    const unitRows = await rows.allTextContents();
    expect(unitRows.length, unitRows.join(' | ')).toBe(1);
    expect(unitRows[0]).toContain(CITY_DEPT);
    await unit.getByRole('button', { name: '提出申诉' }).click();
    const objection = unit.getByRole('dialog');
    await objection.getByLabel('申诉理由').fill('文化广场垃圾桶满溢问题属环卫公司合同范围，已于当日清运，请核减超期扣分');
    await objection.getByRole('button', { name: '提交申诉' }).click();
    await unit.getByRole('cell', { name: '待答复', exact: true }).first().waitFor();
    await shot(unit, 'evaluation-unit-objection');

    // The office answers: +2 points with the reason.
    await office.reload();
    await office.getByRole('button', { name: '答复' }).click();
    const answer = office.getByRole('dialog');
    await answer.getByText('调整得分').click();
    await answer.getByLabel('调整分值（扣分填负数）').fill('2');
    await answer.getByLabel('答复理由').fill('经核实已当日清运，核加 2 分');
    await answer.getByRole('button', { name: '提交答复' }).click();
    await office.getByRole('cell', { name: '已调整', exact: true }).first().waitFor();

    // The leader signs it off.
    const leader = await signIn(e2e, 'leader');
    await leader.goto(runUrl);
    await leader.getByRole('button', { name: '审定', exact: true }).click();
    await leader.getByRole('dialog').getByRole('button', { name: '审定' }).click();
    await leader.getByText('已审定', { exact: true }).first().waitFor();

    // The office publishes; the ranking is frozen; the 通报 downloads.
    await office.reload();
    await office.getByRole('button', { name: '发布', exact: true }).click();
    await office.getByRole('dialog').getByRole('button', { name: '发布' }).click();
    await office.getByText('已发布', { exact: true }).first().waitFor();
    await office.getByRole('button', { name: '重新计算' }).waitFor();
    // The 下步工作要求 of the 通报, as the office writes them this month.
    await office.getByRole('button', { name: '编辑下步工作要求' }).click();
    const editor = office.getByRole('dialog', { name: '通报：下步工作要求' });
    await editor
      .getByLabel('下步工作要求')
      .fill('（一）聚焦短板。城管局要于下月10日前完成文化广场周边环境整治。\n（二）严格督办。超期问题一律发督办单。');
    await editor.getByRole('button', { name: '保存' }).click();
    await office.getByText('已保存，下载的通报将使用新的下步工作要求').waitFor();
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '通报（.docx）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await shot(office, 'evaluation-run-published');

    // 季度/年度汇总: this year's published months combined, the unit in its group.
    await office.goto(`${e2e.baseUrl}/evaluation?tab=rollup`);
    await office.locator('.ant-card', { hasText: '县直部门' }).locator('tr.ant-table-row', { hasText: CITY_DEPT }).waitFor();
    await office.getByText(/汇总方式为各月平均，已发布 1 \/ 12 个月/).waitFor();
    await shot(office, 'evaluation-rollup');

    // The unit on a phone, after publication: the whole ranking, its row with the adjusted score.
    const phone = await signIn(e2e, 'unit', PHONE);
    await phone.goto(runUrl);
    await phone.getByText('已发布', { exact: true }).first().waitFor();
    // On a phone the ranking is cards (rank, name, score, lists), not a table scrolled sideways.
    await phone.locator('.cc-card', { hasText: CITY_DEPT }).first().waitFor();
    expect(await phone.locator('.cc-card').count()).toBeGreaterThan(1);
    const rankingCards = phone.locator('.ant-card', { has: phone.getByText('县直部门', { exact: true }) });
    expect(await rankingCards.locator('tr.ant-table-row').count()).toBe(0);
    // Nothing on the page asked for what a unit may not read (a refused call shows 没有权限执行此操作).
    await phone.getByRole('button', { name: '数据来源' }).count();
    expect(await phone.getByText('没有权限执行此操作').count()).toBe(0);
    const width = await phone.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(phone, 'evaluation-unit-phone');

    // 我的考核 on the phone: the unit's 考核档案 — this month's score and rank, and what cost it points.
    await phone.goto(`${e2e.baseUrl}/evaluation/mine`);
    await phone.getByText(`${CITY_DEPT} · 考核档案`).waitFor();
    await phone.getByText('县直部门排名').waitFor();
    await phone
      .getByText(/失分项/)
      .first()
      .waitFor();
    expect(await phone.getByText('没有权限执行此操作').count()).toBe(0);
    expect(await phone.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'evaluation-unit-record-phone');
  }, 240_000);
});
