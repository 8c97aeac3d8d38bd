/**
 * 项目化 / 挂图作战 / 交账 (both engines), on a set clock: today is 2026-12-09 (Beijing).
 *
 * The county's projects (investment in 元):
 *   P1 城关镇多彩花海交账工程  花海  城关镇  城管局      交账 2026-12-20, milestones planned back from it:
 *      立项 07-23, 设计 08-22, 开工 09-21, 主体完工 11-20, 验收 12-10, 交账 12-20 (150/120/90/30/10/0 days before);
 *      nothing reached → 进度滞后, 11 days to go.
 *   P2 人民公园提升改造        公园  河西镇  市场监管局  交账 2027-03-31, given: 立项 10-10 (实际 10-08), 设计 11-15 (实际 11-14),
 *      开工 2027-01-10, 主体完工 03-01, 验收 03-20, 交账 03-31 → 按计划推进, 112 days (22 + 31 + 28 + 31).
 *   P3 城西农贸市场改造        市场  县本级  城管局      交账 2026-12-05, planned back: 主体完工 11-05, 验收 11-25 … → 逾期未交账, −4.
 *   P4 滨河路公厕新建          公厕  城关镇  城管局      交账 2027-06-30, planned back: 立项 2027-01-31 … → 未开工, 203 days.
 *   P5 老城区街景立面整治      立面  城关镇  城管局      交账 2026-12-15, all reached (主体完工 11-10 实际 11-08, 验收 11-30
 *      实际 12-02, 交账 实际 12-08) → 已交账, 6 days.
 * Countdown order (hand-over date ascending): P3, P5, P1, P2, P4.
 *
 * 节点按期完成率, 2026-11 (milestones planned 11-01…11-30, at the end of the test; P1's 主体完工 recorded 11-28):
 *   城管局: P1 主体完工 ✗, P3 主体完工 ✗, P3 验收 ✗, P5 主体完工 ✓, P5 验收 ✗ (12-02 > 11-30) → 1/5 = 0.2;
 *   市场监管局: P2 设计 ✓ → 1/1; 城关镇: P1 ✗, P5 ✓, P5 ✗ → 1/3; 河西镇 1/1; 县: 2/6 (P3 lies on the county itself).
 * 进度滞后项目数, 2026-12 (running: as of today): before P3's 交账 — P1 滞后, P3 逾期 → 城管局 2, 县 2, 城关镇 1 (P3 has
 *   no town); after it — 城管局 1, 县 1.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../server/platform/jobs-after-commit';
import { afterCommitSettled, type Client } from '../support/client';
import { projectStatus, type MilestoneKind } from '../../common/tasks';
import { projectStatusSql } from '../../server/modules/projects/repository';
import { makePhoto } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness, type Harness } from '../support/harness';

let h: Harness;
let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let unit: Client;
let unit2: Client;
let otherOffice: Client;
const P: Record<string, string> = {};

type Milestone = { id: string; kind: string; plannedDate: string; actualDate: string | null; late: boolean; version: number };
type Project = {
  id: string;
  name: string;
  status: string;
  daysToHandover: number;
  handoverDate: string;
  currentMilestone: string | null;
  milestones: Milestone[];
  version: number;
  abilities: Record<string, boolean>;
  photos?: Array<{ id: string; fileId: string; url: string; thumbUrl: string; stage: string; milestoneId: string | null }>;
};

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);

const base = (over: Record<string, unknown> = {}) => ({
  regionId: t.townAId,
  name: '城关镇多彩花海交账工程',
  type: 'flower_sea',
  address: '城关镇解放路18号',
  ownerUnitId: t.unitAId,
  investmentPlanned: 5_000_000,
  investmentSpent: 2_000_000,
  handoverDate: '2026-12-20',
  campaignId: t.campaignId,
  ...over,
});

const given = (dates: Array<[string, string | null]>) =>
  ['approval', 'design', 'start', 'structure', 'acceptance', 'handover'].map((kind, i) => ({
    kind,
    plannedDate: dates[i][0],
    actualDate: dates[i][1],
  }));

async function create(body: Record<string, unknown>): Promise<Project> {
  const res = await office.post('/api/projects', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Project;
}

async function countProjects(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from projects pj join regions r on r.id = pj.region_id
    where r.path like (select path from regions where id = ${t.countyId}) || '%'`.execute(h.database.db);
  return r.rows[0].n;
}

/** The titles of a client's notices (after the after-commit jobs have been delivered). */
async function noticeTitles(c: Client): Promise<string[]> {
  await afterCommitSettled(h.app);
  await drainJobs(h.database.db, h.clock.now());
  const res = await c.get('/api/notifications?pageSize=100');
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ kind: string; title: string }>).filter((n) => n.kind === 'project').map((n) => n.title);
}

