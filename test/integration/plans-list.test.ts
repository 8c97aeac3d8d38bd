/**
 * GET /api/plans a page at a time (both engines): the rows are the 实施方案 (a 专项行动 whose 实施方案 the caller cannot
 * see stands as a row of its own), each followed by its 专项行动; `total` counts rows; sort by the office's order, by
 * name (pinyin) or by task count, either way; search matches a plan or one of its 专项行动; a unit sees only the plans
 * holding its tasks. Bad paging is a 400.
 *
 * The county's plans (tasks in brackets, lead unit):
 *   P1 创建全国文明城市实施方案      [2 × A]     ├ S1 农贸市场专项整治行动 [1 × B]  └ S2 背街小巷专项整治行动 [0]
 *   P2 爱国卫生运动实施方案          [0]
 *   P3 城乡环境综合整治实施方案      [3 × A]     └ S3 公共厕所提升专项行动 [1 × B]
 * Pinyin order: 爱国 (ai) < 城乡 (cheng xiang) < 创建 (chuang) → P2, P3, P1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let office: Client;
let unitB: Client;
const P: Record<string, string> = {};

type Row = { id: string; name: string; parentId: string | null; kind: string; taskCount: number };

let minute = 0;
async function plan(name: string, parent?: string): Promise<string> {
  // A minute apart, so the office's order (by creation) is the order written here.
  (await getHarness()).clock.set(new Date(Date.parse('2026-11-16T04:00:00Z') + (minute += 1) * 60_000));
  const res = await office.post('/api/plans', {
    campaignId: t.campaignId,
    kind: parent ? 'special' : 'plan',
    parentId: parent ?? null,
    name,
    summary: parent ? null : `${name}：目标任务、工作步骤与保障措施`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function tasks(planId: string, leadUnitId: string, n: number) {
  for (let i = 0; i < n; i += 1) {
    const res = await office.post(`/api/plans/${planId}/tasks`, {
      title: `第 ${i + 1} 项整治任务`,
      leadUnitId,
      startDate: '2026-11-20',
      dueDate: '2026-12-20',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

async function list(c: Client, query: string) {
  const res = await c.get(`/api/plans?campaignId=${t.campaignId}&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Row[]; total: number };
}

/** The page as the list shows it: a 专项行动 under its 实施方案 indented, a row of its own not. */
const names = (page: { items: Row[] }) => {
  const ids = new Set(page.items.map((p) => p.id));
  return page.items.map((p) => (p.parentId && ids.has(p.parentId) ? `  ${p.name}` : p.name));
};

describe(`plans list paging (${engineName})`, () => {
  beforeAll(async () => {
    const { clock } = await getHarness();
    clock.set(new Date('2026-11-16T04:00:00Z'));
    t = await createTenant();
    [office, unitB] = await Promise.all([t.asScript('office'), t.asScript('unit2')]);
    P.p1 = await plan('创建全国文明城市实施方案');
    P.s1 = await plan('农贸市场专项整治行动', P.p1);
    P.s2 = await plan('背街小巷专项整治行动', P.p1);
    P.p2 = await plan('爱国卫生运动实施方案');
    P.p3 = await plan('城乡环境综合整治实施方案');
    P.s3 = await plan('公共厕所提升专项行动', P.p3);
    await tasks(P.p1, t.unitAId, 2);
    await tasks(P.s1, t.unitBId, 1);
    await tasks(P.p3, t.unitAId, 3);
    await tasks(P.s3, t.unitBId, 1);
  });

  it('pages the 实施方案 with their 专项行动 in the office order; total counts the rows', async () => {
    const all = await list(office, 'pageSize=20');
    expect(all.total).toBe(3);
    expect(names(all)).toEqual([
      '创建全国文明城市实施方案',
      '  农贸市场专项整治行动',
      '  背街小巷专项整治行动',
      '爱国卫生运动实施方案',
      '城乡环境综合整治实施方案',
      '  公共厕所提升专项行动',
    ]);
    const second = await list(office, 'page=2&pageSize=2');
    expect(second.total).toBe(3);
    expect(names(second)).toEqual(['城乡环境综合整治实施方案', '  公共厕所提升专项行动']);
    expect((await list(office, 'page=3&pageSize=2')).items).toEqual([]);
  });

  it('sorts by name (pinyin) and by task count, either way', async () => {
    expect(names(await list(office, 'sort=name')).filter((n) => !n.startsWith(' '))).toEqual([
      '爱国卫生运动实施方案',
      '城乡环境综合整治实施方案',
      '创建全国文明城市实施方案',
    ]);
    expect(names(await list(office, 'sort=name&order=desc&pageSize=1'))).toEqual([
      '创建全国文明城市实施方案',
      '  农贸市场专项整治行动',
      '  背街小巷专项整治行动',
    ]);
    const byTasks = await list(office, 'sort=taskCount&order=desc');
    expect(byTasks.items.filter((p) => !p.parentId).map((p) => [p.name, p.taskCount])).toEqual([
      ['城乡环境综合整治实施方案', 3],
      ['创建全国文明城市实施方案', 2],
      ['爱国卫生运动实施方案', 0],
    ]);
  });

  it('searches a plan (with all its 专项行动) or a 专项行动 (shown alone under its plan)', async () => {
    const sub = await list(office, `search=${encodeURIComponent('农贸市场')}`);
    expect(sub.total).toBe(1);
    expect(names(sub)).toEqual(['创建全国文明城市实施方案', '  农贸市场专项整治行动']);
    const root = await list(office, `search=${encodeURIComponent('文明城市')}`);
    expect(names(root)).toEqual(['创建全国文明城市实施方案', '  农贸市场专项整治行动', '  背街小巷专项整治行动']);
    // The summary is searched too.
    expect((await list(office, `search=${encodeURIComponent('保障措施')}`)).total).toBe(3);
    const none = await list(office, `search=${encodeURIComponent('不存在的方案')}`);
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('shows a unit only the plans holding its tasks: a 专项行动 without its 实施方案 is a row of its own', async () => {
    const mine = await list(unitB, 'sort=name');
    expect(mine.total).toBe(2);
    expect(names(mine)).toEqual(['公共厕所提升专项行动', '农贸市场专项整治行动']);
  });

  it('refuses bad paging and sorting (400) in Chinese where it can', async () => {
    expect((await office.get('/api/plans?pageSize=0')).status).toBe(400);
    expect((await office.get('/api/plans?pageSize=501')).status).toBe(400);
    expect((await office.get('/api/plans?sort=owner')).status).toBe(400);
    expect((await office.get('/api/plans?order=sideways')).status).toBe(400);
    const badCampaign = await office.get('/api/plans?campaignId=abc');
    expect(badCampaign.status).toBe(400);
    expect(JSON.stringify(badCampaign.body)).toContain('创建项目编号格式不正确');
    // An empty parameter means not given.
    expect((await office.get(`/api/plans?campaignId=${t.campaignId}&search=`)).body.total).toBe(3);
  });
});
