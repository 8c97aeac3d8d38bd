/**
 * 实施方案 → 任务分解 through HTTP on a set clock (both engines). Today is 2026-11-16 (Beijing), and the tasks are
 * dated so that each status appears once:
 *   T1 牵头 A  2026-10-01 → 2026-11-10, nothing done          → 逾期 (6 days)
 *   T2 牵头 B  2026-12-01 → 2026-12-31                         → 未开始
 *   T3 牵头 A  2026-11-01 → 2026-11-30, 0 %                    → 滞后 (16/30 of the time gone)
 *   T4 牵头 B, 配合 A, in the 专项行动, 2026-11-16 → 2026-12-31 → 进行中
 *   T5 牵头 A  2026-11-01 → 2026-11-12, completed 2026-11-11  → 已完成 (on time)
 *   T6 牵头 B  2026-10-20 → 2026-11-05, completed 2026-11-07  → 已完成 (late)
 * Indicators for 2026-11 (as of today; due before today counts for 按期完成率):
 *   按期完成率: unit A T1 ✗, T5 ✓ → 1/2; unit B T6 ✗ → 0/1; the county 1/3; town B (unit B's town) 0/1.
 *   进度滞后数: unit A T1 + T3 = 2; unit B 0; the county 2.
 * The imported, generated and edited tasks are dated so they neither fall due in November nor run behind.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { makeStandardsVersion, type StandardRow } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
let other: Tenant;
let office: Client;
let unitA: Client;
let unitB: Client;
let leader: Client;
let otherOffice: Client;
let memberId: string;
let planId: string;
let specialId: string;
const ids: Record<string, string> = {};

const TODAY = '2026-11-16';
const HEADERS = ['序号', '工作任务', '具体措施', '牵头单位', '配合单位', '完成时限', '责任领导', '开始日期'];
const unitName = (name: string) => `${name}${t.tag}`;

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(HEADERS);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, plan: string, buffer: Buffer) {
  const form = multipartForm({}, [['任务分解表.xlsx', buffer]]);
  return c.request('POST', `/api/plans/${plan}/import`, form.body, { headers: form.headers });
}

async function newTask(body: Record<string, unknown>, plan = planId, c = office) {
  const res = await c.post(`/api/plans/${plan}/tasks`, { leadUnitId: t.unitAId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; status: string; seq: number };
}

async function taskCount(plan: string): Promise<number> {
  const { database } = await getHarness();
  const r = await database.db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', plan)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`plans and tasks (${engineName})`, () => {
  beforeAll(async () => {
    const { clock, database } = await getHarness();
    clock.set(new Date(`${TODAY}T04:00:00Z`));
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    [office, unitA, unitB, leader, otherOffice] = await Promise.all([
      t.asScript('office'),
      t.asScript('unit'),
      t.asScript('unit2'),
      t.asScript('leader'),
      other.asScript('office'),
    ]);
    const m = await database.db
      .insertInto('leading_group_members')
      .values({ campaign_id: t.campaignId, name: '张建华', post: '县委副书记、县长', group_role: 'deputy_leader', created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberId = m.id;
  });

  it('creates a 实施方案 and a 专项行动 under it; checks kind, parent and scope', async () => {
    const res = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '创建全国文明城市实施方案' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'plan', parentId: null, regionId: t.countyId, taskCount: 0, version: 1 });
    expect(res.body.abilities).toEqual({ edit: true, addTask: true, import: true });
    planId = res.body.id;

    const noParent = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'special', name: '农贸市场专项整治行动' });
    expect(noParent.status).toBe(422);
    expect(noParent.body.error.message).toContain('实施方案');

    const special = await office.post('/api/plans', {
      campaignId: t.campaignId,
      kind: 'special',
      parentId: planId,
      name: '农贸市场专项整治行动',
    });
    expect(special.status, JSON.stringify(special.body)).toBe(201);
    expect(special.body.parentId).toBe(planId);
    specialId = special.body.id;

    const underSpecial = await office.post('/api/plans', {
      campaignId: t.campaignId,
      kind: 'special',
      parentId: specialId,
      name: '二级专项',
    });
    expect(underSpecial.status).toBe(422);

    const badName = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '方' });
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body)).toContain('方案名称至少 2 个字');

    // The leader reads but may not create (403); another county's office and a unit do not see the campaign (404).
    expect((await leader.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '领导的方案' })).status).toBe(403);
    expect((await otherOffice.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '外县的方案' })).status).toBe(404);
    expect((await unitA.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '单位的方案' })).status).toBe(404);
  });

  it('adds tasks with every rule checked in the database (422 naming the field)', async () => {
    const base = { title: '背街小巷环境整治', startDate: '2026-11-20', dueDate: '2026-12-20' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ leadUnitId: other.unitAId }, 'leadUnitId', '牵头单位'],
      [{ coopUnitIds: [other.unitBId] }, 'coopUnitIds', '配合单位'],
      [{ coopUnitIds: [t.unitAId] }, 'coopUnitIds', '配合单位'],
      [{ leaderMemberId: crypto.randomUUID() }, 'leaderMemberId', '领导小组'],
      [{ startDate: '2026-12-21' }, 'dueDate', '完成时限不能早于开始日期'],
      [{ standardIds: [crypto.randomUUID()] }, 'standardIds', '测评标准'],
      [{ siteIds: [crypto.randomUUID()] }, 'siteIds', '点位'],
      [{ parentId: crypto.randomUUID() }, 'parentId', '上级任务'],
      [{ milestones: [{ name: '完成排查', date: '2027-01-10' }] }, 'milestones.0.date', '节点'],
    ];
    for (const [over, field, text] of cases) {
      const res = await office.post(`/api/plans/${planId}/tasks`, { leadUnitId: t.unitAId, ...base, ...over });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toContain(text);
    }
    const noTitle = await office.post(`/api/plans/${planId}/tasks`, {
      leadUnitId: t.unitAId,
      startDate: '2026-11-20',
      dueDate: '2026-12-20',
    });
    expect(noTitle.status).toBe(400);
    expect(JSON.stringify(noTitle.body)).toContain('请填写工作任务');
    const badDate = await office.post(`/api/plans/${planId}/tasks`, { ...base, leadUnitId: t.unitAId, dueDate: '12月20日' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('完成时限须为日期');
    expect(await taskCount(planId)).toBe(0);

    // The six tasks of the header, one per status.
    const t1 = await newTask({ title: '主次干道占道经营整治', startDate: '2026-10-01', dueDate: '2026-11-10', leaderMemberId: memberId });
    ids.T1 = t1.id;
    expect(t1).toMatchObject({ status: 'overdue', seq: 1 });
    expect((t1 as unknown as { overdueDays: number }).overdueDays).toBe(6);
    ids.T2 = (await newTask({ title: '公共场所控烟宣传', leadUnitId: t.unitBId, startDate: '2026-12-01', dueDate: '2026-12-31' })).id;
    ids.T3 = (await newTask({ title: '城区公厕提标改造', startDate: '2026-11-01', dueDate: '2026-11-30' })).id;
    const t4 = await newTask(
      {
        title: '农贸市场划行归市',
        leadUnitId: t.unitBId,
        coopUnitIds: [t.unitAId],
        startDate: TODAY,
        dueDate: '2026-12-31',
        milestones: [{ name: '完成摊位规划', date: '2026-11-30' }],
      },
      specialId,
    );
    ids.T4 = t4.id;
    expect(t4).toMatchObject({ status: 'in_progress', seq: 1 });
    ids.T5 = (await newTask({ title: '门前三包责任书签订', startDate: '2026-11-01', dueDate: '2026-11-12' })).id;
    ids.T6 = (await newTask({ title: '食品摊贩登记备案', leadUnitId: t.unitBId, startDate: '2026-10-20', dueDate: '2026-11-05' })).id;
    const { database } = await getHarness();
    await database.db
      .updateTable('tasks')
      .set({ percent: 100, completed_at: new Date('2026-11-11T02:00:00Z') })
      .where('id', '=', ids.T5)
      .execute();
    await database.db
      .updateTable('tasks')
      .set({ percent: 100, completed_at: new Date('2026-11-07T02:00:00Z') })
      .where('id', '=', ids.T6)
      .execute();

    const sub = await newTask({ title: '占道经营回头看', parentId: ids.T1, startDate: '2026-11-20', dueDate: '2026-12-20' });
    ids.sub = sub.id;
    expect(sub.seq).toBe(6);
    const crossPlan = await office.post(`/api/plans/${specialId}/tasks`, { ...base, leadUnitId: t.unitAId, parentId: ids.T1 });
    expect(crossPlan.status).toBe(422);
    expect(crossPlan.body.error.field).toBe('parentId');

    const detail = await office.get(`/api/tasks/${ids.T1}`);
    expect(detail.status).toBe(200);
    expect(detail.body.task).toMatchObject({
      title: '主次干道占道经营整治',
      leader: { id: memberId, name: '张建华', post: '县委副书记、县长' },
      baselineStart: '2026-10-01',
      baselineDue: '2026-11-10',
      abilities: { edit: true, report: false, review: true },
    });
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual(['created']);
  });

  it('shows the tree with every status, and a unit only its own tasks', async () => {
    const res = await office.get(`/api/plans/${planId}`);
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(TODAY);
    expect(res.body.subPlans.map((p: { id: string }) => p.id)).toEqual([specialId]);
    const status = new Map(res.body.tasks.map((x: { id: string; status: string }) => [x.id, x.status]));
    expect(Object.fromEntries(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'].map((k) => [k, status.get(ids[k])]))).toEqual({
      T1: 'overdue',
      T2: 'not_started',
      T3: 'behind',
      T4: 'in_progress',
      T5: 'done',
      T6: 'done',
    });
    expect(res.body.tasks.find((x: { id: string }) => x.id === ids.sub).parentId).toBe(ids.T1);
    expect(res.body.plan.statusCounts).toEqual({ not_started: 2, in_progress: 0, behind: 1, done: 2, overdue: 1 });
    expect(res.body.plan.taskCount).toBe(6 /* T1 T2 T3 T5 T6 + sub (not started); T4 is in the 专项行动 */);

    // Unit B leads T2, T6 and T4 (in the 专项行动); it sees those only, and may report on them.
    const b = await unitB.get(`/api/plans/${planId}`);
    expect(b.status).toBe(200);
    expect(b.body.tasks.map((x: { id: string }) => x.id).sort()).toEqual([ids.T2, ids.T4, ids.T6].sort());
    expect(b.body.plan.abilities.edit).toBe(false);
    expect(b.body.tasks.every((x: { abilities: { report: boolean; edit: boolean } }) => x.abilities.report && !x.abilities.edit)).toBe(
      true,
    );
    // Unit A cooperates on T4: it sees it but does not report on it.
    const a4 = await unitA.get(`/api/tasks/${ids.T4}`);
    expect(a4.status).toBe(200);
    expect(a4.body.task.abilities.report).toBe(false);
    expect((await unitA.get(`/api/tasks/${ids.T2}`)).status).toBe(404);
    expect((await unitB.get(`/api/tasks/${ids.T1}`)).status).toBe(404);

    // Another county's office sees nothing of it.
    expect((await otherOffice.get(`/api/plans/${planId}`)).status).toBe(404);
    expect((await otherOffice.get(`/api/tasks/${ids.T1}`)).status).toBe(404);
    expect(
      (
        await otherOffice.request('PUT', `/api/tasks/${ids.T1}`, {
          title: '改名',
          leadUnitId: t.unitAId,
          startDate: '2026-10-01',
          dueDate: '2026-11-10',
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await otherOffice.post(`/api/plans/${planId}/tasks`, {
          title: '外县任务',
          leadUnitId: other.unitAId,
          startDate: '2026-11-20',
          dueDate: '2026-12-20',
        })
      ).status,
    ).toBe(404);
    const list = await otherOffice.get(`/api/plans?campaignId=${t.campaignId}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const mine = await unitB.get(`/api/plans?campaignId=${t.campaignId}`);
    expect(mine.body.items.map((p: { id: string }) => p.id).sort()).toEqual([planId, specialId].sort());
  });

  it('lists tasks by unit, status (computed on the set clock), month without a report and text', async () => {
    const q = (c: Client, query: string) => c.get(`/api/tasks?campaignId=${t.campaignId}&${query}`);
    const overdueA = await q(office, `unitId=${t.unitAId}&status=overdue`);
    expect(overdueA.status).toBe(200);
    expect(overdueA.body.items.map((x: { id: string }) => x.id)).toEqual([ids.T1]);
    expect(overdueA.body.items[0].overdueDays).toBe(6);
    expect(overdueA.body.total).toBe(1);
    // The contract, without a campaign.
    const contract = await office.get(`/api/tasks?unitId=${t.unitAId}&status=overdue`);
    expect(contract.body.items.map((x: { id: string }) => x.id)).toEqual([ids.T1]);

    const done = await q(office, 'status=done&sort=dueDate');
    expect(done.body.items.map((x: { id: string }) => x.id)).toEqual([ids.T6, ids.T5]);
    expect((await q(office, 'status=behind')).body.items.map((x: { id: string }) => x.id)).toEqual([ids.T3]);
    // Unit A as lead or cooperating: T1, T3, T5, sub, and T4.
    const a = await q(office, `unitId=${t.unitAId}&pageSize=2`);
    expect(a.body.total).toBe(5);
    expect(a.body.items).toHaveLength(2);
    expect((await q(office, 'q=农贸')).body.items.map((x: { id: string }) => x.id)).toEqual([ids.T4]);

    const { database } = await getHarness();
    await database.db
      .insertInto('task_progress')
      .values({
        task_id: ids.T3,
        period: '2026-11',
        percent: 30,
        summary: '已完成3座公厕改造',
        file_ids: '[]',
        submitted_at: new Date(),
        state: 'submitted',
      })
      .execute();
    const missing = await q(office, `missingPeriod=2026-11&unitId=${t.unitAId}`);
    expect(missing.body.items.map((x: { id: string }) => x.id)).not.toContain(ids.T3);
    expect(missing.body.total).toBe(4);
    // The report stays submitted (not approved): T3's percent and status are unchanged.
    const d3 = await office.get(`/api/tasks/${ids.T3}`);
    expect(d3.status).toBe(200);
    expect(d3.body.task).toMatchObject({
      percent: 0,
      status: 'behind',
      lastProgress: { period: '2026-11', percent: 30, state: 'submitted' },
    });
    expect(d3.body.progress).toHaveLength(1);
    expect(d3.body.progress[0]).toMatchObject({ period: '2026-11', percent: 30, state: 'submitted', summary: '已完成3座公厕改造' });

    // A unit's list is its own tasks only, whatever it asks for.
    const b = await unitB.get(`/api/tasks?campaignId=${t.campaignId}`);
    expect(b.body.items.map((x: { id: string }) => x.id).sort()).toEqual([ids.T2, ids.T4, ids.T6].sort());
    expect(
      (await unitB.get(`/api/tasks?unitId=${t.unitAId}&campaignId=${t.campaignId}`)).body.items.map((x: { id: string }) => x.id),
    ).toEqual([ids.T4]);
    expect((await otherOffice.get(`/api/tasks?campaignId=${t.campaignId}`)).body.total).toBe(0);
  });

  it('updates at the caller version (409 when stale), keeping the baseline; deletes only a bare task', async () => {
    const plan = await office.request('PUT', `/api/plans/${planId}`, { name: '创建全国文明城市三年行动实施方案', version: 1 });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.version).toBe(2);
    const stalePlan = await office.request('PUT', `/api/plans/${planId}`, { name: '过期的修改', version: 1 });
    expect(stalePlan.status).toBe(409);

    const t7 = await newTask({ title: '建成区绿化补植', startDate: '2026-11-20', dueDate: '2026-12-10' });
    const body = { title: '建成区绿化补植', leadUnitId: t.unitAId, startDate: '2026-11-20', dueDate: '2026-12-25', version: t7.version };
    const up = await office.request('PUT', `/api/tasks/${t7.id}`, body);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ dueDate: '2026-12-25', baselineDue: '2026-12-10', baselineStart: '2026-11-20', version: 2 });
    expect((await office.request('PUT', `/api/tasks/${t7.id}`, body)).status).toBe(409);
    expect((await unitA.request('PUT', `/api/tasks/${ids.T1}`, { ...body, version: 1 })).status).toBe(403);
    const detail = await office.get(`/api/tasks/${t7.id}`);
    expect(detail.body.events.find((e: { action: string }) => e.action === 'updated')).toMatchObject({
      note: '完成时限由 2026-12-10 调整为 2026-12-25',
    });

    const withSub = await office.delete(`/api/tasks/${ids.T1}`);
    expect(withSub.status).toBe(409);
    expect(withSub.body.error.message).toContain('子任务');
    const withReport = await office.delete(`/api/tasks/${ids.T3}`);
    expect(withReport.status).toBe(409);
    expect(withReport.body.error.message).toContain('进度汇报');
    expect((await unitA.delete(`/api/tasks/${t7.id}`)).status).toBe(403);
    expect((await office.delete(`/api/tasks/${t7.id}`)).status).toBe(204);
    expect((await office.get(`/api/tasks/${t7.id}`)).status).toBe(404);
    const { database } = await getHarness();
    const audit = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', t7.id).execute();
    expect(audit.map((e) => e.action).sort()).toEqual(['task.created', 'task.deleted', 'task.updated']);
  });

  it('imports the task table all or nothing, listing every bad row, then a good one; exports it back', async () => {
    const res = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'special', parentId: planId, name: '背街小巷专项行动' });
    const importPlan = res.body.id as string;

    const template = await office.get('/api/plans/import-template.xlsx');
    expect(template.status).toBe(200);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(template.raw as unknown as ArrayBuffer);
    expect((twb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);

    const bad = await upload(
      office,
      importPlan,
      await xlsx([
        ['1', '农贸市场环境秩序整治', '逐一排查，规范经营', unitName('城管局'), '', '2026-12-31', '张建华', ''],
        ['1.1', '查', '', unitName('城管局'), '', '2026-12-31', '', ''],
        ['2', '公厕提标改造', '', '不存在的局', '', '2026-12-31', '', ''],
        ['3', '背街小巷整治', '', unitName('市场监管局'), `${unitName('城管局')}、无名局`, '2026-13-01', '李四', ''],
        ['4.1', '绿化补植', '', unitName('城管局'), '', '2026-12-31', '', ''],
        ['1', '重复序号', '', unitName('城管局'), '', '2026-12-31', '', ''],
      ]),
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.error.code).toBe('import_invalid');
    const where = bad.body.error.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    expect(where).toEqual(['3:工作任务', '4:牵头单位', '5:配合单位', '5:完成时限', '5:责任领导', '6:序号', '7:序号']);
    expect(bad.body.error.rows.find((r: { row: number }) => r.row === 4).message).toContain('不存在的局');
    expect(await taskCount(importPlan)).toBe(0);

    const good = await upload(
      office,
      importPlan,
      await xlsx([
        [
          '1',
          '农贸市场环境秩序整治',
          '逐一排查，规范经营',
          unitName('城管局'),
          unitName('市场监管局'),
          new Date('2026-12-31T00:00:00Z'),
          '张建华',
          '2026-11-20',
        ],
        ['1.1', '规范摊位经营', '划行归市，统一标识', unitName('市场监管局'), '', '2026年12月20日', '', ''],
        ['2', '背街小巷环境提升', '清理乱堆乱放', unitName('城管局'), '', '2026-11-30', '', '2026-11-16'],
      ]),
    );
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.body).toEqual({ created: 3, updated: 0 });
    const tree = await office.get(`/api/plans/${importPlan}`);
    const byCode = new Map(tree.body.tasks.map((x: { code: string }) => [x.code, x]));
    expect(byCode.get('1')).toMatchObject({
      title: '农贸市场环境秩序整治',
      dueDate: '2026-12-31',
      startDate: '2026-11-20',
      leader: { name: '张建华' },
      coopUnits: [{ id: t.unitBId }],
      status: 'not_started',
    });
    expect(byCode.get('1.1')).toMatchObject({ parentId: (byCode.get('1') as { id: string }).id, startDate: TODAY, dueDate: '2026-12-20' });
    expect(byCode.get('2')).toMatchObject({ status: 'in_progress', seq: 3 });
    // A 序号 the plan has updates that task (baseline kept); a new one is added.
    const update = await upload(
      office,
      importPlan,
      await xlsx([
        ['2', '背街小巷环境提升', '清理乱堆乱放，规范停车', unitName('城管局'), '', '2026-12-15', '', ''],
        ['3', '公益广告刊播', '', unitName('市场监管局'), '', '2026-12-31', '', '2026-11-20'],
      ]),
    );
    expect(update.status, JSON.stringify(update.body)).toBe(201);
    expect(update.body).toEqual({ created: 1, updated: 1 });
    const after = await office.get(`/api/plans/${importPlan}`);
    expect(after.body.tasks.find((x: { code: string }) => x.code === '2')).toMatchObject({
      measures: '清理乱堆乱放，规范停车',
      startDate: TODAY,
      dueDate: '2026-12-15',
      baselineDue: '2026-11-30',
      version: 2,
    });
    expect(after.body.tasks.find((x: { code: string }) => x.code === '3')).toMatchObject({ seq: 4, status: 'not_started' });

    // Export: the layout with 序号 as written, then 开始日期, 状态, 完成进度.
    const file = await office.get(`/api/plans/${importPlan}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([...HEADERS, '状态', '完成进度']);
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(4)).toEqual([
      '1',
      '农贸市场环境秩序整治',
      '逐一排查，规范经营',
      unitName('城管局'),
      unitName('市场监管局'),
      new Date('2026-12-31T00:00:00Z'),
      '张建华',
      new Date('2026-11-20T00:00:00Z'),
      '未开始',
      0,
    ]);
    expect(row(5).slice(0, 2)).toEqual(['1.1', '规范摊位经营']);
    expect(row(6).slice(0, 2)).toEqual(['2', '背街小巷环境提升']);
    expect(row(7).slice(0, 2)).toEqual(['3', '公益广告刊播']);
    expect(ws.getRow(4).getCell(6).numFmt).toBe('yyyy-mm-dd');

    // Round trip: the export imports into another plan as it is.
    const copy = await office.post('/api/plans', {
      campaignId: t.campaignId,
      kind: 'special',
      parentId: planId,
      name: '背街小巷专项行动（副本）',
    });
    const again = await upload(office, copy.body.id, file.raw);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toEqual({ created: 4, updated: 0 });
    const copied = await office.get(`/api/plans/${copy.body.id}`);
    const strip = (xs: Array<Record<string, unknown>>) =>
      xs.map((x) => [x.code, x.title, x.measures, (x.leadUnit as { id: string }).id, x.startDate, x.dueDate, x.parentId ? 'child' : 'top']);
    expect(strip(copied.body.tasks)).toEqual(strip(after.body.tasks));

    // Units, leaders and other counties do not import.
    expect((await upload(unitA, importPlan, await xlsx([]))).status).toBe(403);
    expect((await upload(otherOffice, importPlan, await xlsx([]))).status).toBe(404);
    expect((await otherOffice.get(`/api/plans/${importPlan}/export.xlsx`)).status).toBe(404);
  });

  it('generates tasks from the standards decomposition, idempotently', async () => {
    const rows: StandardRow[] = [
      [
        '和谐宜居的生活环境',
        '农贸市场管理',
        `GEN-${t.tag}-01`,
        '市场内无占道经营，商品摆放整齐',
        '材料审核',
        2,
        '',
        unitName('城管局'),
        unitName('市场监管局'),
        '否',
      ],
      ['和谐宜居的生活环境', '公共卫生', `GEN-${t.tag}-02`, '公厕干净整洁，无异味', '材料审核', 2, '', unitName('市场监管局'), '', '否'],
      ['和谐宜居的生活环境', '宣传氛围', `GEN-${t.tag}-03`, '公益广告刊播规范', '材料审核', 1, '', '', '', '否'],
    ];
    const { standards } = await makeStandardsVersion(t, rows);
    const res = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'special', parentId: planId, name: '测评标准任务分解' });
    const gen = res.body.id as string;
    const first = await office.post(`/api/plans/${gen}/generate`, { dueDate: '2026-12-31' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ created: 2, skipped: 0 });
    const second = await office.post(`/api/plans/${gen}/generate`, { dueDate: '2026-12-31' });
    expect(second.body).toEqual({ created: 0, skipped: 2 });
    const tree = await office.get(`/api/plans/${gen}`);
    expect(tree.body.tasks).toHaveLength(2);
    expect(tree.body.tasks[0]).toMatchObject({
      title: `农贸市场管理（GEN-${t.tag}-01）`,
      measures: '市场内无占道经营，商品摆放整齐',
      leadUnit: { id: t.unitAId },
      coopUnits: [{ id: t.unitBId }],
      standardIds: [standards.get(`GEN-${t.tag}-01`)],
      startDate: TODAY,
      dueDate: '2026-12-31',
    });
    expect(tree.body.tasks[1]).toMatchObject({ leadUnit: { id: t.unitBId }, coopUnits: [] });
    expect((await office.post(`/api/plans/${gen}/generate`, { dueDate: '2026-11-01' })).status).toBe(422);
    expect((await office.post(`/api/plans/${gen}/generate`, {})).status).toBe(400);
    expect((await leader.post(`/api/plans/${gen}/generate`, { dueDate: '2026-12-31' })).status).toBe(403);
  });

  it('computes 按期完成率 and 进度滞后数 on the set clock', async () => {
    const values = async (code: string, subjectType: string) => {
      const res = await office.get(`/api/indicators/${code}?period=2026-11&subjectType=${subjectType}&regionId=${t.countyId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return new Map(
        (res.body.items as Array<{ subjectId: string; value: number | null; numerator: number | null; denominator: number | null }>).map(
          (i) => [i.subjectId, i],
        ),
      );
    };
    const onTimeUnit = await values('tasks.on_time_rate', 'unit');
    expect(onTimeUnit.get(t.unitAId)).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(onTimeUnit.get(t.unitBId)).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    const onTimeCounty = await values('tasks.on_time_rate', 'county');
    expect(onTimeCounty.get(t.countyId)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(onTimeCounty.get(t.countyId)!.value).toBeCloseTo(0.3333, 4);
    const onTimeTown = await values('tasks.on_time_rate', 'town');
    expect(onTimeTown.get(t.townBId)).toMatchObject({ value: 0, denominator: 1 });
    expect(onTimeTown.get(t.townAId)?.value ?? null).toBeNull();

    const behindUnit = await values('tasks.behind_count', 'unit');
    expect(behindUnit.get(t.unitAId)?.value).toBe(2);
    expect(behindUnit.get(t.unitBId)?.value).toBe(0);
    const behindCounty = await values('tasks.behind_count', 'county');
    expect(behindCounty.get(t.countyId)?.value).toBe(2);

    const catalog = await office.get('/api/indicators');
    const byCode = new Map(catalog.body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('tasks.on_time_rate')).toMatchObject({ name: '任务按期完成率', unit: '%', subjectTypes: ['unit', 'town', 'county'] });
    expect(byCode.get('tasks.behind_count')).toMatchObject({ name: '任务进度滞后数', direction: 'lower' });
  });
});
