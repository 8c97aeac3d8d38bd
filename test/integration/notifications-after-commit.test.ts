/**
 * Jobs after commit and delivery channels (issue 8, layer 3): a notice is a job row written in the caller's
 * transaction and delivered only after COMMIT — by the request that queued it, or by the scheduled drain — once,
 * on the channels its kind is configured for in the region, to recipients resolved at delivery (the nearest office).
 * The request does not deliver: it wakes the node's drain loop, which sends the notices of many requests together.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { JOBS } from '../../server/jobs';
import { submitProblemBody } from '../../server/modules/problems/schemas';
import { submitProblem } from '../../server/modules/problems/submit-problem';
import { transitionInTransaction, transitionProblem } from '../../server/modules/problems/transition-problem';
import { notify } from '../../server/modules/notifications/notify';
import { systemActor } from '../../server/platform/actor';
import type { Ctx } from '../../server/platform/context';
import { loadActor } from '../../server/platform/http';
import { AfterCommitDrainer, drainJobs } from '../../server/platform/jobs-after-commit';
import { startJobs } from '../../server/platform/jobs';
import { afterCommitSettled } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, jobsOfProblem, report } from '../support/problems';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

async function ctxOf(userId: string): Promise<Ctx> {
  const { database, clock } = await getHarness();
  const actor = await loadActor(database.db, userId, 'session');
  return { actor: actor!, db: database.db, clock, meta: { ip: null, userAgent: 'test' } };
}

async function noticesFor(userId: string, problemId: string) {
  const { database } = await getHarness();
  return database.db
    .selectFrom('notifications')
    .select(['kind', 'title'])
    .where('user_id', '=', userId)
    .where('problem_id', '=', problemId)
    .execute();
}

async function smsFor(userId: string, purpose: string) {
  const { database } = await getHarness();
  return database.db
    .selectFrom('message_outbox')
    .select(['recipient', 'sent_at', 'body'])
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .execute();
}

describe(`notices are jobs delivered after commit (${engineName})`, () => {
  it('a transition whose transaction fails after its `after` ran notifies nobody, on any channel; committed, it notifies once', async () => {
    const { database } = await getHarness();
    const db = database.db;
    // This county sends 派遣 notices to unit heads by SMS too (region-scoped channel setting; other counties keep the default).
    const phone = `139${String(parseInt(t.tag, 16) % 100_000_000).padStart(8, '0')}`;
    await db.updateTable('users').set({ phone, sms_notices: true }).where('id', '=', t.users.unithead.id).execute();
    await db
      .insertInto('notice_channels')
      .values({ region_id: t.countyId, kind: 'dispatched', channel: 'sms', enabled: true, roles: ['unit_head'] })
      .execute();
    const office = await t.asScript('office');
    const p = await report(office, t.townAId);
    const accepted = await act(office, p.id, 'accept');
    const ctx = await ctxOf(t.users.office.id);

    await expect(
      db.transaction().execute(async (tx) => {
        await transitionInTransaction(ctx, tx, p.id, 'dispatch', accepted.version, { unitId: t.unitAId });
        // Inside the transaction the notice is a job row, not yet a notification.
        const jobs = await tx.selectFrom('outbox_jobs').select(['kind', 'payload', 'done_at']).where('subject_id', '=', p.id).execute();
        expect(jobs.map((j) => j.kind)).toContain('notice');
        expect(jobs.find((j) => (j.payload as { notice: { kind: string } }).notice.kind === 'dispatched')?.payload).toMatchObject({
          to: [{ unit: t.unitAId, roles: ['unit_head', 'unit_liaison'] }, { users: [] }],
        });
        expect(
          await tx.selectFrom('notifications').select('id').where('problem_id', '=', p.id).where('kind', '=', 'dispatched').execute(),
        ).toHaveLength(0);
        throw new Error('boom after the after');
      }),
    ).rejects.toThrow('boom after the after');
    await drainJobs(db);
    expect(await noticesFor(t.users.unithead.id, p.id)).toEqual([]);
    expect(await noticesFor(t.users.unit.id, p.id)).toEqual([]);
    expect(await smsFor(t.users.unithead.id, 'notice:dispatched')).toEqual([]);
    expect((await jobsOfProblem(db, p.id)).map((j) => j.kind)).toEqual(['notices']); // the report's only

    await transitionProblem(ctx, p.id, 'dispatch', accepted.version, { unitId: t.unitAId });
    await drainJobs(db);
    await drainJobs(db); // idempotent
    expect((await noticesFor(t.users.unithead.id, p.id)).map((n) => n.kind)).toEqual(['dispatched']);
    expect((await noticesFor(t.users.unit.id, p.id)).map((n) => n.kind)).toEqual(['dispatched']);
    // SMS only to the roles the channel names (the unit head, not the liaison), handed to the transport after commit.
    const sms = await smsFor(t.users.unithead.id, 'notice:dispatched');
    expect(sms).toHaveLength(1);
    expect(sms[0].recipient).toBe(phone);
    expect(sms[0].sent_at).not.toBeNull();
    expect(await smsFor(t.users.unit.id, 'notice:dispatched')).toEqual([]);
    const pending = (await jobsOfProblem(db, p.id)).filter((j) => j.done_at === null);
    expect(pending).toEqual([]);
  });

  it("reports written by one statement queue one 'notices' job: each report's notice reaches the office once", async () => {
    const { database } = await getHarness();
    const db = database.db;
    const ctx = await ctxOf(t.users.office.id);
    const place = ['东门菜市场', '南关小学门口', '河西镇政府广场'];
    // Asked in the same turn of the event loop, so they share the one statement (platform/batcher.ts).
    const written = await Promise.all(
      place.map((address, i) =>
        submitProblem(
          ctx,
          submitProblemBody.parse({
            clientId: crypto.randomUUID(),
            description: `${address}垃圾堆放`,
            categoryCode: 'E0102',
            source: 'inspection',
            severity: 'normal',
            regionId: i === 2 ? t.townBId : t.townAId,
            address,
            photoIds: [],
          }),
        ),
      ),
    );
    const problems = written.map((w) => w.problem);
    const jobs = await Promise.all(problems.map((p) => jobsOfProblem(db, p.id)));
    expect(jobs.map((j) => j.length)).toEqual([1, 1, 1]);
    expect(new Set(jobs.map((j) => j[0].id)).size).toBe(1);
    expect(jobs[0][0].kind).toBe('notices');
    expect((jobs[0][0].payload as { notices: { notice: { problemId: string } }[] }).notices.map((n) => n.notice.problemId)).toEqual(
      problems.map((p) => p.id),
    );
    await drainJobs(db);
    await drainJobs(db); // idempotent
    for (const p of problems)
      expect(await noticesFor(t.users.office.id, p.id)).toEqual([{ kind: 'reported', title: `新上报问题 ${p.code} 待受理` }]);
    expect((await jobsOfProblem(db, problems[0].id))[0].done_at).not.toBeNull();
  });

  it("the request that queued a notice wakes the node's drain loop: delivered right after, with no scheduled job", async () => {
    const office = await t.asScript('office');
    const p = await report(office, t.countyId);
    // The report's request woke the drain as its answer left (the test client waits for that woken drain only, it
    // drains nothing itself): the office's bell has the notice on the very next request.
    const bell = (await office.get('/api/notifications?pageSize=100')).body.items.filter(
      (n: { problemId: string }) => n.problemId === p.id,
    );
    expect(bell.map((n: { kind: string }) => n.kind)).toEqual(['reported']);
    const { database } = await getHarness();
    const jobs = await jobsOfProblem(database.db, p.id);
    expect(jobs.map((j) => j.kind)).toEqual(['notices']);
    expect(jobs[0].done_at).not.toBeNull();
  });

  it('a job committed but never drained (a crash) is delivered by the scheduled drain, once even with two drainers at once', async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    const title = `测试通知 ${crypto.randomUUID()}`;
    const p = await report(await t.asScript('office'), t.countyId);
    // Queued outside any request (no tracker): nothing drains it until the scheduled job runs.
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 7; i++)
        await notify({ clock }, tx, [{ users: [t.users.leader.id, t.users.inspector.id] }], {
          kind: 'overdue',
          title: `${title}#${i}`,
          problemId: p.id,
        });
    });
    const job = JOBS.find((j) => j.name === 'deliver-after-commit')!;
    expect(job.everySeconds).toBeLessThanOrEqual(10);
    const sysCtx: Ctx = { actor: systemActor, db, clock, meta: { ip: null, userAgent: 'job:deliver-after-commit' } };
    await Promise.all([job.run(sysCtx), drainJobs(db), job.run(sysCtx)]);
    for (const user of [t.users.leader.id, t.users.inspector.id]) {
      const got = (await noticesFor(user, p.id)).filter((n) => n.title.startsWith(title));
      expect(got.map((n) => n.title).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `${title}#${i}`));
    }
    // The scheduled drain forgets jobs done more than a week ago, and keeps younger ones.
    const day = 24 * 3600_000;
    const old = (ago: number) => ({
      kind: 'notice',
      subject_type: 'problem',
      subject_id: p.id,
      payload: JSON.stringify({ notice: { kind: 'overdue', title: 'old' }, to: [] }),
      created_at: new Date(Date.now() - ago),
      done_at: new Date(Date.now() - ago),
    });
    const [stale, recent] = await db
      .insertInto('outbox_jobs')
      .values([old(8 * day), old(day)])
      .returning('id')
      .execute();
    await job.run(sysCtx);
    const left = (await db.selectFrom('outbox_jobs').select('id').where('id', 'in', [stale.id, recent.id]).execute()).map((r) => r.id);
    expect(left).toEqual([recent.id]);
  });
});

describe(`the drain delivers notices in batches (${engineName})`, () => {
  it('one drain delivers many notices together; a job that fails sends the drain back to one job at a time, and only it is retried', async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    const p = await report(await t.asScript('office'), t.countyId);
    const title = `批量 ${crypto.randomUUID()}`;
    let broken = '';
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 12; i++)
        await notify({ clock }, tx, [{ users: [t.users.leader.id] }, { nearestOffice: `/${t.countyId}/` }], {
          kind: 'overdue',
          title: `${title}#${i}`,
          problemId: p.id,
        });
      // A notice job whose payload no handler can read (as a bug or a bad migration would leave).
      broken = (
        await tx
          .insertInto('outbox_jobs')
          .values({
            kind: 'notice',
            subject_type: 'problem',
            subject_id: p.id,
            payload: JSON.stringify({ notice: null }),
            created_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });
    try {
      const r = await drainJobs(db);
      expect(r.failed).toBe(1);
      expect(r.done).toBeGreaterThanOrEqual(12);
      for (const user of [t.users.leader.id, t.users.office.id]) {
        const got = (await noticesFor(user, p.id)).filter((n) => n.title.startsWith(title));
        expect(got.map((n) => n.title).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `${title}#${i}`).sort());
      }
      const bad = await db
        .selectFrom('outbox_jobs')
        .select(['done_at', 'attempts', 'last_error'])
        .where('id', '=', broken)
        .executeTakeFirstOrThrow();
      expect(bad.done_at).toBeNull();
      expect(bad.attempts).toBe(1);
      expect(bad.last_error).toBeTruthy();
      // The next drain retries only it; nothing is delivered twice.
      expect(await drainJobs(db)).toMatchObject({ failed: 1 });
      expect((await noticesFor(t.users.leader.id, p.id)).filter((n) => n.title.startsWith(title))).toHaveLength(12);
    } finally {
      await db.deleteFrom('outbox_jobs').where('id', '=', broken).execute();
    }
  });

  it("a node's drain loop finds jobs nobody woke it for (another node's, a script's) on its own period", async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    const p = await report(await t.asScript('office'), t.countyId);
    const loop = new AfterCommitDrainer({ db, clock }, { everyMs: 50, minGapMs: 0 });
    loop.start();
    try {
      const title = `周期投递 ${crypto.randomUUID()}`;
      await db
        .transaction()
        .execute((tx) => notify({ clock }, tx, [{ users: [t.users.leader.id] }], { kind: 'overdue', title, problemId: p.id }));
      await vi.waitFor(async () => expect((await noticesFor(t.users.leader.id, p.id)).filter((n) => n.title === title)).toHaveLength(1), {
        timeout: 5000,
        interval: 50,
      });
    } finally {
      await loop.stop();
    }
  });
});

describe(`the scheduled drain on pg-boss (${engineName})`, () => {
  it('delivers a committed job within seconds with no request to drain it, and stops cleanly', async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    const p = await report(await t.asScript('office'), t.countyId);
    const jobs = await startJobs(
      database,
      clock,
      JOBS.filter((j) => j.name === 'deliver-after-commit'),
      () => {},
    );
    try {
      // Twice: the second job is queued after the first run, so only the job's own re-run (every 5 s) delivers it.
      for (const round of [1, 2]) {
        const title = `定时投递 ${round} ${crypto.randomUUID()}`;
        await db
          .transaction()
          .execute((tx) => notify({ clock }, tx, [{ users: [t.users.leader.id] }], { kind: 'overdue', title, problemId: p.id }));
        let got: unknown[] = [];
        for (let i = 0; i < 40 && !got.length; i++) {
          await new Promise((r) => setTimeout(r, 500));
          got = (await noticesFor(t.users.leader.id, p.id)).filter((n) => n.title === title);
        }
        expect(got, `round ${round}`).toHaveLength(1);
      }
    } finally {
      await jobs.stop();
    }
  }, 60_000);
});

describe(`recipients are data, resolved at delivery: the nearest office (${engineName})`, () => {
  it('a report in a town reaches the county office, not the city office above it', async () => {
    const { database } = await getHarness();
    const db = database.db;
    const tag = crypto.randomBytes(4).toString('hex');
    const code = String(parseInt(tag, 16) % 1_000_000).padStart(6, '0');
    const now = new Date();
    const region = async (parent: { id: string; path: string } | null, suffix: string, level: string) => {
      const id = crypto.randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      await db
        .insertInto('regions')
        .values({
          id,
          parent_id: parent?.id ?? null,
          code: `7${code}${suffix}`,
          name: `${level}${tag}`,
          level,
          path,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id, path };
    };
    const city = await region(null, '', 'city');
    const county = await region(city, '01', 'county');
    const town = await region(county, '01001', 'town');
    const officeAt = async (key: string, regionId: string) => {
      const u = await db
        .insertInto('users')
        .values({
          username: `${key}_${tag}`,
          name: `${key}${tag}`,
          password_hash: 'x',
          must_change_password: false,
          unit_id: null,
          region_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('user_roles').values({ user_id: u.id, role: 'office', scope_type: 'region', scope_id: regionId }).execute();
      return u.id;
    };
    const cityOffice = await officeAt('cityoffice', city.id);
    const countyOffice = await officeAt('countyoffice', county.id);

    const { problem } = await submitProblem(
      await ctxOf(countyOffice),
      submitProblemBody.parse({
        clientId: crypto.randomUUID(),
        description: '镇区主干道井盖缺失',
        categoryCode: 'E0102',
        source: 'inspection',
        severity: 'normal',
        regionId: town.id,
        photoIds: [],
      }),
    );
    await drainJobs(db);
    expect((await noticesFor(countyOffice, problem.id)).map((n) => n.kind)).toEqual(['reported']);
    expect(await noticesFor(cityOffice, problem.id)).toEqual([]);

    // Resolved at delivery: once the county has no office account, the city office is the nearest.
    await db.updateTable('users').set({ active: false }).where('id', '=', countyOffice).execute();
    const ctx = { clock: (await getHarness()).clock };
    await db
      .transaction()
      .execute((tx) =>
        notify(ctx, tx, [{ nearestOffice: town.path }], { kind: 'overdue', title: '无县级办公室时', problemId: problem.id }),
      );
    await drainJobs(db);
    expect((await noticesFor(cityOffice, problem.id)).map((n) => n.title)).toEqual(['无县级办公室时']);
  });
});

describe(`提醒与督办设置: thresholds per region through the API (${engineName})`, () => {
  it('an office reads what applies with its source, sets its county, the towns inherit; others are refused', async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const office = await tenant.as('office');
    const home = await office.get('/api/notifications/settings');
    expect(home.status, JSON.stringify(home.body)).toBe(200);
    expect(home.body.region.id).toBe(tenant.countyId);
    expect(home.body.thresholds).toMatchObject({
      remindBeforeHours: 24,
      escalateAfterHours: 72,
      regionId: null,
      inherited: true,
      version: null,
      abilities: { update: true, reset: false },
    });
    expect(home.body.channels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'supervised',
          channel: 'sms',
          enabled: false,
          roles: ['unit_head'],
          regionId: null,
          inherited: true,
        }),
      ]),
    );

    const url = `/api/notifications/settings/regions/${tenant.countyId}/thresholds`;
    expect((await office.request('PUT', url, { remindBeforeHours: 0, escalateAfterHours: 24, version: null })).status).toBe(400);
    const set = await office.request('PUT', url, { remindBeforeHours: 48, escalateAfterHours: 24, version: null });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ remindBeforeHours: 48, escalateAfterHours: 24, regionId: tenant.countyId, version: 1 });
    expect((await office.request('PUT', url, { remindBeforeHours: 12, escalateAfterHours: 24, version: null })).status).toBe(409);
    const town = await office.get(`/api/notifications/settings?regionId=${tenant.townAId}`);
    expect(town.body.thresholds).toMatchObject({
      remindBeforeHours: 48,
      escalateAfterHours: 24,
      regionId: tenant.countyId,
      inherited: true,
    });

    // A unit may read but not set; another county's office cannot even see this county's region.
    expect(
      (await (await tenant.as('unit')).request('PUT', url, { remindBeforeHours: 12, escalateAfterHours: 24, version: 1 })).status,
    ).toBe(403);
    const stranger = await other.as('office');
    expect((await stranger.request('PUT', url, { remindBeforeHours: 12, escalateAfterHours: 24, version: 1 })).status).toBe(404);
    expect((await stranger.get(`/api/notifications/settings?regionId=${tenant.countyId}`)).status).toBe(404);
    expect((await stranger.get('/api/notifications/settings')).body.thresholds).toMatchObject({
      remindBeforeHours: 24,
      escalateAfterHours: 72,
    });

    expect((await office.request('DELETE', url)).status).toBe(204);
    expect((await office.get('/api/notifications/settings')).body.thresholds).toMatchObject({
      remindBeforeHours: 24,
      escalateAfterHours: 72,
      inherited: true,
      version: null,
    });
  });
});

describe(`短信提醒 is opt-in per person (${engineName})`, () => {
  it('off by default; on needs a phone number (400, nothing changed), is audited, and only people who opted in get the SMS', async () => {
    const { app, database } = await getHarness();
    const db = database.db;
    const x = await createTenant();
    const head = await x.asScript('unithead');
    const liaison = await x.asScript('unit');
    expect((await head.get('/api/auth/sms-notices')).body).toEqual({ enabled: false, phoneMasked: null });
    const refused = await head.request('PUT', '/api/auth/sms-notices', { enabled: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('未登记手机号');
    expect((await head.get('/api/auth/sms-notices')).body.enabled).toBe(false);
    expect((await head.request('PUT', '/api/auth/sms-notices', { enabled: 'yes' })).status).toBe(400);

    const phoneOf = (n: number) => `13${n}${String(parseInt(x.tag, 16) % 100_000_000).padStart(8, '0')}`;
    await db
      .updateTable('users')
      .set({ phone: phoneOf(5) })
      .where('id', '=', x.users.unithead.id)
      .execute();
    await db
      .updateTable('users')
      .set({ phone: phoneOf(6) })
      .where('id', '=', x.users.unit.id)
      .execute();
    const on = await liaison.request('PUT', '/api/auth/sms-notices', { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ enabled: true, phoneMasked: `136****${phoneOf(6).slice(-4)}` });
    const audited = await db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('subject_id', '=', x.users.unit.id)
      .where('action', '=', 'user.sms_notices_changed')
      .execute();
    expect(audited).toEqual([{ action: 'user.sms_notices_changed', after: { sms_notices: true } }]);

    // The county sends 派遣 by SMS to unit heads and liaisons; both have numbers, only the liaison opted in.
    await db
      .insertInto('notice_channels')
      .values({ region_id: x.countyId, kind: 'dispatched', channel: 'sms', enabled: true, roles: ['unit_head', 'unit_liaison'] })
      .execute();
    const office = await x.asScript('office');
    const p = await report(office, x.townAId);
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: x.unitAId });
    // The request woke this node's drain loop, which may hold the job: let it finish, then drain what is left.
    await afterCommitSettled(app);
    await drainJobs(db);
    expect((await smsFor(x.users.unit.id, 'notice:dispatched')).map((m) => m.recipient)).toEqual([phoneOf(6)]);
    expect(await smsFor(x.users.unithead.id, 'notice:dispatched')).toEqual([]);
    // Both still get the bell.
    expect((await noticesFor(x.users.unithead.id, p.id)).map((n) => n.kind)).toContain('dispatched');

    // Off again: no audit row for a no-op, one for the change.
    expect((await liaison.request('PUT', '/api/auth/sms-notices', { enabled: false })).body.enabled).toBe(false);
    expect((await liaison.request('PUT', '/api/auth/sms-notices', { enabled: false })).status).toBe(200);
    const changes = await db
      .selectFrom('audit_events')
      .select('id')
      .where('subject_id', '=', x.users.unit.id)
      .where('action', '=', 'user.sms_notices_changed')
      .execute();
    expect(changes).toHaveLength(2);
  });
});