const milestone = (p: Project, kind: string) => p.milestones.find((m) => m.kind === kind)!;

async function indicator(code: string, period: string, subjectType: string) {
  const res = await office.get(`/api/indicators/${code}?period=${period}&subjectType=${subjectType}&regionId=${t.countyId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map((res.body.items as Array<{ subjectId: string; value: number | null }>).map((i) => [i.subjectId, i.value]));
}

describe(`projects (${engineName})`, () => {
  beforeAll(async () => {
    h = await getHarness();
    h.clock.set(new Date('2026-12-09T04:00:00Z'));
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    [office, leader, unit, unit2, otherOffice] = await Promise.all([
      t.as('office'),
      t.as('leader'),
      t.as('unit'),
      t.as('unit2'),
      other.as('office'),
    ]);
  });

  it('creates a project without milestones: six planned back from the hand-over date', async () => {
    const p1 = await create(base());
    P.p1 = p1.id;
    expect(p1.milestones.map((m) => [m.kind, m.plannedDate, m.actualDate])).toEqual([
      ['approval', '2026-07-23', null],
      ['design', '2026-08-22', null],
      ['start', '2026-09-21', null],
      ['structure', '2026-11-20', null],
      ['acceptance', '2026-12-10', null],
      ['handover', '2026-12-20', null],
    ]);
    expect(p1).toMatchObject({ status: 'behind', daysToHandover: 11, currentMilestone: null, version: 1 });
    expect(p1.abilities).toEqual({ edit: true, updateMilestones: true, addPhotos: true });
    expect(milestone(p1, 'structure').late).toBe(true);
    expect(milestone(p1, 'acceptance').late).toBe(false);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', p1.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['project.created']);
    // The owner unit hears of it; another unit does not.
    expect(await noticeTitles(unit)).toEqual(['新项目：城关镇多彩花海交账工程']);
    expect(await noticeTitles(unit2)).toEqual([]);
  });

  it('creates projects with given milestones, an outline and on the county itself', async () => {
    const p2 = await create(
      base({
        regionId: t.townBId,
        name: '人民公园提升改造',
        type: 'park',
        ownerUnitId: t.unitBId,
        handoverDate: '2027-03-31',
        lat: null,
        lng: null,
        outline: [
          [114.3, 30.6],
          [114.302, 30.6],
          [114.302, 30.602],
          [114.3, 30.602],
        ],
        milestones: given([
          ['2026-10-10', '2026-10-08'],
          ['2026-11-15', '2026-11-14'],
          ['2027-01-10', null],
          ['2027-03-01', null],
          ['2027-03-20', null],
          ['2027-03-31', null],
        ]),
      }),
    );
    P.p2 = p2.id;
    expect(p2).toMatchObject({ status: 'on_track', daysToHandover: 112, currentMilestone: 'design' });
    // The ring is stored closed; the map point is the mean of its vertices.
    const detail = (await office.get(`/api/projects/${p2.id}`)).body;
    expect(detail.outline).toHaveLength(5);
    expect(detail.outline[4]).toEqual([114.3, 30.6]);
    expect(detail.lat).toBeCloseTo(30.601, 6);
    expect(detail.lng).toBeCloseTo(114.301, 6);

    const p3 = await create(
      base({
        regionId: t.countyId,
        name: '城西农贸市场改造',
        type: 'market',
        investmentPlanned: 3_000_000,
        investmentSpent: 1_200_000,
        handoverDate: '2026-12-05',
      }),
    );
    P.p3 = p3.id;
    expect(milestone(p3, 'structure').plannedDate).toBe('2026-11-05');
    expect(milestone(p3, 'acceptance').plannedDate).toBe('2026-11-25');
    expect(p3).toMatchObject({ status: 'overdue', daysToHandover: -4 });

    const p4 = await create(base({ name: '滨河路公厕新建', type: 'toilet', handoverDate: '2027-06-30' }));
    P.p4 = p4.id;
    expect(milestone(p4, 'approval').plannedDate).toBe('2027-01-31');
    expect(p4).toMatchObject({ status: 'not_started', daysToHandover: 203 });

    const p5 = await create(
      base({
        name: '老城区街景立面整治',
        type: 'facade',
        handoverDate: '2026-12-15',
        milestones: given([
          ['2026-06-01', '2026-06-01'],
          ['2026-07-01', '2026-06-28'],
          ['2026-08-01', '2026-08-01'],
          ['2026-11-10', '2026-11-08'],
          ['2026-11-30', '2026-12-02'],
          ['2026-12-15', '2026-12-08'],
        ]),
      }),
    );
    P.p5 = p5.id;
    expect(p5).toMatchObject({ status: 'done', daysToHandover: 6, currentMilestone: 'handover' });
  });

  it('refuses bad bodies in Chinese (400 / 422 / 404 / 403) and writes nothing', async () => {
    const before = await countProjects();
    const missing = await office.post('/api/projects', { ...base(), name: undefined });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('项目名称');
    const badDate = await office.post('/api/projects', base({ handoverDate: '2026-13-01' }));
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('交账日期');

    const strangerUnit = await office.post('/api/projects', base({ ownerUnitId: other.unitAId }));
    expect(strangerUnit.status).toBe(422);
    expect(strangerUnit.body.error.message).toContain('责任单位');

    const noTask = await office.post('/api/projects', base({ taskId: '00000000-0000-4000-8000-000000000001' }));
    expect(noTask.status).toBe(422);
    expect(noTask.body.error.message).toContain('关联任务');

    const otherCampaign = await office.post('/api/projects', base({ campaignId: other.campaignId }));
    expect(otherCampaign.status).toBe(422);
    expect(otherCampaign.body.error.message).toContain('创建项目');

    const disorder = await office.post(
      '/api/projects',
      base({
        milestones: given([
          ['2026-07-01', null],
          ['2026-09-01', null],
          ['2026-08-01', null],
          ['2026-11-01', null],
          ['2026-12-01', null],
          ['2026-12-20', null],
        ]),
      }),
    );
    expect(disorder.status).toBe(422);
    expect(disorder.body.error.message).toContain('开工');

    const offHandover = await office.post(
      '/api/projects',
      base({
        milestones: given([
          ['2026-07-01', null],
          ['2026-08-01', null],
          ['2026-09-01', null],
          ['2026-11-01', null],
          ['2026-12-01', null],
          ['2026-12-25', null],
        ]),
      }),
    );
    expect(offHandover.status).toBe(422);
    expect(offHandover.body.error.message).toContain('交账');

    const fiveOnly = await office.post('/api/projects', base({ milestones: given(new Array(6).fill(['2026-12-20', null])).slice(0, 5) }));
    expect(fiveOnly.status).toBe(422);
    expect(fiveOnly.body.error.message).toContain('缺少交账');

    const futureActual = await office.post(
      '/api/projects',
      base({
        milestones: given([
          ['2026-07-01', '2026-12-10'],
          ['2026-08-01', null],
          ['2026-09-01', null],
          ['2026-11-01', null],
          ['2026-12-01', null],
          ['2026-12-20', null],
        ]),
      }),
    );
    expect(futureActual.status).toBe(422);
    expect(futureActual.body.error.message).toContain('不能晚于今天');

    const line = await office.post(
      '/api/projects',
      base({
        outline: [
          [114.3, 30.6],
          [114.301, 30.601],
          [114.302, 30.602],
        ],
      }),
    );
    expect(line.status).toBe(422);
    expect(line.body.error.message).toContain('项目范围');

    const halfPoint = await office.post('/api/projects', base({ lat: 30.6, lng: null }));
    expect(halfPoint.status).toBe(422);

    // Another county's region: 404 for this office; the other county's office cannot place one here either.
    expect((await office.post('/api/projects', base({ regionId: other.townAId }))).status).toBe(404);
    expect((await otherOffice.post('/api/projects', base({ campaignId: null }))).status).toBe(404);
    // Leaders read the battle map but do not register projects.
    expect((await leader.post('/api/projects', base())).status).toBe(403);
    expect(await countProjects()).toBe(before);
  });

  it('lists the countdown board: hand-over order, statuses for today, filters that page', async () => {
    const res = await leader.get('/api/projects');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect((res.body.items as Project[]).map((p) => [p.name, p.daysToHandover, p.status])).toEqual([
      ['城西农贸市场改造', -4, 'overdue'],
      ['老城区街景立面整治', 6, 'done'],
      ['城关镇多彩花海交账工程', 11, 'behind'],
      ['人民公园提升改造', 112, 'on_track'],
      ['滨河路公厕新建', 203, 'not_started'],
    ]);
    expect((res.body.items as Project[])[0].abilities).toEqual({ edit: false, updateMilestones: false, addPhotos: false });

    const names = async (qs: string, c: Client = office) => {
      const r = await c.get(`/api/projects?${qs}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return { total: r.body.total as number, names: (r.body.items as Project[]).map((p) => p.name) };
    };
    expect(await names('sort=-daysToHandover&pageSize=2')).toEqual({ total: 5, names: ['滨河路公厕新建', '人民公园提升改造'] });
    expect(await names('status=behind&pageSize=1')).toEqual({ total: 1, names: ['城关镇多彩花海交账工程'] });
    expect(await names('status=on_track&pageSize=1&page=1')).toEqual({ total: 1, names: ['人民公园提升改造'] });
    expect(await names('status=overdue&page=2&pageSize=1')).toEqual({ total: 1, names: [] });
    expect(await names('type=park')).toEqual({ total: 1, names: ['人民公园提升改造'] });
    expect(await names(`unitId=${t.unitBId}`)).toEqual({ total: 1, names: ['人民公园提升改造'] });
    expect(await names(`regionId=${t.townAId}`)).toEqual({
      total: 3,
      names: ['老城区街景立面整治', '城关镇多彩花海交账工程', '滨河路公厕新建'],
    });
    expect(await names(`q=${encodeURIComponent('花海')}`)).toEqual({ total: 1, names: ['城关镇多彩花海交账工程'] });
    expect(await names('sort=investmentPlanned&pageSize=1&page=5')).toEqual({ total: 5, names: ['城西农贸市场改造'] });

    // An owner unit sees its own projects only; another county sees none of them.
    expect((await names('', unit)).names).toEqual(['城西农贸市场改造', '老城区街景立面整治', '城关镇多彩花海交账工程', '滨河路公厕新建']);
    expect((await names('', unit2)).names).toEqual(['人民公园提升改造']);
    expect(await names(`regionId=${t.countyId}`, otherOffice)).toEqual({ total: 0, names: [] });
  });

  it('shows one project to its readers and answers 404 to everyone else', async () => {
    const d = await leader.get(`/api/projects/${P.p1}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ name: '城关镇多彩花海交账工程', regionName: expect.stringContaining('城关镇'), photos: [] });
    expect(d.body.ownerUnit.id).toBe(t.unitAId);
    expect((await unit.get(`/api/projects/${P.p1}`)).status).toBe(200);
    expect((await unit2.get(`/api/projects/${P.p1}`)).status).toBe(404);
    expect((await otherOffice.get(`/api/projects/${P.p1}`)).status).toBe(404);
    expect((await office.get('/api/projects/00000000-0000-4000-8000-000000000009')).status).toBe(404);
  });

  it('the owner unit records a milestone reached; re-planning is the office’s; stale versions answer 409', async () => {
    const p1 = (await unit.get(`/api/projects/${P.p1}`)).body as Project;
    const structure = milestone(p1, 'structure');
    const url = `/api/projects/${P.p1}/milestones/${structure.id}`;
    const future = await put(unit, url, { actualDate: '2026-12-10', version: structure.version });
    expect(future.status).toBe(422);
    expect(future.body.error.message).toContain('不能晚于今天');
    expect((await put(unit, url, { plannedDate: '2026-11-25', version: structure.version })).status).toBe(403);
    expect((await put(unit2, url, { actualDate: '2026-11-28', version: structure.version })).status).toBe(404);
    expect((await put(otherOffice, url, { actualDate: '2026-11-28', version: structure.version })).status).toBe(404);

    const ok = await put(unit, url, { actualDate: '2026-11-28', note: '主体结构封顶', version: structure.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const after = milestone(ok.body, 'structure');
    expect(after).toMatchObject({ actualDate: '2026-11-28', late: false, version: structure.version + 1 });
    expect(ok.body).toMatchObject({ currentMilestone: 'structure', status: 'behind' });
    const stale = await put(unit, url, { note: '再改一次', version: structure.version });
    expect(stale.status).toBe(409);

    // The office moves a planned date; out of order is refused.
    const accept = milestone(ok.body, 'acceptance');
    const acceptUrl = `/api/projects/${P.p1}/milestones/${accept.id}`;
    expect((await put(office, acceptUrl, { plannedDate: '2026-12-25', version: accept.version })).status).toBe(422);
    const moved = await put(office, acceptUrl, { plannedDate: '2026-12-12', version: accept.version });
    expect(moved.status).toBe(200);
    expect(milestone(moved.body, 'acceptance').plannedDate).toBe('2026-12-12');
    const actions = await h.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', P.p1).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['project.created', 'project.milestone_updated', 'project.milestone_updated']);
  });

  it('the office edits a project at its version; a new hand-over date moves 交账', async () => {
    const p4 = (await office.get(`/api/projects/${P.p4}`)).body as Project;
    const body = { ...base({ name: '滨河路公厕新建', type: 'toilet', handoverDate: '2027-07-15' }), version: p4.version };
    const res = await put(office, `/api/projects/${P.p4}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ handoverDate: '2027-07-15', daysToHandover: 218, version: 2 });
    expect(milestone(res.body, 'handover').plannedDate).toBe('2027-07-15');
    expect((await put(office, `/api/projects/${P.p4}`, body)).status).toBe(409);
    expect((await put(unit, `/api/projects/${P.p4}`, { ...body, version: 2 })).status).toBe(403);
    expect((await put(otherOffice, `/api/projects/${P.p4}`, { ...body, version: 2 })).status).toBe(404);
  });

  it('the office draws an outline on a project and reads it back; a bad one is refused (422) and changes nothing', async () => {
    const before = (await office.get(`/api/projects/${P.p4}`)).body as Project & { outline: number[][] | null; lat: number | null };
    const ring = [
      [114.3101, 30.6101],
      [114.3109, 30.6101],
      [114.3112, 30.6106],
      [114.3104, 30.6109],
    ];
    const body = {
      ...base({ name: '滨河路公厕新建', type: 'toilet', handoverDate: before.handoverDate, lat: null, lng: null }),
      outline: ring,
      version: before.version,
    };
    const saved = await put(office, `/api/projects/${P.p4}`, body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.outline).toEqual([...ring, ring[0]]);
    const read = (await leader.get(`/api/projects/${P.p4}`)).body;
    expect(read.outline).toEqual([...ring, ring[0]]);
    // No point given: the map point is the outline's centre.
    expect(read.lng).toBeCloseTo(114.31065, 6);
    expect(read.lat).toBeCloseTo(30.610425, 6);
    expect((await leader.get(`/api/projects?q=${encodeURIComponent('滨河路公厕')}`)).body.items[0].outline).toHaveLength(5);

    const after = read as { version: number; outline: number[][] };
    const refusals: Array<[unknown, string]> = [
      // The fourth point in 东京 (139.69°E): east of China's bounds.
      [[...ring.slice(0, 3), [139.69, 35.69]], '第 4 个点不在中国境内'],
      // A bow-tie: the second and fourth edges cross.
      [[ring[0], ring[2], ring[1], ring[3]], '边不能相互交叉'],
      [[ring[0], ring[1], ring[0], ring[1]], '至少需要 3 个不同的点'],
    ];
    for (const [outline, message] of refusals) {
      const res = await put(office, `/api/projects/${P.p4}`, { ...body, outline, version: after.version });
      expect(res.status, message).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'unprocessable', field: 'outline' });
      expect(res.body.error.message).toContain(message);
    }
    // More than 500 points is refused by the body's shape already (400), in the same words.
    const many = Array.from({ length: 501 }, (_, i) => [114.31 + 0.001 * Math.cos(i / 80), 30.61 + 0.001 * Math.sin(i / 80)]);
    const tooMany = await put(office, `/api/projects/${P.p4}`, { ...body, outline: many, version: after.version });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('最多 500 个点');
    const count = await countProjects();
    const created = await office.post(
      '/api/projects',
      base({
        name: '境外的项目',
        outline: [
          [2.35, 48.85],
          [2.36, 48.85],
          [2.36, 48.86],
        ],
      }),
    );
    expect(created.status).toBe(422);
    expect(created.body.error.message).toContain('不在中国境内');
    expect(await countProjects()).toBe(count);
    // Nothing changed: same version, same outline.
    const unchanged = (await office.get(`/api/projects/${P.p4}`)).body;
    expect(unchanged.version).toBe(after.version);
    expect(unchanged.outline).toEqual(after.outline);
  });

  it('the owner unit adds a photo it took; readers of the project open it; others do not', async () => {
    const p1 = (await unit.get(`/api/projects/${P.p1}`)).body as Project;
    const fileId = await makePhoto(unit);
    // The office cannot attach the unit's upload (only one's own photos).
    const notMine = await office.post(`/api/projects/${P.p1}/photos`, { fileId, stage: 'during' });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.message).toContain('本人上传');
    const otherMilestone = milestone((await office.get(`/api/projects/${P.p2}`)).body, 'design').id;
    expect((await unit.post(`/api/projects/${P.p1}/photos`, { fileId, stage: 'during', milestoneId: otherMilestone })).status).toBe(422);

    const added = await unit.post(`/api/projects/${P.p1}/photos`, {
      fileId,
      stage: 'during',
      milestoneId: milestone(p1, 'structure').id,
      caption: '主体结构施工',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      fileId,
      stage: 'during',
      url: `/api/files/${fileId}/evidence`,
      thumbUrl: `/api/files/${fileId}/thumbnail`,
    });
    expect((await unit.post(`/api/projects/${P.p1}/photos`, { fileId, stage: 'during' })).status).toBe(409);

    const detail = (await leader.get(`/api/projects/${P.p1}`)).body as Project;
    expect(detail.photos).toHaveLength(1);
    expect((await leader.get(detail.photos![0].thumbUrl)).status).toBe(200);
    expect((await leader.get(detail.photos![0].url)).status).toBe(200);
    expect((await unit2.get(detail.photos![0].thumbUrl)).status).toBe(404);
    expect((await otherOffice.get(detail.photos![0].url)).status).toBe(404);
    expect((await unit2.post(`/api/projects/${P.p1}/photos`, { fileId: await makePhoto(unit2), stage: 'after' })).status).toBe(404);

    // Removing: not by another unit (404), by the uploader (204).
    const photoUrl = `/api/projects/${P.p1}/photos/${added.body.id}`;
    expect((await unit2.delete(photoUrl)).status).toBe(404);
    expect((await leader.delete(photoUrl)).status).toBe(403);
    const second = await unit.post(`/api/projects/${P.p1}/photos`, { fileId: await makePhoto(unit), stage: 'before' });
    expect(second.status).toBe(201);
    expect((await unit.delete(photoUrl)).status).toBe(204);
    expect((await office.delete(`/api/projects/${P.p1}/photos/${second.body.id}`)).status).toBe(204);
    expect(((await office.get(`/api/projects/${P.p1}`)).body as Project).photos).toEqual([]);
  });

  it('进度滞后项目数 before 交账, then 交账 recorded → 已交账 and the count drops', async () => {
    const behindBefore = await indicator('projects.behind_count', '2026-12', 'unit');
    expect(behindBefore.get(t.unitAId)).toBe(2);
    expect(behindBefore.get(t.unitBId)).toBe(0);
    expect((await indicator('projects.behind_count', '2026-12', 'county')).get(t.countyId)).toBe(2);
    const towns = await indicator('projects.behind_count', '2026-12', 'town');
    expect(towns.get(t.townAId)).toBe(1);
    expect(towns.get(t.townBId)).toBe(0);

    const p3 = (await unit.get(`/api/projects/${P.p3}`)).body as Project;
    const handover = milestone(p3, 'handover');
    const res = await put(unit, `/api/projects/${P.p3}/milestones/${handover.id}`, { actualDate: '2026-12-08', version: handover.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', currentMilestone: 'handover' });
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', P.p3).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['project.created', 'project.handed_over']);
    expect(await noticeTitles(office)).toContain('城西农贸市场改造 已交账');
    expect((await office.get('/api/projects?status=done')).body.total).toBe(2);

    expect((await indicator('projects.behind_count', '2026-12', 'unit')).get(t.unitAId)).toBe(1);
    expect((await indicator('projects.behind_count', '2026-12', 'county')).get(t.countyId)).toBe(1);
  });

  it('节点按期完成率 for November, by unit, town and county', async () => {
    const units = await indicator('projects.on_time_rate', '2026-11', 'unit');
    expect(units.get(t.unitAId)).toBe(0.2);
    expect(units.get(t.unitBId)).toBe(1);
    const towns = await indicator('projects.on_time_rate', '2026-11', 'town');
    expect(towns.get(t.townAId)).toBe(0.3333);
    expect(towns.get(t.townBId)).toBe(1);
    expect((await indicator('projects.on_time_rate', '2026-11', 'county')).get(t.countyId)).toBe(0.3333);
    const list = (await office.get('/api/indicators')).body.items as Array<{ code: string; description: string }>;
    expect(list.find((i) => i.code === 'projects.on_time_rate')?.description).toContain('计划日期');
    expect(list.find((i) => i.code === 'projects.behind_count')?.description).toContain('逾期未交账');
  });

  it('exports the 项目台账 in the countdown order with typed cells', async () => {
    const res = await office.get('/api/projects/export.xlsx');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目台账')!;
    expect(String(ws.getCell('A1').value)).toContain('项目台账');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 12)).toEqual([
      '序号',
      '项目名称',
      '项目类型',
      '所在区域',
      '责任单位',
      '计划投资（万元）',
      '已完成投资（万元）',
      '投资完成率',
      '当前节点',
      '交账日期',
      '倒计时（天）',
      '进度状态',
    ]);
    expect(header.slice(12)).toEqual([
      '立项计划',
      '立项实际',
      '设计计划',
      '设计实际',
      '开工计划',
      '开工实际',
      '主体完工计划',
      '主体完工实际',
      '验收计划',
      '验收实际',
      '交账计划',
      '交账实际',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(2).width).toBe(30);
    const names = [4, 5, 6, 7, 8].map((r) => ws.getCell(r, 2).value);
    expect(names).toEqual(['城西农贸市场改造', '老城区街景立面整治', '城关镇多彩花海交账工程', '人民公园提升改造', '滨河路公厕新建']);
    // P3: 300 万元 planned, 120 spent, 40 %, handed over (no countdown).
    const p3 = ws.getRow(4);
    expect(p3.getCell(3).value).toBe('农贸市场改造');
    expect(p3.getCell(6).value).toBe(300);
    expect(p3.getCell(6).numFmt).toBe('#,##0.00');
    expect(p3.getCell(7).value).toBe(120);
    expect(p3.getCell(8).value).toBeCloseTo(0.4, 10);
    expect(p3.getCell(8).numFmt).toBe('0.0%');
    expect(p3.getCell(9).value).toBe('交账');
    expect(p3.getCell(11).value).toBeNull();
    expect(p3.getCell(12).value).toBe('已交账');
    expect(p3.getCell(23).value).toEqual(new Date('2026-12-05T00:00:00Z'));
    expect(p3.getCell(24).value).toEqual(new Date('2026-12-08T00:00:00Z'));
    // P1: 500 万元, 11 days to go, behind, 主体完工 reached 11-28.
    const p1 = ws.getRow(6);
    expect(p1.getCell(6).value).toBe(500);
    expect(p1.getCell(9).value).toBe('主体完工');
    expect(p1.getCell(11).value).toBe(11);
    expect(p1.getCell(12).value).toBe('进度滞后');
    expect(p1.getCell(20).value).toEqual(new Date('2026-11-28T00:00:00Z'));
    expect(p1.getCell(20).numFmt).toBe('yyyy-mm-dd');

    // The filters apply; an owner unit exports its own only.
    const behind = await office.get('/api/projects/export.xlsx?status=behind');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(behind.raw as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('项目台账')!.rowCount).toBe(4);
    const mine = await unit2.get('/api/projects/export.xlsx');
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(mine.raw as unknown as ArrayBuffer);
    expect(wb3.getWorksheet('项目台账')!.getCell(4, 2).value).toBe('人民公园提升改造');
    expect(wb3.getWorksheet('项目台账')!.rowCount).toBe(4);
  });

  it('the status in SQL (list filter) agrees with projectStatus on every project and day', async () => {
    const db = h.database.db;
    const ids = Object.values(P);
    const milestones = await db.selectFrom('project_milestones').selectAll().where('project_id', 'in', ids).execute();
    const seen = new Set<string>();
    for (const day of [
      '2026-06-01',
      '2026-07-24',
      '2026-11-21',
      '2026-12-05',
      '2026-12-06',
      '2026-12-09',
      '2026-12-21',
      '2027-04-01',
      '2027-08-01',
    ]) {
      const rows = await db
        .selectFrom('projects as pj')
        .select(['pj.id', 'pj.handover_date', projectStatusSql(day).as('status')])
        .where('pj.id', 'in', ids)
        .execute();
      expect(rows).toHaveLength(5);
      for (const r of rows) {
        const own = milestones
          .filter((m) => m.project_id === r.id)
          .map((m) => ({ kind: m.kind as MilestoneKind, plannedDate: m.planned_date, actualDate: m.actual_date }));
        expect(r.status, `${r.id} on ${day}`).toBe(projectStatus(own, r.handover_date, day));
        seen.add(r.status);
      }
    }
    expect([...seen].sort()).toEqual(['behind', 'done', 'not_started', 'on_track', 'overdue']);
  });

  it('documents every route in the OpenAPI description', () => {
    const spec = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/projects/']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/projects/{id}']).sort()).toEqual(['get', 'put']);
    expect(Object.keys(spec.paths['/api/projects/{id}/milestones/{milestoneId}'])).toEqual(['put']);
    expect(Object.keys(spec.paths['/api/projects/{id}/photos'])).toEqual(['post']);
    expect(Object.keys(spec.paths['/api/projects/{id}/photos/{photoId}'])).toEqual(['delete']);
    expect(Object.keys(spec.paths['/api/projects/export.xlsx'])).toEqual(['get']);
  });
});
