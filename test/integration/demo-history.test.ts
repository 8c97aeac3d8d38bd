/**
 * The demo's story (server/setup/demo/seed-history.ts) on a fresh embedded database: the demo county, then three months
 * of history through the real commands. Checks what the story promises — problems in every state with photos and
 * timelines, overdue and 督办 cases, a released 暗访 round with findings, three published months with red and black
 * lists and an answered 申诉 each, the other counties and the city office, whose run ranks the counties — that every
 * action the story wanted was accepted, that the audit chain still verifies, and that a second run changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodOf, previousPeriod } from '../../common/period';
import { TASK_STATUSES, taskStatus } from '../../common/tasks';
import { buildApp } from '../../server/app';
import { verifyAuditChain } from '../../server/platform/audit';
import { FixedClock } from '../../server/platform/clock';
import { openDatabase, type Database } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { LocalDiskStorage } from '../../server/platform/storage';
import { loadReferenceData } from '../../server/reference-data';
import { DEMO_PASSWORD, seedDemo } from '../../server/setup/demo/seed-demo';
import { seedHistory, type HistorySummary } from '../../server/setup/demo/seed-history';
import { Client } from '../support/client';

// A fixed "today" in the middle of a month, so the story and its numbers are the same on every run.
const NOW = new Date('2026-12-09T06:00:00Z');
let database: Database;
let app: FastifyInstance;
let summary: HistorySummary;
let filesDir = '';

const count = async (query: string) => (await sql<{ n: number }>`${sql.raw(query)}`.execute(database.db)).rows[0]!.n;

/**
 * On PostgreSQL (TEST_DATABASE_URL) the story runs in a database of its own, made here and dropped afterwards: the demo
 * county's fixed codes and accounts cannot share the suite's database with other workers' tenants.
 */
