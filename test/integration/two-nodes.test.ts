/**
 * Two app nodes on one database: what a city does when it outgrows one machine (README "Several nodes behind nginx").
 * Two apps (buildApp twice, each with its own connection pool, as two processes would have) on one PostgreSQL and one
 * S3-compatible store (a fake S3 server in this process): sessions, files, scheduled jobs and the audit chain work
 * across them. The nodes share this test process, so they share module state too; what the app keeps in memory is
 * read-only registries and the calendar loaded at start, the same in two processes. PostgreSQL only: the embedded
 * engine is one process per data directory (its data-dir lock refuses a second, checked at the end of this file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../server/app';
import { sealAudit, verifyAuditChain } from '../../server/platform/audit';
import { FixedClock } from '../../server/platform/clock';
import { DataDirLockedError, openDatabase, type Database } from '../../server/platform/db';
import { startJobs, type ScheduledJob } from '../../server/platform/jobs';
import { drainJobs } from '../../server/platform/jobs-after-commit';
import { LocalDiskStorage, type FileStorage } from '../../server/platform/storage';
import { S3Storage } from '../../server/platform/storage-s3';
import { Client } from '../support/client';
import { createTenant, PASSWORD, type Tenant } from '../support/factories';
import { startFakeS3, type FakeS3 } from '../support/fake-s3';
import { jobsOfProblem, report, uploadPhoto } from '../support/problems';

const url = process.env.TEST_DATABASE_URL;

interface Node {
  name: string;
  app: FastifyInstance;
  database: Database;
}

const nodes: Node[] = [];
async function startNode(name: string, storage: FileStorage): Promise<Node> {
  const database = await openDatabase({ url, poolSize: 4 });
  const app = await buildApp({
    database,
    clock: new FixedClock(new Date()),
    logLevel: 'silent',
    serveWeb: false,
    filesDir: fs.mkdtempSync(path.join(os.tmpdir(), `cc-${name}-`)),
    storage,
    // Both nodes run their after-commit drain loop as a server does (woken after each commit, and a short period).
    afterCommitDrainMs: 25,
  });
  await app.ready();
  const node = { name, app, database };
  nodes.push(node);
  return node;
}

/** The same browser (cookie + CSRF token) pointed at another node, as nginx would send its next request. */
function sameBrowserOn(client: Client, node: Node): Client {
  const moved = new Client(node.app);
  moved.cookie = client.cookie;
  moved.csrf = client.csrf;
  return moved;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!url)('two app nodes on one PostgreSQL (embedded engine: skipped, one process per data directory)', () => {
  let fake: FakeS3;
  let shared: S3Storage;
  let a: Node;
  let b: Node;
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant(); // the worker's harness has migrated the database
    fake = await startFakeS3();
    shared = new S3Storage({ ...fake.settings, prefix: `two-nodes-${t.tag}` });
    a = await startNode('node-a', shared);
    b = await startNode('node-b', shared);
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.app.close();
      await n.database.close();
    }
    shared?.close();
    await fake?.close();
  });

  it('a session made on node A works on node B (reads and CSRF-checked writes), and signing out on B ends it on A', async () => {
    const onA = await new Client(a.app).login(t.users.office.username, PASSWORD);
    const onB = sameBrowserOn(onA, b);
    const me = await onB.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(t.users.office.id);
    const created = await onB.post('/api/units', { name: `跨节点单位${t.tag}`, type: 'county_dept', regionId: t.countyId });
    expect(created.status).toBe(201);
    expect((await onA.get(`/api/units/${created.body.id}`)).status).toBe(200);
    expect((await onB.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await onA.get('/api/auth/session')).status).toBe(401);
  });

  it('a photo uploaded through A is served by B from the shared store (with a disk per node, B answers 404)', async () => {
    const grid = await new Client(a.app).login(t.users.grid.username, PASSWORD);
    const id = await uploadPhoto(grid);
    const onA = await grid.get(`/api/files/${id}`);
    expect(onA.status).toBe(200);
    const onB = sameBrowserOn(grid, b);
    for (const suffix of ['', '/thumbnail', '/evidence']) {
      const res = await onB.get(`/api/files/${id}${suffix}`);
      expect(res.status, suffix).toBe(200);
      if (!suffix) expect(res.raw.equals(onA.raw)).toBe(true);
    }

    // The contrast: the same two nodes each with its own local disk (what every node had before STORAGE=s3).
    const c = await startNode('node-c', new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-disk-c-'))));
    const d = await startNode('node-d', new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-disk-d-'))));
    const gridC = await new Client(c.app).login(t.users.grid.username, PASSWORD);
    const local = await uploadPhoto(gridC);
    expect((await gridC.get(`/api/files/${local}`)).status).toBe(200);
    const onD = await sameBrowserOn(gridC, d).get(`/api/files/${local}`);
    expect(onD.status).toBe(404);
    expect(onD.body.error.code).toBe('not_found');
  });

  it('a scheduled job registered on both nodes runs once per tick (pg-boss: one cron claim at a time, one job per minute slot, one worker per job); so does a job that re-queues itself every 2 s', async () => {
    const name = `test-two-nodes-${t.tag}`;
    const every = `${name}-every`;
    const runs: string[] = [];
    const chainRuns: string[] = [];
    const cronClaims = { 'node-a': { tried: 0, won: 0 }, 'node-b': { tried: 0, won: 0 } };
    // Each node's pg-boss goes through its own pool; count its attempts to claim the cron check ("cron_on").
    const watched = (node: Node): Database => ({
      ...node.database,
      executeSql: async (text, values) => {
        const result = await node.database.executeSql(text, values);
        if (text.includes('SET cron_on')) {
          const claims = cronClaims[node.name as keyof typeof cronClaims];
          claims.tried += 1;
          claims.won += result.rows.length;
        }
        return result;
      },
    });
    const job = (node: Node): ScheduledJob => ({ name, cron: '* * * * *', run: async () => void runs.push(node.name) });
    // Like the after-commit drain: re-queued 2 s after each run (one job per 2-second slot across nodes); its cron
    // (once a year) adds nothing in this window, so every run here comes from the chain both nodes keep feeding.
    const chained = (node: Node): ScheduledJob => ({
      name: every,
      cron: '0 0 1 1 *',
      everySeconds: 2,
      run: async () => void chainRuns.push(node.name),
    });
    // Checked every second on each node, so both nodes keep offering the same tick for the whole window.
    const tuning = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };
    const jobsA = await startJobs(watched(a), new FixedClock(new Date()), [job(a), chained(a)], () => {}, tuning);
    const jobsB = await startJobs(watched(b), new FixedClock(new Date()), [job(b), chained(b)], () => {}, tuning);
    try {
      const deadline = Date.now() + 20_000;
      while (runs.length === 0 && Date.now() < deadline) await sleep(200);
      expect(runs.length, 'the job ran within 20 s').toBeGreaterThan(0);
      await sleep(6_000); // both nodes keep checking the schedule; the tick must not run again
    } finally {
      await jobsA.stop();
      await jobsB.stop();
    }
    const db = a.database.db;
    onTestFinished(async () => {
      // Leave no schedule behind on a long-lived test database (any later pg-boss would keep queueing it).
      for (const q of [name, every]) {
        await sql`delete from pgboss.schedule where name = ${q}`.execute(db);
        await sql`delete from pgboss.job where name = '__pgboss__send-it' and data->>'name' = ${q}`.execute(db);
        await sql`delete from pgboss.job where name = ${q}`.execute(db);
        await sql`delete from pgboss.archive where name = ${q} or (name = '__pgboss__send-it' and data->>'name' = ${q})`.execute(db);
        await sql`select pgboss.delete_queue(${q})`.execute(db);
      }
    });
    const counted = await sql<{ ticks: number; slots: number; sent: number; jobs: number; done: number }>`
      with sendit as (
        select singleton_on, state from pgboss.job where name = '__pgboss__send-it' and data->>'name' = ${name}
        union all select singleton_on, state from pgboss.archive where name = '__pgboss__send-it' and data->>'name' = ${name}
      ), jobs as (
        select state from pgboss.job where name = ${name} union all select state from pgboss.archive where name = ${name}
      )
      select (select count(*) from sendit)::int as ticks, (select count(distinct singleton_on) from sendit)::int as slots,
             (select count(*) from sendit where state = 'completed')::int as sent,
             (select count(*) from jobs)::int as jobs, (select count(*) from jobs where state = 'completed')::int as done`.execute(db);
    const c = counted.rows[0];
    // Both nodes checked the schedule again and again (the cron claim was taken several times) ...
    expect(cronClaims['node-a'].tried).toBeGreaterThanOrEqual(3);
    expect(cronClaims['node-b'].tried).toBeGreaterThanOrEqual(3);
    expect(cronClaims['node-a'].won + cronClaims['node-b'].won).toBeGreaterThanOrEqual(3);
    // ... yet each minute slot produced one job, and each job ran exactly once, on one node.
    expect(c.ticks).toBe(c.slots);
    expect(c.ticks).toBeLessThanOrEqual(2); // the window is shorter than a minute: at most two minute slots
    // A tick claimed in the last moments of the window may still wait for its send-it when the nodes stop (the
    // window can cross a minute boundary), and a job created just before the stop may not have started: each tick
    // that was sent made exactly one job, at most one job is left waiting, and every completed job ran once.
    expect(c.sent).toBeGreaterThanOrEqual(1);
    expect(c.ticks - c.sent).toBeLessThanOrEqual(1);
    expect(c.jobs).toBe(c.sent);
    expect(c.jobs - c.done).toBeLessThanOrEqual(1);
    expect(runs.length).toBe(c.done);

    const chain = (
      await sql<{ jobs: number; slots: number; done: number }>`
        with j as (select singleton_on, state from pgboss.job where name = ${every} union all select singleton_on, state from pgboss.archive where name = ${every})
        select count(*)::int as jobs, count(distinct singleton_on)::int as slots, count(*) filter (where state = 'completed')::int as done from j`.execute(
        db,
      )
    ).rows[0];
    // Both nodes re-queue after every run and at start, yet each 2-second slot holds one job, and each ran once.
    expect(chainRuns.length, 'the chain kept going').toBeGreaterThanOrEqual(2);
    expect(chain.jobs).toBe(chain.slots);
    // Every completed job was one run; a run caught by the stop may not have been marked completed (at most one).
    expect(chain.done).toBeLessThanOrEqual(chainRuns.length);
    expect(chainRuns.length - chain.done).toBeLessThanOrEqual(1);
    // ... and no job ran twice: never more runs than jobs.
    expect(chainRuns.length).toBeLessThanOrEqual(chain.jobs);
  }, 45_000);

  it('the audit chain stays intact when both nodes write and seal at once', async () => {
    const before = await verifyAuditChain(a.database.db);
    expect(before.ok, before.reason ?? '').toBe(true);
    const officeA = await new Client(a.app).login(t.users.office.username, PASSWORD);
    const officeB = await new Client(b.app).login(t.users.office.username, PASSWORD);
    const create = (client: Client, node: string, i: number) =>
      client.request(
        'POST',
        '/api/units',
        { name: `并发单位${node}${i}${t.tag}`, type: 'school', regionId: t.townAId },
        { headers: { 'user-agent': `two-nodes-${node}-${t.tag}` } },
      );
    // Both nodes' sealers run while both nodes write (as their audit-seal jobs would): one sealer at a time gets the turn.
    let writing = true;
    const sealed = { a: 0, b: 0 };
    const sealLoop = async (node: Node, key: 'a' | 'b') => {
      while (writing) {
        sealed[key] += await sealAudit(node.database.db);
        await sleep(5);
      }
    };
    const sealers = [sealLoop(a, 'a'), sealLoop(b, 'b')];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => [create(officeA, 'a', i), create(officeB, 'b', i)]).flat());
    writing = false;
    await Promise.all(sealers);
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(201));
    const events = await sql<{ user_agent: string; n: number }>`
      select user_agent, count(*)::int as n from audit_events where user_agent in (${`two-nodes-a-${t.tag}`}, ${`two-nodes-b-${t.tag}`}) group by user_agent order by user_agent`.execute(
      a.database.db,
    );
    expect(events.rows).toEqual([
      { user_agent: `two-nodes-a-${t.tag}`, n: 12 },
      { user_agent: `two-nodes-b-${t.tag}`, n: 12 },
    ]);
    const after = await verifyAuditChain(b.database.db);
    expect(after.ok, after.reason ?? '').toBe(true);
    expect(after.checked).toBeGreaterThanOrEqual(before.checked + 24);
    // Every one of the 24 events has exactly one place in the chain, whichever node sealed it.
    const places = await sql<{ n: number; distinct_seq: number }>`
      select count(*)::int as n, count(distinct c.seq)::int as distinct_seq from audit_events e join audit_chain c on c.event_id = e.id
      where e.user_agent in (${`two-nodes-a-${t.tag}`}, ${`two-nodes-b-${t.tag}`})`.execute(a.database.db);
    expect(places.rows[0]).toEqual({ n: 24, distinct_seq: 24 });
  });

  it("each report's notice is delivered exactly once while both nodes report and both drain loops run", async () => {
    const officeA = await new Client(a.app).login(t.users.office.username, PASSWORD);
    const officeB = await new Client(b.app).login(t.users.office.username, PASSWORD);
    const reports = await Promise.all(
      Array.from({ length: 15 }, (_, i) => [
        report(officeA, t.townAId, { address: `A${i}` }),
        report(officeB, t.townBId, { address: `B${i}` }),
      ]).flat(),
    );
    const ids = reports.map((p: { id: string }) => p.id);
    // Both nodes' woken drains, their periodic looks and an explicit drain on each compete for the same jobs.
    await Promise.all([drainJobs(a.database.db), drainJobs(b.database.db), a.app.afterCommit.idle(), b.app.afterCommit.idle()]);
    await Promise.all([drainJobs(a.database.db), drainJobs(b.database.db)]);
    // The reports' notice jobs (a statement's reports share one): each report's notice in exactly one, each job run once.
    const jobs = new Map<string, { payload: unknown; done_at: Date | null; attempts: number }>();
    for (const id of ids) for (const j of await jobsOfProblem(a.database.db, id)) jobs.set(j.id, j);
    const noticed = [...jobs.values()].flatMap((j) => (j.payload as { notices: { notice: { problemId: string } }[] }).notices);
    expect(noticed.map((n) => n.notice.problemId).sort()).toEqual([...ids].sort());
    expect([...jobs.values()].every((j) => j.done_at !== null && j.attempts === 1)).toBe(true);
    const bell = await sql<{ problem_id: string; n: number }>`
      select problem_id, count(*)::int as n from notifications where user_id = ${t.users.office.id} and kind = 'reported'
        and problem_id in (${sql.join(ids)}) group by problem_id`.execute(a.database.db);
    expect(bell.rows).toHaveLength(30);
    expect(bell.rows.every((r) => r.n === 1)).toBe(true);
  });
});

describe.skipIf(!!url)('two app nodes on the embedded engine', () => {
  it('are refused: a second node on the same data directory stops with a message pointing to PostgreSQL', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-embedded-')), 'db');
    const first = await openDatabase({ dataDir });
    try {
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow('内嵌数据库只能由一个进程使用；多台服务器（多节点）请用 PostgreSQL（DATABASE_URL）');
    } finally {
      await first.close();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 60_000);
});
