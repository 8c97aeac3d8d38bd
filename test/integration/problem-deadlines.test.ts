/** Deadlines, reminders, 督办 and escalation, driven by the sweep with a set clock. */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/platform/actor';
import { sweepDeadlines } from '../../server/modules/problems/sweep-deadlines';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

async function sweep() {
  const { database, clock } = await getHarness();
  return sweepDeadlines({ actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: 'test' } });
}

const kinds = async (key: string, problemId: string) => {
  const c = await t.asScript(key);
  const res = await c.get('/api/notifications?pageSize=100');
  return res.body.items.filter((n: { problemId: string }) => n.problemId === problemId).map((n: { kind: string }) => n.kind);
};

describe(`deadlines and escalation (${engineName})`, () => {
  it('reminds the unit head the day before, issues a 督办单 at the deadline, escalates to the linked leader three days later', async () => {
    const { clock, database } = await getHarness();
    const office = await t.asScript('office');
    // The leader is linked to unit A through the campaign's leading group (结对联创).
    await office.post(`/api/campaigns/${t.campaignId}/leading-group`, {
      name: '周国栋',
      post: '副县长',
      groupRole: 'deputy_leader',
      userId: t.users.leader.id,
      unitIds: [t.unitAId],
    });
    const p = await report(office, t.countyId, { severity: 'serious' }); // 72 hours
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(await t.asScript('unit'), p.id, 'acknowledge');

    await sweep();
    expect(await kinds('unithead', p.id)).toEqual(['dispatched']);

    clock.advanceMinutes(49 * 60); // 23 hours before the deadline
    await sweep();
    await sweep(); // idempotent
    expect((await kinds('unithead', p.id)).filter((k: string) => k === 'deadline_tomorrow')).toHaveLength(1);

    clock.advanceMinutes(24 * 60); // one hour past the deadline
    const list = await office.get(`/api/problems?overdue=true&unitId=${t.unitAId}&pageSize=100`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    await sweep();
    await sweep();
    const detail = (await office.get(`/api/problems/${p.id}`)).body;
    expect(detail.overdue).toBe(true);
    expect(detail.supervisionNotices).toHaveLength(1);
    expect(detail.supervisionNotices[0].code).toMatch(/^DB\d{6}-\d{6}-\d{6}$/);
    expect(await kinds('unit', p.id)).toContain('supervised');
    expect(await kinds('office', p.id)).toContain('supervised');
    const print = await office.get(`/api/supervision-notices/${detail.supervisionNotices[0].id}/print`);
    expect(print.status).toBe(200);
    expect(print.body).toContain('问题整改督办单');
    expect(print.body).toContain(p.code);
    expect((await (await t.asScript('unit2')).get(`/api/supervision-notices/${detail.supervisionNotices[0].id}/print`)).status).toBe(404);
    expect(await kinds('leader', p.id)).not.toContain('escalated');

    clock.advanceMinutes(3 * 24 * 60 + 1);
    await sweep();
    expect(await kinds('leader', p.id)).toEqual(['escalated']);
    const after = (await office.get(`/api/problems/${p.id}`)).body;
    expect(after.supervisionNotices[0].escalatedTo).toBe('周国栋');
    expect(
      after.timeline.map((e: { action: string }) => e.action).filter((a: string) => ['remind', 'supervise', 'escalate'].includes(a)),
    ).toEqual(['remind', 'supervise', 'escalate']);
    // The sweep never bumps the version, so a person's screen is not made stale by it.
    expect(after.version).toBe(detail.version);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', p.id)
      .where('action', 'in', ['problem.reminded', 'problem.supervised', 'problem.escalated'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['problem.escalated', 'problem.reminded', 'problem.supervised']);
  });

  it('an approved extension moves the deadline and clears a pending 督办 cycle', async () => {
    const { clock } = await getHarness();
    const office = await t.asScript('office');
    const unit = await t.asScript('unit');
    const p = await report(office, t.countyId, { severity: 'urgent' });
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, p.id, 'acknowledge');
    clock.advanceMinutes(25 * 60);
    await sweep();
    expect((await office.get(`/api/problems/${p.id}`)).body.supervisionNotices).toHaveLength(1);
    await act(unit, p.id, 'request_extension', { days: 5, reason: '材料到货需时间' });
    const approved = await act(office, p.id, 'approve_extension');
    expect(approved.overdue).toBe(false);
    expect(approved.supervisedAt).toBeNull();
  });
});

describe(`extensions count working days when the policy does (${engineName})`, () => {
  /** Friday 2027-01-08, 10:00 Beijing time. */
  const FRIDAY_10 = new Date('2027-01-08T02:00:00Z');
  /** Friday 18:00 Beijing: the dispatch deadline. */
  const FRIDAY_18 = new Date('2027-01-08T10:00:00Z');

  async function extendByOneDay(tenant: Tenant, workingDays: boolean) {
    const { clock } = await getHarness();
    clock.set(FRIDAY_10);
    const office = await tenant.as('office');
    const unit = await tenant.as('unit');
    // The county's own policy for this severity (region-scoped settings), so no other file's defaults matter.
    const set = await office.request('PUT', `/api/problem-settings/regions/${tenant.countyId}/deadlines/urgent`, {
      hours: 24,
      workingDays,
      version: null,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const p = await report(office, tenant.townAId, { severity: 'urgent' });
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: tenant.unitAId, deadline: FRIDAY_18.toISOString() });
    await act(unit, p.id, 'acknowledge');
    await act(unit, p.id, 'request_extension', { days: 1, reason: '周末无法施工' });
    return act(office, p.id, 'approve_extension');
  }

  it('one working day after Friday 18:00 is Monday 18:00, not Saturday', async () => {
    const approved = await extendByOneDay(await createTenant(), true);
    expect(new Date(approved.deadline).toISOString()).toBe('2027-01-11T10:00:00.000Z');
  });

  it('a calendar-day policy still adds calendar days (Saturday 18:00)', async () => {
    const approved = await extendByOneDay(await createTenant(), false);
    expect(new Date(approved.deadline).toISOString()).toBe('2027-01-09T10:00:00.000Z');
  });
});

describe(`sweep thresholds are region-scoped data; 督办 by SMS is opt-in per region (${engineName})`, () => {
  it("a county's own lead time and escalation delay apply to its towns; another county keeps the shipped 24 h / 72 h", async () => {
    const { clock, database } = await getHarness();
    const db = database.db;
    const own = await createTenant();
    const plain = await createTenant();
    // The county reminds 48 h ahead and escalates 24 h after the 督办单; its towns inherit that (nearest region wins).
    await db
      .insertInto('region_escalation_settings')
      .values({ region_id: own.countyId, remind_before_hours: 48, escalate_after_hours: 24 })
      .execute();
    // …and sends 督办 to its unit heads by SMS (shipped switched off).
    await db
      .insertInto('notice_channels')
      .values({ region_id: own.countyId, kind: 'supervised', channel: 'sms', enabled: true, roles: ['unit_head'] })
      .execute();
    const phoneOf = (x: Tenant) => `137${String(parseInt(x.tag, 16) % 100_000_000).padStart(8, '0')}`; // phones are unique
    for (const x of [own, plain])
      await db
        .updateTable('users')
        .set({ phone: phoneOf(x) })
        .where('id', '=', x.users.unithead.id)
        .execute();
    // Both unit heads opted in to SMS notices (个人中心 → 短信提醒): only the county's channel setting differs.
    for (const x of [own, plain]) {
      const res = await (await x.asScript('unithead')).request('PUT', '/api/auth/sms-notices', { enabled: true });
      expect(res.status).toBe(200);
    }

    const start = async (x: Tenant) => {
      const office = await x.asScript('office');
      const p = await report(office, x.townAId, { severity: 'serious' }); // 72 hours
      await act(office, p.id, 'accept');
      await act(office, p.id, 'dispatch', { unitId: x.unitAId });
      return p;
    };
    const a = await start(own);
    const b = await start(plain);
    const remindedKinds = async (x: Tenant, id: string) => {
      const c = await x.asScript('unithead');
      return (await c.get('/api/notifications?pageSize=100')).body.items
        .filter((n: { problemId: string }) => n.problemId === id)
        .map((n: { kind: string }) => n.kind);
    };

    clock.advanceMinutes(25 * 60); // 47 hours before the deadline
    await sweep();
    expect(await remindedKinds(own, a.id)).toContain('deadline_tomorrow');
    expect(await remindedKinds(plain, b.id)).not.toContain('deadline_tomorrow');
    clock.advanceMinutes(24 * 60); // 23 hours before
    await sweep();
    expect(await remindedKinds(plain, b.id)).toContain('deadline_tomorrow');

    clock.advanceMinutes(24 * 60); // one hour past the deadline: both get a 督办单
    await sweep();
    const noticeOf = async (x: Tenant, id: string) =>
      (await (await x.asScript('office')).get(`/api/problems/${id}`)).body.supervisionNotices[0];
    const na = await noticeOf(own, a.id);
    const nb = await noticeOf(plain, b.id);
    // The 督办单's own deadline follows the region's escalation delay.
    expect(new Date(na.deadline).getTime() - new Date(na.issuedAt).getTime()).toBe(24 * 3600_000);
    expect(new Date(nb.deadline).getTime() - new Date(nb.issuedAt).getTime()).toBe(72 * 3600_000);
    // SMS only where the county switched it on, to the unit head, handed to the transport.
    const sms = async (x: Tenant) =>
      db
        .selectFrom('message_outbox')
        .select(['recipient', 'sent_at'])
        .where('user_id', '=', x.users.unithead.id)
        .where('purpose', '=', 'notice:supervised')
        .execute();
    expect((await sms(own)).map((m) => [m.recipient, m.sent_at !== null])).toEqual([[phoneOf(own), true]]);
    expect(await sms(plain)).toEqual([]);

    clock.advanceMinutes(25 * 60); // 25 hours after the 督办单
    await sweep();
    await sweep(); // idempotent
    const escalated = async (x: Tenant, id: string) =>
      (await db.selectFrom('problems').select('escalated_at').where('id', '=', id).executeTakeFirstOrThrow()).escalated_at;
    expect(await escalated(own, a.id)).not.toBeNull();
    expect(await escalated(plain, b.id)).toBeNull();
    expect((await remindedKinds(own, a.id)).filter((k: string) => k === 'escalated')).toHaveLength(1);

    clock.advanceMinutes(48 * 60); // 73 hours after: the shipped default escalates too
    await sweep();
    expect(await escalated(plain, b.id)).not.toBeNull();
  });
});
