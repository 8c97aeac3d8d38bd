/**
 * 月评排名 against a hand-computed example (both engines). One tenant; period P is the current month, Q the one before.
 *
 * Group 县直部门: units A, B (the tenant's), C and D (added here); red list 1, black list 1. Indicators and rules:
 *   manual.score (人工评分)           weight 30  grade: ≥ 90 → 30, ≥ 75 → 20, ≥ 60 → 10, else 0
 *   problem.close_rate (结案率)        weight 40  linear: 0.5 → 0 … 1 → 40
 *   problem.overdue_count (超期数)     weight 30  deduction: 10 per problem, at most 20
 *   manual.bonus (加分事项)            weight 1   bonus: 2 per item, at most 3
 *   problems.relapses (反弹数)         weight 1   veto: one relapse → 一票否决
 *
 * Problems first dispatched in P: A 2 closed; B 3 closed + 1 open past its deadline; C 1 closed + 1 open past its
 * deadline; D 1 closed + 1 relapse of it (open, not yet due). Manual scores in P: A 95, B 65, C 92, D 88; bonus items
 * A 2, B 1, C 1, D none.
 *
 *   A: 30 + 40 × (1 − 0.5)/0.5 = 40 + 30 − 0 + min(3, 2 × 2) = 3            → 103   rank 1  red
 *   B: 10 + 40 × (0.75 − 0.5)/0.5 = 20 + (30 − 10) = 20 + 2                  →  52   rank 2  black (bottom, tied)
 *   C: 30 + 40 × (0.5 − 0.5)/0.5 = 0 + (30 − 10) = 20 + 2                    →  52   rank 2  black (bottom, tied)
 *   D: 20 + 40 (1/1) + 30 + 0 = 90, but 1 relapse → veto                      →  90   rank 4  black (veto)
 *
 * Month Q (no problems: nothing due → 结案率 full marks, 超期数 0): manual scores A 95, B 50, C 95, D 95 →
 *   A, C, D 30 + 40 + 30 = 100 (rank 1, no list: three of four tied at the top would make a red list of a majority),
 *   B 0 + 40 + 30 = 70 (rank 4, black).
 * Q is published, so in P B's black-list months in a row are 2 → 约谈 proposed; C and D start at 1.
 *
 * After B's objection is adjusted by +10: B 62 (rank 2, no list), C 52 (rank 3, black), D (veto, rank 4, black).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodEnd, periodLabel, periodOf, previousPeriod } from '../../common/period';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let unitA: Client;
let unitB: Client;
let volunteer: Client;
let P = '';
let Q = '';
const U: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const problems: Record<string, string[]> = { A: [], B: [], C: [], D: [] };
let schemeId = '';
let runQ = '';
let runP = '';
let revisionP = '';

type Item = {
  subjectId: string;
  subjectName: string;
  score: number;
  computedScore: number;
  adjustment: number;
  rank: number;
  list: string | null;
  veto: boolean;
  blackStreak: number;
  proposal: string | null;
  indicators: Array<{ code: string; value: number | null; points: number; vetoed: boolean }>;
};

const SCHEME = () => ({
  campaignId: t.campaignId,
  name: `县直部门月度考核${t.tag}`,
  periodType: 'month',
  redCount: 1,
  blackCount: 1,
  groups: [
    {
      name: '县直部门',
      subjectType: 'unit',
      unitIds: [U.A, U.B, U.C, U.D],
      indicators: [
        {
          code: 'manual.score',
          weight: 30,
          rule: {
            type: 'grade',
            bands: [
              { min: 90, points: 30 },
              { min: 75, points: 20 },
              { min: 60, points: 10 },
            ],
          },
        },
        { code: 'problem.close_rate', weight: 40, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
        { code: 'problem.overdue_count', weight: 30, rule: { type: 'deduction', per: 10, cap: 20 } },
        { code: 'manual.bonus', weight: 1, rule: { type: 'bonus', per: 2, cap: 3 } },
        { code: 'problems.relapses', weight: 1, rule: { type: 'veto' } },
      ],
    },
  ],
});

/** One entry of a zip (a .docx part) as text. */
async function zipEntry(buffer: Buffer, name: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in the zip`)));
    zip.readEntry();
  });
}

const must = (res: { status: number; body: unknown }, status: number) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  return res.body as any;
};

async function results(c: Client, runId: string): Promise<Map<string, Item>> {
  const body = must(await c.get(`/api/evaluation/runs/${runId}/results`), 200);
  return new Map((body.groups.flatMap((g: { items: Item[] }) => g.items) as Item[]).map((i) => [i.subjectId, i]));
}

async function transition(c: Client, runId: string, action: string, extra: Record<string, unknown> = {}) {
  return c.post(`/api/evaluation/runs/${runId}/transitions`, { action, ...extra });
}

async function manual(code: string, unit: string, period: string, value: number) {
  const res = await office.post('/api/evaluation/manual-scores', {
    code,
    subjectType: 'unit',
    subjectId: unit,
    period,
    value,
    reason: code === 'manual.score' ? '领导小组月度评议' : '获市级表彰',
  });
  must(res, 204);
}

describe(`evaluation engine (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    const { clock, database } = await getHarness();
    let p = periodOf('month', clock.now());
    if (periodEnd(p).getTime() - clock.now().getTime() < 12 * 3600_000) {
      clock.set(new Date(periodEnd(p).getTime() + 24 * 3600_000));
      p = periodOf('month', clock.now());
    }
    P = formatPeriod(p);
    Q = formatPeriod(previousPeriod(p));
    office = await t.asScript('office');
    leader = await t.asScript('leader');
    unitA = await t.asScript('unit');
    unitB = await t.asScript('unit2');
    volunteer = await t.asScript('volunteer');
    const db = database.db;
    const now = clock.now();
    const addUnit = async (name: string) =>
      (
        await db
          .insertInto('units')
          .values({
            name: `${name}${t.tag}`,
            type: 'county_dept',
            region_id: t.countyId,
            head_name: '赵立新',
            head_phone: '13900000011',
            liaison_name: '孙丽',
            liaison_phone: '13900000012',
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    U.A = t.unitAId;
    U.B = t.unitBId;
    U.C = await addUnit('住建局');
    U.D = await addUnit('交通运输局');

    // Problems dispatched now (in P), then set to the states of the example.
    const dispatched = async (key: keyof typeof U) => {
      const pr = await report(office, t.townAId, { description: `背街小巷暴露垃圾${t.tag}` });
      await act(office, pr.id, 'accept');
      await act(office, pr.id, 'dispatch', { unitId: U[key] });
      problems[key].push(pr.id);
      return pr.id as string;
    };
    const closed = (id: string) =>
      db
        .updateTable('problems')
        .set({ state: 'closed', closed_at: now, rectified_at: now, verify_count: 1 })
        .where('id', '=', id)
        .execute();
    const late = (id: string) =>
      db
        .updateTable('problems')
        .set({ deadline: new Date(now.getTime() - 3600_000) })
        .where('id', '=', id)
        .execute();
    for (let i = 0; i < 2; i++) await closed(await dispatched('A'));
    for (let i = 0; i < 3; i++) await closed(await dispatched('B'));
    await late(await dispatched('B'));
    await closed(await dispatched('C'));
    await late(await dispatched('C'));
    const dClosed = await dispatched('D');
    await closed(dClosed);
    const relapse = await dispatched('D');
    await db.updateTable('problems').set({ relapsed_from: dClosed }).where('id', '=', relapse).execute();

    for (const [k, v] of Object.entries({ A: 95, B: 65, C: 92, D: 88 })) await manual('manual.score', U[k as 'A'], P, v);
    for (const [k, v] of Object.entries({ A: 2, B: 1, C: 1 })) await manual('manual.bonus', U[k as 'A'], P, v);
    for (const [k, v] of Object.entries({ A: 95, B: 50, C: 95, D: 95 })) await manual('manual.score', U[k as 'A'], Q, v);
  }, 180_000);

  it('lists the indicator catalogue with the contract codes', async () => {
    const body = must(await office.get('/api/evaluation/indicators'), 200);
    const codes = new Map(body.items.map((i: { code: string }) => [i.code, i]));
    for (const code of [
      'problem.close_rate',
      'problem.on_time_rate',
      'problem.rework_rate',
      'problem.overdue_count',
      'inspection.avg_score_rate',
      'materials.completeness_rate',
      'manual.score',
    ])
      expect(codes.has(code), code).toBe(true);
    expect(codes.get('problem.overdue_count')).toMatchObject({ unit: '件', direction: 'lower', aliasOf: 'problems.overdue' });
    expect(codes.get('inspections.covert_findings')).toMatchObject({ name: '暗访问题数', direction: 'lower' });
    // Outside the office, leaders and task force the catalogue is not offered.
    expect((await unitA.get('/api/evaluation/indicators')).status).toBe(403);
  });

  it('refuses unknown indicator codes, non-positive weights and unusable rules with 422 naming the field; nothing is stored', async () => {
    const bad = SCHEME();
    bad.groups[0].indicators[1] = { code: 'problem.nonexistent', weight: 40, rule: { type: 'linear', floor: 0.5, ceiling: 1 } };
    const a = must(await office.post('/api/evaluation/schemes', bad), 422);
    expect(a.error.message).toContain('groups[0]（县直部门）.indicators[1].code');
    expect(a.error.message).toContain('problem.nonexistent');
    const zero = SCHEME();
    zero.groups[0].indicators[0].weight = 0;
    expect(must(await office.post('/api/evaluation/schemes', zero), 422).error.message).toMatch(/indicators\[0\]\.weight：权重须为正数/);
    const negative = SCHEME();
    negative.groups[0].indicators[2].weight = -5;
    expect(must(await office.post('/api/evaluation/schemes', negative), 422).error.message).toContain('权重须为正数');
    const floor = SCHEME();
    floor.groups[0].indicators[1].rule = { type: 'linear', floor: 1, ceiling: 0.5 };
    expect(must(await office.post('/api/evaluation/schemes', floor), 422).error.message).toContain('下限（floor）须小于上限');
    const site = SCHEME();
    (site.groups[0] as { subjectType: string }).subjectType = 'site';
    delete (site.groups[0] as { unitIds?: string[] }).unitIds;
    expect(must(await office.post('/api/evaluation/schemes', site), 422).error.message).toContain('不按点位统计');
    const foreign = SCHEME();
    foreign.groups[0].unitIds = [other.unitAId];
    expect(must(await office.post('/api/evaluation/schemes', foreign), 422).error.message).toContain('unitIds');
    // A malformed body is a 400 (Chinese, from the schema).
    expect((await office.post('/api/evaluation/schemes', { ...SCHEME(), groups: [] })).status).toBe(400);
    const list = must(await office.get(`/api/evaluation/schemes?campaignId=${t.campaignId}`), 200);
    expect(list.total).toBe(0);
  });

  it('creates a versioned scheme the office reads back; units and other counties cannot', async () => {
    const created = must(await office.post('/api/evaluation/schemes', SCHEME()), 201);
    expect(created.version).toBe(1);
    schemeId = created.id;
    const s = must(await office.get(`/api/evaluation/schemes/${schemeId}`), 200);
    expect(s).toMatchObject({
      version: 1,
      latest: true,
      redCount: 1,
      blackCount: 1,
      objectionDays: 5,
      abilities: { edit: true, run: true },
    });
    expect(s.escalation).toEqual([
      { streak: 2, action: 'interview' },
      { streak: 3, action: 'accountability' },
    ]);
    expect((await unitA.get(`/api/evaluation/schemes/${schemeId}`)).status).toBe(404);
    expect((await (await other.asScript('office')).get(`/api/evaluation/schemes/${schemeId}`)).status).toBe(404);
    expect((await leader.post('/api/evaluation/schemes', SCHEME())).status).toBe(403);
  });

  it('runs month Q, takes it through 公示, 审定 and 发布 with the scope of each state', async () => {
    runQ = must(await office.post('/api/evaluation/runs', { schemeId, period: Q }), 201).id;
    const r = await results(office, runQ);
    expect([U.A, U.B, U.C, U.D].map((u) => [r.get(u)!.score, r.get(u)!.rank, r.get(u)!.list])).toEqual([
      [100, 1, null],
      [70, 4, 'black'],
      [100, 1, null],
      [100, 1, null],
    ]);
    // 草稿: only the office, leaders and task force know the run.
    for (const c of [unitA, unitB, volunteer]) {
      expect((await c.get(`/api/evaluation/runs/${runQ}`)).status).toBe(404);
      expect((await c.get(`/api/evaluation/runs/${runQ}/results`)).status).toBe(404);
    }
    expect(must(await volunteer.get('/api/evaluation/runs'), 200).items.map((x: { id: string }) => x.id)).not.toContain(runQ);
    expect(must(await leader.get(`/api/evaluation/runs/${runQ}`), 200).allowedActions).toEqual([]);
    expect(must(await office.get(`/api/evaluation/runs/${runQ}`), 200).allowedActions).toEqual(['publicize']);
    // The leader cannot publicize; the office cannot sign off (403: they may read, not act).
    expect((await transition(leader, runQ, 'publicize')).status).toBe(403);
    must(await transition(office, runQ, 'publicize'), 200);
    expect((await transition(office, runQ, 'sign_off')).status).toBe(403);
    // 公示: a unit sees its own row only.
    const own = must(await unitB.get(`/api/evaluation/runs/${runQ}/results`), 200);
    expect(own.groups.flatMap((g: { items: Item[] }) => g.items.map((i) => i.subjectId))).toEqual([U.B]);
    expect((await volunteer.get(`/api/evaluation/runs/${runQ}`)).status).toBe(404);
    const signed = must(await transition(leader, runQ, 'sign_off', { comment: '同意' }), 200);
    expect(signed.run).toMatchObject({ state: 'signed_off', signOffComment: '同意', signedOffByName: 'leader用户' });
    expect(signed.run.signedOffAt).toBeTruthy();
    must(await transition(office, runQ, 'publish'), 200);
    // 已发布: everyone in the county sees the whole ranking; another county does not.
    expect((await results(volunteer, runQ)).size).toBe(4);
    expect((await results(unitA, runQ)).size).toBe(4);
    expect((await (await other.asScript('volunteer')).get(`/api/evaluation/runs/${runQ}`)).status).toBe(404);
    expect((await (await other.asScript('office')).get(`/api/evaluation/runs/${runQ}/results`)).status).toBe(404);
    // A published run is frozen: no second run of the month, no second publication.
    expect((await office.post('/api/evaluation/runs', { schemeId, period: Q })).status).toBe(409);
    expect((await transition(office, runQ, 'publish')).status).toBe(422);
  });

  it('computes month P exactly as worked out by hand: points, ties, veto, red and black lists, consecutive months', async () => {
    runP = must(await office.post('/api/evaluation/runs', { schemeId, period: P }), 201).id;
    const r = await results(office, runP);
    const points = (u: string) => r.get(u)!.indicators.map((i) => i.points);
    const values = (u: string) => r.get(u)!.indicators.map((i) => i.value);
    expect(values(U.A)).toEqual([95, 1, 0, 2, 0]);
    expect(points(U.A)).toEqual([30, 40, 30, 3, 0]);
    expect(values(U.B)).toEqual([65, 0.75, 1, 1, 0]);
    expect(points(U.B)).toEqual([10, 20, 20, 2, 0]);
    expect(values(U.C)).toEqual([92, 0.5, 1, 1, 0]);
    expect(points(U.C)).toEqual([30, 0, 20, 2, 0]);
    expect(values(U.D)).toEqual([88, 1, 0, 0, 1]);
    expect(points(U.D)).toEqual([20, 40, 30, 0, 0]);
    expect(r.get(U.D)!.indicators[4].vetoed).toBe(true);
    const row = (u: string) => {
      const x = r.get(u)!;
      return [x.score, x.rank, x.list, x.veto, x.blackStreak, x.proposal];
    };
    expect(row(U.A)).toEqual([103, 1, 'red', false, 0, null]);
    expect(row(U.B)).toEqual([52, 2, 'black', false, 2, 'interview']); // black in Q too: 约谈
    expect(row(U.C)).toEqual([52, 2, 'black', false, 1, null]);
    expect(row(U.D)).toEqual([90, 4, 'black', true, 1, null]);
    // The answer lists the group in rank order.
    const body = must(await office.get(`/api/evaluation/runs/${runP}/results`), 200);
    expect(body.run).toMatchObject({ id: runP, state: 'draft', period: P });
    expect(body.groups[0].items.map((i: Item) => i.rank)).toEqual([1, 2, 2, 4]);
  });

  it('each value keeps its provenance: the exact problems (and which count), the manual entry', async () => {
    const prov = must(await office.get(`/api/evaluation/runs/${runP}/subjects/${U.B}/provenance?code=problem.close_rate`), 200);
    expect(prov.items.map((i: { recordId: string }) => i.recordId).sort()).toEqual([...problems.B].sort());
    expect(prov.items.filter((i: { counted: boolean }) => i.counted)).toHaveLength(3);
    expect(prov.items[0].link).toMatch(/^\/api\/problems\//);
    const overdue = must(await office.get(`/api/evaluation/runs/${runP}/subjects/${U.C}/provenance?code=problems.overdue`), 200);
    expect(overdue.items.filter((i: { counted: boolean }) => i.counted).map((i: { recordId: string }) => i.recordId)).toEqual([
      problems.C[1],
    ]);
    const veto = must(await office.get(`/api/evaluation/runs/${runP}/subjects/${U.D}/provenance?code=problems.relapses`), 200);
    expect(veto.items.filter((i: { counted: boolean }) => i.counted).map((i: { recordId: string }) => i.recordId)).toEqual([problems.D[1]]);
    const all = must(await office.get(`/api/evaluation/runs/${runP}/subjects/${U.A}/provenance`), 200);
    const manualRow = all.items.find((i: { code: string }) => i.code === 'manual.score');
    expect(manualRow).toMatchObject({ recordType: 'manual_score', label: '领导小组月度评议', counted: true });
    // A draft is nobody else's; a subject outside the run is 404.
    expect((await unitB.get(`/api/evaluation/runs/${runP}/subjects/${U.B}/provenance`)).status).toBe(404);
    expect((await office.get(`/api/evaluation/runs/${runP}/subjects/${other.unitAId}/provenance`)).status).toBe(404);
  });

  it('objections: only the unit for its own row, within 公示; the office adjusts; the group is re-ranked; 审定 waits', async () => {
    must(await transition(office, runP, 'publicize'), 200);
    // In 公示 unit B follows its own row to the records behind it (its problems, the office's score and reason), not A's.
    const mine = must(await unitB.get(`/api/evaluation/runs/${runP}/subjects/${U.B}/provenance`), 200);
    expect(
      mine.items
        .filter((i: { code: string }) => i.code === 'problems.close_rate')
        .map((i: { recordId: string }) => i.recordId)
        .sort(),
    ).toEqual([...problems.B].sort());
    expect(mine.items.find((i: { code: string }) => i.code === 'manual.score')).toMatchObject({ label: '领导小组月度评议' });
    expect((await unitB.get(`/api/evaluation/runs/${runP}/subjects/${U.A}/provenance`)).status).toBe(404);
    // Unit A cannot object for B (404), nor may the office file one.
    expect(
      (await unitA.post(`/api/evaluation/runs/${runP}/objections`, { subjectId: U.B, reason: '我单位认为乙单位分数有误' })).status,
    ).toBe(404);
    expect((await office.post(`/api/evaluation/runs/${runP}/objections`, { subjectId: U.B, reason: '代为申诉测试内容' })).status).toBe(404);
    expect((await unitB.post(`/api/evaluation/runs/${runP}/objections`, { subjectId: U.B, reason: '短' })).status).toBe(400);
    const objection = must(
      await unitB.post(`/api/evaluation/runs/${runP}/objections`, {
        subjectId: U.B,
        reason: '超期问题系上级调整任务所致，已于当日完成整改，请求核减扣分',
      }),
      201,
    );
    expect(objection).toMatchObject({ state: 'pending', subjectId: U.B, abilities: { answer: false } });
    // A's liaison sees neither B's row nor B's objection.
    expect((await unitA.get(`/api/evaluation/objections/${objection.id}`)).status).toBe(404);
    expect(must(await unitA.get(`/api/evaluation/runs/${runP}/objections`), 200).items).toEqual([]);
    // The 公示 lasts the scheme's 5 days: on the 6th no objection is taken.
    const { clock } = await getHarness();
    const now = clock.now();
    clock.set(new Date(now.getTime() + 6 * 86400_000));
    const late = await unitB.post(`/api/evaluation/runs/${runP}/objections`, { subjectId: U.B, reason: '逾期提交的申诉材料，请求复核' });
    clock.set(now);
    expect(late.status).toBe(422);
    expect(late.body.error.message).toContain('申诉期已过');
    // A stale screen: the run's version moved on (409), nothing changes.
    const seen = must(await office.get(`/api/evaluation/runs/${runP}`), 200).version;
    expect((await transition(office, runP, 'publish', { version: seen - 1 })).status).toBe(409);
    // Units ranked in the run were told (the bell, after commit): unit B's liaison has the 公示 notice with its deadline.
    const bell = must(await unitB.get('/api/notifications?pageSize=50'), 200);
    const told = bell.items.find(
      (n: { kind: string; title: string }) => n.kind === 'evaluation' && n.title === `${periodLabel(P)}考核结果公示中`,
    );
    expect(told, JSON.stringify(bell.items.map((n: { title: string }) => n.title))).toBeTruthy();
    expect(told.body).toContain('前核对本单位得分和排名');
    expect(told.link).toBe(`/evaluation/runs/${runP}`);
    // 审定 waits for the answer.
    const blocked = must(await transition(leader, runP, 'sign_off'), 422);
    expect(blocked.error.message).toContain('尚有 1 件申诉未答复');
    expect((await unitB.post(`/api/evaluation/objections/${objection.id}/answer`, { decision: 'reject', reason: '不行' })).status).toBe(
      403,
    );
    expect(
      (await office.post(`/api/evaluation/objections/${objection.id}/answer`, { decision: 'adjust', reason: '情况属实' })).status,
    ).toBe(422);
    const answered = must(
      await office.post(`/api/evaluation/objections/${objection.id}/answer`, {
        decision: 'adjust',
        reason: '经核实情况属实，加回 10 分',
        adjustment: 10,
      }),
      200,
    );
    expect(answered).toMatchObject({ state: 'adjusted', adjustment: 10 });
    expect(
      (await office.post(`/api/evaluation/objections/${objection.id}/answer`, { decision: 'reject', reason: '重复答复' })).status,
    ).toBe(422);
    const r = await results(office, runP);
    const row = (u: string) => [r.get(u)!.score, r.get(u)!.rank, r.get(u)!.list];
    expect(row(U.A)).toEqual([103, 1, 'red']);
    expect(row(U.B)).toEqual([62, 2, null]);
    expect(row(U.C)).toEqual([52, 3, 'black']);
    expect(row(U.D)).toEqual([90, 4, 'black']);
    expect(r.get(U.B)!.proposal).toBeNull();
    // Unit B now sees its adjusted row, and only it.
    const own = await results(unitB, runP);
    expect([...own.keys()]).toEqual([U.B]);
    expect(own.get(U.B)!.score).toBe(62);
    must(await transition(leader, runP, 'sign_off'), 200);
    // After the 公示 no more objections.
    expect((await unitB.post(`/api/evaluation/runs/${runP}/objections`, { subjectId: U.B, reason: '再次申诉，请求复核' })).status).toBe(
      422,
    );
    must(await transition(office, runP, 'publish'), 200);
  });

  it('editing the scheme makes version 2 and leaves the run on version 1; a revision diffs against the published run', async () => {
    const s2 = must(
      await office.request('PUT', `/api/evaluation/schemes/${schemeId}`, { ...SCHEME(), campaignId: undefined, redCount: 2 }),
      201,
    );
    expect(s2.version).toBe(2);
    expect(must(await office.get(`/api/evaluation/schemes/${schemeId}`), 200).latest).toBe(false);
    // Lists: the latest version by default, every version on request, paged and sorted.
    const latest = must(await office.get(`/api/evaluation/schemes?campaignId=${t.campaignId}`), 200);
    expect(latest.items.map((x: { id: string; version: number }) => [x.id, x.version])).toEqual([[s2.id, 2]]);
    const versions = must(
      await office.get(`/api/evaluation/schemes?campaignId=${t.campaignId}&allVersions=true&sort=createdAt&order=asc&pageSize=1`),
      200,
    );
    expect(versions.total).toBe(2);
    expect(versions.items.map((x: { version: number }) => x.version)).toEqual([1]);
    const page2 = must(
      await office.get(`/api/evaluation/schemes?campaignId=${t.campaignId}&allVersions=true&sort=createdAt&order=asc&pageSize=1&page=2`),
      200,
    );
    expect(page2.items.map((x: { version: number }) => x.version)).toEqual([2]);
    const published = must(await office.get(`/api/evaluation/runs?campaignId=${t.campaignId}&state=published&sort=period&order=asc`), 200);
    expect(published.items.map((x: { id: string }) => x.id)).toEqual([runQ, runP]);
    expect((await office.get('/api/evaluation/runs?state=finished')).status).toBe(400);
    // A city office drills into one county: the runs of the campaigns of that region and below.
    const inCounty = must(await office.get(`/api/evaluation/runs?regionId=${t.countyId}&state=published`), 200);
    expect(inCounty.items.map((x: { id: string }) => x.id).sort()).toEqual([runQ, runP].sort());
    expect(must(await office.get(`/api/evaluation/runs?regionId=${t.townAId}`), 200).total).toBe(0);
    expect(must(await office.get(`/api/evaluation/runs?regionId=${other.countyId}`), 200).total).toBe(0);
    expect((await office.request('PUT', `/api/evaluation/schemes/${schemeId}`, { ...SCHEME(), campaignId: undefined })).status).toBe(409);
    expect(must(await office.get(`/api/evaluation/runs/${runP}`), 200)).toMatchObject({ schemeId, schemeVersion: 1, state: 'published' });

    // A's 人工评分 is corrected after publication: the published run does not move; 重新计算 makes revision 2.
    await manual('manual.score', U.A, P, 70);
    expect((await results(office, runP)).get(U.A)!.score).toBe(103);
    const revised = must(await transition(office, runP, 'revise'), 200);
    expect(revised.run.state).toBe('published');
    revisionP = revised.revisionId;
    const rev = must(await office.get(`/api/evaluation/runs/${revised.revisionId}`), 200);
    expect(rev).toMatchObject({ state: 'draft', revision: 2, revisesRunId: runP, schemeVersion: 1 });
    // A: 10 + 40 + 30 + 3 = 83, still first. B keeps the +10 the office granted on its objection (52 computed + 10 =
    // 62, rank 2, no list), so only A changed.
    const diff = new Map(rev.diff.map((d: { subjectId: string }) => [d.subjectId, d]));
    expect(diff.get(U.A)).toMatchObject({ before: { score: 103, rank: 1, list: 'red' }, after: { score: 83, rank: 1, list: 'red' } });
    expect([...diff.keys()]).toEqual([U.A]);
    const revRows = await results(office, revised.revisionId);
    expect(revRows.get(U.B)).toMatchObject({ computedScore: 52, adjustment: 10, score: 62, rank: 2, list: null });
    expect(revRows.get(U.C)).toMatchObject({ computedScore: 52, adjustment: 0, score: 52, rank: 3, list: 'black' });
    expect((await transition(office, runP, 'revise')).status).toBe(409);
    // Publishing the revision supersedes the published run.
    for (const [c, a] of [
      [office, 'publicize'],
      [leader, 'sign_off'],
      [office, 'publish'],
    ] as const)
      must(await transition(c, revised.revisionId, a), 200);
    expect(must(await office.get(`/api/evaluation/runs/${runP}`), 200).state).toBe('superseded');
    const runs = must(await volunteer.get(`/api/evaluation/runs?period=${P}`), 200);
    expect(runs.items.map((x: { id: string; state: string }) => [x.id, x.state])).toEqual([
      [revised.revisionId, 'published'],
      [runP, 'superseded'],
    ]);
  });

  it('exports the ranking as .xlsx: title with the month, 序号, numbers as numbers; a unit in 公示 gets its own row only', async () => {
    const res = await office.get(`/api/evaluation/runs/${runQ}/results.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as never);
    const ws = wb.getWorksheet('县直部门')!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain(`${periodLabel(Q)}创建工作考核排名`);
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const headers = (ws.getRow(header).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['序号', '排名', '考核对象', '总分']);
    const rows = [header + 1, header + 2, header + 3, header + 4].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 1, 100],
      [2, 1, 100],
      [3, 1, 100],
      [4, 4, 70],
    ]);
    expect(rows[3][2]).toBe(`市场监管局${t.tag}`);
    expect(rows[3]).toContain('黑榜');
    // The 结案率 column is a rate (a % number), nothing measured is an empty cell, its points are a number.
    const rate = headers.indexOf('结案率');
    expect(rate).toBeGreaterThan(0);
    expect(rows[0][rate]).toBeUndefined();
    expect(rows[0][rate + 1]).toBe(40);
    expect(ws.getRow(header + 1).getCell(rate + 1).numFmt).toBe('0.0%');
    expect((await volunteer.get(`/api/evaluation/runs/${runQ}/results.xlsx`)).status).toBe(200);
    expect((await (await other.asScript('office')).get(`/api/evaluation/runs/${runQ}/results.xlsx`)).status).toBe(404);
  });

  it('a published month has a bulletin, a 公文 titled 关于…创建工作考核排名情况的通报, and cannot be run again', async () => {
    const res = await office.get(`/api/evaluation/runs/${runQ}/bulletin.docx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent(`关于${periodLabel(Q)}创建工作考核排名情况的通报.docx`),
    );
    const text = (await zipEntry(res.raw, 'word/document.xml')).replace(/<[^>]+>/g, '');
    expect(text).toContain(`关于${periodLabel(Q)}创建工作考核排名情况的通报`);
    expect(text).toContain(`市场监管局${t.tag}列入本月黑榜`);
    expect(text).toContain('下步工作要求');
    if (process.env.EVALUATION_DOCS_DIR) {
      const fs = await import('node:fs');
      fs.writeFileSync(`${process.env.EVALUATION_DOCS_DIR}/bulletin-${engineName}.docx`, res.raw);
      fs.writeFileSync(
        `${process.env.EVALUATION_DOCS_DIR}/results-${engineName}.xlsx`,
        (await office.get(`/api/evaluation/runs/${runQ}/results.xlsx`)).raw,
      );
      fs.writeFileSync(
        `${process.env.EVALUATION_DOCS_DIR}/bulletin-p-${engineName}.docx`,
        (await office.get(`/api/evaluation/runs/${revisionP}/bulletin.docx`)).raw,
      );
      fs.writeFileSync(
        `${process.env.EVALUATION_DOCS_DIR}/results-p-${engineName}.xlsx`,
        (await office.get(`/api/evaluation/runs/${revisionP}/results.xlsx`)).raw,
      );
    }
    const draft = must(await office.post('/api/evaluation/runs', { schemeId, period: P }), 409);
    expect(draft.error.message).toContain('重新计算');
    // Another county never learns the run exists.
    expect((await (await other.asScript('office')).get(`/api/evaluation/runs/${runQ}/bulletin.docx`)).status).toBe(404);
  });

  it("another county's office reaches nothing of it, and the audit trail names each step in Chinese", async () => {
    const o2 = await other.asScript('office');
    expect((await o2.post('/api/evaluation/runs', { schemeId, period: P })).status).toBe(404);
    expect((await transition(o2, runQ, 'revise')).status).toBe(404);
    expect(must(await o2.get('/api/evaluation/runs'), 200).items.map((x: { id: string }) => x.id)).not.toContain(runQ);
    expect(must(await o2.get('/api/evaluation/schemes'), 200).items.map((x: { id: string }) => x.id)).not.toContain(schemeId);
    const manual2 = await o2.post('/api/evaluation/manual-scores', {
      code: 'manual.score',
      subjectType: 'unit',
      subjectId: U.A,
      period: P,
      value: 1,
      reason: '越权录入',
    });
    expect(manual2.status).toBe(404);
    const { database } = await getHarness();
    const actions = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', runQ).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'evaluation_run.created',
      'evaluation_run.publicize',
      'evaluation_run.sign_off',
      'evaluation_run.publish',
    ]);
    void crypto;
  });

  it("a unit's trend over the published months and what cost it points; the year roll-up with 年度加减分事项", async () => {
    // B: Q 70 (rank 4 of 4, black), P (revision 2) 62 (rank 2, no list). Everyone placed in the county sees published
    // months; another county does not.
    const h = must(await unitB.get(`/api/evaluation/subjects/${U.B}/history`), 200);
    expect(h.subjectName).toBe(`市场监管局${t.tag}`);
    const fam = h.families[0];
    expect(
      fam.months.map((m: { period: string; score: number; rank: number; groupSize: number; list: string | null }) => [
        m.period,
        m.score,
        m.rank,
        m.groupSize,
        m.list,
      ]),
    ).toEqual([
      [Q, 70, 4, 4, 'black'],
      [P, 62, 2, 4, null],
    ]);
    expect(fam.months[1]).toMatchObject({ runId: revisionP, revision: 2 });
    // P: 人工评分 65 → 10 of 30 (−20); 结案率 75 % → 20 of 40 (−20); 超期 1 → 20 of 30 (−10); 加分 1 → 2 of 3 (−1).
    expect(
      fam.latest.indicators.map((i: { code: string; points: number; maxPoints: number; lost: number }) => [
        i.code,
        i.points,
        i.maxPoints,
        i.lost,
      ]),
    ).toEqual([
      ['manual.score', 10, 30, 20],
      ['problem.close_rate', 20, 40, 20],
      ['problem.overdue_count', 20, 30, 10],
      ['manual.bonus', 2, 3, 1],
      ['problems.relapses', 0, 0, 0],
    ]);
    expect((await volunteer.get(`/api/evaluation/subjects/${U.B}/history`)).status).toBe(200);
    expect((await (await other.asScript('office')).get(`/api/evaluation/subjects/${U.B}/history`)).status).toBe(404);
    expect((await office.get(`/api/evaluation/subjects/${crypto.randomUUID()}/history`)).status).toBe(404);

    // 年度加减分事项: validated, scoped, audited.
    const year = Number(P.slice(0, 4));
    const item = (subjectId: string, points: number, reason: string) => ({
      schemeId,
      year,
      subjectType: 'unit',
      subjectId,
      points,
      reason,
    });
    expect((await office.post('/api/evaluation/annual-items', item(U.A, 0, '零分事项'))).status).toBe(400);
    expect((await office.post('/api/evaluation/annual-items', item(U.A, 101, '超限事项'))).status).toBe(400);
    expect((await office.post('/api/evaluation/annual-items', item(other.unitAId, 2, '他县单位'))).status).toBe(404);
    expect([403, 404]).toContain((await unitB.post('/api/evaluation/annual-items', item(U.B, 5, '自行加分'))).status);
    must(await office.post('/api/evaluation/annual-items', item(U.A, -5, '发生负面舆情被市级通报')), 201);
    must(await office.post('/api/evaluation/annual-items', item(U.B, 3, '获省级文明单位表彰')), 201);
    const mistake = must(await office.post('/api/evaluation/annual-items', item(U.C, 9, '误录')), 201);
    expect((await unitB.request('DELETE', `/api/evaluation/annual-items/${mistake.id}`)).status).toBe(404);
    expect((await office.request('DELETE', `/api/evaluation/annual-items/${mistake.id}`)).status).toBe(204);
    const listed = must(await office.get(`/api/evaluation/annual-items?schemeId=${schemeId}&year=${year}`), 200);
    expect(listed.items.map((i: { subjectId: string; points: number }) => [i.subjectId, i.points]).sort()).toEqual(
      [
        [U.A, -5],
        [U.B, 3],
      ].sort(),
    );

    // The year: the published months averaged (the scheme's default), plus the items. When P is January, Q is last year's.
    const sameYear = Q.slice(0, 4) === P.slice(0, 4);
    const expected = sameYear
      ? { A: [91.5, -5, 86.5, 2], B: [66, 3, 69, 4], C: [76, 0, 76, 3], D: [95, 0, 95, 1] }
      : { A: [83, -5, 78, 2], B: [62, 3, 65, 3], C: [52, 0, 52, 4], D: [90, 0, 90, 1] };
    const roll = must(await office.get(`/api/evaluation/schemes/${schemeId}/rollup?period=${year}`), 200);
    expect(roll).toMatchObject({ method: 'average', monthsInPeriod: 12, publishedMonths: sameYear ? [Q, P] : [P] });
    const rows = new Map(roll.groups[0].items.map((i: { subjectId: string }) => [i.subjectId, i]));
    for (const k of ['A', 'B', 'C', 'D'] as const)
      expect(rows.get(U[k])).toMatchObject({
        combined: expected[k][0],
        annualPoints: expected[k][1],
        total: expected[k][2],
        rank: expected[k][3],
      });
    if (sameYear) expect(rows.get(U.A)).toMatchObject({ redMonths: 1, blackMonths: 0 }); // P only: Q had no red list
    // Unit B reads its own row (with its real rank), nobody else's; another county nothing; a quarter has no items.
    const own = must(await unitB.get(`/api/evaluation/schemes/${schemeId}/rollup?period=${year}`), 200);
    expect(own.groups[0].items.map((i: { subjectId: string; rank: number }) => [i.subjectId, i.rank])).toEqual([[U.B, expected.B[3]]]);
    expect((await (await other.asScript('office')).get(`/api/evaluation/schemes/${schemeId}/rollup?period=${year}`)).status).toBe(404);
    expect((await office.get(`/api/evaluation/schemes/${schemeId}/rollup?period=${P}`)).status).toBe(400); // a month is not a roll-up period
    expect((await office.get(`/api/evaluation/schemes/${schemeId}/rollup?period=2026-13`)).status).toBe(400);
    const quarter = `${P.slice(0, 4)}-Q${Math.ceil(Number(P.slice(5)) / 3)}`;
    const q = must(await office.get(`/api/evaluation/schemes/${schemeId}/rollup?period=${quarter}`), 200);
    expect(q.groups[0].items.every((i: { annualPoints: number }) => i.annualPoints === 0)).toBe(true);
    // The ledger as .xlsx: title with the year, the months as columns, numbers as numbers.
    const x = await office.get(`/api/evaluation/schemes/${schemeId}/rollup.xlsx?period=${year}`);
    expect(x.status).toBe(200);
    if (process.env.EVALUATION_DOCS_DIR) {
      const fs = await import('node:fs');
      fs.writeFileSync(`${process.env.EVALUATION_DOCS_DIR}/rollup-${engineName}.xlsx`, x.raw);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain(`${year}年创建工作考核汇总`);
    let found = false;
    sheet.eachRow((row) => {
      const v = row.values as unknown[];
      if (v.includes(`住建局${t.tag}`)) {
        found = true;
        expect(v).toContain(expected.C[2]);
      }
    });
    expect(found).toBe(true);
  });

  it("the office edits the bulletin's 下步工作要求; the 公文 carries it; units cannot", async () => {
    const before = must(await office.get(`/api/evaluation/runs/${revisionP}/bulletin-text`), 200);
    expect(before.custom).toBe(false);
    expect(before.requirements).toContain('（一）对标补短。');
    expect((await unitB.get(`/api/evaluation/runs/${revisionP}/bulletin-text`)).status).toBe(404);
    expect((await unitB.request('PUT', `/api/evaluation/runs/${revisionP}/bulletin-text`, { requirements: '改写' })).status).toBe(404);
    const text = '（一）聚焦短板。各乡镇（街道）要于12月10日前完成背街小巷集中整治。\n\n（二）严格督办。超期问题一律发督办单。';
    const seen = must(await office.get(`/api/evaluation/runs/${revisionP}`), 200).version;
    expect(
      (await office.request('PUT', `/api/evaluation/runs/${revisionP}/bulletin-text`, { requirements: text, version: seen - 1 })).status,
    ).toBe(409);
    expect(
      (await office.request('PUT', `/api/evaluation/runs/${revisionP}/bulletin-text`, { requirements: text, version: seen })).status,
    ).toBe(204);
    expect(must(await office.get(`/api/evaluation/runs/${revisionP}/bulletin-text`), 200)).toEqual({ requirements: text, custom: true });
    const doc = await office.get(`/api/evaluation/runs/${revisionP}/bulletin.docx`);
    const body = (await zipEntry(doc.raw, 'word/document.xml')).replace(/<[^>]+>/g, '');
    expect(body).toContain('（一）聚焦短板。各乡镇（街道）要于12月10日前完成背街小巷集中整治。');
    expect(body).toContain('（二）严格督办。超期问题一律发督办单。');
    expect(body).not.toContain('对标补短');
    if (process.env.EVALUATION_DOCS_DIR) {
      const fs = await import('node:fs');
      fs.writeFileSync(`${process.env.EVALUATION_DOCS_DIR}/bulletin-custom-${engineName}.docx`, doc.raw);
    }
    // The superseded run is not edited.
    expect((await office.request('PUT', `/api/evaluation/runs/${runP}/bulletin-text`, { requirements: text })).status).toBe(422);
  });

  it('an indicator family (one statement for the problem cohort, one for the visits) gives exactly what each member gives alone', async () => {
    const { database } = await getHarness();
    const { listIndicators } = await import('../../server/platform/indicators');
    const { measure, measureFamily } = await import('../../server/modules/evaluation/compute-run');
    const members = listIndicators().filter((d) => d.family);
    expect(members.map((d) => d.code)).toEqual(
      expect.arrayContaining(['problems.close_rate', 'problems.overdue', 'inspections.score_rate']),
    );
    const ids = [U.A, U.B, U.C, U.D];
    const now = new Date();
    await database.db.transaction().execute(async (tx) => {
      for (const type of ['unit', 'town', 'county'] as const) {
        const subjects = type === 'unit' ? ids : type === 'town' ? [t.townAId, t.townBId] : [t.countyId];
        const byFamily = new Map<string, typeof members>();
        for (const d of members.filter((m) => m.subjectTypes.includes(type)))
          byFamily.set(d.family!.of.key, [...(byFamily.get(d.family!.of.key) ?? []), d]);
        for (const defs of byFamily.values()) {
          const together = await measureFamily(tx, defs[0].family!.of, defs, type, subjects, P, now);
          for (const [i, d] of defs.entries()) {
            const alone = await measure(tx, d, type, subjects, P, now);
            expect(Object.fromEntries(together[i]), `${d.code} by ${type}`).toEqual(Object.fromEntries(alone));
          }
        }
      }
    });
  });
});
