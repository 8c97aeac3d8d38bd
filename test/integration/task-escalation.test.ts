/**
 * The tasks sweep on a set clock: the month's reminder before the due day (once, in the app and by SMS to a head who
 * opted in), the missing-report notice after it, and a task past due escalating — 督办单 the day after, the responsible
 * leader ESCALATE_TO_LEADER_DAYS later (the office when the leader has no account); 汇报及时率 counts it against the unit.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPeriod } from '../../common/period';
import { sweepTasks } from '../../server/modules/plans/sweep-tasks';
import { systemActor } from '../../server/platform/actor';
import { findIndicator, indicatorQuery } from '../../server/platform/indicators';
import '../../server/modules/indicators/catalog';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

/** A task through the plans API (the office). */
async function makeTask(
  office: Client,
  planId: string,
  over: { title: string; leadUnitId: string; due: string; seq: number; leaderMemberId?: string },
) {
  const res = await office.post(`/api/plans/${planId}/tasks`, {
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

let t: Tenant;
let phone: string;
let taskE: string; // due 2026-12-10, leader with an account
let taskY: string; // due 2026-12-10, no responsible leader
let taskR: string; // runs to 2027, no report in December
let taskZ: string; // runs to 2027, reported on time
let unit: Client;
let unithead: Client;
let office: Client;
let leader: Client;

const at = async (day: string) => (await getHarness()).clock.set(new Date(`${day}T02:00:00Z`)); // 10:00 Beijing

/** Sweeps until nothing is left to do (the shared database may hold other tests' tasks); returns the first run's counts. */
async function sweep() {
  const { database, clock } = await getHarness();
  const ctx = { actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: 'test' } };
  const first = await sweepTasks(ctx);
  for (let i = 0, r = first; i < 20 && r.reminded + r.missing + r.escalated > 0; i += 1) r = await sweepTasks(ctx);
  return first;
}

const notices = async (c: Client, kind: string, text: string) =>
  ((await c.get('/api/notifications?pageSize=200')).body.items as Array<{ kind: string; title: string; body: string | null }>).filter(
    (n) => n.kind === kind && `${n.title}${n.body ?? ''}`.includes(text),
  );
const taskRow = async (id: string) =>
  (await getHarness()).database.db
    .selectFrom('tasks')
    .select(['escalation_level', 'escalated_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const sent = async (id: string, kind: string) =>
  (await getHarness()).database.db
    .selectFrom('task_notices')
    .selectAll()
    .where('task_id', '=', id)
    .where('kind', '=', kind as 'remind')
    .execute();

beforeAll(async () => {
  const { database } = await getHarness();
  await at('2026-12-09');
  t = await createTenant();
  office = await t.asScript('office');
  const plan = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '城市环境综合整治实施方案' });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const planId = plan.body.id as string;
  const leaderRes = await office.post(`/api/campaigns/${t.campaignId}/leading-group`, {
    name: '周国栋',
    post: '副县长',
    groupRole: 'deputy_leader',
    userId: t.users.leader.id,
  });
  expect(leaderRes.status, JSON.stringify(leaderRes.body)).toBe(201);
  const member = leaderRes.body as { id: string };
  const noAccountRes = await office.post(`/api/campaigns/${t.campaignId}/leading-group`, {
    name: '陈立新',
    post: '县委常委',
    groupRole: 'deputy_leader',
  });
  expect(noAccountRes.status, JSON.stringify(noAccountRes.body)).toBe(201);
  const noAccount = noAccountRes.body as { id: string };
  taskE = await makeTask(office, planId, {
    title: `城区公厕提档升级${t.tag}`,
    leadUnitId: t.unitAId,
    due: '2026-12-10',
    seq: 1,
    leaderMemberId: member.id,
  });
  taskY = await makeTask(office, planId, {
    title: `户外广告牌匾整治${t.tag}`,
    leadUnitId: t.unitAId,
    due: '2026-12-10',
    seq: 2,
    leaderMemberId: noAccount.id,
  });
  taskR = await makeTask(office, planId, { title: `建筑工地扬尘治理${t.tag}`, leadUnitId: t.unitAId, due: '2027-06-30', seq: 3 });
  taskZ = await makeTask(office, planId, { title: `渣土车辆规范运输${t.tag}`, leadUnitId: t.unitAId, due: '2027-06-30', seq: 4 });
  // The unit head opted in to 短信提醒 (a number of his own: phones are unique across the shared database).
  phone = `139${String(parseInt(t.tag, 16) % 100_000_000).padStart(8, '0')}`;
  await database.db.updateTable('users').set({ phone, sms_notices: true }).where('id', '=', t.users.unithead.id).execute();
  unit = await t.asScript('unit');
  unithead = await t.asScript('unithead');
  leader = await t.asScript('leader');
  const z = await unit.post(`/api/tasks/${taskZ}/progress`, {
    period: '2026-12',
    percent: 35,
    summary: '渣土车辆全部安装密闭装置，查处违规运输 12 起',
    fileIds: [],
  });
  expect(z.status).toBe(201);
});

describe(`tasks sweep (${engineName})`, () => {
  it('escalates a task past due: 督办单 the day after, the responsible leader 7 days later', async () => {
    await sweep();
    await at('2026-12-10'); // the due day itself
    await sweep();
    expect((await taskRow(taskE)).escalation_level).toBe(0);

    await at('2026-12-11');
    await sweep();
    await sweep();
    const e1 = await taskRow(taskE);
    expect(e1.escalation_level).toBe(1);
    expect(e1.escalated_at).not.toBeNull();
    const [notice] = await sent(taskE, 'escalate');
    expect(notice).toMatchObject({ key: '1' });
    expect(notice.code).toMatch(/^RWDB202612-\d{6}-\d{6}$/);
    expect(await sent(taskE, 'escalate')).toHaveLength(1);
    const sup = await notices(unit, 'supervised', `城区公厕提档升级${t.tag}`);
    expect(sup).toHaveLength(1);
    expect(sup[0].body).toContain(notice.code!);
    expect(await notices(office, 'supervised', `城区公厕提档升级${t.tag}`)).toHaveLength(1);
    expect(await notices(leader, 'escalated', `城区公厕提档升级${t.tag}`)).toHaveLength(0);

    await at('2026-12-17'); // six days on
    await sweep();
    expect((await taskRow(taskE)).escalation_level).toBe(1);

    await at('2026-12-18');
    await sweep();
    await sweep();
    expect((await taskRow(taskE)).escalation_level).toBe(2);
    expect(await notices(leader, 'escalated', `城区公厕提档升级${t.tag}`)).toHaveLength(1);
    // No account for Y's leader: the office is asked instead.
    expect((await taskRow(taskY)).escalation_level).toBe(2);
    expect(await notices(office, 'escalated', `户外广告牌匾整治${t.tag}`)).toHaveLength(1);
    expect(await notices(leader, 'escalated', `户外广告牌匾整治${t.tag}`)).toHaveLength(0);
    const events = await (
      await getHarness()
    ).database.db
      .selectFrom('task_events')
      .select(['action', 'note'])
      .where('task_id', '=', taskE)
      .where('action', '=', 'escalated')
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.note)).toEqual([`督办单 ${notice.code}`, '提请责任领导督办：责任领导周国栋']);
  });

  it('reminds the unit head once before the due day (in the app and by SMS), then notes the missing report', async () => {
    const { database } = await getHarness();
    await at('2026-12-21'); // four days before the 25th
    await sweep();
    expect(await sent(taskR, 'remind')).toHaveLength(0);

    await at('2026-12-22');
    await sweep();
    await sweep();
    expect(await sent(taskR, 'remind')).toHaveLength(1);
    expect(await sent(taskZ, 'remind')).toHaveLength(0); // reported already
    expect(await notices(unithead, 'task_reminder', `建筑工地扬尘治理${t.tag}`)).toHaveLength(1);
    expect(await notices(unit, 'task_reminder', `建筑工地扬尘治理${t.tag}`)).toHaveLength(0); // the head, not the liaison
    // One text per open task without a report (E, Y and R; not Z), not one per sweep; the body is not kept once sent.
    const sms = await database.db
      .selectFrom('message_outbox')
      .select(['recipient'])
      .where('user_id', '=', t.users.unithead.id)
      .where('purpose', '=', 'notice:task_reminder')
      .execute();
    expect(sms).toEqual([{ recipient: phone }, { recipient: phone }, { recipient: phone }]);

    await at('2026-12-25');
    await sweep();
    expect(await sent(taskR, 'missing')).toHaveLength(0);
    await at('2026-12-26');
    await sweep();
    await sweep();
    expect(await sent(taskR, 'missing')).toHaveLength(1);
    expect(await sent(taskZ, 'missing')).toHaveLength(0);
    expect(await notices(unit, 'overdue', `建筑工地扬尘治理${t.tag}`)).toHaveLength(1);
  });

  it('汇报及时率 counts missing reports against the lead unit', async () => {
    const { database, clock } = await getHarness();
    await at('2026-12-26');
    const def = findIndicator('tasks.report_on_time_rate')!;
    expect(def).toBeDefined();
    const q = indicatorQuery(toPeriod('2026-12'), 'unit', clock.now());
    const { rows } = await def.sql(q).execute(database.db);
    // E, Y, R and Z were due a December report; only Z came, on time.
    expect(rows.find((r) => r.subject_id === t.unitAId)).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(rows.find((r) => r.subject_id === t.unitBId)).toBeUndefined();
  });

  it('the month bulletin names the overdue tasks and the unit that did not report', async () => {
    await at('2026-12-26');
    const res = await office.request('GET', '/api/task-progress/bulletin.docx?period=2026-12');
    expect(res.status).toBe(200);
    if (process.env.BULLETIN_OUT) (await import('node:fs')).writeFileSync(process.env.BULLETIN_OUT, res.raw);
    const text = (await (await JSZip.loadAsync(res.raw)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('共有工作任务4项，已完成0项');
    expect(text).toContain('逾期未完成2项');
    expect(text).toContain('应报送进度4项（截止2026-12-25），按时报送1项，逾期报送0项，未报送3项，汇报及时率25.0%');
    expect(text).toContain(`城管局${t.tag}（3项）未报送2026年12月任务进度`);
    expect(text).toContain('2项任务已过完成时限仍未完成');
    expect(text).toContain(`城区公厕提档升级${t.tag}`);
  });
});
