/**
 * 奖惩兑现 against a hand-computed example (both engines). One tenant; P is the current month, Q the one before.
 *
 * Group 县直部门: units A, B (the tenant's), C, D, E (added here); red list 1, black list 1; one indicator,
 * manual.score (人工评分) weight 100, linear 0 → 100, so each unit's score is its manual score.
 *
 *   Q: A 95, B 50, C 80, D 70, E 85 → A 1 (红榜), E 2, C 3, D 4, B 5 (黑榜, 1st month)
 *   No rules yet: the shipped defaults propose A 通报表扬, A 以奖代补 2000 元, B 通报批评 (no 约谈 for a 1st month).
 *
 * The office then sets rules for the scheme family:
 *   R1 排名前 2 名 → 以奖代补 3000 元;  R2 黑榜 → 通报批评;  R3 得分低于 65 → 扣年度考核分 1.5;  R4 建议约谈 → 约谈
 *   P: A 90, B 40, C 92, D 75, E 60 → C 1 (红榜), A 2, D 3, E 4, B 5 (黑榜, 2nd month → 约谈)
 *   Proposed: C R1 3000, A R1 3000, E R3 1.5, B R2, B R3 1.5, B R4 — six entries.
 * R1 is then edited to 5000 元: the six entries keep 3000. The leader approves C's and A's subsidies; the office
 * carries out C's with a proof file and withdraws E's deduction.
 *
 * A's 人工评分 for P is corrected to 50 and P is revised: C 92 (1, 红榜), D 75 (2), E 60 (3), A 50 (4), B 40 (5, 黑榜, 约谈).
 *   The revision's matches: C R1, D R1, E R3, A R3, B R2, B R3, B R4.
 *   - C's subsidy (已兑现) still matches: it stands, nothing new for C;
 *   - A's subsidy (已审批) no longer matches: it stays, flagged;
 *   - B's three entries (拟定) are withdrawn (按修订版重新拟定), E's withdrawn one stays as it was;
 *   - new: D 以奖代补 5000 (the rule as it is now), E 扣分, A 扣分, B 通报批评, B 扣分, B 约谈 — six entries.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodEnd, periodOf, previousPeriod } from '../../common/period';
import { systemActor } from '../../server/platform/actor';
import { proposeEntriesForRun } from '../../server/modules/rewards/propose-entries';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { uploadPhoto } from '../support/problems';

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let unitA: Client;
let unitB: Client;
let volunteer: Client;
let otherOffice: Client;
let P = '';
let Q = '';
const U: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
const NAME: Record<string, string> = {};
let schemeId = '';
let schemeKey = '';
let runQ = '';
let runP = '';
let revisionP = '';
const R: Record<'R1' | 'R2' | 'R3' | 'R4', string> = { R1: '', R2: '', R3: '', R4: '' };

type Entry = {
  id: string;
  runId: string;
  subjectId: string;
  subjectName: string;
  kind: string;
  amount: number | null;
  points: number | null;
  state: string;
  flagged: boolean;
  flagNote: string | null;
  ruleId: string | null;
  ruleDescription: string;
  basis: string;
  version: number;
  allowedActions: string[];
  withdrawReason: string | null;
  proofFileId: string | null;
};

const must = (res: { status: number; body: unknown }, status: number) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  return res.body as any;
};

const SCHEME = () => ({
  campaignId: t.campaignId,
  name: `奖惩测试考核${t.tag}`,
  periodType: 'month',
  redCount: 1,
  blackCount: 1,
  groups: [
    {
      name: '县直部门',
      subjectType: 'unit',
      unitIds: [U.A, U.B, U.C, U.D, U.E],
      indicators: [{ code: 'manual.score', weight: 100, rule: { type: 'linear', floor: 0, ceiling: 100 } }],
    },
  ],
});

async function manual(unit: string, period: string, value: number) {
  must(
    await office.post('/api/evaluation/manual-scores', {
      code: 'manual.score',
      subjectType: 'unit',
      subjectId: unit,
      period,
      value,
      reason: '领导小组月度评议',
    }),
    204,
  );
}

async function publish(runId: string) {
  for (const [c, action] of [
    [office, 'publicize'],
    [leader, 'sign_off'],
    [office, 'publish'],
  ] as const)
    must(await c.post(`/api/evaluation/runs/${runId}/transitions`, { action }), 200);
}

async function entries(c: Client, query: string): Promise<Entry[]> {
  return must(await c.get(`/api/rewards/entries?pageSize=100&${query}`), 200).items;
}

/** Entries of a run as [unit key, kind, amount or points, state], in the ledger's order (rank, then rule). */
const summary = (list: Entry[]) =>
  list.map((e) => [Object.entries(U).find(([, id]) => id === e.subjectId)?.[0], e.kind, e.amount ?? e.points, e.state]);

