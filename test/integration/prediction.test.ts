/**
 * 预测测评得分 against a hand-computed example (both engines; the method is in server/modules/prediction/estimate.ts,
 * prior strength κ = 2). One tenant; a 测评体系 with three 实地考察 standards, plus a 负面清单 field standard and a
 * 网上申报 standard that the prediction leaves out:
 *   A 4 分 at 农贸市场 (M) and 公园 (K) · B 2 分 at M · C 4 分 at K (另一个测评项目).
 * Sites M1, M2 (农贸市场) and K1, K2 (公园) — two registered of each type.
 *
 * Round 1 (open, released by nature) visits M1, M2, K1:
 *   A: M1 ✓, M2 ✓, K1 ✗ · B: M1 ✗, M2 ✓ · C: K1 ✓        → 4 pass of 6, g = 5/8
 *   m_A = 13/20, m_B = 9/16, m_C = 3/4 → p_AM = 33/40, p_AK = 13/30, p_BM = 17/32, p_CK = 5/6
 *   weights of A: M 2/3, K 1/3 (sampled 2 : 1)
 *   E = 4·(2/3·33/40 + 1/3·13/30) + 2·17/32 + 4·5/6 = 1033/144 = 7.1736 → 7.17 of 10, 71.74 %, grade C
 *   open problems: B at M1, A at K1 (each 1 of 2 sites of its type):
 *     gain BM = 2·min(1/2, 15/32) = 0.9375, AK = 4/3·min(1/2, 17/30) = 0.6667, CK 0 (at stake 0.6667), AM 0 (0.4667)
 *
 * A covert round visits M2 (A ✗, B ✗) and K2 (C ✗). Before release nothing moves — for the office who knows the round
 * and the task force who does not. After release (5 sampled: M 3, K 2; A-M 2/3, A-K 0/1, B-M 1/3, C-K 1/2; g = 5/11):
 *   m_A = 16/33, m_B = 21/55, m_C = 21/44 → p_AM = 98/165, p_AK = 32/99, p_BM = 97/275, p_CK = 43/88
 *   E = 4·(3/5·98/165 + 2/5·32/99) + 2·97/275 + 4·43/88 = 22783/4950 = 4.6026 → 4.60, 46.03 %, grade D
 *   gains: CK 4·min(1/2, 45/88) = 2, BM 2·min(1, 178/275) = 1.2945, AM 12/5·min(1/2, 67/165) = 0.9745, AK 8/5·1/2 = 0.8
 */
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { makePhoto, makeRound, makeSite, makeStandardsVersion, type StandardRow } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act } from '../support/problems';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
let other: Tenant;
let office: Client;
let inspector: Client;
let standards: Map<string, string>;
let versionId: string;
const sites: Record<string, string> = {};
let covertRound: string;

type Priority = {
  standardCode: string;
  siteTypeCode: string;
  siteTypeName: string;
  expectedGain: number;
  atStake: number;
  passRate: number;
  weight: number;
  openProblems: number;
  problemSites: number;
  overdueProblems: number;
  oldestOpenAt: string | null;
  insufficient: boolean;
};

