/**
 * A task's links to standards (a task can close a 补短 gap) and sites (issue 13), through HTTP on both engines: the
 * office sets them on PUT /api/tasks/:id; the detail names them (code, text, version — current or not — site type and
 * region); an unknown standard, another campaign's standard, an unknown site or a site outside the plan's region
 * answers 422 naming the field and writes nothing (same version, same links, no event).
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { makeSite, makeStandardsVersion, type StandardRow } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let other: Tenant;
let office: Client;
let unitA: Client;
let planId: string;
let taskId: string;
const S: Record<string, string> = {};

const rows = (tag: string, prefix: string): StandardRow[] => [
  [
    '和谐宜居的生活环境',
    '农贸市场管理',
    `${prefix}-01`,
    '市场内无占道经营，商品摆放整齐',
    '实地考察',
    2,
    '集贸市场（农贸市场）',
    `城管局${tag}`,
    '',
    '否',
  ],
  [
    '和谐宜居的生活环境',
    '公共卫生',
    `${prefix}-02`,
    '公厕干净整洁，无异味，设施完好',
    '实地考察',
    2,
    '室外公共厕所',
    `城管局${tag}`,
    '',
    '否',
  ],
];

type Detail = {
  task: { id: string; version: number; standardIds: string[]; siteIds: string[] };
  events: Array<{ action: string; note: string | null }>;
  links: {
    standards: Array<{ id: string; code: string; text: string; versionId: string; versionName: string; current: boolean }>;
    sites: Array<{ id: string; name: string; siteTypeName: string; regionName: string; active: boolean }>;
  };
};

const detail = async (c: Client = office) => {
  const res = await c.get(`/api/tasks/${taskId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Detail;
};

const body = (version: number, links: { standardIds?: string[]; siteIds?: string[] }) => ({
  title: '农贸市场环境秩序整治',
  leadUnitId: t.unitAId,
  startDate: '2026-11-20',
  dueDate: '2026-12-20',
  version,
  ...links,
});

describe(`task links to standards and sites (${engineName})`, () => {
  beforeAll(async () => {
    const { clock } = await getHarness();
    clock.set(new Date('2026-10-16T04:00:00Z'));
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    [office, unitA] = await Promise.all([t.asScript('office'), t.asScript('unit')]);
    // An older version (a month ago), then the current one (today: the newest), and another county's version.
    const old = await makeStandardsVersion(t, rows(t.tag, `OLD-${t.tag}`), { name: `2025版测评体系${t.tag}` });
    clock.set(new Date('2026-11-16T04:00:00Z'));
    const cur = await makeStandardsVersion(t, rows(t.tag, `CUR-${t.tag}`), { name: `2026版测评体系${t.tag}` });
    const foreign = await makeStandardsVersion(other, rows(other.tag, `FOR-${other.tag}`));
    S.old1 = old.standards.get(`OLD-${t.tag}-01`)!;
    S.cur1 = cur.standards.get(`CUR-${t.tag}-01`)!;
    S.cur2 = cur.standards.get(`CUR-${t.tag}-02`)!;
    S.foreign = foreign.standards.get(`FOR-${other.tag}-01`)!;
    S.market = await makeSite(t, { name: `城关农贸市场${t.tag}`, regionId: t.townAId });
    S.park = await makeSite(t, { name: `人民公园${t.tag}`, siteTypeCode: 'park', regionId: t.townBId });
    S.otherSite = await makeSite(other, { name: `外县农贸市场${other.tag}` });
    const plan = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '创建全国文明城市实施方案' });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    planId = plan.body.id;
    const task = await office.post(`/api/plans/${planId}/tasks`, body(1, {}));
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    taskId = task.body.id;
  });

  it('sets the links on an edit; the detail names them, the lead unit reads them too', async () => {
    const first = await detail();
    expect(first.links).toEqual({ standards: [], sites: [] });
    const res = await office.request(
      'PUT',
      `/api/tasks/${taskId}`,
      body(first.task.version, { standardIds: [S.cur2, S.old1, S.cur2], siteIds: [S.park, S.market] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.standardIds).toEqual([S.cur2, S.old1]);
    expect(res.body.siteIds).toEqual([S.park, S.market]);

    const d = await detail(unitA);
    expect(d.links.standards).toEqual([
      expect.objectContaining({ id: S.cur2, code: `CUR-${t.tag}-02`, text: '公厕干净整洁，无异味，设施完好', current: true }),
      expect.objectContaining({ id: S.old1, code: `OLD-${t.tag}-01`, versionName: `2025版测评体系${t.tag}`, current: false }),
    ]);
    expect(d.links.sites).toEqual([
      expect.objectContaining({ id: S.park, name: `人民公园${t.tag}`, siteTypeName: '公园', active: true }),
      expect.objectContaining({ id: S.market, name: `城关农贸市场${t.tag}`, siteTypeName: '集贸市场（农贸市场）' }),
    ]);
    expect(d.events.find((e) => e.action === 'updated')?.note).toBe('关联测评标准调整为 2 条；关联点位调整为 2 个');

    // Cleared again: no links, and the event says so.
    const cleared = await office.request('PUT', `/api/tasks/${taskId}`, body(d.task.version, { standardIds: [S.cur1], siteIds: [] }));
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect((await detail()).links).toMatchObject({ standards: [{ id: S.cur1 }], sites: [] });
  });

  it('refuses unknown or out-of-scope links (422 naming the field) and changes nothing', async () => {
    const before = await detail();
    const cases: Array<[{ standardIds?: string[]; siteIds?: string[] }, string, string]> = [
      [{ standardIds: [S.cur1, crypto.randomUUID()] }, 'standardIds', '测评标准'],
      [{ standardIds: [S.foreign] }, 'standardIds', '测评标准'],
      [{ siteIds: [crypto.randomUUID()] }, 'siteIds', '点位'],
      [{ siteIds: [S.market, S.otherSite] }, 'siteIds', '点位'],
    ];
    for (const [links, field, text] of cases) {
      const res = await office.request('PUT', `/api/tasks/${taskId}`, body(before.task.version, links));
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toContain(text);
    }
    const bad = await office.request('PUT', `/api/tasks/${taskId}`, body(before.task.version, { standardIds: ['不是编号'] }));
    expect(bad.status).toBe(400);
    const after = await detail();
    expect(after.task.version).toBe(before.task.version);
    expect(after.task.standardIds).toEqual(before.task.standardIds);
    expect(after.task.siteIds).toEqual(before.task.siteIds);
    expect(after.events).toHaveLength(before.events.length);
    // Another county's office cannot see the task at all.
    expect((await (await other.asScript('office')).get(`/api/tasks/${taskId}`)).status).toBe(404);
  });
});
