/**
 * Reports and sign-ins that arrive together share their statements (platform/batcher.ts): the checks, the write and
 * the session or token lookup run once for the lot. What each request gets must not change: its own answer, its own
 * refusal, its own code, timeline entry, notice job and audit event, and a resend racing its twin still one problem.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SLOTS } from '../../server/modules/problems/report-statements';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { jobsOfProblem } from '../support/problems';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const body = (over: Record<string, unknown> = {}) => ({
  clientId: crypto.randomUUID(),
  description: '小区门口垃圾满溢未及时清运',
  categoryCode: 'E0102',
  source: 'grid',
  severity: 'normal',
  photoIds: [],
  ...over,
});

describe(`reports sent together (${engineName})`, () => {
  it('each gets its own answer, code, timeline entry, notice job and audit event; refusals stay with their request', async () => {
    const grid = await t.as('grid');
    const office = await t.as('office');
    const script = await t.asScript('grid');
    const twin = crypto.randomUUID();
    const sent = [
      ...Array.from({ length: 8 }, (_, i) => grid.post('/api/problems', body({ address: `幸福路 ${i + 1} 号` }))),
      ...Array.from({ length: 3 }, (_, i) => script.post('/api/problems', body({ address: `人民路 ${i + 1} 号` }))),
      office.post('/api/problems', body({ regionId: t.townBId, source: 'inspection', address: '乙镇中心街' })),
      grid.post('/api/problems', body({ clientId: twin, address: '孪生' })),
      grid.post('/api/problems', body({ clientId: twin, address: '孪生' })),
      grid.post('/api/problems', body({ categoryCode: 'X9999' })),
      // Town B lies outside the grid worker's town A.
      grid.post('/api/problems', body({ regionId: t.townBId })),
    ];
    const res = await Promise.all(sent);

    const created = res.slice(0, 12);
    for (const r of created) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(created.map((r) => r.body.address)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `幸福路 ${i + 1} 号`),
      ...Array.from({ length: 3 }, (_, i) => `人民路 ${i + 1} 号`),
      '乙镇中心街',
    ]);
    expect(created[11].body.regionId).toBe(t.townBId);
    // The write's answer is the problem as reading it answers (its names looked up by key in the same statement).
    for (const [i, who] of [
      [0, grid],
      [8, script],
      [11, office],
    ] as const) {
      const read = await who.get(`/api/problems/${created[i].body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject(created[i].body);
      expect(created[i].body.regionName).toBeTruthy();
      expect(created[i].body.categoryName).toBeTruthy();
    }
    expect(created.slice(0, 11).every((r) => r.body.regionId === t.townAId)).toBe(true);

    const [a, b] = [res[12], res[13]];
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);

    expect(res[14].status).toBe(400);
    expect(res[14].body.error.message).toContain('X9999');
    expect(res[15].status).toBe(400);
    expect(res[15].body.error.message).toBe('所属区域不存在或不在您的工作范围内');

    const ids = [...created.map((r) => r.body.id as string), a.body.id as string];
    const codes = [...created.map((r) => r.body.code as string), a.body.code as string];
    expect(new Set(codes).size).toBe(13);
    for (const code of codes) expect(code).toMatch(/^WT\d{6}-\d{6}-\d{6}$/);

    const { database } = await getHarness();
    const db = database.db;
    const count = async (table: 'problem_events' | 'outbox_jobs' | 'audit_events', column: string, extra: (q: any) => any) =>
      (
        await extra(db.selectFrom(table as never).select([`${column} as id` as never]))
          .where(column as never, 'in', ids as never)
          .execute()
      ).map((r: { id: string }) => r.id);
    const timeline = await count('problem_events', 'problem_id', (q) => q.where('action', '=', 'report'));
    const audits = await count('audit_events', 'subject_id', (q) => q.where('action', '=', 'problem.reported'));
    for (const list of [timeline, audits]) expect([...list].sort()).toEqual([...ids].sort());
    // The notices: one 'notices' job per statement, holding each of its reports' notices (each report's exactly once).
    const noticeJobs = new Map<string, { payload: unknown; done_at: Date | null }>();
    for (const id of ids) for (const j of await jobsOfProblem(db, id)) noticeJobs.set(j.id, j);
    const notices = [...noticeJobs.values()].flatMap((j) =>
      (j.payload as { notices: { notice: { problemId: string } }[] }).notices.map((n) => ({ ...n, done_at: j.done_at })),
    );
    expect(notices.map((n) => n.notice.problemId).sort()).toEqual([...ids].sort());
    expect([...noticeJobs.values()].every((j) => j.done_at !== null)).toBe(true);

    // json columns went in as JSON values (not strings): the audit event names its problem's code, the notice job
    // its problem and title, and the office received the notice.
    const audit = await db
      .selectFrom('audit_events')
      .select(['subject_id', 'after'])
      .where('action', '=', 'problem.reported')
      .where('subject_id', 'in', ids)
      .execute();
    const codeOf = new Map(ids.map((id, i) => [id, codes[i]]));
    for (const e of audit) expect(e.after).toMatchObject({ code: codeOf.get(e.subject_id!), state: 'pending' });
    // The check decided the code and the region in the same statement: every placeholder the rows were sent with was
    // filled, each with its own report's values.
    const regionOf = new Map<string, string>([...created, a].map((r) => [r.body.id as string, r.body.regionId as string]));
    for (const e of audit) expect((e.after as { region_id: string }).region_id).toBe(regionOf.get(e.subject_id!));
    const slots = Object.values(REPORT_SLOTS);
    const written = JSON.stringify([audit, notices, created.map((r) => r.body)]);
    for (const slot of slots) expect(written).not.toContain(slot);
    for (const n of notices) {
      const problemId = n.notice.problemId;
      expect(n).toMatchObject({
        notice: {
          kind: 'reported',
          problemId,
          title: `新上报问题 ${codeOf.get(problemId)} 待受理`,
          regionPath: expect.stringContaining(regionOf.get(problemId)!),
        },
      });
    }
    const officeBell = await office.get('/api/notifications?pageSize=100');
    for (const code of codes.slice(0, 11)) expect(JSON.stringify(officeBell.body)).toContain(code);

    // The rows carry their own reporter: the script's three are the grid worker's too, the office's is the office's.
    const reporters = await db.selectFrom('problems').select(['id', 'reporter_id']).where('id', 'in', ids).execute();
    const byId = new Map(reporters.map((r) => [r.id, r.reporter_id]));
    expect(byId.get(created[11].body.id)).toBe(t.users.office.id);
    expect(created.slice(0, 11).every((r) => byId.get(r.body.id) === t.users.grid.id)).toBe(true);
  });

  it('sign-ins looked up together each get their own account; an ended session among them is refused', async () => {
    const clients = await Promise.all((['office', 'unit', 'grid', 'inspector'] as const).map((k) => t.as(k)));
    const gone = await t.as('leader');
    const ended = gone.cookie;
    expect((await gone.post('/api/auth/logout')).status).toBe(204);
    gone.cookie = ended; // the browser kept the cookie of a session that has ended
    const script = await t.asScript('unit2');
    const asked = [...clients, ...clients, script, gone];
    const res = await Promise.all(asked.map((c) => c.get('/api/auth/session')));
    const names = res.map((r) => (r.status === 200 ? r.body.user.username : r.status));
    const want = (k: string) => t.users[k].username;
    expect(names).toEqual([
      ...['office', 'unit', 'grid', 'inspector'].map(want),
      ...['office', 'unit', 'grid', 'inspector'].map(want),
      want('unit2'),
      401,
    ]);
  });
});