const ledgerOrder = 'sort=period&order=desc';

const rule = (over: Record<string, unknown>) => ({ campaignId: t.campaignId, schemeKey, ...over });

describe(`reward/penalty ledger (${engineName})`, () => {
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
    otherOffice = await other.asScript('office');
    const now = clock.now();
    const addUnit = async (name: string) =>
      (
        await database.db
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
    U.E = await addUnit('教育局');
    for (const [k, v] of Object.entries({ A: 95, B: 50, C: 80, D: 70, E: 85 })) await manual(U[k as 'A'], Q, v);
    for (const [k, v] of Object.entries({ A: 90, B: 40, C: 92, D: 75, E: 60 })) await manual(U[k as 'A'], P, v);
    const created = must(await office.post('/api/evaluation/schemes', SCHEME()), 201);
    schemeId = created.id;
    schemeKey = must(await office.get(`/api/evaluation/schemes/${schemeId}`), 200).schemeKey;
    const units = await database.db.selectFrom('units').select(['id', 'name']).where('id', 'in', Object.values(U)).execute();
    for (const u of units) NAME[u.id] = u.name;
  }, 180_000);

  it('before a run is published nothing exists; publishing Q proposes the shipped defaults', async () => {
    runQ = must(await office.post('/api/evaluation/runs', { schemeId, period: Q }), 201).id;
    must(await office.post(`/api/evaluation/runs/${runQ}/transitions`, { action: 'publicize' }), 200);
    must(await leader.post(`/api/evaluation/runs/${runQ}/transitions`, { action: 'sign_off' }), 200);
    expect(await entries(office, `runId=${runQ}`)).toEqual([]);
    expect(await entries(leader, `campaignId=${t.campaignId}`)).toEqual([]);
    must(await office.post(`/api/evaluation/runs/${runQ}/transitions`, { action: 'publish' }), 200);
    const q = await entries(office, `runId=${runQ}&${ledgerOrder}`);
    expect(summary(q)).toEqual([
      ['A', 'commend', null, 'proposed'],
      ['A', 'subsidy', 2000, 'proposed'],
      ['B', 'criticize', null, 'proposed'],
    ]);
    expect(q[1]).toMatchObject({ ruleId: null, ruleDescription: '列入红榜 → 以奖代补 2000 元', basis: '县直部门 第1名，95分，红榜' });
    expect(q[2].basis).toBe('县直部门 第5名，50分，黑榜');
    // The office withdraws and carries out; only a leader approves.
    expect(q[0].allowedActions).toEqual(['withdraw']);
    expect((await leader.get(`/api/rewards/entries/${q[0].id}`)).body.allowedActions).toEqual(['approve']);
  });

  it('rules: the office creates them; bad input answers 422 naming the field and stores nothing', async () => {
    const before = must(await office.get(`/api/rewards/rules?campaignId=${t.campaignId}`), 200);
    expect(before.total).toBe(0);
    expect(before.defaults.map((d: { description: string }) => d.description)).toEqual([
      '列入红榜 → 通报表扬',
      '列入红榜 → 以奖代补 2000 元',
      '列入黑榜 → 通报批评',
      '考核建议约谈 → 约谈',
      '考核建议问责 → 问责',
    ]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '前两名奖补', match: 'rank', rank: 2, kind: 'subsidy' }, 'amount：'],
      [{ name: '前两名奖补', match: 'rank', rank: 2, kind: 'subsidy', amount: -5 }, 'amount：'],
      [{ name: '前零名奖补', match: 'rank', rank: 0, kind: 'commend' }, 'rank：名次须为 1 至 100 的整数'],
      [{ name: '低分扣分', match: 'score_below', score: 65, kind: 'deduct' }, 'points：'],
      [{ name: '黑榜批评', match: 'list', kind: 'criticize' }, 'list：'],
      [{ name: '约谈', match: 'proposal', kind: 'interview' }, 'proposal：'],
      [
        { name: '分组不存在', match: 'list', list: 'red', groupName: '乡镇街道', kind: 'commend' },
        'groupName：考核方案中没有名为“乡镇街道”的分组',
      ],
    ];
    for (const [body, message] of cases)
      expect(must(await office.post('/api/rewards/rules', rule(body)), 422).error.message).toContain(message);
    // Another county's scheme family is not one of this campaign's.
    const theirScheme = must(
      await otherOffice.post('/api/evaluation/schemes', {
        ...SCHEME(),
        campaignId: other.campaignId,
        groups: [{ ...SCHEME().groups[0], unitIds: [other.unitAId] }],
      }),
      201,
    ).id;
    const theirKey = must(await otherOffice.get(`/api/evaluation/schemes/${theirScheme}`), 200).schemeKey;
    expect(
      must(await office.post('/api/rewards/rules', rule({ schemeKey: theirKey, name: '越权', match: 'veto', kind: 'accountability' })), 422)
        .error.message,
    ).toContain('schemeKey：');
    // A malformed body is a 400; a unit may not set rules; another county's office does not know the campaign.
    expect((await office.post('/api/rewards/rules', rule({ name: '类型错误', match: 'everything', kind: 'commend' }))).status).toBe(400);
    expect((await unitA.post('/api/rewards/rules', rule({ name: '红榜表扬', match: 'list', list: 'red', kind: 'commend' }))).status).toBe(
      403,
    );
    expect(
      (await otherOffice.post('/api/rewards/rules', rule({ name: '红榜表扬', match: 'list', list: 'red', kind: 'commend' }))).status,
    ).toBe(404);
    expect(must(await office.get(`/api/rewards/rules?campaignId=${t.campaignId}`), 200).total).toBe(0);

    R.R1 = must(
      await office.post('/api/rewards/rules', rule({ name: '前两名以奖代补', match: 'rank', rank: 2, kind: 'subsidy', amount: 3000 })),
      201,
    ).id;
    R.R2 = must(
      await office.post('/api/rewards/rules', rule({ name: '黑榜通报批评', match: 'list', list: 'black', kind: 'criticize' })),
      201,
    ).id;
    R.R3 = must(
      await office.post(
        '/api/rewards/rules',
        rule({ name: '低分扣年度考核分', match: 'score_below', score: 65, kind: 'deduct', points: 1.5, amount: 99 }),
      ),
      201,
    ).id;
    R.R4 = must(
      await office.post(
        '/api/rewards/rules',
        rule({ name: '连续上黑榜约谈', match: 'proposal', proposal: 'interview', groupName: '县直部门', kind: 'interview' }),
      ),
      201,
    ).id;
    const r3 = must(await office.get(`/api/rewards/rules/${R.R3}`), 200);
    // Fields the kind does not use are not kept (a deduction has no amount).
    expect(r3).toMatchObject({ amount: null, points: 1.5, description: '得分低于 65 分 → 扣年度考核分 1.5 分', abilities: { edit: true } });
    expect(must(await leader.get(`/api/rewards/rules/${R.R3}`), 200).abilities.edit).toBe(false);
    expect((await unitA.get(`/api/rewards/rules/${R.R3}`)).status).toBe(404);
    expect((await otherOffice.get(`/api/rewards/rules/${R.R3}`)).status).toBe(404);
  });

  it('publishing P proposes exactly the hand-computed entries; the rule edited afterwards does not move them', async () => {
    runP = must(await office.post('/api/evaluation/runs', { schemeId, period: P }), 201).id;
    await publish(runP);
    const p = await entries(office, `runId=${runP}&${ledgerOrder}`);
    expect(summary(p)).toEqual([
      ['C', 'subsidy', 3000, 'proposed'],
      ['A', 'subsidy', 3000, 'proposed'],
      ['E', 'deduct', 1.5, 'proposed'],
      ['B', 'criticize', null, 'proposed'],
      ['B', 'deduct', 1.5, 'proposed'],
      ['B', 'interview', null, 'proposed'],
    ]);
    expect(p[5].basis).toBe('县直部门 第5名，40分，黑榜，连续2个月上黑榜');
    // Proposing again for the same run adds nothing (idempotent).
    const { clock, database } = await getHarness();
    const again = await database.db
      .transaction()
      .execute((tx) => proposeEntriesForRun({ actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: null } }, tx, runP));
    expect(again).toEqual({ proposed: 0, withdrawn: 0, flagged: 0 });
    expect((await entries(office, `runId=${runP}`)).length).toBe(6);

    const r1 = must(await office.get(`/api/rewards/rules/${R.R1}`), 200);
    const edited = must(
      await office.request('PUT', `/api/rewards/rules/${R.R1}`, {
        schemeKey,
        name: '前两名以奖代补',
        match: 'rank',
        rank: 2,
        kind: 'subsidy',
        amount: 5000,
        version: r1.version,
      }),
      200,
    );
    expect(edited).toMatchObject({ amount: 5000, version: r1.version + 1 });
    // A stale version is a conflict and changes nothing.
    expect((await office.request('PUT', `/api/rewards/rules/${R.R1}`, { ...edited, amount: 1, version: r1.version })).status).toBe(409);
    const after = await entries(office, `runId=${runP}&${ledgerOrder}`);
    expect(after.slice(0, 2).map((e) => [e.amount, e.ruleDescription])).toEqual([
      [3000, '排名前 2 名 → 以奖代补 3000 元'],
      [3000, '排名前 2 名 → 以奖代补 3000 元'],
    ]);
  });

  it('审批 by the leader, 兑现 with proof by the office, 撤销 with a reason; refusals change nothing', async () => {
    const p = await entries(office, `runId=${runP}&${ledgerOrder}`);
    const [c, a, e] = p;
    expect((await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'approve' })).status).toBe(403);
    expect((await unitA.post(`/api/rewards/entries/${a.id}/transitions`, { action: 'approve' })).status).toBe(403);
    // Carrying out before approval is refused by the table.
    expect(
      (await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'fulfil', fileId: await uploadPhoto(office) })).status,
    ).toBe(422);
    const approved = must(await leader.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'approve', comment: '同意兑现' }), 200);
    expect(approved).toMatchObject({ state: 'approved', approvedByName: 'leader用户', approveComment: '同意兑现', allowedActions: [] });
    must(await leader.post(`/api/rewards/entries/${a.id}/transitions`, { action: 'approve', version: a.version }), 200);
    // A stale version is a conflict.
    expect((await leader.post(`/api/rewards/entries/${a.id}/transitions`, { action: 'approve', version: a.version })).status).toBe(409);

    // Proof: a file the office uploaded itself; someone else's upload is a 422 naming the field; none is a 400.
    const foreign = await uploadPhoto(unitA);
    const refused = must(await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'fulfil', fileId: foreign }), 422);
    expect(refused.error.message).toContain('fileId：兑现证明');
    expect((await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'fulfil' })).status).toBe(400);
    expect(must(await office.get(`/api/rewards/entries/${c.id}`), 200).state).toBe('approved');
    const proof = await uploadPhoto(office);
    const done = must(
      await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'fulfil', fileId: proof, note: '已拨付，凭证号 2026-118' }),
      200,
    );
    expect(done).toMatchObject({
      state: 'fulfilled',
      proofFileId: proof,
      fulfilNote: '已拨付，凭证号 2026-118',
      fulfilledByName: 'office用户',
    });
    // The proof is readable by whoever reads the entry: the leader (not the uploader), not another county.
    expect((await leader.get(`/api/files/${proof}`)).status).toBe(200);
    expect((await otherOffice.get(`/api/files/${proof}`)).status).toBe(404);

    expect((await office.post(`/api/rewards/entries/${e.id}/transitions`, { action: 'withdraw', reason: '' })).status).toBe(400);
    expect((await office.post(`/api/rewards/entries/${c.id}/transitions`, { action: 'withdraw', reason: '已兑现不能撤销' })).status).toBe(
      422,
    );
    const w = must(
      await office.post(`/api/rewards/entries/${e.id}/transitions`, {
        action: 'withdraw',
        reason: '该单位已书面说明情况，领导小组同意不予扣分',
      }),
      200,
    );
    expect(w).toMatchObject({ state: 'withdrawn', withdrawReason: '该单位已书面说明情况，领导小组同意不予扣分' });

    const { database } = await getHarness();
    const actions = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', c.id).orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual(['reward_entry.proposed', 'reward_entry.approve', 'reward_entry.fulfil']);
  });

  it('a unit sees its own entries only; another unit’s entry and another county answer 404', async () => {
    const own = await entries(unitA, `campaignId=${t.campaignId}&${ledgerOrder}`);
    expect(new Set(own.map((e) => e.subjectId))).toEqual(new Set([U.A]));
    expect(own.length).toBe(3); // Q: 通报表扬, 以奖代补; P: 以奖代补
    const bEntry = (await entries(office, `runId=${runP}&unitId=${U.B}`))[0];
    expect((await unitA.get(`/api/rewards/entries/${bEntry.id}`)).status).toBe(404);
    expect((await unitA.post(`/api/rewards/entries/${bEntry.id}/transitions`, { action: 'withdraw', reason: '越权撤销' })).status).toBe(
      404,
    );
    expect(must(await unitB.get(`/api/rewards/entries/${bEntry.id}`), 200).allowedActions).toEqual([]);
    expect((await otherOffice.get(`/api/rewards/entries/${bEntry.id}`)).status).toBe(404);
    expect(await entries(otherOffice, `campaignId=${t.campaignId}`)).toEqual([]);
    expect((await volunteer.get('/api/rewards/entries')).status).toBe(403);
    expect((await office.get('/api/rewards/entries?kind=medal')).status).toBe(400);
  });

  it('a published revision withdraws what is still 拟定, keeps and flags approved entries, and proposes afresh', async () => {
    await manual(U.A, P, 50);
    revisionP = must(await office.post(`/api/evaluation/runs/${runP}/transitions`, { action: 'revise' }), 200).revisionId;
    // A revision in 草稿 has no entries yet.
    expect(await entries(office, `runId=${revisionP}`)).toEqual([]);
    await publish(revisionP);
    const old = await entries(office, `runId=${runP}&${ledgerOrder}`);
    expect(old.map((e) => [...summary([e])[0], e.flagged])).toEqual([
      ['C', 'subsidy', 3000, 'fulfilled', false],
      ['A', 'subsidy', 3000, 'approved', true],
      ['E', 'deduct', 1.5, 'withdrawn', false],
      ['B', 'criticize', null, 'withdrawn', false],
      ['B', 'deduct', 1.5, 'withdrawn', false],
      ['B', 'interview', null, 'withdrawn', false],
    ]);
    expect(old[1].flagNote).toContain('修订版');
    expect(old[3].withdrawReason).toBe('考核修订版已发布，按修订版重新拟定');
    expect(old[2].withdrawReason).toBe('该单位已书面说明情况，领导小组同意不予扣分');
    const fresh = await entries(office, `runId=${revisionP}&${ledgerOrder}`);
    expect(summary(fresh)).toEqual([
      ['D', 'subsidy', 5000, 'proposed'],
      ['E', 'deduct', 1.5, 'proposed'],
      ['A', 'deduct', 1.5, 'proposed'],
      ['B', 'criticize', null, 'proposed'],
      ['B', 'deduct', 1.5, 'proposed'],
      ['B', 'interview', null, 'proposed'],
    ]);
    expect(must(await office.get(`/api/rewards/entries?flagged=true&campaignId=${t.campaignId}`), 200).total).toBe(1);
    // The flagged approval is the office's to decide: carry it out or withdraw it.
    expect(old[1].allowedActions).toEqual(['fulfil', 'withdraw']);
  });

  it('the year view: per unit and kind, what was promised (approved or carried out) and what was carried out', async () => {
    const year = Number(P.slice(0, 4));
    const sameYear = Q.startsWith(String(year));
    const body = must(await office.get(`/api/rewards/year?year=${year}&campaignId=${t.campaignId}`), 200);
    const of = (u: string, kind: string) =>
      body.items.find((i: { subjectId: string }) => i.subjectId === u)?.kinds.find((k: { kind: string }) => k.kind === kind);
    // A: P 以奖代补 3000 approved (promised, not carried out), P' 扣分 1.5 proposed; Q (same year) 通报表扬 + 以奖代补 2000 proposed.
    expect(of(U.A, 'subsidy')).toMatchObject({
      proposed: sameYear ? 1 : 0,
      promised: 1,
      fulfilled: 0,
      promisedAmount: 3000,
      fulfilledAmount: 0,
    });
    expect(of(U.A, 'deduct')).toMatchObject({ proposed: 1, promised: 0, promisedPoints: 0 });
    expect(of(U.C, 'subsidy')).toMatchObject({ proposed: 0, promised: 1, fulfilled: 1, promisedAmount: 3000, fulfilledAmount: 3000 });
    expect(of(U.D, 'subsidy')).toMatchObject({ proposed: 1, promised: 0, promisedAmount: 0 });
    // E's withdrawn deduction is not counted; its revision's proposal is.
    expect(of(U.E, 'deduct')).toMatchObject({ proposed: 1, promised: 0 });
    const subsidy = body.totals.find((k: { kind: string }) => k.kind === 'subsidy');
    expect(subsidy).toMatchObject({ proposed: sameYear ? 2 : 1, promised: 2, fulfilled: 1, promisedAmount: 6000, fulfilledAmount: 3000 });
    expect(body.items.find((i: { subjectId: string }) => i.subjectId === U.C)).toMatchObject({ promised: 1, fulfilled: 1 });
    // A unit's year view holds itself only.
    const own = must(await unitA.get(`/api/rewards/year?year=${year}`), 200);
    expect(own.items.map((i: { subjectId: string }) => i.subjectId)).toEqual([U.A]);
    expect((await office.get('/api/rewards/year?year=abc')).status).toBe(400);
  });

  it('exports the ledger as .xlsx: title with the year, 序号, amounts as numbers; a unit gets its own rows', async () => {
    const year = Number(P.slice(0, 4));
    const res = await office.get(`/api/rewards/entries.xlsx?year=${year}&campaignId=${t.campaignId}&runId=${runP}&${ledgerOrder}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain(`${year}年奖惩兑现台账`);
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const headers = (ws.getRow(header).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['序号', '考核月份', '考核对象']);
    const amount = headers.indexOf('金额（元）');
    const rows = Array.from({ length: 6 }, (_, i) => (ws.getRow(header + 1 + i).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[2], r[amount], r[headers.indexOf('状态')]])).toEqual([
      [1, NAME[U.C], 3000, '已兑现'],
      [2, NAME[U.A], 3000, '已审批'],
      [3, NAME[U.E], undefined, '已撤销'],
      [4, NAME[U.B], undefined, '已撤销'],
      [5, NAME[U.B], undefined, '已撤销'],
      [6, NAME[U.B], undefined, '已撤销'],
    ]);
    expect(typeof rows[0][amount]).toBe('number');
    expect(rows[0][headers.indexOf('兑现证明')]).toBeTruthy();
    const mine = await unitA.get(`/api/rewards/entries.xlsx?campaignId=${t.campaignId}`);
    expect(mine.status).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.raw as never);
    const names = new Set<string>();
    wb2.worksheets[0].eachRow((row, n) => {
      if (n > header) names.add(String(row.getCell(3).value));
    });
    expect([...names]).toEqual([NAME[U.A]]);
    if (process.env.REWARDS_DOCS_DIR)
      (await import('node:fs')).writeFileSync(`${process.env.REWARDS_DOCS_DIR}/ledger-${engineName}.xlsx`, res.raw);
  });

  it('retiring a rule keeps the entries it proposed; the rule list no longer shows it', async () => {
    const r2 = must(await office.get(`/api/rewards/rules/${R.R2}`), 200);
    expect((await leader.request('DELETE', `/api/rewards/rules/${R.R2}?version=${r2.version}`)).status).toBe(403);
    expect((await office.request('DELETE', `/api/rewards/rules/${R.R2}?version=${r2.version}`)).status).toBe(204);
    expect((await office.get(`/api/rewards/rules/${R.R2}`)).status).toBe(404);
    expect(must(await office.get(`/api/rewards/rules?schemeKey=${schemeKey}`), 200).total).toBe(3);
    const b = await entries(office, `runId=${revisionP}&unitId=${U.B}&kind=criticize`);
    expect(b.map((e) => [e.ruleId, e.ruleDescription])).toEqual([[R.R2, '列入黑榜 → 通报批评']]);
    const { database } = await getHarness();
    const actions = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', R.R1).orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual(['reward_rule.created', 'reward_rule.updated']);
  });
});
