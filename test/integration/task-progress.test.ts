/**
 * 每月汇报进度 through HTTP on a set clock: the lead unit reports (evidence checked, one report per task and month), the
 * office reviews (通过 / 退回补充) on the workflow kernel, the month's .xlsx table and .docx bulletin hold the numbers.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { uploadPhoto } from '../support/problems';

/** A plan and its tasks through the plans API (the office). */
async function makePlan(t: Tenant, name = '创建全国文明城市实施方案') {
  const res = await (await t.asScript('office')).post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function makeTask(
  t: Tenant,
  planId: string,
  over: { title: string; leadUnitId: string; coop?: string[]; start?: string; due?: string; seq: number },
) {
  const res = await (
    await t.asScript('office')
  ).post(`/api/plans/${planId}/tasks`, {
    code: String(over.seq),
    title: over.title,
    measures: '对照测评标准逐项整改，建立台账，按周调度',
    leadUnitId: over.leadUnitId,
    coopUnitIds: over.coop ?? [],
    startDate: over.start ?? '2026-10-01',
    dueDate: over.due ?? '2027-03-31',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const body = (over: Record<string, unknown> = {}) => ({
  period: '2026-12',
  percent: 40,
  summary: '完成主次干道占道经营整治，清理流动摊点 36 处，规范店外经营 52 户',
  difficulties: '夜市摊点反弹，需市场监管局配合',
  fileIds: [],
  ...over,
});

let t: Tenant;
let other: Tenant;
let planId: string;
let taskA: string; // 城管局 leads, 市场监管局 cooperates
let taskB: string; // 城管局 leads alone
let taskC: string; // 市场监管局 leads
let unit: Client;
let unit2: Client;
let office: Client;

beforeAll(async () => {
  const { clock } = await getHarness();
  clock.set(new Date('2026-12-09T02:00:00Z')); // 2026-12-09 10:00 Beijing
  t = await createTenant();
  other = await createTenant();
  planId = await makePlan(t);
  taskA = await makeTask(t, planId, { title: `主次干道占道经营整治${t.tag}`, leadUnitId: t.unitAId, coop: [t.unitBId], seq: 1 });
  taskB = await makeTask(t, planId, {
    title: `背街小巷环境卫生提升${t.tag}`,
    leadUnitId: t.unitAId,
    seq: 2,
    start: '2026-11-01',
    due: '2026-12-31',
  });
  taskC = await makeTask(t, planId, { title: `农贸市场规范化改造${t.tag}`, leadUnitId: t.unitBId, seq: 3 });
  unit = await t.asScript('unit');
  unit2 = await t.asScript('unit2');
  office = await t.asScript('office');
});

const rows = async (taskId: string) => {
  const { database } = await getHarness();
  return database.db.selectFrom('task_progress').selectAll().where('task_id', '=', taskId).execute();
};
const task = async (id: string) => {
  const { database } = await getHarness();
  return database.db.selectFrom('tasks').select(['percent', 'completed_at']).where('id', '=', id).executeTakeFirstOrThrow();
};
const notices = async (c: Client, kind: string, text: string) =>
  ((await c.get('/api/notifications?pageSize=100')).body.items as Array<{ kind: string; title: string; body: string | null }>).filter(
    (n) => n.kind === kind && `${n.title}${n.body ?? ''}`.includes(text),
  );

describe(`monthly progress reports (${engineName})`, () => {
  it('the lead unit reports with evidence (201); the office is told', async () => {
    const photo = await uploadPhoto(unit);
    const res = await unit.post(`/api/tasks/${taskA}/progress`, body({ fileIds: [photo] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      taskId: taskA,
      period: '2026-12',
      percent: 40,
      state: 'submitted',
      late: false,
      submissions: 1,
      leadUnit: { id: t.unitAId },
      abilities: { approve: false, return: false, resubmit: true },
    });
    expect(res.body.files).toHaveLength(1);
    expect(res.body.files[0]).toMatchObject({ id: photo, mime: 'image/jpeg' });
    expect(await notices(office, 'task_progress', `主次干道占道经营整治${t.tag}`)).toHaveLength(1);
    // The task itself is unchanged until the office approves.
    expect((await task(taskA)).percent).toBe(0);
  });

  it('another unit, a cooperating unit and another county get 404; the office 403', async () => {
    expect((await unit2.post(`/api/tasks/${taskB}/progress`, body())).status).toBe(404);
    // 市场监管局 cooperates on A: it sees the task but does not report on it.
    expect((await unit2.post(`/api/tasks/${taskA}/progress`, body())).status).toBe(404);
    const res = await office.post(`/api/tasks/${taskB}/progress`, body());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('由牵头单位填报');
    expect((await (await other.asScript('office')).post(`/api/tasks/${taskB}/progress`, body())).status).toBe(404);
    expect((await (await other.asScript('unit')).post(`/api/tasks/${taskB}/progress`, body())).status).toBe(404);
    expect(await rows(taskB)).toHaveLength(0);
  });

  it('bad percent or period: 400 / 422 with nothing written', async () => {
    expect((await unit.post(`/api/tasks/${taskB}/progress`, body({ percent: 120 }))).status).toBe(400);
    expect((await unit.post(`/api/tasks/${taskB}/progress`, body({ percent: 12.5 }))).status).toBe(400);
    expect((await unit.post(`/api/tasks/${taskB}/progress`, body({ period: '2026-13' }))).status).toBe(400);
    expect((await unit.post(`/api/tasks/${taskB}/progress`, body({ summary: '好' }))).status).toBe(400);
    const future = await unit.post(`/api/tasks/${taskB}/progress`, body({ period: '2027-01' }));
    expect(future.status).toBe(422);
    expect(future.body.error.message).toContain('未来月份');
    const early = await unit.post(`/api/tasks/${taskB}/progress`, body({ period: '2026-10' }));
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('2026-11-01');
    // Evidence must be the caller's own upload.
    const officePhoto = await uploadPhoto(office);
    const foreign = await unit.post(`/api/tasks/${taskB}/progress`, body({ fileIds: [officePhoto] }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toContain('佐证材料');
    const unknown = await unit.post(`/api/tasks/${taskB}/progress`, body({ fileIds: ['0b0c8d5e-0000-4000-8000-000000000000'] }));
    expect(unknown.status).toBe(422);
    expect(await rows(taskB)).toHaveLength(0);
  });

  it('the office returns (comment needed, stale version 409), the unit resubmits, the office approves: the task moves', async () => {
    const [r] = await rows(taskA);
    const noComment = await office.post(`/api/task-progress/${r.id}/actions`, { action: 'return', version: r.version });
    expect(noComment.status).toBe(400);
    expect(
      (await office.post(`/api/task-progress/${r.id}/actions`, { action: 'return', version: r.version + 5, comment: '请补充' })).status,
    ).toBe(409);
    // A unit may not review.
    expect((await unit.post(`/api/task-progress/${r.id}/actions`, { action: 'approve', version: r.version })).status).toBe(403);

    // A minute between steps: the harness clock stands still, and the events below are read in time order.
    (await getHarness()).clock.advanceMinutes(1);
    const returned = await office.post(`/api/task-progress/${r.id}/actions`, {
      action: 'return',
      version: r.version,
      comment: '请补充整治前后对比照片',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', reviewComment: '请补充整治前后对比照片', version: r.version + 1 });
    expect(await notices(unit, 'returned', '请补充整治前后对比照片')).toHaveLength(1);
    // Returned: not reviewable again until resubmitted.
    const again = await office.post(`/api/task-progress/${r.id}/actions`, { action: 'approve', version: r.version + 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('退回补充');

    // A minute between steps: the harness clock stands still, and the events below are read in time order.
    (await getHarness()).clock.advanceMinutes(1);
    const resubmit = await unit.post(`/api/tasks/${taskA}/progress`, body({ percent: 45, fileIds: [await uploadPhoto(unit)] }));
    expect(resubmit.status).toBe(200);
    expect(resubmit.body).toMatchObject({ id: r.id, state: 'submitted', submissions: 2, percent: 45, reviewComment: null });

    // A minute between steps: the harness clock stands still, and the events below are read in time order.
    (await getHarness()).clock.advanceMinutes(1);
    const approved = await office.post(`/api/task-progress/${r.id}/actions`, { action: 'approve', version: resubmit.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(await task(taskA)).toMatchObject({ percent: 45, completed_at: null });

    // An approved month is final.
    const late = await unit.post(`/api/tasks/${taskA}/progress`, body({ percent: 50 }));
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('已审核通过');
    expect((await office.post(`/api/task-progress/${r.id}/actions`, { action: 'approve', version: approved.body.version })).status).toBe(
      409,
    );
    const events = (await getHarness()).database.db
      .selectFrom('task_events')
      .select('action')
      .where('task_id', '=', taskA)
      // (a tasks sweep of another test on a shared database may add reminders)
      .where('action', 'like', 'progress_%')
      .orderBy('created_at')
      .execute();
    expect((await events).map((e) => e.action)).toEqual([
      'progress_submitted',
      'progress_returned',
      'progress_resubmitted',
      'progress_approved',
    ]);
  });

  it('a report of 100 % approved completes the task; a late month is marked late', async () => {
    const nov = await unit.post(`/api/tasks/${taskB}/progress`, body({ period: '2026-11', percent: 30 }));
    expect(nov.status).toBe(201);
    expect(nov.body.late).toBe(true); // due 2026-11-25, submitted 2026-12-09
    const dec = await unit.post(`/api/tasks/${taskB}/progress`, body({ percent: 100, summary: '背街小巷 28 条全部完成整治并通过验收' }));
    expect(dec.body.late).toBe(false);
    const ok = await office.post(`/api/task-progress/${dec.body.id}/actions`, {
      action: 'approve',
      version: dec.body.version,
      comment: '同意',
    });
    expect(ok.status).toBe(200);
    const b = await task(taskB);
    expect(b.percent).toBe(100);
    expect(b.completed_at).not.toBeNull();
    // Approving the older month afterwards leaves the task at its latest approved month.
    await office.post(`/api/task-progress/${nov.body.id}/actions`, { action: 'approve', version: nov.body.version });
    expect((await task(taskB)).percent).toBe(100);
  });

  it('lists what each reader may see', async () => {
    const c = await unit2.post(`/api/tasks/${taskC}/progress`, body({ percent: 20, summary: '完成农贸市场改造方案设计并报审' }));
    expect(c.status).toBe(201);
    const all = await office.get(`/api/task-progress?period=2026-12&planId=${planId}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    // Pending first.
    expect(all.body.items[0]).toMatchObject({ taskId: taskC, state: 'submitted', abilities: { approve: true, return: true } });
    const pending = await office.get(`/api/task-progress?state=submitted&planId=${planId}`);
    expect(pending.body.items.map((x: { taskId: string }) => x.taskId)).toEqual([taskC]);
    const byUnit = await office.get(`/api/task-progress?unitId=${t.unitAId}&planId=${planId}`);
    expect(byUnit.body.total).toBe(3); // A (Dec), B (Nov, Dec)
    // 市场监管局: its own report and those of the task it cooperates on, not B.
    const mine = await unit2.get(`/api/task-progress?planId=${planId}`);
    expect(new Set(mine.body.items.map((x: { taskId: string }) => x.taskId))).toEqual(new Set([taskA, taskC]));
    expect(mine.body.items.find((x: { taskId: string }) => x.taskId === taskC).abilities).toEqual({
      approve: false,
      return: false,
      resubmit: true,
    });
    const foreign = await other.asScript('office');
    expect((await foreign.get(`/api/task-progress?planId=${planId}`)).body.total).toBe(0);
    expect((await foreign.get(`/api/task-progress/${c.body.id}`)).status).toBe(404);
    expect((await unit.get(`/api/task-progress/${c.body.id}`)).status).toBe(404);
    expect((await unit2.get(`/api/task-progress/${c.body.id}`)).body.summary).toBe('完成农贸市场改造方案设计并报审');
    expect((await (await t.asScript('volunteer')).get('/api/task-progress')).status).toBe(403);
  });

  it('exports the month as .xlsx an office worker can read', async () => {
    const res = await office.request('GET', `/api/task-progress/export.xlsx?period=2026-12&planId=${planId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('2026年12月任务进度表'));
    if (process.env.XLSX_OUT) (await import('node:fs')).writeFileSync(process.env.XLSX_OUT, res.raw);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('2026年12月任务进度表');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '工作任务',
      '牵头单位',
      '完成时限',
      '本月进度',
      '本月完成情况',
      '存在问题',
      '状态',
      '汇报时间',
      '是否逾期汇报',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const lines = [4, 5, 6].map((n) => ws.getRow(n));
    expect(lines.map((r) => r.getCell(2).value)).toEqual([
      `1 主次干道占道经营整治${t.tag}`,
      `2 背街小巷环境卫生提升${t.tag}`,
      `3 农贸市场规范化改造${t.tag}`,
    ]);
    expect(lines.map((r) => r.getCell(3).value)).toEqual([`城管局${t.tag}`, `城管局${t.tag}`, `市场监管局${t.tag}`]);
    expect(lines.map((r) => r.getCell(5).value)).toEqual([0.45, 1, 0.2]);
    expect(lines.map((r) => r.getCell(8).value)).toEqual(['已通过', '已通过', '待审核']);
    expect(lines.map((r) => r.getCell(10).value)).toEqual(['否', '否', '否']);
    expect(lines[0].getCell(9).value).toBeInstanceOf(Date);
    expect(lines.map((r) => r.getCell(1).value)).toEqual([1, 2, 3]);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(40);
    expect((await unit.request('GET', '/api/task-progress/export.xlsx?period=2026-12')).status).toBe(403);
  });

  it('issues the month bulletin as a .docx 公文 with the numbers', async () => {
    const res = await office.request('GET', `/api/task-progress/bulletin.docx?period=2026-12&planId=${planId}`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.raw);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('关于2026年12月各单位任务推进情况的通报');
    expect(text).toContain('共有工作任务3项，已完成1项');
    expect(text).toContain('应报送进度3项');
    expect(text).toContain('按时报送3项');
    expect(text).toContain(`城管局${t.tag}`);
    expect(text).toContain(`市场监管局${t.tag}`);
    expect(text).toContain('报送截止日为2026-12-25');
    if (process.env.BULLETIN_OUT) (await import('node:fs')).writeFileSync(process.env.BULLETIN_OUT, res.raw);
  });
});
