/** The problem loop through the HTTP API: reporting, the state machine, scope, concurrency and idempotency. */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { listProblems, type ProblemScope } from '../../server/modules/problems/repository';
import { act, attempt, report, uploadPhoto } from '../support/problems';

let t: Tenant;
let photo: string;
beforeAll(async () => {
  t = await createTenant();
  photo = await uploadPhoto(await t.as('unit'));
});

describe(`problem loop (${engineName})`, () => {
  it('lists the category tree with codes and names', async () => {
    const c = await t.as('grid');
    const res = await c.get('/api/problem-categories');
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.items.map((x: { code: string; name: string }) => [x.code, x.name]));
    expect(byCode.get('E05')).toBe('街面秩序');
    expect(byCode.get('E0502')).toBe('占道经营');
    expect(byCode.get('W0101')).toBe('公益广告缺失或破损');
  });

  it('creates a problem with a readable code; the same clientId again returns the same problem', async () => {
    const grid = await t.as('grid');
    const clientId = crypto.randomUUID();
    const body = {
      clientId,
      description: '朝阳路占道经营水果摊',
      categoryCode: 'E0502',
      source: 'grid',
      severity: 'major',
      location: { lat: 39.12, lng: 116.51 },
      photoIds: [],
    };
    const first = await grid.post('/api/problems', body);
    expect(first.status).toBe(201);
    expect(first.body.code).toMatch(/^WT\d{6}-\d{6}-\d{6}$/);
    expect(first.body).toMatchObject({
      state: 'pending',
      source: 'grid',
      severity: 'major',
      regionId: t.townAId,
      location: { lat: 39.12, lng: 116.51 },
    });
    const again = await grid.post('/api/problems', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // The reporter follows their own report even though grid workers cannot list others' problems.
    expect((await grid.get(`/api/problems/${first.body.id}`)).status).toBe(200);
    const mine = await grid.get('/api/problems?mine=true');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(first.body.id);
  });

  it('rejects bad reports with 400 and Chinese messages, writing nothing', async () => {
    const grid = await t.as('grid');
    const clientId = crypto.randomUUID();
    const res = await grid.post('/api/problems', {
      clientId,
      description: '无',
      categoryCode: 'E0502',
      source: 'somewhere',
      severity: 'normal',
      photoIds: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/输入有误/);
    const badCategory = await grid.post('/api/problems', {
      clientId,
      description: '路灯不亮已三天',
      categoryCode: 'X9999',
      source: 'grid',
      photoIds: [],
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.message).toContain('X9999');
    const badPhoto = await grid.post('/api/problems', {
      clientId,
      description: '路灯不亮已三天',
      categoryCode: 'C0106',
      source: 'grid',
      photoIds: [crypto.randomUUID()],
    });
    expect(badPhoto.status).toBe(400);
    const retry = await grid.post('/api/problems', {
      clientId,
      description: '路灯不亮已三天',
      categoryCode: 'C0106',
      source: 'grid',
      photoIds: [],
    });
    expect(retry.status).toBe(201);
  });

  it('runs the whole loop: 立案 → 派遣 → 签收 → 延期 → 整改 → 核查不通过(返工) → 整改 → 核查通过 → 结案', async () => {
    const { clock } = await getHarness();
    const office = await t.as('office');
    const unit = await t.as('unit');
    const inspector = await t.as('inspector');
    const p = await report(inspector, t.countyId, { severity: 'urgent' });
    expect(p.allowedActions).toEqual([]);
    const seenByOffice = (await office.get(`/api/problems/${p.id}`)).body;
    expect(seenByOffice.allowedActions).toEqual(['accept', 'reject']);

    await act(office, p.id, 'accept');
    const dispatchedAt = clock.now();
    const d = await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    expect(d.state).toBe('dispatched');
    expect(new Date(d.deadline).getTime()).toBe(dispatchedAt.getTime() + 24 * 3600_000);

    const unitView = (await unit.get(`/api/problems/${p.id}`)).body;
    expect(unitView.allowedActions).toEqual(['acknowledge', 'dispute']);
    const bell = await unit.get('/api/notifications?unread=true');
    expect(bell.body.items.some((n: { problemId: string; kind: string }) => n.problemId === p.id && n.kind === 'dispatched')).toBe(true);

    await act(unit, p.id, 'acknowledge');
    await act(unit, p.id, 'request_extension', { days: 2, reason: '需采购新垃圾桶' });
    expect((await attempt(unit, p.id, 'request_extension', { days: 1, reason: '再延一天' })).body.error.code).toBe('invalid_transition');
    const approved = await act(office, p.id, 'approve_extension');
    expect(new Date(approved.deadline).getTime()).toBe(dispatchedAt.getTime() + 3 * 24 * 3600_000);
    expect(approved.extensionCount).toBe(1);

    const noPhoto = await attempt(unit, p.id, 'submit_rectification', { measures: '已清理', photoIds: [] });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.error.message).toContain('请上传整改后照片');
    await act(unit, p.id, 'submit_rectification', { measures: '已清理暴露垃圾并增设垃圾桶', photoIds: [photo] });
    const failNoReason = await attempt(office, p.id, 'verify', { passed: false });
    expect(failNoReason.status).toBe(400);
    const failed = await act(office, p.id, 'verify', { passed: false, comment: '周边仍有散落垃圾' });
    expect(failed).toMatchObject({ state: 'rectifying', reworkCount: 1 });
    await act(unit, p.id, 'submit_rectification', { measures: '全面清扫并安排专人保洁', photoIds: [photo] });
    const closed = await act(inspector, p.id, 'verify', { passed: true, comment: '整改到位' });
    expect(closed.state).toBe('closed');

    const detail = (await office.get(`/api/problems/${p.id}`)).body;
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'acknowledge',
      'request_extension',
      'approve_extension',
      'submit_rectification',
      'verify',
      'submit_rectification',
      'verify',
    ]);
    expect(detail.photos).toEqual([expect.objectContaining({ fileId: photo, stage: 'rectification' })]);
    expect(detail.allowedActions).toEqual(['reopen']);
  });

  it('answers 422 invalid_transition for an illegal action, 404 out of scope, 409 for a stale version', async () => {
    const office = await t.as('office');
    const unit2 = await t.as('unit2');
    const p = await report(office, t.countyId);
    const illegal = await attempt(office, p.id, 'verify', { passed: true });
    expect(illegal.status).toBe(422);
    expect(illegal.body.error.code).toBe('invalid_transition');
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    const foreign = await unit2.post(`/api/problems/${p.id}/transitions`, { action: 'acknowledge', version: 3 });
    expect(foreign.status).toBe(404);
    expect((await unit2.get(`/api/problems/${p.id}`)).status).toBe(404);
    expect((await unit2.get('/api/problems?pageSize=200')).body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const stale = await (await t.as('unit')).post(`/api/problems/${p.id}/transitions`, { action: 'acknowledge', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const unknown = await office.post(`/api/problems/${p.id}/transitions`, { action: 'teleport', version: 3 });
    expect(unknown.status).toBe(400);
  });

  it('lets exactly one of two simultaneous actions win; the other gets 409', async () => {
    const office = await t.as('office');
    const office2 = await t.as('office');
    const p = await report(office, t.countyId);
    const [a, b] = await Promise.all([
      office.post(`/api/problems/${p.id}/transitions`, { action: 'accept', version: p.version }),
      office2.post(`/api/problems/${p.id}/transitions`, { action: 'reject', version: p.version, reason: '重复上报' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const final = (await office.get(`/api/problems/${p.id}`)).body;
    expect(final.timeline.filter((e: { action: string }) => e.action !== 'report')).toHaveLength(1);
  });

  it('sends a disputed problem back to the office with no unit', async () => {
    const office = await t.as('office');
    const unit = await t.as('unit');
    const p = await report(office, t.countyId);
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    const back = await act(unit, p.id, 'dispute', { reason: '属市场监管职责' });
    expect(back).toMatchObject({ state: 'accepted', unitId: null, deadline: null });
    expect((await unit.get(`/api/problems/${p.id}`)).status).toBe(404);
  });

  it('does not let the person who rectified verify their own work', async () => {
    const { database } = await getHarness();
    // One person who is both a unit liaison and an inspector.
    await database.db
      .insertInto('user_roles')
      .values({ user_id: t.users.unit.id, role: 'inspector', scope_type: 'region', scope_id: t.countyId })
      .execute();
    const office = await t.as('office');
    const dual = await t.as('unit');
    const p = await report(office, t.countyId);
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(dual, p.id, 'acknowledge');
    await act(dual, p.id, 'submit_rectification', { measures: '已整改', photoIds: [photo] });
    const own = await attempt(dual, p.id, 'verify', { passed: true });
    expect(own.status).toBe(422);
    expect(own.body.error.message).toContain('不能核查自己的整改');
    await database.db.deleteFrom('user_roles').where('user_id', '=', t.users.unit.id).where('role', '=', 'inspector').execute();
  });

  it('reopens a closed problem found back on re-check as a linked relapse sent to the same unit', async () => {
    const office = await t.as('office');
    const unit = await t.as('unit');
    const inspector = await t.as('inspector');
    const p = await report(office, t.countyId);
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, p.id, 'acknowledge');
    await act(unit, p.id, 'submit_rectification', { measures: '已清理', photoIds: [photo] });
    await act(office, p.id, 'verify', { passed: true });
    const reopened = await act(inspector, p.id, 'reopen', { reason: '回头看发现再次出现暴露垃圾' });
    expect(reopened).toMatchObject({ state: 'closed', relapseCount: 1 });
    const relapse = (await office.get(`/api/problems/${reopened.relapseProblemId}`)).body;
    expect(relapse).toMatchObject({ state: 'dispatched', unitId: t.unitAId, relapsedFrom: p.id, isRelapse: true, source: 'recheck' });
    const list = await office.get('/api/problems?relapse=true&pageSize=100');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(relapse.id);
  });

  it('filters lists by state, unit and overdue, and bulk-accepts with a per-item result', async () => {
    const office = await t.as('office');
    const a = await report(office, t.townBId);
    const b = await report(office, t.townBId);
    const bulk = await office.post('/api/problems/bulk-transitions', {
      action: 'accept',
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: 99 },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ succeeded: 1, failed: 1 });
    expect(bulk.body.results[1].error.code).toBe('version_conflict');
    const accepted = await office.get(`/api/problems?state=accepted&regionId=${t.townBId}`);
    expect(accepted.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const pending = await office.get(`/api/problems?state=pending,accepted&regionId=${t.townBId}&sort=code&order=asc`);
    expect(pending.body.items.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
    expect(pending.body).toMatchObject({ total: 2, totalCapped: false });
    // Past the count cap the total stops at the cap and says so.
    const { database, clock } = await getHarness();
    const all = (eb: Parameters<ProblemScope>[0]) => eb.val(true);
    const filter = { regionId: t.townBId, state: ['pending', 'accepted'] };
    const page = { limit: 1, offset: 0, sort: 'code' as const, order: 'asc' as const };
    expect(await listProblems(database.db, all, filter, clock.now(), t.users.office.id, page, 1)).toMatchObject({
      total: 1,
      totalCapped: true,
    });
    expect(await listProblems(database.db, all, filter, clock.now(), t.users.office.id, page, 2)).toMatchObject({
      total: 2,
      totalCapped: false,
    });
    // A page is the same whether the count was capped (read in the sort's order) or not (matches gathered and sorted).
    const some = { regionId: t.townBId };
    const ids = (r: Awaited<ReturnType<typeof listProblems>>) => r.items.map((x) => x.id);
    for (const sort of ['deadline', 'createdAt', 'severity', 'code', 'updatedAt'] as const)
      for (const order of ['asc', 'desc'] as const)
        for (const offset of [0, 1]) {
          const p = { limit: 3, offset, sort, order };
          const gathered = await listProblems(database.db, all, some, clock.now(), t.users.office.id, p);
          const walked = await listProblems(database.db, all, some, clock.now(), t.users.office.id, p, 1);
          expect(gathered.totalCapped).toBe(false);
          expect(walked.totalCapped).toBe(true);
          expect(ids(gathered).length).toBeGreaterThan(0);
          expect(ids(walked), `${sort} ${order} +${offset}`).toEqual(ids(gathered));
        }
    const summary = await office.get('/api/problems/summary');
    expect(summary.body.byState.accepted).toBeGreaterThanOrEqual(1);
    const ledger = await office.get(`/api/problems/export?regionId=${t.townBId}`);
    expect(ledger.status).toBe(200);
    expect(ledger.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('suggests the unit from a dispatch rule, else the town government', async () => {
    const { database } = await getHarness();
    const office = await t.as('office');
    const townUnit = await database.db
      .insertInto('units')
      .values({ name: `城关镇政府${t.tag}`, type: 'town', region_id: t.townAId, created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await report(office, t.townAId, { categoryCode: 'E0504' });
    const byTown = await office.get(`/api/problems/${p.id}/dispatch-suggestion`);
    expect(byTown.body.suggestion).toMatchObject({ unitId: townUnit.id, reason: '属地乡镇（街道）' });
    const rule = await office.post('/api/problem-settings/dispatch-rules', {
      categoryCode: 'E05',
      regionId: t.countyId,
      unitId: t.unitBId,
    });
    expect(rule.status).toBe(201);
    const byRule = await office.get(`/api/problems/${p.id}/dispatch-suggestion`);
    expect(byRule.body.suggestion).toMatchObject({ unitId: t.unitBId, reason: '派遣规则' });
    expect((await (await t.as('unit')).get(`/api/problems/${p.id}/dispatch-suggestion`)).status).toBe(404);
  });

  it("puts the loop's waiting work on each role's home page", async () => {
    const office = await t.as('office');
    const unit = await t.as('unit');
    const p = await report(office, t.countyId);
    const todoKeys = async (c: typeof office) => (await c.get('/api/home')).body.todos.map((x: { key: string }) => x.key);
    expect(await todoKeys(office)).toContain('problems-pending');
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    expect(await todoKeys(unit)).toContain('unit-acknowledge');
    const grid = await t.as('grid');
    expect((await grid.get('/api/home')).body.cards.map((x: { key: string }) => x.key)).toContain('my-reports');
  });
});
