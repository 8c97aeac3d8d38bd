/**
 * The home page per role (GET /api/home): each first screen shows the work of its role, computed through the visibility
 * rules — the leader's cockpit counts official figures only (a covert round once released), the inspector sees today's
 * sites of his own rounds, the 点长 follows the problems at the sites he leads whichever unit works them, the unit its
 * inbox by deadline, the grid worker his reports. Also: 退回待重新派遣 for the office, the site and round links on a
 * problem, the 点长's notices, and the campaign the pickers default to.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodOf, formatPeriod } from '../../common/period';
import type { Client } from '../support/client';
import { makeRound, makeSite, makeStandardsVersion } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
let office: Client;
let leader: Client;
let inspector: Client;
let sitelead: Client;
let unit: Client;
let unit2: Client;
let grid: Client;
let versionId: string;
let standardId: string;
let today: string;
const ids: Record<string, string> = {};

type Home = {
  cards: Array<{ key: string; value: number | string }>;
  todos: Array<{ key: string; count: number; link: string }>;
  cockpit?: {
    open: number;
    overdue: number;
    closeRate: number | null;
    onTimeRate: number | null;
    covertFindings: number;
    worstUnits: Array<{ unitId: string; open: number; overdue: number }>;
    trend: Array<{ period: string; reported: number; closed: number }>;
    escalated: { total: number; items: Array<{ id: string }> };
    regionName: string;
  };
  rounds?: Array<{ id: string; isCovert: boolean; sites: number; visited: number; due: Array<{ siteId: string }> }>;
  sites?: {
    items: Array<{ id: string; openProblems: number; lastScoreRate: number | null; lastRoundName: string | null }>;
    problems: { total: number; items: Array<{ id: string; code: string }> };
  };
  inbox?: { total: number; items: Array<{ id: string; deadline: string | null }> };
  reports?: { total: number; open: number; items: Array<{ id: string }> };
};

async function home(c: Client): Promise<Home> {
  const res = await c.get('/api/home');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Home;
}
const todo = (h: Home, key: string) => h.todos.find((x) => x.key === key);

/** A photo taken by `c`, for a covert round when `roundId` is given (watermarked 暗访组). */
async function photo(c: Client, roundId?: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 80 } } })
    .jpeg()
    .toBuffer();
  const m = multipartForm(roundId ? { roundId } : {}, [['photo.jpg', jpeg]]);
  const res = await c.request('POST', '/api/files', m.body, { headers: m.headers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Visits a site of a round failing the standard; returns the problem it filed. */
async function failVisit(c: Client, roundId: string, siteId: string, covert: boolean): Promise<string> {
  const res = await c.post(`/api/inspection-rounds/${roundId}/visits`, {
    siteId,
    results: [{ standardId, verdict: 'fail', photoIds: [await photo(c, covert ? roundId : undefined)], note: '占道经营' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.problems[0].problemId;
}

beforeAll(async () => {
  t = await createTenant();
  [office, leader, inspector, sitelead, unit, unit2, grid] = await Promise.all(
    ['office', 'leader', 'inspector', 'sitelead', 'unit', 'unit2', 'grid'].map((k) => t.asScript(k)),
  );
  const { clock } = await getHarness();
  today = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const version = await makeStandardsVersion(t);
  versionId = version.versionId;
  standardId = version.standards.get('农贸市场-01-01')!;
  // The 点长's market: kept by unit B (not his own unit A), led by him.
  ids.market = await makeSite(t, { name: `城东农贸市场${t.tag}`, unitId: t.unitBId, leadUserId: t.users.sitelead.id });
  ids.other = await makeSite(t, { name: `河西市场${t.tag}`, regionId: t.townBId, unitId: t.unitBId });
}, 120_000);

describe(`home page per role (${engineName})`, () => {
  it('the 点长 sees his sites, the open problem of his market (kept by another unit) and its last score', async () => {
    const p = await report(office, t.townAId, { siteId: ids.market, description: '市场门口占道经营' });
    await act(office, p.id, 'accept');
    // Dispatched to unit B: not the 点长's unit, not his region — he follows it because he leads the site.
    await act(office, p.id, 'dispatch', { unitId: t.unitBId });
    ids.marketProblem = p.id;
    const h = await home(sitelead);
    expect(h.sites?.items.map((s) => s.id)).toEqual([ids.market]);
    expect(h.sites?.items[0].openProblems).toBe(1);
    expect(h.sites?.problems.items.map((x) => x.id)).toEqual([p.id]);
    expect(todo(h, 'site-problems')?.count).toBe(1);
    // The same rule everywhere: his problem list and the problem's page.
    const list = await sitelead.get('/api/problems?pageSize=100');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const detail = await sitelead.get(`/api/problems/${p.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.site).toEqual({ id: ids.market, name: `城东农贸市场${t.tag}` });
    expect(detail.body.allowedActions).toEqual([]);
    const sitePage = await sitelead.get(`/api/sites/${ids.market}`);
    expect(sitePage.body.openProblems.map((x: { id: string }) => x.id)).toEqual([p.id]);
    // Another site's problems stay out of his view.
    const elsewhere = await report(office, t.townBId, { siteId: ids.other });
    await act(office, elsewhere.id, 'accept');
    await act(office, elsewhere.id, 'dispatch', { unitId: t.unitBId });
    expect((await sitelead.get(`/api/problems/${elsewhere.id}`)).status).toBe(404);
    expect((await home(sitelead)).sites?.problems.total).toBe(1);
    // An open round's visit gives the market its last score.
    const round = await makeRound(t, { name: `十二月督查${t.tag}`, standardVersionId: versionId, siteIds: [ids.market] });
    await inspector.post(`/api/inspection-rounds/${round.id}/visits`, { siteId: ids.market, results: [{ standardId, verdict: 'pass' }] });
    const after = await home(sitelead);
    expect(after.sites?.items[0]).toMatchObject({ lastScoreRate: 1, lastRoundName: `十二月督查${t.tag}` });
  });

  it('the 点长 is told when a problem at his site is dispatched and when it is checked', async () => {
    const bell = await sitelead.get('/api/notifications?pageSize=50');
    expect(bell.status).toBe(200);
    const titles = bell.body.items.map((n: { title: string }) => n.title);
    const code = (await office.get(`/api/problems/${ids.marketProblem}`)).body.code;
    expect(titles).toContain(`您负责点位的问题 ${code} 已派遣整改`);
  });

  it("the inspector sees today's covert sites with a start link; nobody outside the team sees the round", async () => {
    const sites = [ids.market, await makeSite(t), await makeSite(t)];
    const round = await makeRound(t, {
      name: `今日暗访${t.tag}`,
      kind: 'covert',
      standardVersionId: versionId,
      siteIds: sites,
      startDate: today,
      endDate: today,
      inspectorIds: [t.users.inspector.id],
    });
    ids.covertRound = round.id;
    const h = await home(inspector);
    const mine = h.rounds?.find((r) => r.id === round.id);
    expect(mine).toMatchObject({ isCovert: true, sites: 3, visited: 0 });
    expect(mine?.due.map((d) => d.siteId).sort()).toEqual([...sites].sort());
    expect(todo(h, 'rounds-due')).toMatchObject({ count: 3, link: '/inspect' });
    // The office holds inspections.visit but is not on the team: no round on its home.
    expect((await home(office)).rounds?.map((r) => r.id) ?? []).not.toContain(round.id);
    for (const c of [sitelead, unit, unit2, grid]) expect(JSON.stringify(await home(c))).not.toContain(round.id);
  });

  it('a covert finding moves nothing on any home outside the team until release; then the cockpit counts it', async () => {
    const before = { leader: await home(leader), sitelead: await home(sitelead), unit2: await home(unit2), office: await home(office) };
    ids.covertProblem = await failVisit(inspector, ids.covertRound, ids.market, true);
    expect((await home(inspector)).rounds?.find((r) => r.id === ids.covertRound)?.visited).toBe(1);
    // The 点长 (among the inspected) and the unit see exactly what they saw; the cockpit is official figures.
    expect(await home(sitelead)).toEqual(before.sitelead);
    expect(await home(unit2)).toEqual(before.unit2);
    expect((await home(leader)).cockpit).toEqual(before.leader.cockpit);
    expect((await home(office)).cockpit).toEqual(before.office.cockpit);
    expect(JSON.stringify(await home(sitelead))).not.toContain(ids.covertProblem);

    expect((await office.post(`/api/inspection-rounds/${ids.covertRound}/release`)).status).toBe(204);
    const cockpit = (await home(leader)).cockpit!;
    expect(cockpit.covertFindings).toBe(before.leader.cockpit!.covertFindings + 1);
    expect(cockpit.open).toBe(before.leader.cockpit!.open + 1);
    const lead = await home(sitelead);
    expect(lead.sites?.items[0].openProblems).toBe(2);
    // Released: the problem names its round; the covert team stays anonymous (the round link carries no names).
    const detail = await sitelead.get(`/api/problems/${ids.covertProblem}`);
    expect(detail.status).toBe(200);
    expect(detail.body.round).toMatchObject({ id: ids.covertRound, isCovert: true });
    expect(detail.body.reporterName).toBe('暗访组');
  });

  it("the leader's cockpit: open and overdue, this month's closure rates as the indicators publish them, worst units, trend", async () => {
    const { database } = await getHarness();
    // One problem of unit A past its deadline, one closed.
    const late = await report(office, t.countyId, { description: '人民路井盖缺失' });
    await act(office, late.id, 'accept');
    await act(office, late.id, 'dispatch', { unitId: t.unitAId });
    await database.db
      .updateTable('problems')
      .set({ deadline: new Date((await getHarness()).clock.now().getTime() - 3600_000) })
      .where('id', '=', late.id)
      .execute();
    const done = await report(office, t.countyId, { description: '广场垃圾未清运' });
    await act(office, done.id, 'accept');
    await act(office, done.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, done.id, 'acknowledge');
    await act(unit, done.id, 'submit_rectification', { measures: '已清运', photoIds: [await photo(unit)] });
    await act(office, done.id, 'verify', { passed: true });

    const h = await home(leader);
    const c = h.cockpit!;
    expect(c.regionName).toBe(`测试县${t.tag}`);
    expect(c.overdue).toBe(1);
    const all = await office.get('/api/problems?pageSize=200');
    const open = all.body.items.filter((p: { state: string }) => !['closed', 'rejected'].includes(p.state)).length;
    expect(c.open).toBe(open);
    expect(c.worstUnits[0]).toMatchObject({ unitId: t.unitAId, overdue: 1 });
    for (const [code, value] of [
      ['problems.close_rate', c.closeRate],
      ['problems.on_time_rate', c.onTimeRate],
    ] as const) {
      const ind = await leader.get(`/api/indicators/${code}?subjectType=county`);
      expect(ind.status, JSON.stringify(ind.body)).toBe(200);
      expect(ind.body.items.find((i: { subjectId: string }) => i.subjectId === t.countyId)?.value ?? null, code).toBe(value);
    }
    expect(c.closeRate).not.toBeNull();
    expect(c.trend).toHaveLength(6);
    const month = c.trend[5];
    expect(month.period).toBe(formatPeriod(periodOf('month', (await getHarness()).clock.now())));
    expect(month.closed).toBeGreaterThanOrEqual(1);
    expect(month.reported).toBe(all.body.items.length);
    // Nothing escalated yet: nothing waits for his signature.
    expect(c.escalated.total).toBe(0);
    expect(todo(h, 'escalated')).toBeUndefined();
    ids.late = late.id;
  });

  it("what waits for the leader's 批示: 升级督办 on units linked to him", async () => {
    const { database } = await getHarness();
    const member = await database.db
      .insertInto('leading_group_members')
      .values({
        campaign_id: t.campaignId,
        name: '结对领导',
        post: '副县长',
        group_role: 'deputy_leader',
        user_id: t.users.leader.id,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('leading_group_unit_links').values({ member_id: member.id, unit_id: t.unitAId }).execute();
    await database.db
      .updateTable('problems')
      .set({ escalated_at: (await getHarness()).clock.now() })
      .where('id', '=', ids.late)
      .execute();
    const h = await home(leader);
    expect(h.cockpit?.escalated.items.map((p) => p.id)).toEqual([ids.late]);
    expect(todo(h, 'escalated')).toMatchObject({ count: 1, link: `/problems/${ids.late}` });
  });

  it('the unit sees its inbox by deadline; the other unit none of it', async () => {
    const a = await report(office, t.countyId, { description: '公交站牌破损' });
    await act(office, a.id, 'accept');
    await act(office, a.id, 'dispatch', {
      unitId: t.unitAId,
      deadline: new Date((await getHarness()).clock.now().getTime() + 30 * 86400_000).toISOString(),
    });
    const h = await home(unit);
    const deadlines = h.inbox!.items.map((p) => p.deadline);
    expect(h.inbox!.items.map((p) => p.id)).toContain(a.id);
    expect(h.inbox!.items[0].id).toBe(ids.late); // overdue first
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(h.cards.map((x) => x.key)).not.toContain('my-unit');
    expect(JSON.stringify(await home(unit2))).not.toContain(a.id);
  });

  it('a unit’s 退回 is flagged for the office: a to-do and a filter on the workbench', async () => {
    const p = await report(office, t.countyId, { description: '非本单位职责的问题' });
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    const disputed = await act(unit, p.id, 'dispute', { reason: '该路段由城东街道负责' });
    expect(disputed.disputeCount).toBe(1);
    // The unit no longer reads it: the web keeps the answer it got and shows what happened.
    expect((await unit.get(`/api/problems/${p.id}`)).status).toBe(404);
    const h = await home(office);
    expect(todo(h, 'problems-disputed')).toMatchObject({ count: 1, link: '/problems/workbench?disputed=true' });
    const list = await office.get('/api/problems?disputed=true&pageSize=50');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    await act(office, p.id, 'dispatch', { unitId: t.unitBId });
    expect(todo(await home(office), 'problems-disputed')).toBeUndefined();
  });

  it('the grid worker sees his own reports and their states', async () => {
    const mine = await report(grid, t.townAId, { source: undefined, description: '路灯不亮' });
    const h = await home(grid);
    expect(h.reports).toMatchObject({ total: 1, open: 1 });
    expect(h.reports!.items.map((p) => p.id)).toEqual([mine.id]);
    expect(h.cards.map((x) => x.key)).toContain('my-reports');
    expect(h.cards.map((x) => x.key)).not.toContain('my-unit');
    expect(h.cockpit).toBeUndefined();
    expect(h.inbox).toBeUndefined();
  });

  it('the pickers default to the campaign the person works on', async () => {
    const { database } = await getHarness();
    // A second, later campaign: the task force (granted the first) and the office keep the one assessed soonest.
    await database.db
      .insertInto('campaigns')
      .values({
        name: `创建国家卫生县城${t.tag}`,
        title_type: 'sanitary_city',
        level: 'national',
        region_id: t.countyId,
        cycle_start_year: 2025,
        cycle_end_year: 2027,
        status: 'active',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    for (const key of ['office', 'taskforce', 'leader', 'unit']) {
      const c = await t.asScript(key);
      const res = await c.get('/api/home/campaign');
      expect(res.status).toBe(200);
      expect(res.body.campaign?.id, key).toBe(t.campaignId);
    }
  });
});
