/** The audit trail: one event per mutation in the same transaction, refused updates, and tamper detection. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/platform/actor';
import { recordEvent, verifyAuditChain } from '../../server/platform/audit';
import { chainHead, readAnchor, signAnchor, verifyAgainstAnchor, writeAnchor } from '../../server/platform/audit-anchor';
import { FixedClock } from '../../server/platform/clock';
import { openDatabase, type Tx } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
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

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const { database } = await getHarness();
    await expect(
      sql`update audit_events set action = 'x' where id = (select max(id) from audit_events)`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = (select max(id) from audit_events)`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('finds a changed row and a removed row, naming the first bad one (tampering rolled back)', async () => {
    const { database } = await getHarness();
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/audit-events/verify')).body.ok).toBe(true);
    for (const kind of ['change', 'remove'] as const) {
      await expect(
        database.db.transaction().execute(async (tx) => {
          // Hold off other writers with the table lock, taken first: taking the chain's advisory lock first and the
          // table lock later (ALTER TABLE) deadlocks with a writer that has begun its insert (PostgreSQL then kills it).
          await sql`lock table audit_events in access exclusive mode`.execute(tx);
          const ids = (await sql<{ id: number }>`select id::int8 as id from audit_events order by id desc limit 3`.execute(tx)).rows.map(
            (r) => Number(r.id),
          );
          const victim = ids[1];
          await sql`alter table audit_events disable trigger audit_events_no_update`.execute(tx);
          if (kind === 'change') await sql`update audit_events set actor_name = '他人' where id = ${victim}`.execute(tx);
          else await sql`delete from audit_events where id = ${victim}`.execute(tx);
          const check = await verifyAuditChain(tx);
          expect(check.ok).toBe(false);
          expect(check.firstBadId).toBe(kind === 'change' ? victim : ids[0]);
          expect(check.reason).toMatch(kind === 'change' ? /被改动/ : /被删除或改动/);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    }
    expect((await auditor.get('/api/audit-events/verify')).body.ok).toBe(true);
  });

  it('exports the filtered events as .xlsx', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get(`/api/audit-events/export?subjectId=${t.unitAId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
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
    expect(bad.stderr).toContain('id=3');
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
        // The table lock first: the chain's advisory lock first would deadlock with a writer mid-insert.
        await sql`lock table audit_events in access exclusive mode`.execute(tx);
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
      await sql`delete from audit_events where id >= ${head.seq - 1}`.execute(tx);
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
      await sql`update audit_events set actor_name = '他人' where id = ${head.seq}`.execute(tx);
      await sql`update audit_events e set hash = audit_row_hash(e) where id = ${head.seq}`.execute(tx);
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