let scratchDb: { admin: string; name: string } | null = null;
async function scratchDatabaseUrl(): Promise<string | undefined> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `cc_demo_history_${process.pid}_${Date.now()}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const maintenance = await openDatabase({ url: admin.toString(), poolSize: 1 });
  await sql.raw(`create database "${name}"`).execute(maintenance.db);
  await maintenance.close();
  scratchDb = { admin: admin.toString(), name };
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  database = await openDatabase({ url: await scratchDatabaseUrl(), dataDir: 'memory://', poolSize: 2 });
  await migrate(database.db);
  await loadReferenceData(database.db);
  const clock = new FixedClock(new Date(NOW.getTime() - 100 * 24 * 3600_000));
  await seedDemo(database.db, clock);
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-demo-history-'));
  clock.set(NOW);
  summary = (await seedHistory(database.db, { storage: new LocalDiskStorage(filesDir), now: NOW }))!;
  app = await buildApp({ database, clock, logLevel: 'silent', serveWeb: false, filesDir });
  await app.ready();
}, 600_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (scratchDb) {
    const admin = await openDatabase({ url: scratchDb.admin, poolSize: 1 });
    await sql.raw(`drop database if exists "${scratchDb.name}"`).execute(admin.db);
    await admin.close();
  }
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('demo history', () => {
  it('every action the story wanted was accepted by its command', () => {
    expect(summary.refused).toEqual([]);
    expect(summary.problems).toBeGreaterThanOrEqual(150);
    expect(summary.problems).toBeLessThanOrEqual(300);
    expect(summary.rounds).toBe(5);
  });

  it('has problems in every state, with photos, timelines, overdue and 督办 cases', async () => {
    for (const state of ['pending', 'accepted', 'dispatched', 'rectifying', 'verifying', 'closed', 'rejected'])
      expect(await count(`select count(*)::int as n from problems where state = '${state}'`), state).toBeGreaterThan(0);
    // 退回 (a unit sent it back), 核查不通过 (rework), 反弹 (relapse), extensions
    expect(await count(`select count(*)::int as n from problem_events where action = 'dispute'`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from problems where rework_count > 0`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from problems where relapsed_from is not null`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from problem_events where action = 'approve_extension'`)).toBeGreaterThan(0);
    // 超期 now, and 督办单 issued by the sweep at the deadline
    expect(
      await count(
        `select count(*)::int as n from problems where state in ('dispatched','rectifying') and deadline < '${NOW.toISOString()}'`,
      ),
    ).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from supervision_notices`)).toBeGreaterThan(5);
    // photos (report, rectification, findings) and timelines several entries long
    expect(await count(`select count(distinct problem_id)::int as n from problem_photos`)).toBeGreaterThan(100);
    expect(await count(`select count(*)::int as n from problem_events`)).toBeGreaterThan(summary.problems * 3);
    // the other counties have problems of their own
    expect(
      await count(
        `select count(*)::int as n from problems p join regions r on r.id = p.region_id where r.path like (select path from regions where code = '139902') || '%'`,
      ),
    ).toBeGreaterThan(5);
  });

  it('has rounds with visits: 暗访 released with findings, one under way', async () => {
    expect(await count(`select count(*)::int as n from inspection_rounds where is_covert and released_at is not null`)).toBe(2);
    expect(await count(`select count(*)::int as n from inspection_rounds where is_covert and released_at is null`)).toBe(1);
    expect(await count(`select count(*)::int as n from inspection_rounds where not is_covert`)).toBe(2);
    expect(
      await count(
        `select count(*)::int as n from inspection_results x join inspection_visits v on v.id = x.visit_id join inspection_rounds r on r.id = v.round_id where r.is_covert and r.released_at is not null and x.verdict = 'fail'`,
      ),
    ).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from inspection_visits`)).toBeGreaterThan(40);
    expect(await count(`select count(*)::int as n from material_submissions where status = 'passed'`)).toBeGreaterThan(20);
    expect(await count(`select count(*)::int as n from material_submissions where status = 'returned'`)).toBeGreaterThanOrEqual(0);
  });

  it('publishes the three past months with red and black lists and answered objections; the current month is a draft', async () => {
    const current = periodOf('month', NOW);
    const months = [
      previousPeriod(previousPeriod(previousPeriod(current))),
      previousPeriod(previousPeriod(current)),
      previousPeriod(current),
    ].map(formatPeriod);
    const runs = (
      await sql<{ id: string; period: string; state: string }>`
        select r.id, r.period, r.state from evaluation_runs r join evaluation_schemes s on s.id = r.scheme_id
        where s.name = '全国文明城市创建工作月度考核' order by r.period`.execute(database.db)
    ).rows;
    expect(runs.map((r) => [r.period, r.state])).toEqual([...months.map((m) => [m, 'published']), [formatPeriod(current), 'draft']]);
    for (const r of runs.slice(0, 3)) {
      for (const group of ['县直部门', '乡镇街道', '窗口单位']) {
        const lists = (
          await sql<{ list: string | null }>`select list from evaluation_results where run_id = ${r.id} and group_name = ${group}`.execute(
            database.db,
          )
        ).rows.map((x) => x.list);
        expect(lists, `${r.period} ${group}`).toContain('red');
        expect(lists, `${r.period} ${group}`).toContain('black');
      }
      expect(await count(`select count(*)::int as n from evaluation_objections where run_id = '${r.id}' and state <> 'pending'`)).toBe(1);
    }
    // the unit's own account sees the published ranking
    const unit = await new Client(app).login('unit', DEMO_PASSWORD);
    const res = await unit.get(`/api/evaluation/runs/${runs[2]!.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { name: string }) => g.name)).toEqual(['县直部门', '乡镇街道', '窗口单位']);
  });

  it('has the other counties and the city office, who ranks the counties', async () => {
    expect(await count(`select count(*)::int as n from regions where level = 'county'`)).toBe(3);
    const city = await new Client(app).login('city', DEMO_PASSWORD);
    const runs = await city.get('/api/evaluation/runs?pageSize=50');
    expect(runs.status).toBe(200);
    const cityRuns = (
      await sql<{ id: string; period: string; state: string }>`
        select r.id, r.period, r.state from evaluation_runs r join evaluation_schemes s on s.id = r.scheme_id
        where s.name = '各县（区）创建工作月度考核' order by r.period`.execute(database.db)
    ).rows;
    expect(cityRuns.map((r) => r.state)).toEqual(['published', 'published']);
    const results = await city.get(`/api/evaluation/runs/${cityRuns[1]!.id}/results`);
    expect(results.status).toBe(200);
    const items = results.body.groups[0].items as Array<{ subjectName: string; rank: number; list: string | null }>;
    expect(items.map((i) => i.subjectName).sort()).toEqual(['临河县', '示范县', '青山区'].sort());
    expect(items.filter((i) => i.list === 'red')).toHaveLength(1);
    expect(items.filter((i) => i.list === 'black')).toHaveLength(1);
    // a county office sees its own county's problems, not another county's
    const office2 = await new Client(app).login('office2', DEMO_PASSWORD);
    const list = await office2.get('/api/problems?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.items.every((p: { code: string }) => p.code.includes('-139902-'))).toBe(true);
  });

  it('has 问卷调查: the wave of last month closed with interviews in every town (白塔乡 weakest on 知晓率), this month open and about half done', async () => {
    const waves = (
      await sql<{ id: string; name: string; state: string; target_size: number; done: number }>`
        select w.id, w.name, w.state, w.target_size,
          (select count(*)::int from survey_responses r where r.wave_id = w.id and r.eligible and r.mode = 'interview') as done
        from survey_waves w order by w.starts_on`.execute(database.db)
    ).rows;
    expect(waves.map((w) => [w.name, w.state])).toEqual([
      ['2026年11月群众满意度调查', 'closed'],
      ['2026年12月群众满意度调查', 'open'],
    ]);
    expect(waves[0]!.done).toBeGreaterThanOrEqual(150);
    expect(waves[0]!.done).toBeLessThanOrEqual(300);
    expect(waves[1]!.done).toBeGreaterThan(0);
    expect(waves[1]!.done).toBeLessThan(waves[1]!.target_size);
    const office = await new Client(app).login('office', DEMO_PASSWORD);
    const res = await office.get(`/api/surveys/waves/${waves[0]!.id}/results?groupBy=town`);
    expect(res.status).toBe(200);
    const towns = res.body.rates as Array<{ name: string; n: number; awareness: number; satisfaction: number }>;
    expect(towns).toHaveLength(10);
    expect(towns.every((t) => t.n > 0)).toBe(true);
    const weakest = [...towns].sort((a, b) => a.awareness - b.awareness)[0]!;
    expect(weakest.name).toBe('白塔乡');
    expect(res.body.total.awareness).toBeGreaterThan(weakest.awareness + 0.15);
    // The interviewers: the inspector, the volunteer and the grid worker.
    expect(await count(`select count(distinct interviewer_id)::int as n from survey_responses where wave_id = '${waves[0]!.id}'`)).toBe(3);
  });

  it('has the 实施方案 with two 专项行动 and tasks in every status today, monthly reports in every state with evidence', async () => {
    const today = '2026-12-09';
    const plans = (
      await sql<{ name: string; kind: string; parent: string | null }>`
        select p.name, p.kind, q.name as parent from plans p left join plans q on q.id = p.parent_id
        join regions r on r.id = p.region_id where r.code = '139901' order by p.sort, p.name`.execute(database.db)
    ).rows;
    expect(plans.map((p) => [p.kind, p.name])).toEqual([
      ['plan', '示范县创建全国文明城市三年行动实施方案（2024—2026年）'],
      ['special', '城乡环境卫生整治专项行动'],
      ['special', '交通秩序整治专项行动'],
    ]);
    expect(plans.slice(1).every((p) => p.parent === plans[0]!.name)).toBe(true);
    const tasks = (
      await sql<{
        id: string;
        code: string;
        start_date: string;
        due_date: string;
        baseline_due: string;
        percent: number;
        completed_at: Date | null;
        escalation_level: number;
        leader_member_id: string | null;
        coop: number;
      }>`select t.id, t.code, t.start_date, t.due_date, t.baseline_due, t.percent, t.completed_at, t.escalation_level,
            t.leader_member_id, jsonb_array_length(t.coop_unit_ids)::int as coop
          from tasks t join plans p on p.id = t.plan_id join regions r on r.id = p.region_id
          where r.code = '139901' order by p.sort, t.seq`.execute(database.db)
    ).rows;
    expect(tasks.length).toBeGreaterThanOrEqual(20);
    expect(tasks.length).toBeLessThanOrEqual(25);
    const status = new Map(
      tasks.map((t) => [
        t.id,
        taskStatus({ startDate: t.start_date, dueDate: t.due_date, percent: t.percent, completedAt: t.completed_at }, today),
      ]),
    );
    const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, [...status.values()].filter((x) => x === s).length]));
    for (const s of TASK_STATUSES) expect(byStatus[s], s).toBeGreaterThanOrEqual(2);
    // sub-tasks (1.1 under 1), every task with a responsible leader and cooperating units, one due date moved (baseline kept)
    expect(tasks.some((t) => t.code.includes('.'))).toBe(true);
    expect(tasks.every((t) => t.leader_member_id && t.coop > 0)).toBe(true);
    expect(tasks.filter((t) => t.baseline_due !== t.due_date)).toHaveLength(1);
    // The approved percent is the latest approved report's; a task is done when its 100 % report was approved.
    const reports = (
      await sql<{
        task_id: string;
        period: string;
        percent: number;
        state: string;
        review_comment: string | null;
        files: number;
        submissions: number;
        late: boolean;
      }>`
        select x.task_id, x.period, x.percent, x.state, x.review_comment, jsonb_array_length(x.file_ids)::int as files, x.submissions, x.late
        from task_progress x join tasks t on t.id = x.task_id join plans p on p.id = t.plan_id join regions r on r.id = p.region_id
        where r.code = '139901' order by x.task_id, x.period`.execute(database.db)
    ).rows;
    for (const t of tasks) {
      const approved = reports.filter((r) => r.task_id === t.id && r.state === 'approved').pop();
      expect(t.percent, t.code).toBe(approved?.percent ?? 0);
      expect(!!t.completed_at, t.code).toBe(t.percent === 100);
    }
    expect(new Set(reports.map((r) => r.period))).toEqual(new Set(['2026-09', '2026-10', '2026-11']));
    for (const state of ['approved', 'returned', 'submitted'])
      expect(reports.filter((r) => r.period === '2026-11' && r.state === state).length, state).toBeGreaterThan(0);
    expect(reports.filter((r) => r.state === 'returned').every((r) => (r.review_comment ?? '').length > 5)).toBe(true);
    expect(reports.some((r) => r.state === 'approved' && r.submissions === 2)).toBe(true);
    expect(reports.some((r) => r.late)).toBe(true);
    expect(reports.every((r) => r.files > 0)).toBe(true);
    // not started: no report; overdue: escalated (督办单), the oldest ones to the responsible leader
    for (const t of tasks) {
      if (status.get(t.id) === 'not_started')
        expect(
          reports.filter((r) => r.task_id === t.id),
          t.code,
        ).toEqual([]);
      if (status.get(t.id) === 'overdue') expect(t.escalation_level, t.code).toBeGreaterThanOrEqual(1);
    }
    expect(tasks.some((t) => t.escalation_level === 2)).toBe(true);
    expect(await count(`select count(*)::int as n from task_notices where kind = 'escalate'`)).toBeGreaterThanOrEqual(4);

    // Through the API: the office's tree, and the unit's own tasks (城管局 leads several).
    const office = await new Client(app).login('office', DEMO_PASSWORD);
    const list = await office.get('/api/plans');
    expect(list.status).toBe(200);
    const main = list.body.items.find((p: { kind: string }) => p.kind === 'plan');
    const tree = await office.get(`/api/plans/${main.id}`);
    expect(tree.status).toBe(200);
    expect(tree.body.subPlans).toHaveLength(2);
    const unit = await new Client(app).login('unit', DEMO_PASSWORD);
    const mine = await unit.get('/api/tasks?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(5);
  });

  it('has three projects — a 花海, a park, a market — with six milestones, photos per stage and hand-overs ahead', async () => {
    const projects = (
      await sql<{
        id: string;
        name: string;
        type: string;
        handover_date: string;
        lat: number;
        lng: number;
        spent: number;
        planned: number;
      }>`
        select p.id, p.name, p.type, p.handover_date, p.lat, p.lng, p.investment_spent::float as spent, p.investment_planned::float as planned
        from projects p join regions r on r.id = p.region_id where r.code = '139901' order by p.name`.execute(database.db)
    ).rows;
    expect(projects.map((p) => p.type).sort()).toEqual(['flower_sea', 'market', 'park']);
    for (const p of projects) {
      expect(p.handover_date > '2026-12-09' && p.handover_date <= '2027-03-31', p.name).toBe(true);
      expect(Math.abs(p.lat - 39.115)).toBeLessThan(0.05);
      expect(Math.abs(p.lng - 116.485)).toBeLessThan(0.05);
      expect(p.spent).toBeGreaterThan(0);
      expect(p.spent).toBeLessThan(p.planned);
      const ms = (
        await sql<{ kind: string; planned_date: string; actual_date: string | null }>`
          select kind, planned_date, actual_date from project_milestones where project_id = ${p.id}`.execute(database.db)
      ).rows;
      expect(ms, p.name).toHaveLength(6);
      expect(
        ms.some((m) => m.actual_date),
        p.name,
      ).toBe(true);
      expect(await count(`select count(*)::int as n from project_photos where project_id = '${p.id}'`), p.name).toBeGreaterThanOrEqual(2);
    }
    // one milestone late (planned date passed, not reached); photos in more than one stage
    expect(
      await count(
        `select count(*)::int as n from project_milestones m join projects p on p.id = m.project_id join regions r on r.id = p.region_id
         where r.code = '139901' and m.actual_date is null and m.planned_date < '2026-12-09'`,
      ),
    ).toBe(1);
    expect(await count(`select count(distinct stage)::int as n from project_photos`)).toBe(3);
    const office = await new Client(app).login('office', DEMO_PASSWORD);
    const res = await office.get('/api/projects');
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ name: string; daysToHandover: number; status: string; milestones: unknown[] }>;
    expect(items).toHaveLength(3);
    expect(items.every((i) => i.daysToHandover > 0 && i.milestones.length === 6)).toBe(true);
    expect(items.map((i) => i.status).sort()).toEqual(['behind', 'on_track', 'on_track']);
  });

  it('has 志愿之城: the team tree, the practice network, population, volunteers at ★1 and ★2, applications waiting and activities ahead with a waiting list', async () => {
    const office = await new Client(app).login('office', DEMO_PASSWORD);
    const teams = (await office.get('/api/volunteers/teams')).body.items as Array<{
      id: string;
      parentId: string | null;
      kind: string;
      name: string;
      admins: Array<{ name: string }>;
    }>;
    const corps = teams.find((t) => t.name === '示范县志愿服务总队')!;
    expect(corps.kind).toBe('corps');
    expect(corps.parentId).toBeNull();
    const under = (id: string) => teams.filter((t) => t.parentId === id);
    expect(
      under(corps.id)
        .filter((t) => t.kind === 'detachment')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['关爱帮扶志愿服务支队', '文明交通志愿服务支队', '理论宣讲志愿服务支队', '生态环保志愿服务支队'].sort());
    expect(
      under(corps.id)
        .filter((t) => t.kind === 'specialist')
        .map((t) => t.name),
    ).toEqual(['应急救援志愿服务队']);
    expect(teams.filter((t) => t.kind === 'squad')).toHaveLength(2);
    expect(teams.every((t) => t.admins.length > 0)).toBe(true);
    expect(corps.admins.map((a) => a.name)).toEqual(['苏小雨']);

    const stations = (await office.get('/api/volunteers/stations')).body.items as Array<{
      id: string;
      parentId: string | null;
      level: string;
      location: { lat: number; lng: number } | null;
      address: string | null;
      activityCount: number;
    }>;
    const center = stations.filter((s) => s.level === 'center');
    expect(center).toHaveLength(1);
    const institutes = stations.filter((s) => s.level === 'institute');
    expect(institutes).toHaveLength(10);
    expect(institutes.every((s) => s.parentId === center[0]!.id)).toBe(true);
    const posts = stations.filter((s) => s.level === 'station');
    expect(posts.length).toBeGreaterThanOrEqual(6);
    expect(posts.every((s) => institutes.some((i) => i.id === s.parentId))).toBe(true);
    expect(stations.every((s) => s.location && s.address && Math.abs(s.location.lat - 39.12) < 0.1)).toBe(true);
    // Activities are held at the 所 and 站 (the indicator "activities per station").
    expect(stations.filter((s) => s.activityCount > 0).length).toBeGreaterThanOrEqual(8);
    const countyId = (await sql<{ id: string }>`select id from regions where code = '139901'`.execute(database.db)).rows[0]!.id;
    const population = await office.get(`/api/volunteers/population?countyId=${countyId}&year=2026`);
    expect(population.body.items).toHaveLength(10);
    expect(population.body.items.every((t: { population: number | null }) => (t.population ?? 0) > 10_000)).toBe(true);

    // The roster: most approved, one refused, three waiting; stars from certified hours.
    const roster = (await office.get('/api/volunteers?pageSize=200')).body as {
      total: number;
      items: Array<{ name: string; state: string; stars: number; idNumber: string }>;
    };
    expect(roster.total).toBeGreaterThanOrEqual(30);
    const by = (state: string) => roster.items.filter((v) => v.state === state);
    expect(by('pending')).toHaveLength(3);
    expect(by('rejected')).toHaveLength(1);
    expect(by('approved').length).toBeGreaterThanOrEqual(25);
    expect(
      roster.items
        .filter((v) => v.stars === 2)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['卫思琪', '张建国'].sort());
    expect(roster.items.filter((v) => v.stars === 1).length).toBeGreaterThanOrEqual(3);
    expect(roster.items.every((v) => /^\d{4}\*{10}[\dX]{4}$/.test(v.idNumber))).toBe(true);
    expect(await count(`select count(*)::int as n from volunteers where id_number_enc like '%:%:%' and length(id_number_hash) = 64`)).toBe(
      roster.total,
    );
    // Two corrections with their reasons.
    expect(await count(`select count(*)::int as n from volunteer_hour_corrections where length(reason) > 10`)).toBe(2);

    // The demo volunteer: ★2 with her certificate, whose code checks on the public page.
    const volunteer = await new Client(app).login('volunteer', DEMO_PASSWORD);
    const me = (await volunteer.get('/api/volunteers/me')).body;
    expect(me.volunteer.name).toBe('卫思琪');
    expect(me.stars).toBe(2);
    expect(me.hours.total).toBeGreaterThanOrEqual(300);
    expect(me.activities.filter((a: { attendanceState: string | null }) => a.attendanceState === 'certified').length).toBeGreaterThan(30);
    expect(me.certificateCode).toMatch(/^[A-Z0-9]{12}$/);
    const check = await new Client(app).get(`/api/public/volunteer-certificates/${me.certificateCode}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ name: '卫**', stars: 2 });

    // Activities ahead, open for sign-up; the 暖冬 visit is full with two waiting.
    const ahead = (await volunteer.get('/api/volunteers/activities?when=upcoming&pageSize=200')).body.items as Array<{
      title: string;
      startsAt: string;
      state: string;
      capacity: number;
      signedCount: number;
      waitlistCount: number;
      mySignup: string | null;
    }>;
    expect(ahead.length).toBeGreaterThanOrEqual(5);
    expect(ahead.every((a) => a.state === 'published' && Date.parse(a.startsAt) < NOW.getTime() + 15 * 24 * 3600_000)).toBe(true);
    expect(ahead.some((a) => a.signedCount < a.capacity)).toBe(true);
    expect(ahead.some((a) => a.mySignup === 'signed')).toBe(true);
    const full = ahead.find((a) => a.waitlistCount > 0)!;
    expect(full.title).toContain('暖冬');
    expect([full.signedCount, full.waitlistCount]).toEqual([full.capacity, 2]);

    // The 总队's admin (团县委's 联络员) has applications to review.
    const teamAdmin = await new Client(app).login('u190036', DEMO_PASSWORD);
    const pending = (await teamAdmin.get('/api/volunteers?state=pending')).body.items as Array<{ abilities: { review: boolean } }>;
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending.every((v) => v.abilities.review)).toBe(true);
  });

  it("has 好人之城: last month's 好人榜 published (one winner per category, a script burst excluded) and this month's in voting with flagged votes", async () => {
    const office = await new Client(app).login('office', DEMO_PASSWORD);
    const list = (await office.get('/api/honours/selections?sort=period&order=desc')).body.items as Array<Record<string, any>>;
    const [current, last] = list;
    expect(last).toMatchObject({ title: '2026年11月“示范好人榜”评选', state: 'published' });
    expect(current).toMatchObject({ title: '2026年12月“示范好人榜”评选', phase: 'voting' });
    const results = (await office.get(`/api/honours/selections/${last!.id}/results`)).body.items as Array<Record<string, any>>;
    const winners = results.filter((r) => r.isWinner);
    expect(new Set(winners.map((w) => w.categoryCode)).size).toBe(5);
    expect(results.find((r) => r.nomineeName === '黄丽萍')!.excludedVotes).toBe(40);
    const roll = (await new Client(app).get('/api/public/honours/roll?countyCode=139901&month=2026-11')).body;
    expect(roll.items).toHaveLength(5);
    const flags = (await office.get(`/api/honours/selections/${current!.id}/flags?excluded=false`)).body;
    const rules = new Set(flags.items.flatMap((f: { rules: Array<{ rule: string }> }) => f.rules.map((r) => r.rule)));
    expect([...rules].sort()).toEqual(['address_burst', 'family_burst', 'regular_interval']);
  });

  it('keeps the audit chain intact', async () => {
    const check = await verifyAuditChain(database.db);
    expect(check.ok).toBe(true);
  });

  it('runs once: a second call changes nothing', async () => {
    const before = await count(`select count(*)::int as n from problems`);
    const events = await count(`select count(*)::int as n from audit_events`);
    expect(await seedHistory(database.db, { storage: new LocalDiskStorage(filesDir), now: NOW })).toBeNull();
    expect(await count(`select count(*)::int as n from problems`)).toBe(before);
    expect(await count(`select count(*)::int as n from audit_events`)).toBe(events);
  });
});
