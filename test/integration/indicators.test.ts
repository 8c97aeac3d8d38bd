/**
 * The indicator seam against a hand-computed example (both engines). One tenant, one period P (the month of T0):
 *
 * Problems, all first dispatched at T0 (periods and deadlines far enough away that nothing is overdue):
 *   P1 unit A, town A: rectified and passed at T0 + 2 h                → closed, 2 h
 *   P2 unit A, town A: rectified, failed, rectified, passed at T0 + 5 h → closed, reworked, 5 h
 *   P3 unit A, the county itself (no town): dispatched only            → open, not yet due
 *   P4 unit B, town B: acknowledged only                               → open, not yet due
 *   Unit A: 派遣 3, 结案 2, 应结案 2 → 结案率 1, 按期结案率 2/2 = 1, 返工率 1/2 (verified P1, P2), 延期率 0/3,
 *           平均整改时长 (2 + 5) / 2 = 3.5 h; unit B: 派遣 1, nothing due → 结案率 none, 延期率 0/1.
 *   Town A = P1 + P2; town B = P4; the county = all four (P3 has no town: it counts for the county only).
 *
 * Inspections, a standards version with four 农贸市场 standards; sites S1 (town A, unit A) and S2 (town B, unit B):
 *   open round: S1 3 pass + 1 fail → 得分率 0.75 (below the 0.9 line); S2 4 pass → 1 (meets it)
 *   covert round on S1: 4 fail → 0 — it counts only after release; then its finding F, dispatched to unit A, is unit A's 4th.
 *   Before release: S1 0.75, S2 1, unit A 0.75, town B 1, county (0.75 + 1) / 2 = 0.875, 达标率 county 1/2.
 *   After release: S1 (0.75 + 0) / 2 = 0.375, county 1.75 / 3 = 0.5833, 达标率 county 1/3; unit A's 派遣 3 → 4.
 *
 * Materials, two 材料审核 standards in the same version: M1 (lead unit A, responsible unit B), M2 (lead unit A).
 *   Unit A's M1 evidence for P passed, its M2 evidence only submitted; unit B filed nothing.
 *   Unit A 1/2 = 0.5; unit B 0/1 = 0; town B 0/1; the county 1/3 = 0.3333.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodEnd, periodOf, periodStart, type Period } from '../../common/period';
import type { Client } from '../support/client';
import { makePhoto, makeRound, makeSite, makeStandardsVersion, type StandardRow } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';
import { multipartForm } from '../support/xlsx';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let t: Tenant;
let other: Tenant;
let office: Client;
let period: Period;
let P: string;
let s1: string;
let s2: string;
let covertRound: string;
let finding: string;

type Item = { subjectId: string; subjectName: string; value: number | null; numerator: number | null; denominator: number | null };

/** The values of an indicator as the office reads them, by subject id. */
async function values(code: string, subjectType: string, c: Client = office): Promise<Map<string, Item>> {
  const res = await c.get(`/api/indicators/${code}?period=${P}&subjectType=${subjectType}&regionId=${t.countyId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map((res.body.items as Item[]).map((i) => [i.subjectId, i]));
}

describe(`indicators (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    office = await t.asScript('office');
    const { clock } = await getHarness();
    // Keep every step inside one month: start a day into the next month when this one ends within 12 hours.
    let p = periodOf('month', clock.now());
    if (periodEnd(p).getTime() - clock.now().getTime() < 12 * 3600_000) {
      clock.set(new Date(periodEnd(p).getTime() + 24 * 3600_000));
      p = periodOf('month', clock.now());
    }
    period = p;
    P = formatPeriod(p);
  });

  it('lists the registered indicators with their metadata', async () => {
    const res = await office.get('/api/indicators');
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('problems.on_time_rate')).toMatchObject({
      name: '按期结案率',
      unit: '%',
      direction: 'higher',
      subjectTypes: ['unit', 'town', 'county'],
      module: 'problems',
    });
    expect(byCode.get('problems.rework_rate')).toMatchObject({ name: '返工率', direction: 'lower' });
    expect(byCode.get('problems.avg_rectify_hours')).toMatchObject({ unit: '小时', decimals: 1 });
    expect(byCode.get('inspections.score_rate')).toMatchObject({ subjectTypes: ['site', 'unit', 'town', 'county'] });
    expect(byCode.get('materials.completeness_rate')).toMatchObject({ unit: '%', direction: 'higher' });
    for (const code of [
      'problems.close_rate',
      'problems.extension_rate',
      'problems.overdue_rate',
      'problems.relapse_rate',
      'problems.overdue',
      'problems.relapses',
      'inspections.pass_rate',
    ])
      expect(byCode.has(code), code).toBe(true);
  });

  it('computes the problem indicators as worked out by hand, per unit, town and county', async () => {
    const { clock } = await getHarness();
    const unit = await t.asScript('unit');
    const unit2 = await t.asScript('unit2');
    const photo = await makePhoto(unit);
    const make = async (unitId: string, regionId: string) => {
      const p = await report(office, regionId);
      await act(office, p.id, 'accept');
      await act(office, p.id, 'dispatch', { unitId });
      return p.id as string;
    };
    const p1 = await make(t.unitAId, t.townAId);
    const p2 = await make(t.unitAId, t.townAId);
    await make(t.unitAId, t.countyId);
    const p4 = await make(t.unitBId, t.townBId);
    for (const id of [p1, p2]) await act(unit, id, 'acknowledge');
    await act(unit2, p4, 'acknowledge');
    await act(unit, p2, 'submit_rectification', { measures: '已清理', photoIds: [photo] });
    await act(office, p2, 'verify', { passed: false, comment: '未彻底清理' });
    clock.advanceMinutes(120); // T0 + 2 h
    await act(unit, p1, 'submit_rectification', { measures: '已清理', photoIds: [photo] });
    await act(office, p1, 'verify', { passed: true });
    clock.advanceMinutes(180); // T0 + 5 h
    await act(unit, p2, 'submit_rectification', { measures: '已彻底清理', photoIds: [photo] });
    await act(office, p2, 'verify', { passed: true });

    const a = (code: string) => values(code, 'unit').then((m) => m.get(t.unitAId));
    expect(await a('problems.close_rate')).toMatchObject({ value: 1, numerator: 2, denominator: 2, subjectName: `城管局${t.tag}` });
    expect(await a('problems.on_time_rate')).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(await a('problems.rework_rate')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(await a('problems.extension_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(await a('problems.overdue_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(await a('problems.relapse_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(await a('problems.avg_rectify_hours')).toMatchObject({ value: 3.5, numerator: 7, denominator: 2 });
    expect(await a('problems.overdue')).toMatchObject({ value: 0 });

    const units = await values('problems.close_rate', 'unit');
    // Unit B has nothing due: no rate (null), listed after the units that have one.
    expect(units.get(t.unitBId)).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect([...units.keys()]).toEqual([t.unitAId, t.unitBId]);
    expect((await values('problems.extension_rate', 'unit')).get(t.unitBId)).toMatchObject({ value: 0, denominator: 1 });

    const towns = await values('problems.close_rate', 'town');
    expect(towns.get(t.townAId)).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(towns.get(t.townBId)).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(towns.has(t.countyId)).toBe(false);
    expect((await values('problems.extension_rate', 'town')).get(t.townBId)).toMatchObject({ denominator: 1 });
    const county = await values('problems.extension_rate', 'county');
    expect([...county.values()]).toEqual([
      { subjectId: t.countyId, subjectName: `测试县${t.tag}`, value: 0, numerator: 0, denominator: 4 },
    ]);
    expect((await values('problems.avg_rectify_hours', 'county')).get(t.countyId)).toMatchObject({ value: 3.5 });

    // /api/problems/metrics still answers the same figures (it shares the counts and the rate definitions).
    const from = periodStart(period).toISOString();
    const to = periodEnd(period).toISOString();
    const metrics = await office.get(`/api/problems/metrics?groupBy=unit&from=${from}&to=${to}`);
    expect(metrics.body.items.find((r: { groupId: string }) => r.groupId === t.unitAId)).toMatchObject({
      dispatched: 3,
      closed: 2,
      closeRate: 1,
      onTimeRate: 1,
      reworkRate: 0.5,
      extensionRate: 0,
      avgRectifyHours: 3.5,
    });
  });

  it('averages site 得分率 over the visits of the period; a covert round counts only after release', async () => {
    const field = (n: number): StandardRow => [
      '和谐宜居的生活环境',
      '农贸市场管理',
      `农贸市场-01-0${n}`,
      `农贸市场标准${n}`,
      '实地考察',
      2,
      '农贸市场',
      `城管局${t.tag}`,
      '',
      '否',
    ];
    const material = (code: string, lead: string, responsible: string): StandardRow => [
      '社会主义精神文明',
      '志愿服务',
      code,
      `材料标准${code}`,
      '网上申报',
      2,
      '',
      lead,
      responsible,
      '否',
    ];
    const { versionId, standards } = await makeStandardsVersion(t, [
      field(1),
      field(2),
      field(3),
      field(4),
      material('M1', `城管局${t.tag}`, `市场监管局${t.tag}`),
      material('M2', `城管局${t.tag}`, ''),
    ]);
    s1 = await makeSite(t, { regionId: t.townAId, unitId: t.unitAId });
    s2 = await makeSite(t, { regionId: t.townBId, unitId: t.unitBId });
    const inspector = await t.asScript('inspector');
    const photo = await makePhoto(inspector);
    const ids = [1, 2, 3, 4].map((n) => standards.get(`农贸市场-01-0${n}`)!);
    const open = await makeRound(t, { standardVersionId: versionId, siteIds: [s1, s2] });
    const visit = async (roundId: string, siteId: string, verdicts: string[], photo: string) => {
      const res = await inspector.post(`/api/inspection-rounds/${roundId}/visits`, {
        siteId,
        results: verdicts.map((verdict, i) => ({
          standardId: ids[i],
          verdict,
          photoIds: verdict === 'fail' ? [photo] : [],
          note: verdict === 'fail' ? '不符合' : undefined,
        })),
      });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body;
    };
    await visit(open.id, s1, ['pass', 'pass', 'pass', 'fail'], photo);
    await visit(open.id, s2, ['pass', 'pass', 'pass', 'pass'], photo);

    const before = async () => ({
      site: await values('inspections.score_rate', 'site'),
      unit: await values('inspections.score_rate', 'unit'),
      town: await values('inspections.score_rate', 'town'),
      county: await values('inspections.score_rate', 'county'),
      pass: await values('inspections.pass_rate', 'county'),
      sitePass: await values('inspections.pass_rate', 'site'),
    });
    const b = await before();
    expect([...b.site.keys()]).toEqual([s2, s1]); // best first
    expect(b.site.get(s1)).toMatchObject({ value: 0.75, numerator: 0.75, denominator: 1 });
    expect(b.site.get(s2)).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(b.unit.get(t.unitAId)).toMatchObject({ value: 0.75 });
    expect(b.unit.get(t.unitBId)).toMatchObject({ value: 1 });
    expect(b.town.get(t.townAId)).toMatchObject({ value: 0.75 });
    expect(b.town.get(t.townBId)).toMatchObject({ value: 1 });
    expect(b.county.get(t.countyId)).toMatchObject({ value: 0.875, numerator: 1.75, denominator: 2 });
    expect(b.pass.get(t.countyId)).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(b.sitePass.get(s1)).toMatchObject({ value: 0, numerator: 0, denominator: 1 });

    // The covert round: four failures at S1, one of its findings dispatched to unit A by the office (who may know it).
    const covert = await makeRound(t, { kind: 'covert', standardVersionId: versionId, siteIds: [s1] });
    covertRound = covert.id;
    // Covert evidence is taken on the round's own page (its watermark names no inspector).
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 110, b: 90 } } })
      .jpeg()
      .toBuffer();
    const upload = multipartForm({ roundId: covertRound, address: '示范路农贸市场' }, [['photo.jpg', jpeg]]);
    const covertPhoto = await inspector.request('POST', '/api/files', upload.body, { headers: upload.headers });
    expect(covertPhoto.status, JSON.stringify(covertPhoto.body)).toBe(201);
    const how = await visit(covertRound, s1, ['fail', 'fail', 'fail', 'fail'], covertPhoto.body.id);
    finding = how.problems.find((p: { how: string }) => p.how === 'created').problemId;
    // (Its findings cannot be dispatched before release: the loop refuses with 422.)

    const taskforce = await t.asScript('taskforce');
    const unchanged = await before();
    expect(unchanged).toEqual(b);
    // The same for anyone who may read the figures: the office (who knows the round) and the task force (who does not).
    expect(await values('inspections.score_rate', 'county', taskforce)).toEqual(b.county);
    expect((await values('problems.extension_rate', 'unit')).get(t.unitAId)).toMatchObject({ denominator: 3 });
    expect((await values('problems.extension_rate', 'unit', taskforce)).get(t.unitAId)).toMatchObject({ denominator: 3 });

    expect((await office.post(`/api/inspection-rounds/${covertRound}/release`)).status).toBe(204);
    const after = await before();
    expect(after.site.get(s1)).toMatchObject({ value: 0.375, numerator: 0.75, denominator: 2 });
    expect(after.county.get(t.countyId)).toMatchObject({ value: 0.5833, numerator: 1.75, denominator: 3 });
    expect(after.pass.get(t.countyId)).toMatchObject({ value: 0.3333, numerator: 1, denominator: 3 });
    // A released finding joins the loop like any other: dispatched to unit A, it is the unit's fourth of the period.
    await act(office, finding, 'dispatch', { unitId: t.unitAId });
    expect((await values('problems.extension_rate', 'unit')).get(t.unitAId)).toMatchObject({ denominator: 4 });

    // Materials: M1 passed for unit A, M2 only submitted; unit B owes M1 and filed nothing.
    const unit = await t.asScript('unit');
    const submit = async (standardId: string) => {
      const form = multipartForm({ standardId, period: P }, [['台账.pdf', PDF]]);
      const res = await unit.request('POST', '/api/materials', form.body, { headers: form.headers });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const m1 = await submit(standards.get('M1')!);
    await submit(standards.get('M2')!);
    expect((await office.post(`/api/materials/${m1.id}/review`, { decision: 'pass', version: m1.version })).status).toBe(204);
    const mu = await values('materials.completeness_rate', 'unit');
    expect(mu.get(t.unitAId)).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(mu.get(t.unitBId)).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect((await values('materials.completeness_rate', 'town')).get(t.townBId)).toMatchObject({ value: 0, denominator: 1 });
    expect((await values('materials.completeness_rate', 'county')).get(t.countyId)).toMatchObject({
      value: 0.3333,
      numerator: 1,
      denominator: 3,
    });
  });

  it('answers only the roles and regions the caller may read, and refuses bad input with a clear 4xx', async () => {
    for (const key of ['unit', 'inspector', 'admin', 'auditor']) {
      const c = await t.as(key);
      expect((await c.get('/api/indicators')).status, key).toBe(403);
      expect((await c.get(`/api/indicators/problems.close_rate?period=${P}`)).status, key).toBe(403);
    }
    // Another county's region answers as a made-up one does.
    const theirs = await office.get(`/api/indicators/problems.close_rate?period=${P}&regionId=${other.countyId}`);
    const madeUp = await office.get(`/api/indicators/problems.close_rate?period=${P}&regionId=${crypto.randomUUID()}`);
    expect([theirs.status, madeUp.status]).toEqual([404, 404]);
    // Without a region the office sees only its own county's subjects.
    const all = await office.get(`/api/indicators/problems.close_rate?period=${P}&subjectType=unit`);
    expect(all.body.items.map((i: Item) => i.subjectId)).not.toContain(other.unitAId);
    expect(all.body.items.map((i: Item) => i.subjectId)).toContain(t.unitAId);
    expect(all.body).toMatchObject({ period: { code: P }, subjectType: 'unit', indicator: { code: 'problems.close_rate' } });

    const bad = async (url: string, status: number) => {
      const res = await office.get(url);
      expect(res.status, url).toBe(status);
      expect(res.body.error.code).toBeTruthy();
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    };
    await bad('/api/indicators/nope.nothing', 404);
    await bad('/api/indicators/problems.close_rate?period=2026-13', 400);
    await bad('/api/indicators/problems.close_rate?period=2026-Q5', 400);
    await bad('/api/indicators/problems.close_rate?subjectType=site', 400);
    await bad('/api/indicators/problems.close_rate?subjectType=planet', 400);
    await bad('/api/indicators/problems.close_rate?regionId=abc', 400);
    // The default period is the current month (Beijing).
    const now = (await getHarness()).clock.now();
    expect((await office.get('/api/indicators/problems.close_rate')).body.period.code).toBe(formatPeriod(periodOf('month', now)));
    // A quarter and a year are periods too.
    expect((await office.get('/api/indicators/problems.close_rate?period=2026-Q4')).body.period).toMatchObject({
      code: '2026-Q4',
      label: '2026年第4季度',
    });
  });
});
