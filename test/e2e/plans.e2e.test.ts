/**
 * 实施方案 → 任务分解 → 每月汇报进度 in Chromium (issue 13). The office makes a plan (API) and imports its 任务分解表
 * in the UI: first a table with bad rows — every bad row is listed (行, 列, 原因) and nothing is written — then a good
 * one; the task tree shows the tasks and the Gantt draws on a canvas with today's line. The 城管局 liaison, on a
 * 390×844 phone, reports this month's progress with an evidence photo and a PDF 台账; the office returns it with a comment; the
 * liaison sees the comment and resubmits; the office approves and the task's percent follows. Screenshots (desktop
 * and phone): test-results/screenshots/plans-*.png.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../support/evidence-docs';
import { DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

let e2e: E2E;
/** A screenshot once the lists have stopped loading (a list fades while its Spin runs). */
async function shot(page: Page, name: string) {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `plans-${name}.png`), fullPage: true });
}
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

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
    put: async <T>(url: string, data: unknown): Promise<T> => {
      const res = await page.request.put(`${e2e.baseUrl}${url}`, { headers: await headers(), data });
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    },
  };
}

const HEADERS = ['序号', '工作任务', '具体措施', '牵头单位', '配合单位', '完成时限', '责任领导', '开始日期'];

async function taskTable(rows: Array<Array<string | Date | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface TreeTask {
  id: string;
  title: string;
  code: string | null;
  measures: string | null;
  coopUnits: Array<{ id: string }>;
  startDate: string;
  dueDate: string;
  version: number;
  percent: number;
  leadUnit: { id: string; name: string };
  lastProgress: { id: string; state: string } | null;
}
interface Report {
  id: string;
  state: string;
  percent: number;
  submissions: number;
  reviewComment: string | null;
  files: unknown[];
}

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const TITLE = '背街小巷环境卫生集中整治';
const RETURN_COMMENT = '请补充整治前后对比照片，并写明已整治的巷道名称';

describe('实施方案: import, Gantt, monthly progress on a phone, return and resubmit', () => {
  let office: Page;
  let unit: Page;
  let planId = '';
  let unitName = '';

  it('the office imports the task table: bad rows are listed and nothing is written, then the good table is imported', async () => {
    unit = await signIn(e2e, 'unit', PHONE);
    const session = await apiOf(unit).get<{ user: { unitName: string | null } }>('/api/auth/session');
    unitName = session.user.unitName!;
    expect(unitName, 'the demo unit account belongs to a unit').toBeTruthy();

    office = await signIn(e2e, 'office', DESKTOP);
    const api = apiOf(office);
    const campaigns = await api.get<{ items: Array<{ id: string; name: string }> }>('/api/campaigns?pageSize=50');
    expect(campaigns.items.length).toBeGreaterThan(0);
    const plan = await api.post<{ id: string }>('/api/plans', {
      campaignId: campaigns.items[0].id,
      kind: 'plan',
      name: '2027年巩固提升文明城市创建成果实施方案',
      summary: '围绕市容环境、公共秩序、农贸市场三个方面，倒排工期，挂图作战。',
    });
    planId = plan.id;

    await office.goto(`${e2e.baseUrl}/plans/${planId}`);
    await expect.poll(() => office.getByText('还没有任务').first().isVisible(), { timeout: 15_000 }).toBe(true);

    // A table with bad rows: no lead unit, an unknown unit, a date that is not a date.
    const bad = await taskTable([
      ['1', TITLE, '逐巷排查，清理卫生死角', unitName, null, '2027-03-31', null, '2026-12-01'],
      ['2', '农贸市场周边占道经营整治', '划定疏导区', null, null, '2027-02-28', null, null],
      ['3', '公益广告全覆盖', '主次干道、公交站台布设公益广告', '不存在的局', null, '2027-13-45', null, null],
    ]);
    await office.getByRole('button', { name: '导入任务表' }).click();
    const dialog = office.getByRole('dialog', { name: '导入任务表' });
    await dialog.locator('input[type=file]').setInputFiles({
      name: '任务分解表（有误）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    const errors = dialog.getByRole('region', { name: '导入错误' });
    await expect.poll(() => errors.isVisible(), { timeout: 15_000 }).toBe(true);
    const errorText = await errors.innerText();
    expect(errorText).toContain('牵头单位');
    expect(errorText).toContain('完成时限');
    const errorRows = await errors.locator('tbody tr.ant-table-row').count();
    expect(errorRows, 'every bad cell is listed').toBeGreaterThanOrEqual(3);
    await shot(office, 'import-errors');
    const untouched = await api.get<{ tasks: TreeTask[] }>(`/api/plans/${planId}`);
    expect(untouched.tasks, 'a table with bad rows writes nothing').toHaveLength(0);

    const good = await taskTable([
      ['1', TITLE, '逐巷排查，清理卫生死角，建立巷长制', unitName, null, '2027-03-31', null, '2026-11-15'],
      ['1.1', '老城区十二条背街小巷路面修补', '破损路面修补、雨污管网疏通', unitName, null, '2027-01-31', null, '2026-11-20'],
      ['2', '农贸市场周边占道经营整治', '划定疏导区，落实门前三包', unitName, null, '2027-02-28', null, '2026-12-01'],
    ]);
    await dialog.locator('input[type=file]').setInputFiles({
      name: '任务分解表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => dialog.getByText('导入成功：新增 3 项任务').isVisible(), { timeout: 15_000 }).toBe(true);
    await dialog.getByRole('button', { name: '完成' }).click();

    const tree = await api.get<{ tasks: TreeTask[] }>(`/api/plans/${planId}`);
    expect(tree.tasks.map((t) => t.title).sort()).toEqual([TITLE, '农贸市场周边占道经营整治', '老城区十二条背街小巷路面修补'].sort());
    // Milestones (节点) on the first task, for the Gantt's diamonds: one done, one ahead.
    const first = tree.tasks.find((t) => t.title === TITLE)!;
    await api.put(`/api/tasks/${first.id}`, {
      code: first.code,
      title: first.title,
      measures: first.measures,
      leadUnitId: first.leadUnit.id,
      coopUnitIds: first.coopUnits.map((u) => u.id),
      startDate: first.startDate,
      dueDate: first.dueDate,
      milestones: [
        { name: '完成摸底排查', date: '2026-11-30', done: true },
        { name: '完成集中整治', date: '2027-02-15', done: false },
      ],
      version: first.version,
    });
    await office.reload();
    await expect.poll(() => office.getByText('老城区十二条背街小巷路面修补').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => office.getByText('任务 3 项').isVisible()).toBe(true);
    await shot(office, 'tree-desktop');
  });

  it('the Gantt chart draws on a canvas with today’s line and the baseline legend', async () => {
    await office.getByRole('tab', { name: '甘特图' }).click();
    const gantt = office.getByTestId('gantt');
    await expect.poll(() => gantt.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const box = await gantt.boundingBox();
    expect(box!.height).toBeGreaterThan(150);
    expect(await gantt.getAttribute('aria-label')).toContain('3 项任务');
    await expect.poll(() => office.getByText(/^今天（\d{4}-\d{2}-\d{2}）$/).isVisible()).toBe(true);
    expect(await office.getByText('计划基线').isVisible()).toBe(true);
    // The canvas is not blank: a red pixel of today's line and coloured bars are drawn.
    const colours = await gantt
      .locator('canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        let red = 0;
        let blueOrOrange = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (r > 220 && g < 80 && b < 80) red++;
          if ((b > 200 && r < 60) || (r > 230 && g > 120 && g < 160 && b < 60)) blueOrOrange++;
        }
        return { red, blueOrOrange };
      });
    expect(colours.red, 'today’s line').toBeGreaterThan(20);
    expect(colours.blueOrOrange, 'task bars').toBeGreaterThan(100);
    await shot(office, 'gantt-desktop');
  });

  it('the unit reports this month’s progress with an evidence photo on a phone', async () => {
    await unit.goto(`${e2e.baseUrl}/my-tasks?pageSize=100`);
    await expect.poll(() => unit.getByText(TITLE).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noSideScroll(unit), 'no sideways scrolling on the phone').toBeLessThanOrEqual(0);
    await shot(unit, 'my-tasks-phone');

    unit.on('response', (r) => {
      if (r.status() >= 400) console.error(`[unit] ${r.status()} ${r.url()}`);
    });
    await unit.getByRole('button', { name: `填报本月进度：${TITLE}` }).click();
    const drawer = unit.locator('.ant-drawer-body').filter({ hasText: '本月完成情况' });
    await expect.poll(() => drawer.isVisible(), { timeout: 10_000 }).toBe(true);
    // Empty 本月完成情况: a clear Chinese message, nothing sent.
    await drawer.getByRole('button', { name: '提交本月进度' }).click();
    await expect.poll(() => drawer.getByText('请填写本月完成情况').isVisible()).toBe(true);

    const percent = drawer.getByLabel('完成进度', { exact: true });
    await percent.fill('30');
    await drawer.getByLabel('本月完成情况').fill('完成东大街、西关巷等5条巷道的卫生死角清理，清运垃圾12吨。');
    await drawer.getByLabel('存在问题').fill('部分巷道路面破损需住建局配合修补。');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 96, g: 148, b: 72 } } })
      .jpeg()
      .toBuffer();
    await drawer
      .locator('input[type=file][accept="image/*"]')
      .setInputFiles({ name: '西关巷整治后.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect
      .poll(() => drawer.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    // A text file named .pdf: refused by content, in Chinese; then the real 台账 PDF.
    const docs = drawer.locator('input[type=file][accept=".pdf,.doc,.docx,.xlsx,image/*"]');
    await docs.setInputFiles({ name: '假台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件') });
    await expect.poll(() => unit.getByText('不是支持的佐证材料类型').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await docs.setInputFiles({ name: '西关巷整治台账.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await expect
      .poll(() => drawer.locator('.ant-upload-list-item-done', { hasText: '西关巷整治台账.pdf' }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => drawer.getByRole('button', { name: '提交本月进度' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await shot(unit, 'report-form-phone');
    await drawer.getByRole('button', { name: '提交本月进度' }).click();
    await expect.poll(() => unit.locator('li.cc-card', { hasText: TITLE }).getByText('待审核').isVisible(), { timeout: 15_000 }).toBe(true);

    const reports = await apiOf(office).get<{ items: Report[] }>(`/api/task-progress?planId=${planId}`);
    expect(reports.items).toHaveLength(1);
    expect(reports.items[0]).toMatchObject({ state: 'submitted', percent: 30, submissions: 1 });
    expect(reports.items[0].files).toMatchObject([
      { kind: 'photo', mime: 'image/jpeg' },
      { kind: 'document', name: '西关巷整治台账.pdf', mime: 'application/pdf' },
    ]);
  });

  it('the office returns the report with a comment', async () => {
    await office.goto(`${e2e.baseUrl}/task-progress?pageSize=100`);
    await expect.poll(() => office.getByLabel(`审核 ${TITLE}`).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(office, 'review-list-desktop');
    await office.getByLabel(`审核 ${TITLE}`).first().click();
    const drawer = office.locator('.ant-drawer-body').filter({ hasText: '佐证材料' });
    await expect.poll(() => drawer.locator('img[alt^="佐证材料"]').count(), { timeout: 10_000 }).toBe(1);
    // The office may open the unit's evidence: the thumbnail loads (not a broken image).
    await expect
      .poll(() => drawer.locator('img[alt^="佐证材料"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 10_000,
      })
      .toBe(true);
    // The PDF is listed with its icon and downloads for the office.
    const link = drawer.getByRole('link', { name: '西关巷整治台账.pdf' });
    await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
    const pdf = await office.request.get(`${e2e.baseUrl}${await link.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await shot(office, 'review-drawer-desktop');
    await drawer.getByRole('button', { name: '退回补充' }).click();
    // No comment: refused in Chinese.
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: '退回' }).click();
    await expect.poll(() => drawer.getByText('退回须填写意见').first().isVisible()).toBe(true);
    await drawer.getByLabel('退回意见').fill(RETURN_COMMENT);
    await shot(office, 'review-return-desktop');
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await office.locator('.ant-popconfirm:visible').getByRole('button', { name: '退回' }).click();
    await expect
      .poll(async () => (await apiOf(office).get<{ items: Report[] }>(`/api/task-progress?planId=${planId}`)).items[0]?.state, {
        timeout: 15_000,
      })
      .toBe('returned');
  });

  it('the unit sees the comment on the phone and resubmits', async () => {
    await unit.goto(`${e2e.baseUrl}/my-tasks?pageSize=100`);
    await expect.poll(() => unit.getByText(`退回意见：${RETURN_COMMENT}`).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noSideScroll(unit)).toBeLessThanOrEqual(0);
    await shot(unit, 'returned-phone');
    await unit.getByRole('button', { name: `重新提交：${TITLE}` }).click();
    const drawer = unit.locator('.ant-drawer-body').filter({ hasText: '本月完成情况' });
    await expect.poll(() => drawer.getByText(`审核意见：${RETURN_COMMENT}`).isVisible(), { timeout: 10_000 }).toBe(true);
    await drawer
      .getByLabel('本月完成情况')
      .fill('完成东大街、西关巷、南门巷、北关巷、后营巷等5条巷道的卫生死角清理，清运垃圾12吨；已附整治前后对比照片。');
    await drawer.getByLabel('完成进度', { exact: true }).fill('35');
    await drawer.getByRole('button', { name: '重新提交' }).click();
    await expect
      .poll(async () => (await apiOf(office).get<{ items: Report[] }>(`/api/task-progress?planId=${planId}`)).items[0], { timeout: 15_000 })
      .toMatchObject({ state: 'submitted', percent: 35, submissions: 2 });
    // The photo and the PDF came back into the form and went out again with the resubmission.
    const again = (await apiOf(office).get<{ items: Report[] }>(`/api/task-progress?planId=${planId}`)).items[0];
    expect((again.files as Array<{ kind: string }>).map((f) => f.kind)).toEqual(['photo', 'document']);
  });

  it('the office approves and the task takes the approved percent', async () => {
    await office.goto(`${e2e.baseUrl}/task-progress?state=submitted&pageSize=100`);
    await expect.poll(() => office.getByLabel(`审核 ${TITLE}`).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await office.getByLabel(`审核 ${TITLE}`).first().click();
    const drawer = office.locator('.ant-drawer-body').filter({ hasText: '佐证材料' });
    await expect.poll(() => drawer.getByText('第 2 次提交').isVisible(), { timeout: 10_000 }).toBe(true);
    await drawer.getByRole('button', { name: '通过' }).click();
    await office.locator('.ant-popconfirm:visible').getByRole('button', { name: '通过' }).click();
    await expect
      .poll(async () => (await apiOf(office).get<{ items: Report[] }>(`/api/task-progress?planId=${planId}`)).items[0]?.state, {
        timeout: 15_000,
      })
      .toBe('approved');
    const tree = await apiOf(office).get<{ tasks: TreeTask[] }>(`/api/plans/${planId}`);
    expect(tree.tasks.find((t) => t.title === TITLE)?.percent).toBe(35);

    // The task drawer: the approved report with its evidence in the history, the events.
    await office.goto(`${e2e.baseUrl}/plans/${planId}`);
    await office.getByLabel(`查看任务 ${TITLE}`).first().click();
    await office.getByRole('tab', { name: /月度进度/ }).click();
    await expect.poll(() => office.getByText('已通过').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(office, 'task-drawer-desktop');

    await office.goto(`${e2e.baseUrl}/plans/${planId}?tab=gantt`);
    await expect.poll(() => office.getByTestId('gantt').locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await office.waitForTimeout(500);
    await shot(office, 'gantt-approved-desktop');
    // 本月未报送: the tasks with no report this month (the two the unit has not reported).
    await office.goto(`${e2e.baseUrl}/task-progress?tab=missing&pageSize=100`);
    await expect.poll(() => office.getByText('农贸市场周边占道经营整治').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await office.getByText('老城区十二条背街小巷路面修补').first().isVisible()).toBe(true);
    await shot(office, 'missing-desktop');

    await office.goto(`${e2e.baseUrl}/plans`);
    await expect.poll(() => office.getByText('2027年巩固提升文明城市创建成果实施方案').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(office, 'plans-desktop');

    await unit.goto(`${e2e.baseUrl}/my-tasks?pageSize=100`);
    await expect.poll(() => unit.locator('li.cc-card', { hasText: TITLE }).getByText('已通过').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(unit, 'approved-phone');

    // A long 专项行动 (18 tasks through the API): the Gantt keeps 14 rows in view with a row slider.
    const campaignId = (await apiOf(office).get<{ plan: { campaignId: string } }>(`/api/plans/${planId}`)).plan.campaignId;
    const special = await apiOf(office).post<{ id: string }>('/api/plans', {
      campaignId,
      parentId: planId,
      kind: 'special',
      name: '城乡环境卫生整治专项行动',
    });
    const places = [
      '东关',
      '西关',
      '南门',
      '北街',
      '城东',
      '城西',
      '河滨',
      '新华',
      '人民',
      '文化',
      '建设',
      '解放',
      '胜利',
      '和平',
      '朝阳',
      '育才',
      '光明',
      '幸福',
    ];
    for (const [i, place] of places.entries()) {
      const start = `2026-${String(9 + (i % 3)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`;
      await apiOf(office).post(`/api/plans/${special.id}/tasks`, {
        code: String(i + 1),
        title: `${place}片区环境卫生整治`,
        leadUnitId: tree.tasks[0].leadUnit.id,
        startDate: start,
        dueDate: `2027-${String(1 + (i % 6)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`,
        milestones: [{ name: '完成排查', date: `2026-12-${String(10 + i).padStart(2, '0')}`, done: false }],
      });
    }
    await office.goto(`${e2e.baseUrl}/plans/${special.id}?tab=gantt`);
    await expect.poll(() => office.getByTestId('gantt').locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await office.getByTestId('gantt').getAttribute('aria-label')).toContain('18 项任务');
    await shot(office, 'long-gantt-desktop');

    // The review queue on the office's phone: cards, no sideways scrolling.
    const officePhone = await signIn(e2e, 'office', PHONE);
    await officePhone.goto(`${e2e.baseUrl}/task-progress?pageSize=100`);
    await expect.poll(() => officePhone.getByText(TITLE).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noSideScroll(officePhone)).toBeLessThanOrEqual(0);
    await shot(officePhone, 'review-phone');

    // The plan on a phone (the unit sees the plan holding its tasks): task cards and the Gantt, no sideways scrolling.
    await unit.goto(`${e2e.baseUrl}/plans/${planId}`);
    await expect.poll(() => unit.getByText('老城区十二条背街小巷路面修补').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noSideScroll(unit)).toBeLessThanOrEqual(0);
    await shot(unit, 'plan-tree-phone');
    await unit.getByRole('tab', { name: '甘特图' }).click();
    await expect.poll(() => unit.getByTestId('gantt').locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await noSideScroll(unit)).toBeLessThanOrEqual(0);
    await shot(unit, 'gantt-phone');
  });
});
