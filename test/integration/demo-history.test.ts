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

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://', poolSize: 2 });
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