async function prediction(c: Client = office, query = `campaignId=${t.campaignId}`) {
  const res = await c.get(`/api/prediction?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const order = (items: Priority[]) => items.map((p) => `${p.standardCode}@${p.siteTypeCode}`);

describe(`测评预测 (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    office = await t.asScript('office');
    inspector = await t.asScript('inspector');
    const row = (
      item: string,
      content: string,
      code: string,
      points: number,
      types: string,
      method = '实地考察',
      negative = '否',
    ): StandardRow => [item, content, code, `${code}的测评标准`, method, points, types, `城管局${t.tag}`, '', negative];
    ({ versionId, standards } = await makeStandardsVersion(t, [
      row('和谐宜居的生活环境', '市容环境', 'A', 4, '农贸市场；公园'),
      row('和谐宜居的生活环境', '市场秩序', 'B', 2, '农贸市场'),
      row('健康向上的人文环境', '公共文化', 'C', 4, '公园'),
      row('和谐宜居的生活环境', '负面清单', 'N', 5, '农贸市场', '实地考察', '是'),
      row('社会主义精神文明', '志愿服务', 'D', 3, '', '网上申报'),
    ]));
    sites.M1 = await makeSite(t, { siteTypeCode: 'farmers_market', regionId: t.townAId });
    sites.M2 = await makeSite(t, { siteTypeCode: 'farmers_market', regionId: t.townBId });
    sites.K1 = await makeSite(t, { siteTypeCode: 'park', regionId: t.townAId });
    sites.K2 = await makeSite(t, { siteTypeCode: 'park', regionId: t.townBId });
    // The other county has a round of its own: it never counts here.
    const theirs = await makeRound(other, {});
    const otherInspector = await other.asScript('inspector');
    const res = await otherInspector.post(`/api/inspection-rounds/${theirs.id}/visits`, {
      siteId: theirs.siteIds[0],
      results: [{ standardId: (await otherStandard(theirs.standardVersionId)).id, verdict: 'pass', photoIds: [] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }, 120_000);

  async function otherStandard(version: string) {
    const tree = await (await other.asScript('office')).get(`/api/standards/versions/${version}/tree`);
    return tree.body.items[0].children[0].standards[0] as { id: string };
  }

  const visit = async (c: Client, roundId: string, siteId: string, verdicts: Record<string, 'pass' | 'fail'>, photo: string) => {
    const res = await c.post(`/api/inspection-rounds/${roundId}/visits`, {
      siteId,
      results: Object.entries(verdicts).map(([code, verdict]) => ({
        standardId: standards.get(code)!,
        verdict,
        photoIds: verdict === 'fail' ? [photo] : [],
        note: verdict === 'fail' ? '不符合' : undefined,
      })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { problems: Array<{ standardId: string; problemId: string; how: string }> };
  };

  it('before any round: the version is known, nothing observed, 数据不足', async () => {
    const p = await prediction();
    expect(p.version).toEqual({ id: versionId, name: expect.any(String) });
    expect(p.rounds).toEqual([]);
    // No data at all: every cell at ½ → 5 of 10.
    expect(p.score).toMatchObject({ expected: 5, fullMarks: 10, percent: 50, grade: 'D', observations: 0, visits: 0, insufficient: true });
  });

  it('estimates the expected score, its band and the priority list from the released round (hand-computed)', async () => {
    const round = await makeRound(t, { standardVersionId: versionId, siteIds: [sites.M1, sites.M2, sites.K1] });
    const photo = await makePhoto(inspector);
    const m1 = await visit(inspector, round.id, sites.M1, { A: 'pass', B: 'fail' }, photo);
    await visit(inspector, round.id, sites.M2, { A: 'pass', B: 'pass' }, photo);
    const k1 = await visit(inspector, round.id, sites.K1, { A: 'fail', C: 'pass' }, photo);
    // The finding at K1 goes to unit A and is past its deadline: it counts as overdue.
    const ak = k1.problems[0].problemId;
    await act(office, ak, 'dispatch', { unitId: t.unitAId });
    const { database, clock } = await getHarness();
    await database.db
      .updateTable('problems')
      .set({ deadline: new Date(clock.now().getTime() - 86_400_000) })
      .where('id', '=', ak)
      .execute();

    const p = await prediction();
    expect(p.campaign).toEqual({ id: t.campaignId, name: `创建全国文明城市${t.tag}` });
    expect(p.rounds).toEqual([expect.objectContaining({ id: round.id, kind: 'routine', sites: 3, visits: 3 })]);
    expect(p.score).toMatchObject({
      expected: 7.17,
      fullMarks: 10,
      percent: 71.74,
      grade: 'C',
      observations: 6,
      visits: 3,
      coverage: 0,
      insufficient: true,
    });
    expect(p.score.low).toBeLessThan(7.17);
    expect(p.score.high).toBeGreaterThan(7.17);
    expect(p.score.low).toBeGreaterThanOrEqual(0);
    expect(p.score.high).toBeLessThanOrEqual(10);
    expect(p.method).toMatchObject({ priorStrength: 2, bandLevel: 0.8, minObservations: 10, roundsAsked: 3 });
    // The 负面清单 standard N and the 网上申报 standard D are not in the field score.
    expect(order(p.priorities)).toEqual(['B@farmers_market', 'A@park', 'C@park', 'A@farmers_market']);
    const [bm, akRow, ck, am] = p.priorities as Priority[];
    expect(bm).toMatchObject({
      expectedGain: 0.9375,
      atStake: 0.9375,
      passRate: 0.5313,
      weight: 1,
      openProblems: 1,
      problemSites: 1,
      overdueProblems: 0,
      siteTypeName: '集贸市场（农贸市场）',
      insufficient: true,
    });
    expect(akRow).toMatchObject({
      expectedGain: 0.6667,
      atStake: 0.7556,
      passRate: 0.4333,
      weight: 0.3333,
      openProblems: 1,
      overdueProblems: 1,
    });
    expect(akRow.oldestOpenAt).not.toBeNull();
    expect(ck).toMatchObject({ expectedGain: 0, atStake: 0.6667, passRate: 0.8333, openProblems: 0, oldestOpenAt: null });
    expect(am).toMatchObject({ expectedGain: 0, atStake: 0.4667, passRate: 0.825, weight: 0.6667 });
    expect(p.byItem).toEqual([
      { name: '和谐宜居的生活环境', fullMarks: 6, expected: 3.84, standards: 2, observations: 5 },
      { name: '健康向上的人文环境', fullMarks: 4, expected: 3.33, standards: 1, observations: 1 },
    ]);
    // In the registry's site-type order.
    expect(p.bySiteType.filter((x: { fullMarks: number }) => x.fullMarks > 0)).toEqual([
      expect.objectContaining({ code: 'park', sampled: 1, registered: 2, observations: 2, fullMarks: 5.33, expected: 3.91 }),
      expect.objectContaining({ code: 'farmers_market', sampled: 2, registered: 2, observations: 4, fullMarks: 4.67, expected: 3.26 }),
    ]);
    // The row's link: the problem list filtered by the standard's code and the site type holds exactly its problem.
    const linked = await office.get(
      `/api/problems?standardCode=B&siteType=farmers_market&state=pending,accepted,dispatched,rectifying,verifying`,
    );
    expect(linked.status).toBe(200);
    expect(linked.body.items.map((x: { id: string }) => x.id)).toEqual([m1.problems[0].problemId]);

    // The same figures for the leader and the task force, and without naming the campaign (the first active one).
    const again = await prediction();
    expect(await prediction(await t.asScript('leader'))).toEqual(again);
    expect(await prediction(await t.asScript('taskforce'))).toEqual(again);
    expect(await prediction(office, '')).toEqual(again);
    expect(again).toEqual(p); // seeded: the band is the same each time
  });

  it('only the office, leaders and task force of the campaign read it; others and other counties get 404', async () => {
    for (const key of ['unit', 'inspector', 'grid', 'volunteer', 'sitelead', 'admin', 'auditor']) {
      const c = await t.asScript(key);
      expect((await c.get(`/api/prediction?campaignId=${t.campaignId}`)).status, key).toBe(404);
      expect((await c.get(`/api/prediction/priorities.xlsx?campaignId=${t.campaignId}`)).status, key).toBe(404);
    }
    const theirs = await other.asScript('office');
    expect((await theirs.get(`/api/prediction?campaignId=${t.campaignId}`)).status).toBe(404);
    expect((await office.get(`/api/prediction?campaignId=${other.campaignId}`)).status).toBe(404);
    expect((await office.get(`/api/prediction?campaignId=${crypto.randomUUID()}`)).status).toBe(404);
    // Bad input: a clear Chinese 400 naming the field.
    const bad = await office.get(`/api/prediction?campaignId=${t.campaignId}&rounds=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('rounds');
    expect((await office.get('/api/prediction?campaignId=abc')).body.error.message).toContain('campaignId');
  });

  it('an unreleased covert round moves nothing for anyone; after release it counts (hand-computed)', async () => {
    const before = await prediction();
    const taskforce = await t.asScript('taskforce');
    const beforeTf = await prediction(taskforce);
    const covert = await makeRound(t, {
      kind: 'covert',
      standardVersionId: versionId,
      siteIds: [sites.M2, sites.K2],
      startDate: '2026-11-20',
      endDate: '2026-11-25',
    });
    covertRound = covert.id;
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 110, b: 90 } } })
      .jpeg()
      .toBuffer();
    const upload = multipartForm({ roundId: covertRound, address: '示范路' }, [['photo.jpg', jpeg]]);
    const photo = await inspector.request('POST', '/api/files', upload.body, { headers: upload.headers });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    await visit(inspector, covertRound, sites.M2, { A: 'fail', B: 'fail' }, photo.body.id);
    await visit(inspector, covertRound, sites.K2, { C: 'fail' }, photo.body.id);

    expect(await prediction()).toEqual(before);
    expect(await prediction(taskforce)).toEqual(beforeTf);

    expect((await office.post(`/api/inspection-rounds/${covertRound}/release`)).status).toBe(204);
    const p = await prediction();
    expect(p.rounds.map((r: { id: string }) => r.id)).toEqual([covertRound, before.rounds[0].id]);
    expect(p.score).toMatchObject({ expected: 4.6, fullMarks: 10, percent: 46.03, grade: 'D', observations: 9, visits: 5 });
    expect(order(p.priorities)).toEqual(['C@park', 'B@farmers_market', 'A@farmers_market', 'A@park']);
    expect(p.priorities.map((x: Priority) => x.expectedGain)).toEqual([2, 1.2945, 0.9745, 0.8]);
    expect(p.priorities[1]).toMatchObject({ openProblems: 2, problemSites: 2, passRate: 0.3527, weight: 1 });
    expect(p.priorities[2]).toMatchObject({ weight: 0.6, passRate: 0.5939, openProblems: 1 });
    // Only the latest round: the covert round alone (M2: A ✗ B ✗; K2: C ✗).
    const one = await prediction(office, `campaignId=${t.campaignId}&rounds=1`);
    expect(one.rounds.map((r: { id: string }) => r.id)).toEqual([covertRound]);
    expect(one.score.observations).toBe(3);
  });

  it('exports the priority list as .xlsx: title, 序号, typed cells, in priority order', async () => {
    const res = await office.get(`/api/prediction/priorities.xlsx?campaignId=${t.campaignId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`创建全国文明城市${t.tag}对标补短清单.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['对标补短', '按测评项目', '按点位类型', '说明']);
    const ws = wb.getWorksheet('对标补短')!;
    expect(String(ws.getCell('A1').value)).toContain(`创建全国文明城市${t.tag}对标补短清单`);
    expect(String(ws.getCell('A2').value)).toContain('预计实地考察得分 4.60 / 10.00（46.0%，D 级）');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['序号', '测评项目', '编码', '测评标准', '点位类型', '分值']);
    const rows = [4, 5, 6, 7].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([
      [1, 'C', '公园'],
      [2, 'B', '集贸市场（农贸市场）'],
      [3, 'A', '集贸市场（农贸市场）'],
      [4, 'A', '公园'],
    ]);
    // Numbers are numbers: 分值 4, 整改后预计增分 2, 未结问题 1.
    expect(rows[0][5]).toBe(4);
    expect(rows[0][11]).toBe(2);
    expect(rows[0][12]).toBe(1);
    expect((ws.getRow(8).values as unknown[])[2]).toBe('合计');
  });
});
