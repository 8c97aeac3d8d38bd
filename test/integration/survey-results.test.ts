/**
 * 问卷调查 results against a hand-computed wave: 2 towns × 2 groups, 10 eligible interviews (plus one ineligible, one
 * voided and two public responses), rates and Wilson bounds unweighted and weighted to the population figures, the
 * source split, the previous wave of the same questionnaire family, scope (404), the raw answers read back from the
 * .xlsx and the report .docx. Rows are written by a small factory (items scored by `scoreAnswers`, as the interview
 * command does), so the figures do not depend on the interview flow.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { questionnaireDefinition, scoreAnswers, type Answers, type QuestionnaireDefinition } from '../../common/surveys';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

const DEFINITION: QuestionnaireDefinition = questionnaireDefinition.parse({
  title: '创建全国文明城市群众满意度调查问卷',
  groups: [
    { code: 'citizen', label: '市民' },
    { code: 'merchant', label: '个体工商户' },
  ],
  sections: [
    {
      code: 'S1',
      title: '知晓与支持',
      questions: [
        {
          code: 'K1',
          type: 'knowledge',
          text: '我县正在创建的是哪一项称号？',
          rate: 'awareness',
          choices: [
            { code: 'A', label: '全国文明城市' },
            { code: 'B', label: '国家卫生城市' },
          ],
          correct: ['A'],
        },
        {
          code: 'A1',
          type: 'scale',
          scale: 'awareness',
          text: '您知道我县正在创建全国文明城市吗？',
          rate: 'awareness',
          choices: [
            { code: 'A', label: '全知道', counts: true },
            { code: 'B', label: '知道', counts: true },
            { code: 'C', label: '知道一点', counts: false },
            { code: 'D', label: '不知道', counts: false },
          ],
        },
        {
          code: 'U1',
          type: 'scale',
          scale: 'support',
          text: '您支持创建全国文明城市吗？',
          rate: 'support',
          choices: [
            { code: 'A', label: '支持', counts: true },
            { code: 'B', label: '比较支持', counts: true },
            { code: 'C', label: '不太支持' },
            { code: 'D', label: '不支持' },
            { code: 'E', label: '不清楚', valid: false },
          ],
        },
        {
          code: 'M1',
          type: 'multiple',
          text: '您参加过哪些创建活动？',
          rate: 'participation',
          choices: [
            { code: 'A', label: '志愿服务', counts: true },
            { code: 'B', label: '环境整治', counts: true },
            { code: 'C', label: '没有参加过' },
          ],
        },
      ],
    },
    {
      code: 'S2',
      title: '满意度',
      questions: [
        {
          code: 'S1',
          type: 'scale',
          scale: 'satisfaction',
          text: '您对城市环境卫生是否满意？',
          rate: 'satisfaction',
          choices: [
            { code: 'A', label: '满意', counts: true },
            { code: 'B', label: '基本满意', counts: true },
            { code: 'C', label: '不满意' },
            { code: 'D', label: '不清楚', valid: false },
          ],
        },
        { code: 'T1', type: 'text', text: '您对创建工作还有什么建议？', required: false },
      ],
    },
  ],
});

/** K1, A1, U1, M1, S1 in one string: "A A A A A" (M1 may be "A+C"). */
function answers(spec: string, text?: string): Answers {
  const [K1, A1, U1, M1, S1] = spec.split(' ');
  return { K1, A1, U1, M1: M1.split('+'), S1, ...(text ? { T1: text } : {}) };
}

let t: Tenant;
let other: Tenant;
const c = {} as Record<'office' | 'leader' | 'taskforce' | 'inspector' | 'unit' | 'otherOffice', Client>;
let waveId: string;
let prevId: string;
let familyKey: string;

