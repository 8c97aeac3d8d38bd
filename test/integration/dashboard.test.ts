/**
 * 指挥大屏 against a hand-computed example (both engines). One tenant, this month M (the clock's):
 *
 * Problems (reported this month):
 *   P1 town A  pending                                   → open
 *   P2 town A  accepted                                  → open
 *   P3 town A  dispatched to unit A, deadline passed      → open, overdue, 督办中, due (cohort)
 *   P4 town B  dispatched to unit B, not yet due          → open
 *   P5 town B  dispatched to unit B, rectified and passed → closed on time (cohort: due, closed, on time)
 *   P6 county  rejected                                  → not open
 *   County: open 4, overdue 1, 督办中 1; by state pending 1, accepted 1, dispatched 2, closed 1, rejected 1;
 *   this month's cohort P3, P4, P5: 应结案 2 (P3 overdue, P5 closed), 结案 1 → 结案率 0.5, 按期结案率 1/2 = 0.5;
 *   trend for M: reported 6, closed 1, of M's reports closed now 1 → 1/6 = 0.1667.
 *   Town A: open 3, overdue 1; town B: open 1; towns ranked A (1 overdue) then B.
 * Sites: S1 (town A) and S2 (town B), both 农贸市场 with a location. An open round passes S2 (2/2 = 1 ≥ 0.9); a covert
 *   round fails both standards at S1 (two new findings, state accepted).
 *   Before release: nothing of the covert round counts — S1 has no score, 达标率 农贸市场 1/1, 暗访发现问题 0, open 4.
 *   After release: S1 scores 0 (not passed), 达标率 1/2, 暗访发现问题 2, accepted 3, open 6; trend reported 8.
 * 红黑榜: a published run over units A and B on 结案率 (A 0/1 → 0 points, B 1/1 → 100): red B, black A.
 */
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodEnd, periodOf } from '../../common/period';
import { hashPassword } from '../../server/platform/auth/passwords';
import { Client } from '../support/client';
import { makePhoto, makeRound, makeSite, makeStandardsVersion, type StandardRow } from '../support/entities';
import { createTenant, PASSWORD, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
let other: Tenant;
let office: Client;
let month: string;
let s1: string;
let s2: string;
let covertRound: string;
let townOffice: Client;

const kpis = async (c: Client, query = '') => {
  const res = await c.get(`/api/dashboard${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const refresh = async (c: Client = office) => {
  const res = await c.post('/api/dashboard/refresh');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const stateCounts = (body: { byState: Array<{ state: string; count: number }> }) =>
  Object.fromEntries(body.byState.filter((s) => s.count > 0).map((s) => [s.state, s.count]));

describe(`指挥大屏 (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    office = await t.asScript('office');
    const { clock, database, app } = await getHarness();
    // Keep every step inside one month: start a day into the next month when this one ends within 12 hours.
    let p = periodOf('month', clock.now());
    if (periodEnd(p).getTime() - clock.now().getTime() < 12 * 3600_000) {
      clock.set(new Date(periodEnd(p).getTime() + 24 * 3600_000));
      p = periodOf('month', clock.now());
    }
    month = formatPeriod(p);

    const unit = await t.asScript('unit');
    const unit2 = await t.asScript('unit2');
    const leader = await t.asScript('leader');
    const photo = await makePhoto(unit2);
    await report(office, t.townAId); // P1
    const p2 = await report(office, t.townAId);
    await act(office, p2.id, 'accept');
    const p3 = await report(office, t.townAId);
    await act(office, p3.id, 'accept');
    await act(office, p3.id, 'dispatch', { unitId: t.unitAId });
    const p4 = await report(office, t.townBId);
    await act(office, p4.id, 'accept');
    await act(office, p4.id, 'dispatch', { unitId: t.unitBId });
    const p5 = await report(office, t.townBId);
    await act(office, p5.id, 'accept');
    await act(office, p5.id, 'dispatch', { unitId: t.unitBId });
    await act(unit2, p5.id, 'acknowledge');
    await act(unit2, p5.id, 'submit_rectification', { measures: '已清理', photoIds: [photo] });
    await act(office, p5.id, 'verify', { passed: true });
    const p6 = await report(office, t.countyId);
    await act(office, p6.id, 'reject', { reason: '不属于创城范围' });
    // P3 ran past its deadline and got a 督办单 (what the deadline sweep does at the deadline).
    await database.db
      .updateTable('problems')
      .set({ deadline: new Date(clock.now().getTime() - 3600_000), supervised_at: clock.now() })
      .where('id', '=', p3.id)
      .execute();
    void unit;

    // Sites and rounds.
    const field = (n: number): StandardRow => [
      '和谐宜居的生活环境',
      '农贸市场管理',
      `农贸市场-02-0${n}`,
      `农贸市场标准${n}`,
      '实地考察',
      2,
      '农贸市场',
      `城管局${t.tag}`,
      '',
      '否',
    ];
    const { versionId, standards } = await makeStandardsVersion(t, [field(1), field(2)]);
    const ids = [standards.get('农贸市场-02-01')!, standards.get('农贸市场-02-02')!];
    s1 = await makeSite(t, { regionId: t.townAId, unitId: t.unitAId, location: { lat: 30.1, lng: 120.1 } });
    s2 = await makeSite(t, { regionId: t.townBId, unitId: t.unitBId, location: { lat: 30.2, lng: 120.2 } });
    const inspector = await t.asScript('inspector');
    const visit = async (roundId: string, siteId: string, verdicts: string[]) => {
      // Covert evidence is taken on the round's own page (uploaded with the round's id).
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 110, b: 90 } } })
        .jpeg()
        .toBuffer();
      const upload = multipartForm({ roundId, address: '示范路农贸市场' }, [['photo.jpg', jpeg]]);
      const evidence = verdicts.includes('fail')
        ? (await inspector.request('POST', '/api/files', upload.body, { headers: upload.headers })).body.id
        : null;
      const res = await inspector.post(`/api/inspection-rounds/${roundId}/visits`, {
        siteId,
        results: verdicts.map((verdict, i) => ({
          standardId: ids[i],
          verdict,
          photoIds: verdict === 'fail' ? [evidence] : [],
          note: verdict === 'fail' ? '不符合' : undefined,
        })),
      });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    };
    const open = await makeRound(t, { standardVersionId: versionId, siteIds: [s1, s2] });
    await visit(open.id, s2, ['pass', 'pass']);
    covertRound = (await makeRound(t, { kind: 'covert', standardVersionId: versionId, siteIds: [s1] })).id;
    await visit(covertRound, s1, ['fail', 'fail']);

    // A published 月评排名 over units A and B on 结案率 alone.
    const scheme = await office.post('/api/evaluation/schemes', {
      campaignId: t.campaignId,
      name: `月度考核${t.tag}`,
      periodType: 'month',
      redCount: 1,
      blackCount: 1,
      groups: [
        {
          name: '县直部门',
          subjectType: 'unit',
          unitIds: [t.unitAId, t.unitBId],
          indicators: [{ code: 'problem.close_rate', weight: 100, rule: { type: 'linear', floor: 0, ceiling: 1 } }],
        },
      ],
    });
    expect(scheme.status, JSON.stringify(scheme.body)).toBe(201);
    const run = await office.post('/api/evaluation/runs', { schemeId: scheme.body.id, period: month });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    for (const [c, action] of [
      [office, 'publicize'],
      [leader, 'sign_off'],
      [office, 'publish'],
    ] as const)
      expect((await c.post(`/api/evaluation/runs/${run.body.id}/transitions`, { action })).status, action).toBe(200);

    // A town office (办公室 of town A only).
    const u = await database.db
      .insertInto('users')
      .values({
        username: `townoffice_${t.tag}`,
        name: '镇创城办',
        password_hash: await hashPassword(PASSWORD),
        must_change_password: false,
        region_id: t.townAId,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('user_roles')
      .values({ user_id: u.id, role: 'office', scope_type: 'region', scope_id: t.townAId })
      .execute();
    townOffice = await new Client(app).login(`townoffice_${t.tag}`, PASSWORD);
  }, 240_000);

  it('computes the county figures by hand; nothing of an unreleased covert round counts', async () => {
    const r = await refresh();
    expect(r.regions).toBe(3); // the county and its two towns
    const d = await kpis(office);
    expect(d.region).toEqual({ id: t.countyId, name: `测试县${t.tag}`, level: 'county' });
    expect(d.period).toBe(month);
    expect(d.kpis).toEqual({ open: 4, overdue: 1, closeRate: 0.5, closed: 1, due: 2, onTimeRate: 0.5, covertFindings: 0, supervising: 1 });
    expect(stateCounts(d)).toEqual({ pending: 1, accepted: 1, dispatched: 2, closed: 1, rejected: 1 });
    expect(d.byState.map((s: { state: string }) => s.state)).toEqual([
      'pending',
      'rejected',
      'accepted',
      'dispatched',
      'rectifying',
      'verifying',
      'closed',
    ]);
    expect(d.trend).toHaveLength(12);
    expect(d.trend.at(-1)).toMatchObject({ period: month, reported: 6, closed: 1, reportedClosed: 1, closureRate: 0.1667 });
    expect(d.trend.slice(0, 11).every((m: { reported: number }) => m.reported === 0)).toBe(true);
    expect(d.towns).toEqual([
      { regionId: t.townAId, name: `城关镇${t.tag}`, open: 3, overdue: 1 },
      { regionId: t.townBId, name: `河西镇${t.tag}`, open: 1, overdue: 0 },
    ]);
    expect(d.siteTypes).toEqual([{ code: 'farmers_market', name: '集贸市场（农贸市场）', visited: 1, passed: 1, rate: 1 }]);
    expect(d.lists).toMatchObject({
      period: month,
      campaignName: `创建全国文明城市${t.tag}`,
      red: [{ groupName: '县直部门', subjectName: `市场监管局${t.tag}`, score: 100, rank: 1 }],
      black: [{ groupName: '县直部门', subjectName: `城管局${t.tag}`, score: 0, rank: 2 }],
    });
    const map = (await office.get('/api/dashboard/sites')).body;
    expect(
      map.items.map((s: { id: string; scoreRate: number | null; passed: boolean | null }) => [s.id, s.scoreRate, s.passed]).sort(),
    ).toEqual(
      [
        [s1, null, null],
        [s2, 1, true],
      ].sort(),
    );
    // Nothing of another county.
    expect(map.items.every((s: { id: string }) => s.id === s1 || s.id === s2)).toBe(true);
  });

  it('counts the covert findings once the round is released (and the refresh ran)', async () => {
    expect((await office.post(`/api/inspection-rounds/${covertRound}/release`)).status).toBe(204);
    // The snapshot is what the endpoint answers: unchanged until the next refresh.
    expect((await kpis(office)).kpis.covertFindings).toBe(0);
    await refresh();
    const d = await kpis(office);
    expect(d.kpis).toMatchObject({ open: 6, overdue: 1, covertFindings: 2 });
    expect(stateCounts(d)).toMatchObject({ accepted: 3 });
    expect(d.trend.at(-1)).toMatchObject({ reported: 8, closed: 1, reportedClosed: 1, closureRate: 0.125 });
    expect(d.siteTypes).toEqual([{ code: 'farmers_market', name: '集贸市场（农贸市场）', visited: 2, passed: 1, rate: 0.5 }]);
    const map = (await office.get('/api/dashboard/sites')).body;
    expect(map.items.find((s: { id: string }) => s.id === s1)).toMatchObject({ scoreRate: 0, passed: false });
    // Town A: P1, P2, P3 and the two findings at S1.
    expect((await kpis(office, `?regionId=${t.townAId}`)).kpis).toMatchObject({ open: 5, overdue: 1, covertFindings: 2 });
  });

  it('a refresh is idempotent: the same figures again, one row per region', async () => {
    const { database } = await getHarness();
    const first = await kpis(office);
    await refresh();
    await refresh();
    expect(await kpis(office)).toEqual(first);
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from dashboard_snapshots where region_path like ${`%/${t.countyId}/%`}`.execute(database.db);
    expect(rows.rows[0].n).toBe(3);
  });

  it('each reader sees the snapshot of their scope region only', async () => {
    // The town office: its town's figures by default; the county and another county are 404.
    const town = await kpis(townOffice);
    expect(town.region).toMatchObject({ id: t.townAId, level: 'town' });
    expect(town.kpis).toMatchObject({ open: 5, overdue: 1 });
    expect(town.towns).toEqual([]);
    expect((await townOffice.get(`/api/dashboard?regionId=${t.countyId}`)).status).toBe(404);
    expect((await townOffice.get(`/api/dashboard?regionId=${t.townBId}`)).status).toBe(404);
    expect((await townOffice.get('/api/dashboard/sites')).body.items.map((s: { id: string }) => s.id)).toEqual([s1]);
    expect((await office.get(`/api/dashboard?regionId=${other.countyId}`)).status).toBe(404);
    // Leaders and the task force read the county; the leader may not refresh (403), units and the grid have no 大屏 (404).
    expect((await kpis(await t.asScript('leader'))).kpis.open).toBe(6);
    expect((await kpis(await t.asScript('taskforce'))).region.id).toBe(t.countyId);
    expect((await (await t.asScript('leader')).post('/api/dashboard/refresh')).status).toBe(403);
    for (const key of ['unit', 'unithead', 'grid', 'sitelead', 'inspector', 'volunteer']) {
      const c = await t.asScript(key);
      expect((await c.get('/api/dashboard')).status, key).toBe(404);
      expect((await c.get('/api/dashboard/sites')).status, key).toBe(404);
      expect((await c.post('/api/dashboard/refresh')).status, key).toBe(404);
    }
    const session = (await (await t.as('unit')).get('/api/auth/session')).body;
    expect(session.permissions ?? []).not.toContain('dashboard.read');
  });

  it('computes a snapshot on the first read when none exists', async () => {
    const { database } = await getHarness();
    await database.db.deleteFrom('dashboard_snapshots').where('region_id', '=', other.countyId).execute();
    const c = await other.asScript('office');
    const d = await kpis(c);
    expect(d.region.id).toBe(other.countyId);
    expect(d.kpis.open).toBe(0);
  });
});
