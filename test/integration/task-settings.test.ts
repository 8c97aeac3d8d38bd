/**
 * 任务进度设置 (region-scoped, both engines) on a set clock in December 2026:
 * - reading, writing, validation and scope of GET /api/task-settings and PUT|DELETE /api/task-settings/regions/:id
 *   (the county office edits its county and towns; a town inherits the county's row until it sets its own; another
 *   county's region answers 404, a role without plans.manage 403; every write audited);
 * - the county sets 每月 20 日 (reminded 2 days before, 督办单 2 days past due, the leader 3 days after it): the
 *   reminder comes on the 18th (the other county, on the default 25th, is not reminded), a report on the 20th is on
 *   time and one on the 21st late, 汇报及时率 counts by the county's day, and a task due the 10th gets its 督办单 on the
 *   12th and goes to the leader on the 15th;
 * - project milestones: the owner unit is reminded N days before the planned date (the county's 5, a town's own 1),
 *   the office told once a milestone is overdue; once per milestone, idempotent.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPeriod } from '../../common/period';
import '../../server/modules/indicators/catalog';
import { sweepTasks } from '../../server/modules/plans/sweep-tasks';
import { sweepProjects } from '../../server/modules/projects/sweep-projects';
import { systemActor } from '../../server/platform/actor';
import { findIndicator, indicatorQuery } from '../../server/platform/indicators';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let o: Tenant;
let office: Client;
let leader: Client;
let unit: Client;
let unit2: Client;
let unithead: Client;
let otherOffice: Client;
let otherUnithead: Client;

const at = async (day: string) => (await getHarness()).clock.set(new Date(`${day}T02:00:00Z`)); // 10:00 Beijing
const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
const del = (c: Client, url: string) => c.request('DELETE', url);

const COUNTY = { progressDueDay: 20, remindDaysBefore: 2, escalateAfterDays: 2, leaderAfterDays: 3, milestoneRemindDays: 5 };

async function sysCtx() {
  const { database, clock } = await getHarness();
  return { actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: 'test' } };
}

/** Sweeps until nothing is left to do (the shared database may hold other tests' rows). */
async function sweep() {
  const ctx = await sysCtx();
  for (let i = 0, r = await sweepTasks(ctx); i < 20 && r.reminded + r.missing + r.escalated > 0; i += 1) r = await sweepTasks(ctx);
  for (let i = 0, r = await sweepProjects(ctx); i < 20 && r.reminded + r.overdue > 0; i += 1) r = await sweepProjects(ctx);
}

const notices = async (c: Client, kind: string, text: string) =>
  ((await c.get('/api/notifications?pageSize=200')).body.items as Array<{ kind: string; title: string; body: string | null }>).filter(
    (n) => n.kind === kind && `${n.title}${n.body ?? ''}`.includes(text),
  );

async function auditOf(action: string, subjectId: string) {
  return (await getHarness()).database.db
    .selectFrom('audit_events')
    .select(['action', 'subject_type'])
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
}