async function questionnaire(regionId: string, family: string = crypto.randomUUID(), version = 1): Promise<string> {
  const { database } = await getHarness();
  const q = await database.db
    .insertInto('survey_questionnaires')
    .values({
      family_key: family,
      version,
      region_id: regionId,
      name: '文明城市满意度问卷',
      definition: JSON.stringify(DEFINITION),
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return q.id;
}

async function wave(questionnaireId: string, name: string, startsOn: string, endsOn: string, state: 'open' | 'closed'): Promise<string> {
  const { database } = await getHarness();
  const w = await database.db
    .insertInto('survey_waves')
    .values({
      region_id: t.countyId,
      questionnaire_id: questionnaireId,
      name,
      state,
      starts_on: startsOn,
      ends_on: endsOn,
      target_size: 10,
      public_token: crypto.randomBytes(12).toString('base64url'),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const population: Array<[string, string, number]> = [
    [t.townAId, 'citizen', 6000],
    [t.townAId, 'merchant', 1000],
    [t.townBId, 'citizen', 2000],
    [t.townBId, 'merchant', 1000],
  ];
  await database.db
    .insertInto('survey_population')
    .values(population.map(([town, group, n]) => ({ wave_id: w.id, town_id: town, group_code: group, population: n })))
    .execute();
  return w.id;
}

interface ResponseSpec {
  town: 'A' | 'B';
  group: 'citizen' | 'merchant';
  spec?: string;
  text?: string;
  mode?: 'interview' | 'public';
  age?: number;
  review?: 'voided' | 'kept';
  flags?: string[];
}

async function respond(waveIdOf: string, r: ResponseSpec, i: number): Promise<string> {
  const { database } = await getHarness();
  const eligible = (r.age ?? 40) <= 65;
  const a = eligible && r.spec ? answers(r.spec, r.text) : {};
  const started = new Date(Date.UTC(2026, 9, 20, 1, i * 10));
  const row = await database.db
    .insertInto('survey_responses')
    .values({
      wave_id: waveIdOf,
      mode: r.mode ?? 'interview',
      method: r.mode === 'public' ? null : 'door',
      interviewer_id: r.mode === 'public' ? null : t.users.inspector.id,
      client_id: r.mode === 'public' ? null : crypto.randomUUID(),
      town_id: r.town === 'A' ? t.townAId : t.townBId,
      group_code: r.group,
      gender: i % 2 ? 'female' : 'male',
      age: r.age ?? 40,
      age_band: null,
      residence: 'gt3y',
      eligible,
      answers: JSON.stringify(a),
      started_at: started,
      finished_at: new Date(started.getTime() + 300_000),
      duration_seconds: 300,
      received_at: new Date(started.getTime() + 301_000),
      flags: r.flags ?? [],
      review: r.review ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const items = eligible ? scoreAnswers(DEFINITION, a) : [];
  if (items.length)
    await database.db
      .insertInto('survey_response_items')
      .values(
        items.map((x) => ({
          response_id: row.id,
          wave_id: waveIdOf,
          question_code: x.question,
          rate: x.rate,
          valid: x.valid,
          counted: x.counted,
        })),
      )
      .execute();
  return row.id;
}

// K1 A1 U1 M1 S1 — ✓ marks what counts (K1 right = A; A1 A/B; U1 A/B, E 不清楚; M1 A or B; S1 A/B, D 不清楚).
const INTERVIEWS: ResponseSpec[] = [
  { town: 'A', group: 'citizen', spec: 'A A A A A', text: '=HYPERLINK("x")' }, // 1 K✓ A✓ U✓ M✓ S✓
  { town: 'A', group: 'citizen', spec: 'B C B C B' }, //                              2 K✗ A✗ U✓ M✗ S✓
  { town: 'A', group: 'citizen', spec: 'A B E A+C D' }, //                            3 K✓ A✓ U— M✓ S—
  { town: 'A', group: 'merchant', spec: 'A D C C C' }, //                             4 K✓ A✗ U✗ M✗ S✗
  { town: 'A', group: 'merchant', spec: 'A A A B A' }, //                             5 K✓ A✓ U✓ M✓ S✓
  { town: 'B', group: 'citizen', spec: 'B D D C C' }, //                              6 K✗ A✗ U✗ M✗ S✗
  { town: 'B', group: 'citizen', spec: 'B C A A A' }, //                              7 K✗ A✗ U✓ M✓ S✓
  { town: 'B', group: 'citizen', spec: 'A D B C B' }, //                              8 K✓ A✗ U✓ M✗ S✓
  { town: 'B', group: 'merchant', spec: 'B C A C D' }, //                             9 K✗ A✗ U✓ M✗ S—
  { town: 'B', group: 'merchant', spec: 'A B C A C' }, //                            10 K✓ A✓ U✗ M✓ S✗
];

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  c.office = await t.asScript('office');
  c.leader = await t.asScript('leader');
  c.taskforce = await t.asScript('taskforce');
  c.inspector = await t.asScript('inspector');
  c.unit = await t.asScript('unit');
  c.otherOffice = await other.asScript('office');
  familyKey = crypto.randomUUID();
  const q1 = await questionnaire(t.countyId, familyKey);
  const q2 = await questionnaire(t.countyId, familyKey, 2);
  const unrelated = await questionnaire(t.countyId);
  // The previous wave (same family, an older version): two satisfied interviews in town A.
  prevId = await wave(q1, `2026年9月满意度调查${t.tag}`, '2026-09-01', '2026-09-20', 'closed');
  await respond(prevId, { town: 'A', group: 'citizen', spec: 'A A A A A' }, 0);
  await respond(prevId, { town: 'A', group: 'merchant', spec: 'B A A C B' }, 1);
  // A wave of another questionnaire family in between: never the previous wave.
  const between = await wave(unrelated, `2026年10月上旬专项调查${t.tag}`, '2026-10-01', '2026-10-05', 'closed');
  await respond(between, { town: 'B', group: 'citizen', spec: 'B D D C C' }, 0);
  waveId = await wave(q2, `2026年10月满意度调查${t.tag}`, '2026-10-15', '2026-10-31', 'closed');
  for (const [i, r] of INTERVIEWS.entries()) await respond(waveId, r, i);
  await respond(waveId, { town: 'A', group: 'citizen', age: 70 }, 10); // ineligible
  await respond(waveId, { town: 'B', group: 'citizen', spec: 'A A A A A', review: 'voided', flags: ['too_fast'] }, 11);
  await respond(waveId, { town: 'A', group: 'citizen', spec: 'A A A A A', mode: 'public' }, 12);
  await respond(waveId, { town: 'A', group: 'citizen', spec: 'A A A A A', mode: 'public' }, 13);
});

const close = (actual: number | null | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 5);
const closeCi = (actual: [number, number] | null | undefined, expected: [number, number]) => {
  expect(actual).not.toBeNull();
  close(actual![0], expected[0]);
  close(actual![1], expected[1]);
};

describe(`问卷调查 results (${engineName})`, () => {
  it('rates and Wilson intervals of the hand-computed wave, by town, unweighted', async () => {
    const res = await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=town`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    // Interviews: 10 eligible, not voided (the ineligible, the voided and the public ones are out).
    expect(r.total.n).toBe(10);
    // 知晓率: K1 ✓ in 1,3,4,5,8,10 (6) + A1 ✓ in 1,3,5,10 (4) = 10 of 20 items → 0.5; n = 10 interviews.
    // Wilson(5, 10): p = .5, z² = 3.841459, centre = (.5 + .192073) / 1.384146 = .5,
    // half = 1.959964·√(.025 + .0096036) / 1.384146 = .263407 → [.236593, .763407].
    close(r.total.awareness, 0.5);
    closeCi(r.total.ci.awareness, [0.236593, 0.763407]);
    // 满意度: S1 valid in 8 interviews (3 and 9 answered 不清楚), counted 1,2,5,7,8 → 5/8 = .625; Wilson(5, 8) =
    // [.305742, .863156].
    close(r.total.satisfaction, 0.625);
    closeCi(r.total.ci.satisfaction, [0.305742, 0.863156]);
    // 支持率: U1 valid in 9 (3 answered 不清楚), counted 1,2,5,7,8,9 → 6/9; Wilson(6, 9) = [.354202, .879416].
    close(r.total.support, 6 / 9);
    closeCi(r.total.ci.support, [0.354202, 0.879416]);
    // 参与率: M1 counted in 1,3,5,7,10 → 5/10.
    close(r.total.participation, 0.5);
    const a = r.rates.find((x: { key: string }) => x.key === t.townAId);
    const b = r.rates.find((x: { key: string }) => x.key === t.townBId);
    expect(r.rates.map((x: { key: string }) => x.key)).toEqual([t.townAId, t.townBId]);
    expect(a.name).toBe(`城关镇${t.tag}`);
    expect([a.n, b.n]).toEqual([5, 5]);
    // Town A 知晓率: K1 ✓ 1,3,4,5 + A1 ✓ 1,3,5 = 7/10, n = 5 → Wilson(3.5, 5) = [.298791, .927416].
    close(a.awareness, 0.7);
    closeCi(a.ci.awareness, [0.298791, 0.927416]);
    // Town B 知晓率: K1 ✓ 8,10 + A1 ✓ 10 = 3/10 → Wilson(1.5, 5) = [.072584, .701209].
    close(b.awareness, 0.3);
    closeCi(b.ci.awareness, [0.072584, 0.701209]);
    // 满意度 A: valid 1,2,4,5 counted 1,2,5 → 3/4, Wilson(3, 4) = [.300642, .954413]; B: 7,8 of 6,7,8,10 → 2/4.
    close(a.satisfaction, 0.75);
    closeCi(a.ci.satisfaction, [0.300642, 0.954413]);
    close(b.satisfaction, 0.5);
    closeCi(b.ci.satisfaction, [0.150039, 0.849961]);
  });

  it('weighted to the population figures: w = population share ÷ sample share, n = Kish n_eff', async () => {
    const r = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=total&weighted=true`)).body;
    expect(r.weighted).toBe(true);
    // Cells: A·市民 6000 (3 interviews), A·个体 1000 (2), B·市民 2000 (3), B·个体 1000 (2) of 10000 and 10:
    // w = .6/.3 = 2, .1/.2 = .5, .2/.3 = 2/3, .1/.2 = .5.
    // 满意度: Σw·valid over 1,2,4,5,6,7,8,10 = 2+2+.5+.5+2/3·3+.5 = 7.5; Σw·counted (1,2,5,7,8) = 2+2+.5+4/3 = 35/6
    // → 7/9 = .777778; n_eff = 7.5² ÷ (4+4+.25+.25+3·4/9+.25) = 56.25 ÷ 10.083333 = 5.578512;
    // Wilson(7/9·5.578512, 5.578512) = [.375856, .953145].
    close(r.total.satisfaction, 7 / 9);
    closeCi(r.total.ci.satisfaction, [0.375856, 0.953145]);
    // 知晓率: Σw·counted = 2·2 + 0 + 2·2 + .5·1 + .5·2 + 0 + 0 + 2/3·1 + 0 + .5·2 = 11.166667; Σw·valid = 20
    // → .558333; n_eff = 10² ÷ (3·4 + 4·.25 + 3·4/9) = 6.976744; Wilson → [.240982, .834257].
    close(r.total.awareness, 11.1666667 / 20);
    closeCi(r.total.ci.awareness, [0.240982, 0.834257]);
    expect(r.total.n).toBe(10);
    // Unweighted is asked with weighted=false (not read as true).
    const plain = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=total&weighted=false`)).body;
    expect(plain.weighted).toBe(false);
    close(plain.total.satisfaction, 0.625);
  });

  it('sources apart and together; voided and ineligible responses never count', async () => {
    const r = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=total`)).body;
    expect(r.bySource).toEqual([
      expect.objectContaining({ source: 'interview', n: 10, satisfaction: 0.625, awareness: 0.5 }),
      expect.objectContaining({ source: 'public', n: 2, satisfaction: 1, awareness: 1, support: 1, participation: 1 }),
    ]);
    const pub = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=total&source=public`)).body;
    expect(pub.total.n).toBe(2);
    expect(pub.total.satisfaction).toBe(1);
    // All: satisfaction 5 + 2 counted of 8 + 2 valid = .7; awareness 10 + 4 of 20 + 4.
    const all = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=total&source=all`)).body;
    expect(all.total.n).toBe(12);
    close(all.total.satisfaction, 0.7);
    close(all.total.awareness, 14 / 24);
  });

  it('by group and by question; the questions lowest first', async () => {
    const g = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=group`)).body;
    expect(g.rates.map((x: { name: string; n: number }) => [x.name, x.n])).toEqual([
      ['市民', 6],
      ['个体工商户', 4],
    ]);
    // 市民 满意度: valid 1,2,6,7,8 counted 1,2,7,8 → 4/5.
    close(g.rates[0].satisfaction, 0.8);
    const q = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=question`)).body;
    expect(q.rates.map((x: { key: string }) => x.key)).toEqual(['K1', 'A1', 'U1', 'M1', 'S1']);
    const a1 = q.rates.find((x: { key: string }) => x.key === 'A1');
    expect(a1.n).toBe(10);
    close(a1.awareness, 0.4);
    expect(a1.satisfaction).toBeNull();
    // Shares: A1 .4, M1 .5, K1 .6, S1 .625, U1 .667.
    expect(q.questions.map((x: { code: string }) => x.code)).toEqual(['A1', 'M1', 'K1', 'S1', 'U1']);
    close(q.questions[0].share, 0.4);
    expect(q.questions[0]).toMatchObject({ rate: 'awareness', n: 10, text: '您知道我县正在创建全国文明城市吗？' });
  });

  it('compares with the previous wave of the same questionnaire family', async () => {
    const r = (await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=town`)).body;
    expect(r.previousWave).toEqual({ id: prevId, name: `2026年9月满意度调查${t.tag}` });
    const a = r.rates.find((x: { key: string }) => x.key === t.townAId);
    const b = r.rates.find((x: { key: string }) => x.key === t.townBId);
    // Previous: town A 2 interviews, both satisfied; K1 ✓ ✗, A1 ✓ ✓ → 3/4; town B none.
    expect(a.previous).toMatchObject({ satisfaction: 1, awareness: 0.75 });
    expect(b.previous).toBeNull();
    expect(r.total.previous).toMatchObject({ satisfaction: 1, awareness: 0.75, participation: 0.5 });
    // The first wave has none.
    const first = (await c.office.get(`/api/surveys/waves/${prevId}/results`)).body;
    expect(first.previousWave).toBeNull();
    expect(first.total.previous).toBeNull();
  });

  it('indicators 群众知晓率 … per town and county over the closed waves ending in the period; a scheme may weight them', async () => {
    const meta = await c.office.get('/api/indicators');
    for (const code of ['surveys.awareness', 'surveys.support', 'surveys.participation', 'surveys.satisfaction'])
      expect(meta.body.items).toContainEqual(expect.objectContaining({ code, unit: '%', direction: 'higher', module: 'surveys' }));
    const towns = await c.office.get(`/api/indicators/surveys.awareness?subjectType=town&period=2026-10&regionId=${t.countyId}`);
    expect(towns.status, JSON.stringify(towns.body)).toBe(200);
    const v = (id: string) => towns.body.items.find((i: { subjectId: string }) => i.subjectId === id);
    // October: this wave (A 7/10, B 3/10) and the other family's wave ending 10-05 (B: K1 ✗, A1 ✗ → 0/2); the
    // September wave, the public and the voided responses are out.
    expect(v(t.townAId)).toMatchObject({ numerator: 7, denominator: 10, value: 0.7 });
    expect(v(t.townBId)).toMatchObject({ numerator: 3, denominator: 12, value: 0.25 });
    const county = await c.office.get(`/api/indicators/surveys.satisfaction?subjectType=county&period=2026-10&regionId=${t.countyId}`);
    // 满意度: 5/8 here + 0/1 (S1 不满意) in the other wave.
    expect(county.body.items.find((i: { subjectId: string }) => i.subjectId === t.countyId)).toMatchObject({
      numerator: 5,
      denominator: 9,
    });
    const sept = await c.office.get(`/api/indicators/surveys.satisfaction?subjectType=town&period=2026-09&regionId=${t.countyId}`);
    expect(sept.body.items.find((i: { subjectId: string }) => i.subjectId === t.townAId)).toMatchObject({ numerator: 2, denominator: 2 });
    const scheme = await c.office.post('/api/evaluation/schemes', {
      campaignId: t.campaignId,
      name: `乡镇群众满意度考核${t.tag}`,
      periodType: 'month',
      redCount: 1,
      blackCount: 1,
      groups: [
        {
          name: '乡镇（街道）',
          subjectType: 'town',
          indicators: [
            { code: 'surveys.satisfaction', weight: 60, rule: { type: 'linear', floor: 0.6, ceiling: 0.95 } },
            { code: 'surveys.awareness', weight: 40, rule: { type: 'linear', floor: 0.6, ceiling: 0.95 } },
          ],
        },
      ],
    });
    expect(scheme.status, JSON.stringify(scheme.body)).toBe(201);
  });

  it('readers of the region only: others answer 404', async () => {
    for (const who of ['leader', 'taskforce'] as const) expect((await c[who].get(`/api/surveys/waves/${waveId}/results`)).status).toBe(200);
    for (const who of ['inspector', 'unit', 'otherOffice'] as const) {
      expect((await c[who].get(`/api/surveys/waves/${waveId}/results`)).status).toBe(404);
      expect((await c[who].get(`/api/surveys/waves/${waveId}/answers.xlsx`)).status).toBe(404);
      expect((await c[who].get(`/api/surveys/waves/${waveId}/report.docx`)).status).toBe(404);
    }
    expect((await c.office.get(`/api/surveys/waves/${crypto.randomUUID()}/results`)).status).toBe(404);
    const bad = await c.office.get(`/api/surveys/waves/${waveId}/results?groupBy=unit`);
    expect(bad.status).toBe(400);
  });

  it('answers.xlsx: one row per response with the profile and the answers as labels', async () => {
    const res = await c.office.get(`/api/surveys/waves/${waveId}/answers.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('原始答卷'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('原始答卷')!;
    expect(String(ws.getCell(1, 1).value)).toContain(`2026年10月满意度调查${t.tag} 原始答卷`);
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 15)).toEqual([
      '序号',
      '编号',
      '方式',
      '访问员',
      '乡镇（街道）',
      '人群',
      '性别',
      '年龄',
      '居住年限',
      '是否合格',
      '开始时间',
      '结束时间',
      '用时（秒）',
      '标记',
      '复核',
    ]);
    expect(header[15]).toBe('K1 我县正在创建的是哪一项称号？');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // 14 responses: 10 + ineligible + voided + 2 public.
    expect(ws.rowCount).toBe(3 + 14);
    const row = (n: number) => (ws.getRow(3 + n).values as unknown[]).slice(1);
    const first = row(1);
    expect(first.slice(2, 10)).toEqual(['入户', 'inspector用户', `城关镇${t.tag}`, '市民', '男', 40, '3年以上', '是']);
    expect(first[12]).toBe(300);
    // Answers as labels; a multiple choice joined by 、; a formula-looking text neutralised.
    const col = (h: string) => header.indexOf(h);
    expect(first[col('K1 我县正在创建的是哪一项称号？')]).toBe('全国文明城市');
    expect(first[col('S1 您对城市环境卫生是否满意？')]).toBe('满意');
    expect(first[col('T1 您对创建工作还有什么建议？')]).toBe(`'=HYPERLINK("x")`);
    expect(row(3)[col('M1 您参加过哪些创建活动？')]).toBe('志愿服务、没有参加过');
    expect(row(11)[9]).toBe('否');
    expect(row(12).slice(13, 15)).toEqual(['用时过短', '作废']);
    expect(row(13)[2]).toBe('公众链接');
    expect(first[10]).toBeInstanceOf(Date);
    expect(wb.getWorksheet('题目说明')!.rowCount).toBe(3 + 6);
  });

  it('report.docx: a valid .docx with the overview, the tables and the lowest items', async () => {
    const res = await c.office.get(`/api/surveys/waves/${waveId}/report.docx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('wordprocessingml');
    const xml = await zipEntry(res.raw, 'word/document.xml');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(`关于2026年10月满意度调查${t.tag}结果的报告`);
    expect(text).toContain('回收合格有效问卷10份');
    expect(text).toContain('公众链接收到合格答卷2份');
    expect(text).toContain('知晓率50.0%（95%置信区间23.7%～76.3%）');
    expect(text).toContain(`知晓率最低的是河西镇${t.tag}（30.0%）`);
    expect(text).toContain(`与“2026年9月满意度调查${t.tag}”相比`);
    expect(text).toContain('A1 您知道我县正在创建全国文明城市吗？');
    // The same report twice is the same document (a reader comparing before and after sees no change).
    const again = await zipEntry((await c.office.get(`/api/surveys/waves/${waveId}/report.docx`)).raw, 'word/document.xml');
    expect(again === xml).toBe(true);
    // The chart (a picture) is in the package.
    expect(await zipNames(res.raw)).toEqual(expect.arrayContaining([expect.stringMatching(/^word\/media\/.+\.(jpg|jpeg)$/)]));
  });
});

async function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))));
}

async function zipNames(buffer: Buffer): Promise<string[]> {
  const zip = await openZip(buffer);
  const names: string[] = [];
  return new Promise((resolve) => {
    zip.on('entry', (e: yauzl.Entry) => {
      names.push(e.fileName);
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    zip.readEntry();
  });
}

async function zipEntry(buffer: Buffer, name: string): Promise<string> {
  const zip = await openZip(buffer);
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (x: Buffer) => chunks.push(x));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in the zip`)));
    zip.readEntry();
  });
}
