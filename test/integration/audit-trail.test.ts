/** The audit trail: one event per mutation in the same transaction, refused updates, and tamper detection. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/platform/actor';
import { recordEvent, sealAll, sealAudit, verifyAuditChain } from '../../server/platform/audit';
import { chainHead, readAnchor, signAnchor, verifyAgainstAnchor, writeAnchor } from '../../server/platform/audit-anchor';
import { FixedClock } from '../../server/platform/clock';
import { PGBOSS_TABLES, QUEUE_TABLES } from '../../server/platform/queue-upkeep';
import { startJobs } from '../../server/platform/jobs';
import { JOBS } from '../../server/jobs';
import { openDatabase, type Tx } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { makeRound } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

class Rollback extends Error {}

describe(`audit trail (${engineName})`, () => {
  it('records actor, action, changed fields, ip and user agent for a mutation', async () => {
    const office = await t.as('office');
    const unit = (await office.get(`/api/units/${t.unitAId}`)).body;
    await office.patch(`/api/units/${t.unitAId}`, { liaisonName: '周敏', version: unit.version });
    const auditor = await t.as('auditor');
    const res = await auditor.get(`/api/audit-events?subjectType=unit&subjectId=${t.unitAId}&action=unit.updated`);
    expect(res.body.total).toBe(1);
    const e = res.body.items[0];
    expect(e.actorId).toBe(t.users.office.id);
    expect(e.changes).toEqual({ liaison_name: ['李红', '周敏'] });
    expect(e.ip).toBe('127.0.0.1');
    expect(e.userAgent).toBe('lightMyRequest');
  });

  it('writes nothing — neither change nor event — when a mutation fails', async () => {
    const { database } = await getHarness();
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_events where subject_id = ${t.unitBId}`.execute(database.db)).rows[0]
        .n;
    const before = await count();
    const office = await t.as('office');
    const stale = await office.patch(`/api/units/${t.unitBId}`, { headName: '孙八', version: 999 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(await count()).toBe(before);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself (events and their chain positions)', async () => {
    const { database } = await getHarness();
    await verifyAuditChain(database.db); // seals, so the chain has a row to try
    await expect(
      sql`update audit_events set action = 'x' where id = (select max(id) from audit_events)`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = (select max(id) from audit_events)`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    // Refused twice over now: by the trigger and because the chain references the events.
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only|foreign key/);
    await expect(
      sql`update audit_chain set hash = 'x' where seq = (select max(seq) from audit_chain)`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_chain where seq = (select max(seq) from audit_chain)`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_chain`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('a write takes no chain lock: while a sealer holds its turn, writes go on and their events wait in the queue', async () => {
    const { database } = await getHarness();
    const office = await t.as('office');
    const write = async (name: string) => {
      const unit = (await office.get(`/api/units/${t.unitBId}`)).body;
      expect((await office.patch(`/api/units/${t.unitBId}`, { liaisonName: name, version: unit.version })).status).toBe(200);
      return (
        await sql<{ id: string; queued: boolean; sealed: boolean }>`
          select e.id::int8::text as id, exists (select 1 from audit_unsealed u where u.event_id = e.id) as queued,
                 exists (select 1 from audit_chain c where c.event_id = e.id) as sealed
          from audit_events e where e.subject_id = ${t.unitBId} and e.action = 'unit.updated' order by e.id desc limit 1`.execute(
          database.db,
        )
      ).rows[0];
    };
    let held: { id: string; queued: boolean; sealed: boolean } | null = null;
    if (engineName === 'postgres') {
      // The embedded engine has one connection, so nothing runs beside an open transaction there.
      await database.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(7461029)`.execute(tx); // the sealer's turn, taken and held
        held = await write('韩梅');
        expect(await sealAudit(database.db)).toBe(0); // a second sealer finds the turn taken and returns at once
      });
      expect(held).toMatchObject({ queued: true, sealed: false });
    }
    const event = held ?? (await write('韩梅'));
    // Written and queued, or sealed if a sealer already ran — never both, never neither.
    expect(event.queued !== event.sealed).toBe(true);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const sealed = await sql<{ seq: string; queued: number }>`
      select c.seq::int8::text as seq, (select count(*)::int from audit_unsealed u where u.event_id = c.event_id) as queued
      from audit_chain c where c.event_id = ${event.id}`.execute(database.db);
    expect(Number(sealed.rows[0].seq)).toBeGreaterThan(0);
    expect(sealed.rows[0].queued).toBe(0);
  });

  it('queues every event of a many-row INSERT and seals them in id order, each linked to the one before, in limited runs', async () => {
    const { database } = await getHarness();
    const db = database.db;
    await sealAll(db); // an empty queue to start from
    const ids = (
      await sql<{ id: string }>`
        insert into audit_events (occurred_at, actor_name, action, subject_type, subject_id, after)
        values (now(), '测试', 'test.batch', 'test', 'a', '{"n":1}'), (now(), '测试', 'test.batch', 'test', 'b', '{"n":2}'),
               (now(), '测试', 'test.batch', 'test', 'c', '{"n":3}')
        returning id::int8::text as id`.execute(db)
    ).rows
      .map((r) => r.id)
      .sort((a, b) => Number(a) - Number(b));
    const queued = async () =>
      (
        await sql<{
          id: string;
        }>`select event_id::int8::text as id from audit_unsealed where event_id = any(${ids}::int8[]) order by event_id`.execute(db)
      ).rows.map((r) => r.id);
    expect(await queued()).toEqual(ids);

    expect(await sealAudit(db, 2)).toBe(2); // the two oldest, not the third
    expect(await queued()).toEqual([ids[2]]);
    expect(await sealAudit(db, 2)).toBe(1);
    expect(await queued()).toEqual([]);
    const chain = (
      await sql<{ event_id: string; seq: string; prev_hash: string; hash: string }>`
        select event_id::int8::text as event_id, seq::int8::text as seq, prev_hash, hash
        from audit_chain where event_id = any(${ids}::int8[]) order by seq`.execute(db)
    ).rows;
    expect(chain.map((c) => c.event_id)).toEqual(ids);
    expect(Number(chain[1].seq)).toBe(Number(chain[0].seq) + 1);
    expect(Number(chain[2].seq)).toBe(Number(chain[1].seq) + 1);
    expect(chain[1].prev_hash).toBe(chain[0].hash);
    expect(chain[2].prev_hash).toBe(chain[1].hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("vacuums the queue tables and pg-boss's (the embedded engine has no autovacuum) and seals as before after it", async () => {
    const { database } = await getHarness();
    const db = database.db;
    const before = new Date(Date.now() - 1000);
    await sql`insert into audit_events (occurred_at, actor_name, action, subject_type, subject_id)
              select now(), '测试', 'test.upkeep', 'test', g::text from generate_series(1, 50) g`.execute(db);
    expect(await sealAll(db)).toBeGreaterThanOrEqual(50); // 50 queue rows deleted: dead until a vacuum
    // pg-boss's tables exist once the job queue has started (as in every server); a queue partition with a job in it.
    const boss = await startJobs(database, new FixedClock(new Date()), [], () => {});
    await boss.stop();
    const job = JOBS.find((j) => j.name === 'queue-upkeep')!; // the server's minute job
    expect(job.cron).toBe('* * * * *');
    const ctx = { actor: systemActor, db, clock: new FixedClock(new Date()), meta: { ip: null, userAgent: 'job:queue-upkeep' } };
    expect(await job.run(ctx)).toMatchObject({ tables: QUEUE_TABLES.length + PGBOSS_TABLES.length });
    await sql`select pg_stat_clear_snapshot()`.execute(db);
    // Every table: ours by name, pg-boss's including each partition of its job table.
    const stats = (
      await sql<{ name: string; last_vacuum: Date | null }>`
        select schemaname || '.' || relname as name, last_vacuum from pg_stat_user_tables
        where (schemaname = 'public' and relname = any(${[...QUEUE_TABLES]}::text[]))
           or (schemaname = 'pgboss' and relname = any(${PGBOSS_TABLES.filter((t) => t !== 'job')}::text[]))
           or relid in (select inhrelid from pg_inherits where inhparent = 'pgboss.job'::regclass)
        order by name`.execute(db)
    ).rows;
    expect(stats.map((s) => s.name)).toEqual(expect.arrayContaining([...QUEUE_TABLES.map((t) => `public.${t}`), 'pgboss.archive']));
    expect(stats.filter((s) => s.name.startsWith('pgboss.j')).length).toBeGreaterThan(0); // the job table's partitions
    for (const s of stats) expect(new Date(s.last_vacuum!).getTime(), s.name).toBeGreaterThanOrEqual(before.getTime());
    await sql`insert into audit_events (occurred_at, actor_name, action, subject_type, subject_id) values (now(), '测试', 'test.upkeep', 'test', 'after')`.execute(
      db,
    );
    expect(await sealAll(db)).toBeGreaterThanOrEqual(1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('finds a changed event, a removed event and a removed chain row, naming the first bad one (tampering rolled back)', async () => {
    const { database } = await getHarness();
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/audit-events/verify')).body.ok).toBe(true);
    for (const kind of ['change', 'remove', 'unlink'] as const) {
      await expect(
        database.db.transaction().execute(async (tx) => {
          // Hold off sealers and writers with the table locks, the chain first (the order a sealer takes them):
          // the other order could deadlock with a sealer mid-run (PostgreSQL then kills one of the two).
          await sql`lock table audit_chain, audit_events in access exclusive mode`.execute(tx);
          await verifyAuditChain(tx); // seal what waits, so the newest events have chain rows
          const links = (
            await sql<{
              seq: number;
              event_id: number;
            }>`select seq::int8 as seq, event_id::int8 as event_id from audit_chain order by seq desc limit 3`.execute(tx)
          ).rows.map((r) => ({ seq: Number(r.seq), eventId: Number(r.event_id) }));
          const victim = links[1];
          await sql`alter table audit_events disable trigger audit_events_no_update`.execute(tx);
          await sql`alter table audit_chain disable trigger audit_chain_no_update`.execute(tx);
          if (kind === 'change') await sql`update audit_events set actor_name = '他人' where id = ${victim.eventId}`.execute(tx);
          else if (kind === 'remove') {
            await sql`delete from audit_chain where seq = ${victim.seq}`.execute(tx);
            await sql`delete from audit_events where id = ${victim.eventId}`.execute(tx);
          } else await sql`delete from audit_chain where seq = ${victim.seq}`.execute(tx);
          const check = await verifyAuditChain(tx);
          expect(check.ok).toBe(false);
          expect(check.firstBadId).toBe(kind === 'change' ? victim.seq : links[0].seq);
          expect(check.reason).toMatch(kind === 'change' ? /被改动/ : /被删除或改动/);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    }
    expect((await auditor.get('/api/audit-events/verify')).body.ok).toBe(true);
  });

  it('finds an event whose whole chain tail was cut off and that no longer waits for a seal', async () => {
    const { database } = await getHarness();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await sql`lock table audit_chain, audit_events in access exclusive mode`.execute(tx);
        await verifyAuditChain(tx);
        const head = await chainHead(tx);
        const event = (
          await sql<{ event_id: number }>`select event_id::int8 as event_id from audit_chain where seq = ${head.seq}`.execute(tx)
        ).rows[0];
        await sql`alter table audit_chain disable trigger audit_chain_no_update`.execute(tx);
        await sql`delete from audit_chain where seq = ${head.seq}`.execute(tx);
        const check = await verifyAuditChain(tx);
        expect(check.ok).toBe(false);
        expect(check.reason).toContain(`id=${Number(event.event_id)}`);
        expect(check.reason).toContain('不在待封存队列中');
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it('exports the filtered events as .xlsx', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get(`/api/audit-events/export?subjectId=${t.unitAId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('speaks Chinese: actions, subject types and changed fields by label, ids of units and regions by name', async () => {
    const office = await t.as('office');
    const created = await office.post('/api/units', { name: `审计示例单位${t.tag}`, type: 'county_dept', regionId: t.townAId });
    expect(created.status).toBe(201);
    const auditor = await t.as('auditor');
    const res = await auditor.get(`/api/audit-events?subjectId=${created.body.id}`);
    const e = res.body.items.find((x: { action: string }) => x.action === 'unit.created');
    expect(e).toMatchObject({ actionLabel: '新增单位', subjectTypeLabel: '单位', subjectName: `审计示例单位${t.tag}` });
    const region = e.details.find((d: { field: string }) => d.field === 'region_id');
    const town = (await office.get(`/api/regions/${t.townAId}`)).body.name;
    expect(region).toEqual({ field: 'region_id', label: '所属区划', before: null, after: town });
    expect(e.details.find((d: { field: string }) => d.field === 'type')).toMatchObject({ label: '类型', after: '县直部门' });
    // No detail shows a bare id of an account, unit or region.
    for (const d of e.details) expect(String(d.after)).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("finds the covert rounds' events when searching 暗访, and not a routine round's", async () => {
    const covert = await makeRound(t, { kind: 'covert', name: `城区${t.tag}` });
    const routine = await makeRound(t, { kind: 'routine', name: `日常${t.tag}` });
    const auditor = await t.as('auditor');
    const found = await auditor.get(`/api/audit-events?q=${encodeURIComponent('暗访')}&subjectId=${covert.id}`);
    expect(found.body.items.map((x: { action: string }) => x.action)).toContain('inspection_round.created');
    expect(found.body.items[0].subjectTypeLabel).toBe('督查轮次');
    expect((await auditor.get(`/api/audit-events?q=${encodeURIComponent('暗访')}&subjectId=${routine.id}`)).body.total).toBe(0);
    // Chinese labels are searchable too: 修改单位 finds unit.updated.
    const byLabel = await auditor.get(`/api/audit-events?q=${encodeURIComponent('修改单位')}&subjectId=${t.unitAId}`);
    expect(byLabel.body.items.every((x: { action: string }) => x.action === 'unit.updated')).toBe(true);
  });

  it('rejects a date range that ends before it starts', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get('/api/audit-events?from=2026-11-02&to=2026-11-01');
    expect(res.status).toBe(400);
  });
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 naming the first bad row after tampering', async () => {
    if (process.env.TEST_DATABASE_URL) return; // the CLI is exercised on the embedded engine; the SQL it runs is shared
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-audit-'));
    const database = await openDatabase({ dataDir: path.join(dir, 'db') });
    await migrate(database.db);
    const ctx = {
      actor: systemActor,
      db: database.db,
      clock: new FixedClock(new Date('2026-11-01T08:00:00Z')),
      meta: { ip: null, userAgent: 'test' },
    };
    for (let i = 0; i < 5; i++)
      await database.db
        .transaction()
        .execute((tx) => recordEvent(tx, ctx, { action: 'unit.updated', subjectType: 'unit', subjectId: String(i), after: { n: i } }));
    await database.close();
    const run = promisify(execFile);
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
    const ok = await run('node', ['--import', 'tsx', 'scripts/audit-verify.ts'], { env });
    expect(ok.stdout).toContain('已校验 5 条');
    const again = await openDatabase({ dataDir: path.join(dir, 'db') });
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(again.db);
    await sql`update audit_events set after = '{"n": 99}' where id = 3`.execute(again.db);
    await again.close();
    const bad = await run('node', ['--import', 'tsx', 'scripts/audit-verify.ts'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('链上第 3 条');
    fs.rmSync(dir, { recursive: true, force: true });
    // Two child processes each open an embedded database: slow on a busy machine.
  }, 120_000);
});

describe(`audit anchors: the chain head published outside the database (${engineName})`, () => {
  const key = Buffer.from('test-anchor-key-0123456789abcdef');

  /** Runs `tamper` on the chain with new inserts held off (the table lock, taken before anything else), then rolls everything back. */
  async function tampered(tamper: (tx: Tx) => Promise<void>) {
    const { database } = await getHarness();
    await expect(
      database.db.transaction().execute(async (tx) => {
        // The table locks first, the chain before the events (a sealer's order), so no sealer or writer interleaves.
        await sql`lock table audit_chain, audit_events in access exclusive mode`.execute(tx);
        await verifyAuditChain(tx);
        await tamper(tx);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  }

  it('detects the newest rows deleted, which the chain alone cannot', async () => {
    await tampered(async (tx) => {
      const head = await chainHead(tx);
      const anchor = signAnchor(head, key, new Date());
      expect(await verifyAgainstAnchor(tx, anchor, key)).toEqual({ ok: true, reason: null });
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(tx);
      await sql`alter table audit_chain disable trigger audit_chain_no_update`.execute(tx);
      const gone = await sql<{ event_id: string }>`delete from audit_chain where seq >= ${head.seq - 1} returning event_id`.execute(tx);
      for (const row of gone.rows) await sql`delete from audit_events where id = ${row.event_id}`.execute(tx);
      // The shortened chain is still consistent …
      expect((await verifyAuditChain(tx)).ok).toBe(true);
      // … but shorter than the anchor.
      const check = await verifyAgainstAnchor(tx, anchor, key);
      expect(check.ok).toBe(false);
      expect(check.reason).toContain(`记录到第 ${head.seq} 条`);
      expect(check.reason).toContain('最新的记录被删除');
    });
  });

  it('detects a rewritten chain (row changed and its hash recomputed by someone who can disable the triggers)', async () => {
    await tampered(async (tx) => {
      const head = await chainHead(tx);
      const anchor = signAnchor(head, key, new Date());
      await sql`alter table audit_events disable trigger user`.execute(tx);
      await sql`alter table audit_chain disable trigger user`.execute(tx);
      await sql`update audit_events set actor_name = '他人' where id = (select event_id from audit_chain where seq = ${head.seq})`.execute(
        tx,
      );
      await sql`update audit_chain c set hash = audit_event_hash(e, c.seq, c.prev_hash) from audit_events e where e.id = c.event_id and c.seq = ${head.seq}`.execute(
        tx,
      );
      expect((await verifyAuditChain(tx)).ok).toBe(true);
      const check = await verifyAgainstAnchor(tx, anchor, key);
      expect(check.ok).toBe(false);
      expect(check.reason).toContain(`第 ${head.seq} 条的哈希与锚点`);
    });
  });

  it('refuses an anchor that was edited or signed with another key', async () => {
    const { database } = await getHarness();
    const anchor = signAnchor(await chainHead(database.db), key, new Date());
    expect((await verifyAgainstAnchor(database.db, { ...anchor, seq: anchor.seq - 1 }, key)).reason).toContain('签名无效');
    expect(await verifyAgainstAnchor(database.db, anchor, Buffer.from('another-key-0123456789'))).toMatchObject({ ok: false });
  });

  it('the auditor sees the latest anchor file and whether the database still matches it', async () => {
    const { database } = await getHarness();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-anchors-'));
    const saved = { dir: process.env.AUDIT_ANCHOR_DIR, key: process.env.AUDIT_ANCHOR_KEY };
    process.env.AUDIT_ANCHOR_DIR = dir;
    process.env.AUDIT_ANCHOR_KEY = key.toString('utf8');
    try {
      const auditor = await t.as('auditor');
      expect((await auditor.get('/api/audit-events/anchor')).body).toMatchObject({ anchor: null, ok: null });
      const { anchor, file } = await writeAnchor(database.db, { dir, key, now: new Date('2026-12-03T08:00:00Z') });
      expect(readAnchor(file)).toEqual(anchor);
      const res = await auditor.get('/api/audit-events/anchor');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        anchor: { seq: anchor.seq, hash: anchor.hash, anchoredAt: '2026-12-03T08:00:00.000Z' },
        signatureValid: true,
        ok: true,
        file: path.basename(file),
      });
      expect([403, 404]).toContain((await (await t.as('office')).get('/api/audit-events/anchor')).status);
    } finally {
      process.env.AUDIT_ANCHOR_DIR = saved.dir;
      process.env.AUDIT_ANCHOR_KEY = saved.key;
      if (saved.dir === undefined) delete process.env.AUDIT_ANCHOR_DIR;
      if (saved.key === undefined) delete process.env.AUDIT_ANCHOR_KEY;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