async function makeTask(
  c: Client,
  planId: string,
  over: { title: string; leadUnitId: string; due: string; seq: number; leaderMemberId?: string },
) {
  const res = await c.post(`/api/plans/${planId}/tasks`, {
    code: String(over.seq),
    title: over.title,
    measures: '明确责任人和时间节点，每周调度一次',
    leadUnitId: over.leadUnitId,
    leaderMemberId: over.leaderMemberId ?? null,
    startDate: '2026-10-01',
    dueDate: over.due,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  await at('2026-12-01');
  t = await createTenant();
  o = await createTenant();
  office = await t.asScript('office');
  leader = await t.asScript('leader');
  unit = await t.asScript('unit');
  unit2 = await t.asScript('unit2');
  unithead = await t.asScript('unithead');
  otherOffice = await o.asScript('office');
  otherUnithead = await o.asScript('unithead');
}, 120_000);

describe(`任务进度设置 (${engineName})`, () => {
  it('reads the defaults, validates in Chinese, writes with a version and audits; towns inherit', async () => {
    const first = await office.get('/api/task-settings');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.region).toMatchObject({ id: t.countyId });
    expect(first.body.settings).toMatchObject({
      progressDueDay: 25,
      remindDaysBefore: 3,
      escalateAfterDays: 1,
      leaderAfterDays: 7,
      milestoneRemindDays: 3,
      regionId: null,
      inherited: true,
      version: null,
    });
    expect(first.body.abilities).toEqual({ update: true, reset: false });

    const url = `/api/task-settings/regions/${t.countyId}`;
    const tooLate = await put(office, url, { ...COUNTY, progressDueDay: 29, version: null });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.message).toContain('每月报送日不能大于 28 日');
    const tooEarly = await put(office, url, { ...COUNTY, remindDaysBefore: 11, version: null });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.message).toContain('报送前提醒天数不能大于 10 天');
    const half = await put(office, url, { ...COUNTY, leaderAfterDays: 1.5, version: null });
    expect(half.status).toBe(400);
    expect(half.body.error.message).toContain('须为整数');
    const missing = await put(office, url, { progressDueDay: 20, version: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('请填写');
    expect(await auditOf('task_settings.updated', t.countyId)).toHaveLength(0);

    const set = await put(office, url, { ...COUNTY, version: null });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.settings).toMatchObject({ ...COUNTY, regionId: t.countyId, inherited: false, version: 1 });
    expect(set.body.abilities).toEqual({ update: true, reset: true });
    // A second creator, and a stale version, lose with 409.
    expect((await put(office, url, { ...COUNTY, version: null })).status).toBe(409);
    expect((await put(office, url, { ...COUNTY, progressDueDay: 21, version: 7 })).status).toBe(409);
    const again = await put(office, url, { ...COUNTY, version: 1 });
    expect(again.status).toBe(200);
    expect(again.body.settings.version).toBe(2);
    const audit = await auditOf('task_settings.updated', t.countyId);
    expect(audit).toHaveLength(2);
    expect(audit[0].subject_type).toBe('region');

    // A town inherits the county's values, then overrides one and resets it.
    const town = await office.get(`/api/task-settings?regionId=${t.townAId}`);
    expect(town.status).toBe(200);
    expect(town.body.settings).toMatchObject({ ...COUNTY, regionId: t.countyId, regionName: `测试县${t.tag}`, inherited: true });
    const townUrl = `/api/task-settings/regions/${t.townAId}`;
    const own = await put(office, townUrl, { ...COUNTY, milestoneRemindDays: 1, version: null });
    expect(own.status).toBe(200);
    expect(own.body.settings).toMatchObject({ milestoneRemindDays: 1, regionId: t.townAId, inherited: false });
    expect((await del(office, townUrl)).status).toBe(204);
    expect((await del(office, townUrl)).status).toBe(404);
    expect((await office.get(`/api/task-settings?regionId=${t.townAId}`)).body.settings).toMatchObject({
      milestoneRemindDays: 5,
      inherited: true,
    });
    expect(await auditOf('task_settings.reset', t.townAId)).toHaveLength(1);
  });

  it('scope: the office of the region edits; another county 404, other roles 403, a unit reads its own region', async () => {
    const url = `/api/task-settings/regions/${t.countyId}`;
    const before = (await office.get('/api/task-settings')).body.settings;
    // Another county's office: the region does not exist for it (read and write).
    expect((await otherOffice.get(`/api/task-settings?regionId=${t.countyId}`)).status).toBe(404);
    expect((await put(otherOffice, url, { ...COUNTY, progressDueDay: 5, version: 2 })).status).toBe(404);
    expect((await del(otherOffice, url)).status).toBe(404);
    // Leaders read but do not edit; 三员 hold no plans permission at all.
    const leaderRead = await leader.get('/api/task-settings');
    expect(leaderRead.status).toBe(200);
    expect(leaderRead.body.abilities.update).toBe(false);
    expect((await put(leader, url, { ...COUNTY, version: 2 })).status).toBe(403);
    expect((await (await t.as('admin')).get('/api/task-settings')).status).toBe(403);
    // The unit's head and liaison read the values that apply to their unit (我的任务 shows the due day), nothing else.
    const mine = await unithead.get('/api/task-settings');
    expect(mine.status).toBe(200);
    expect(mine.body.settings.progressDueDay).toBe(20);
    expect(mine.body.abilities).toEqual({ update: false, reset: false });
    expect((await unit.get(`/api/task-settings?regionId=${o.countyId}`)).status).toBe(404);
    expect((await put(unit, url, { ...COUNTY, version: 2 })).status).toBe(403);
    expect((await otherUnithead.get('/api/task-settings')).body.settings.progressDueDay).toBe(25);
    // Nothing changed.
    expect((await office.get('/api/task-settings')).body.settings).toEqual(before);
  });

  it('the county’s due day 20: reminded on the 18th, late on the 21st, escalated by its days', async () => {
    const { database, clock } = await getHarness();
    const plan = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '城乡环境卫生整洁行动实施方案' });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const member = await office.post(`/api/campaigns/${t.campaignId}/leading-group`, {
      name: '周国栋',
      post: '副县长',
      groupRole: 'deputy_leader',
      userId: t.users.leader.id,
    });
    expect(member.status).toBe(201);
    const taskE = await makeTask(office, plan.body.id, {
      title: `背街小巷路面修补${t.tag}`,
      leadUnitId: t.unitAId,
      due: '2026-12-10',
      seq: 1,
      leaderMemberId: member.body.id,
    });
    const taskR = await makeTask(office, plan.body.id, {
      title: `农贸市场周边秩序整治${t.tag}`,
      leadUnitId: t.unitAId,
      due: '2027-06-30',
      seq: 2,
    });
    const taskZ = await makeTask(office, plan.body.id, {
      title: `主次干道占道经营治理${t.tag}`,
      leadUnitId: t.unitAId,
      due: '2027-06-30',
      seq: 3,
    });
    // The other county keeps the default calendar (25th, reminded 3 days before).
    const oPlan = await otherOffice.post('/api/plans', { campaignId: o.campaignId, kind: 'plan', name: '城乡环境卫生整洁行动实施方案' });
    const taskO = await makeTask(otherOffice, oPlan.body.id, {
      title: `城区绿化补植${o.tag}`,
      leadUnitId: o.unitAId,
      due: '2027-06-30',
      seq: 1,
    });
    const level = async (id: string) =>
      (await database.db.selectFrom('tasks').select('escalation_level').where('id', '=', id).executeTakeFirstOrThrow()).escalation_level;

    // 督办单 two days past the 10th, the leader three days after it.
    await at('2026-12-11');
    await sweep();
    expect(await level(taskE)).toBe(0);
    await at('2026-12-12');
    await sweep();
    expect(await level(taskE)).toBe(1);
    const sup = await notices(unit, 'supervised', `背街小巷路面修补${t.tag}`);
    expect(sup).toHaveLength(1);
    expect(sup[0].body).toContain('3 日内仍未完成将提请责任领导督办');
    await at('2026-12-14');
    await sweep();
    expect(await level(taskE)).toBe(1);
    await at('2026-12-15');
    await sweep();
    expect(await level(taskE)).toBe(2);
    expect(await notices(leader, 'escalated', `背街小巷路面修补${t.tag}`)).toHaveLength(1);

    // Reminders: from the 18th (20 − 2), not the 22nd; the other county not yet.
    await at('2026-12-17');
    await sweep();
    expect(await notices(unithead, 'task_reminder', `农贸市场周边秩序整治${t.tag}`)).toHaveLength(0);
    await at('2026-12-18');
    await sweep();
    await sweep();
    const reminded = await notices(unithead, 'task_reminder', `农贸市场周边秩序整治${t.tag}`);
    expect(reminded).toHaveLength(1);
    expect(reminded[0].title).toContain('请于 2026-12-20 前报送');
    expect(await notices(otherUnithead, 'task_reminder', `城区绿化补植${o.tag}`)).toHaveLength(0);

    // On the 20th on time; on the 21st late.
    await at('2026-12-20');
    const onTime = await unit.post(`/api/tasks/${taskZ}/progress`, {
      period: '2026-12',
      percent: 40,
      summary: '取缔占道摊点 36 处',
      fileIds: [],
    });
    expect(onTime.status, JSON.stringify(onTime.body)).toBe(201);
    await at('2026-12-21');
    const late = await unit.post(`/api/tasks/${taskR}/progress`, {
      period: '2026-12',
      percent: 30,
      summary: '设置临时疏导点 2 处',
      fileIds: [],
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    const lateOf = async (id: string) =>
      (await database.db.selectFrom('task_progress').select('late').where('task_id', '=', id).executeTakeFirstOrThrow()).late;
    expect(await lateOf(taskZ)).toBe(false);
    expect(await lateOf(taskR)).toBe(true);
    // The other county's unit reports on the 21st: on time by its 25th.
    const oUnit = await o.asScript('unit');
    const oReport = await oUnit.post(`/api/tasks/${taskO}/progress`, {
      period: '2026-12',
      percent: 20,
      summary: '补植行道树 120 株',
      fileIds: [],
    });
    expect(oReport.status).toBe(201);
    expect(await lateOf(taskO)).toBe(false);

    // After the 20th: E (no report) is noted missing; R and Z reported.
    await sweep();
    expect(await notices(unit, 'overdue', `背街小巷路面修补${t.tag}`)).toHaveLength(1);
    expect(await notices(unit, 'overdue', `农贸市场周边秩序整治${t.tag}`)).toHaveLength(0);

    // 汇报及时率 by the county's day: Z on time, R late, E missing → 1/3; the other county's month is not due yet.
    const def = findIndicator('tasks.report_on_time_rate')!;
    const { rows } = await def.sql(indicatorQuery(toPeriod('2026-12'), 'unit', clock.now())).execute(database.db);
    expect(rows.find((r) => r.subject_id === t.unitAId)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(rows.find((r) => r.subject_id === o.unitAId)).toBeUndefined();

    // The month's progress table (.xlsx) names the county's due day.
    const xlsx = await office.request('GET', '/api/task-progress/export.xlsx?period=2026-12');
    expect(xlsx.status).toBe(200);
    const zip = await JSZip.loadAsync(xlsx.raw);
    const xml = (
      await Promise.all(
        Object.values(zip.files)
          .filter((f) => f.name.endsWith('.xml'))
          .map((f) => f.async('string')),
      )
    ).join('');
    expect(xml).toContain('报送截止：2026-12-20');
  });

  it('project milestones: the owner unit reminded by the region’s lead days, the office told once overdue', async () => {
    const { database } = await getHarness();
    await at('2026-12-01');
    // 城关镇 sets its own lead time of 1 day; 河西镇 inherits the county's 5.
    const townUrl = `/api/task-settings/regions/${t.townAId}`;
    expect((await put(office, townUrl, { ...COUNTY, milestoneRemindDays: 1, version: null })).status).toBe(200);
    const project = async (regionId: string, name: string, ownerUnitId: string, dates: Array<[string, string | null]>) => {
      const res = await office.post('/api/projects', {
        regionId,
        name,
        type: 'park',
        address: '解放路 18 号',
        ownerUnitId,
        investmentPlanned: 3_000_000,
        investmentSpent: 500_000,
        handoverDate: dates[5][0],
        campaignId: t.campaignId,
        milestones: ['approval', 'design', 'start', 'structure', 'acceptance', 'handover'].map((kind, i) => ({
          kind,
          plannedDate: dates[i][0],
          actualDate: dates[i][1],
        })),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; milestones: Array<{ id: string; kind: string; version: number }> };
    };
    const pa = await project(t.townAId, `城关镇滨河游园${t.tag}`, t.unitAId, [
      ['2026-11-01', '2026-11-01'],
      ['2026-12-05', null],
      ['2026-12-20', null],
      ['2027-02-01', null],
      ['2027-03-01', null],
      ['2027-03-31', null],
    ]);
    const pb = await project(t.townBId, `河西镇农贸市场改造${t.tag}`, t.unitBId, [
      ['2026-10-01', '2026-10-01'],
      ['2026-11-01', '2026-11-02'],
      ['2026-12-20', null],
      ['2027-02-01', null],
      ['2027-03-01', null],
      ['2027-03-31', null],
    ]);
    const sentOf = async (milestoneId: string) =>
      database.db.selectFrom('project_notices').select(['kind', 'key']).where('milestone_id', '=', milestoneId).execute();
    const ms = (p: typeof pa, kind: string) => p.milestones.find((m) => m.kind === kind)!;

    await at('2026-12-14');
    await sweep();
    // PA's 设计 (planned 12-05) is overdue: the office is told once.
    const overdue = await notices(office, 'project', `城关镇滨河游园${t.tag}（设计）`);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].title).toBe(`项目节点逾期：城关镇滨河游园${t.tag}（设计）`);
    expect(await sentOf(ms(pa, 'design').id)).toEqual([{ kind: 'overdue', key: '2026-12-05' }]);
    expect(await notices(unit2, 'project', '开工节点')).toHaveLength(0); // 12-20 − 5 = 12-15

    await at('2026-12-15');
    await sweep();
    await sweep();
    // PB (河西镇, the county's 5 days): its owner unit (no head: the liaison) is reminded of 开工; PA (1 day) not yet.
    const pbRemind = await notices(unit2, 'project', `河西镇农贸市场改造${t.tag}：开工节点`);
    expect(pbRemind).toHaveLength(1);
    expect(pbRemind[0].title).toContain('计划 2026-12-20 完成');
    expect(await notices(unithead, 'project', `城关镇滨河游园${t.tag}：开工节点`)).toHaveLength(0);

    await at('2026-12-19');
    await sweep();
    await sweep();
    expect(await notices(unithead, 'project', `城关镇滨河游园${t.tag}：开工节点`)).toHaveLength(1);
    expect(await notices(unit, 'project', `城关镇滨河游园${t.tag}：开工节点`)).toHaveLength(0); // the head, not the liaison

    // 设计 reached: nothing more about it; the rest once each however often the sweep runs.
    const design = ms(pa, 'design');
    const done = await put(office, `/api/projects/${pa.id}/milestones/${design.id}`, {
      plannedDate: '2026-12-05',
      actualDate: '2026-12-18',
      version: design.version,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await at('2026-12-21');
    await sweep();
    await sweep();
    expect(await notices(office, 'project', `城关镇滨河游园${t.tag}（设计）`)).toHaveLength(1);
    expect(await notices(office, 'project', `城关镇滨河游园${t.tag}（开工）`)).toHaveLength(1);
    expect(await notices(office, 'project', `河西镇农贸市场改造${t.tag}（开工）`)).toHaveLength(1);
    expect(await sentOf(ms(pb, 'start').id)).toEqual(
      expect.arrayContaining([
        { kind: 'remind', key: '2026-12-20' },
        { kind: 'overdue', key: '2026-12-20' },
      ]),
    );
    expect(await sentOf(ms(pb, 'start').id)).toHaveLength(2);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', 'in', [pa.id, pb.id])
      .where('action', 'in', ['project.milestone_reminded', 'project.milestone_overdue'])
      .execute();
    expect(audit.filter((a) => a.action === 'project.milestone_reminded')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'project.milestone_overdue')).toHaveLength(3);
  });
});
