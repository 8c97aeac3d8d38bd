/**
 * 问卷调查 core (both engines): the builder's checks, versions, starter templates, waves with quotas from population
 * figures, interviewer assignment, interviews (idempotent, eligibility, quota, flags), review and scope.
 *
 * Population of the main wave (target 20): 城关镇 市民 300, 城关镇 个体工商户 100, 河西镇 市民 200.
 *   exact 20·300/600 = 10, 20·100/600 = 3.333, 20·200/600 = 6.667 → floors 10, 3, 6 (19); the one left goes to the
 *   largest remainder (0.667, 河西镇 市民) → 10, 3, 7.
 * The gender wave (target 7, by gender): exact 3.5, 1.167, 2.333 → 3, 1, 2 (6) + 1 to 城关镇 市民 (0.5) → 4, 1, 2;
 *   split evenly: 4 → 男 2 女 2, 1 → 男 1 女 0 (a tie goes to the earlier cell), 2 → 男 1 女 1.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness, type Harness } from '../support/harness';
import { multipartForm } from '../support/xlsx';

let h: Harness;
let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let taskforce: Client;
let volunteer: Client;
let inspector: Client;
let unit: Client;
let otherOffice: Client;
let qId = '';
let waveId = '';
let waveVersion = 0;

const SAT = [
  { code: 'A', label: '满意', counts: true },
  { code: 'B', label: '基本满意', counts: true },
  { code: 'C', label: '不满意', counts: false },
  { code: 'D', label: '不清楚', counts: false, valid: false },
];
const definition = () => ({
  title: '城市管理群众满意度调查',
  groups: [
    { code: 'citizen', label: '市民' },
    { code: 'merchant', label: '个体工商户' },
  ],
  sections: [
    {
      code: 'S1',
      title: '满意度与参与',
      questions: [
        { code: 'Q1', type: 'scale', text: '您对本镇市容环境是否满意？', choices: SAT, scale: 'satisfaction', rate: 'satisfaction' },
        {
          code: 'Q2',
          type: 'multiple',
          text: '您参加过以下哪些创建活动？',
          rate: 'participation',
          choices: [
            { code: 'A', label: '志愿服务', counts: true },
            { code: 'B', label: '都没有参加过', counts: false },
          ],
        },
        {
          code: 'Q3',
          type: 'single',
          text: '您参加志愿服务的频次？',
          showIf: { question: 'Q2', anyOf: ['A'] },
          choices: [
            { code: 'A', label: '每月一次及以上' },
            { code: 'B', label: '每年一两次' },
          ],
        },
        {
          code: 'Q4',
          type: 'knowledge',
          text: '本市当前的创建目标是？',
          rate: 'awareness',
          correct: ['B'],
          choices: [
            { code: 'A', label: '国家卫生城市' },
            { code: 'B', label: '全国文明城市' },
            { code: 'C', label: '不知道' },
          ],
        },
      ],
    },
  ],
});

const X1 = { Q1: 'A', Q2: ['A'], Q3: 'A', Q4: 'B' };
const X2 = { Q1: 'B', Q2: ['B'], Q4: 'B' };
const X3 = { Q1: 'C', Q2: ['A'], Q3: 'B', Q4: 'A' };
const X4 = { Q1: 'D', Q2: ['B'], Q4: 'C' };
const L0 = { lat: 30.0, lng: 114.0 };

function interview(townId: string, answers: Record<string, unknown>, over: Record<string, unknown> = {}, seconds = 300) {
  const finished = h.clock.now();
  return {
    clientId: crypto.randomUUID(),
    method: 'door',
    profile: { townId, group: 'citizen', gender: 'female', age: 42, residence: 'gt3y' },
    answers,
    startedAt: new Date(finished.getTime() - seconds * 1000).toISOString(),
    finishedAt: finished.toISOString(),
    ...over,
  };
}

const waveBody = (over: Record<string, unknown> = {}) => ({
  questionnaireId: qId,
  regionId: t.countyId,
  name: '2026年第四季度群众满意度调查',
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  targetSize: 20,
  population: [
    { townId: t.townAId, groupCode: 'citizen', population: 300 },
    { townId: t.townAId, groupCode: 'merchant', population: 100 },
    { townId: t.townBId, groupCode: 'citizen', population: 200 },
  ],
  interviewers: [
    { userId: t.users.volunteer.id, townIds: [t.townAId, t.townBId] },
    { userId: t.users.inspector.id, townIds: [t.townBId] },
  ],
  ...over,
});

async function count(table: 'survey_questionnaires' | 'survey_waves', regionId: string) {
  const r = await h.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', '=', regionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const cell = (w: any, townId: string, group: string, gender = '') =>
  w.quotas.find((c: any) => c.townId === townId && c.groupCode === group && c.gender === gender);

beforeAll(async () => {
  h = await getHarness();
  t = await createTenant();
  other = await createTenant();
  [office, leader, taskforce, volunteer, inspector, unit, otherOffice] = await Promise.all([
    t.as('office'),
    t.as('leader'),
    t.as('taskforce'),
    t.as('volunteer'),
    t.as('inspector'),
    t.as('unit'),
    other.as('office'),
  ]);
}, 60_000);

describe(`问卷调查 (${engineName})`, () => {
  it('builder: a zod error is 400, a definition error 422 naming the question; nothing is stored', async () => {
    const noName = await office.post('/api/surveys/questionnaires', { regionId: t.countyId, name: '', definition: definition() });
    expect(noName.status).toBe(400);
    const def = definition();
    delete (def.sections[0].questions[3] as { correct?: string[] }).correct;
    const noAnswer = await office.post('/api/surveys/questionnaires', { regionId: t.countyId, name: '测试问卷', definition: def });
    expect(noAnswer.status).toBe(422);
    expect(noAnswer.body.error.message).toContain('Q4');
    expect(noAnswer.body.error.message).toContain('正确答案');
    const badSkip = definition();
    (badSkip.sections[0].questions[2] as any).showIf = { question: 'Q2', anyOf: ['Z'] };
    const skip = await office.post('/api/surveys/questionnaires', { regionId: t.countyId, name: '测试问卷', definition: badSkip });
    expect(skip.status).toBe(422);
    expect(skip.body.error.message).toContain('Q3');
    // another county's region: 404; a leader: 403
    expect(
      (await otherOffice.post('/api/surveys/questionnaires', { regionId: t.countyId, name: '越权', definition: definition() })).status,
    ).toBe(404);
    expect(
      (await leader.post('/api/surveys/questionnaires', { regionId: t.countyId, name: '越权', definition: definition() })).status,
    ).toBe(403);
    // a town is no owner of questionnaires
    expect((await office.post('/api/surveys/questionnaires', { regionId: t.townAId, name: '镇级', definition: definition() })).status).toBe(
      422,
    );
    expect(await count('survey_questionnaires', t.countyId)).toBe(0);
    expect(await count('survey_questionnaires', t.townAId)).toBe(0);
  });

  it('creates version 1, copies a starter template, lists newest versions in scope', async () => {
    const res = await office.post('/api/surveys/questionnaires', {
      regionId: t.countyId,
      name: '城市管理满意度问卷',
      definition: definition(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, latest: true, questionCount: 4, waveCount: 0, abilities: { update: true, retire: true } });
    qId = res.body.id;

    const templates = await office.get('/api/surveys/questionnaire-templates');
    expect(templates.status).toBe(200);
    const civ = templates.body.find((x: any) => x.code === 'wenming-manyidu');
    expect(civ.name).toBe('全国文明城市群众满意度调查问卷');
    expect(templates.body.map((x: any) => x.code)).toContain('weisheng-manyilv');
    const copy = await office.post('/api/surveys/questionnaires/from-template', { regionId: t.countyId, template: 'wenming-manyidu' });
    expect(copy.status).toBe(201);
    expect(copy.body.definition.sections.map((s: any) => s.title)).toEqual(['基本情况', '知晓与支持', '满意度', '应知应会']);
    const q6 = copy.body.definition.sections[1].questions.find((q: any) => q.code === 'Q6');
    expect(q6.showIf).toEqual({ question: 'Q5', anyOf: ['A', 'B', 'C', 'D'] });
    expect((await office.post('/api/surveys/questionnaires/from-template', { regionId: t.countyId, template: 'nope' })).status).toBe(422);

    const list = await leader.get(`/api/surveys/questionnaires?regionId=${t.countyId}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.every((x: any) => x.abilities.update === false)).toBe(true);
    const search = await office.get(`/api/surveys/questionnaires?search=${encodeURIComponent('城市管理')}`);
    expect(search.body.items.map((x: any) => x.id)).toEqual([qId]);
    expect((await otherOffice.get('/api/surveys/questionnaires')).body.items.map((x: any) => x.id)).not.toContain(qId);
    expect((await otherOffice.get(`/api/surveys/questionnaires/${qId}`)).status).toBe(404);
  });

  it('wave: quotas by population (largest remainder), checks of towns, groups and interviewers; nothing stored on failure', async () => {
    const before = await count('survey_waves', t.countyId);
    const bads: Array<[Record<string, unknown>, string]> = [
      [{ population: [{ townId: other.townAId, groupCode: 'citizen', population: 100 }], interviewers: [] }, '人口第 1 行'],
      [{ population: [{ townId: t.townAId, groupCode: 'teacher', population: 100 }], interviewers: [] }, 'teacher'],
      [{ interviewers: [{ userId: t.users.leader.id, townIds: [t.townAId] }] }, '访问员第 1 行'],
      [{ interviewers: [{ userId: other.users.volunteer.id, townIds: [t.townAId] }] }, '访问员第 1 行'],
      [{ interviewers: [{ userId: t.users.volunteer.id, townIds: [other.townAId] }] }, '乡镇'],
    ];
    for (const [over, text] of bads) {
      const res = await office.post('/api/surveys/waves', waveBody(over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(res.body.error.message).toContain(text);
    }
    expect((await office.post('/api/surveys/waves', waveBody({ endsOn: '2026-11-01' }))).status).toBe(400);
    expect((await otherOffice.post('/api/surveys/waves', waveBody())).status).toBe(404);
    expect(await count('survey_waves', t.countyId)).toBe(before);

    const res = await office.post('/api/surveys/waves', waveBody());
    expect(res.status).toBe(201);
    const w = res.body;
    waveId = w.id;
    waveVersion = w.version;
    expect(w.state).toBe('draft');
    expect(w.questionnaire).toMatchObject({ id: qId, version: 1 });
    expect(w.publicToken).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(cell(w, t.townAId, 'citizen').target).toBe(10);
    expect(cell(w, t.townAId, 'merchant').target).toBe(3);
    expect(cell(w, t.townBId, 'citizen').target).toBe(7);
    expect(cell(w, t.townAId, 'merchant').groupLabel).toBe('个体工商户');
    expect(w.interviewers).toHaveLength(2);
    expect(w.interviewers.find((i: any) => i.userId === t.users.volunteer.id).townIds.sort()).toEqual([t.townAId, t.townBId].sort());

    const g = await office.post(
      '/api/surveys/waves',
      waveBody({ targetSize: 7, quotaByGender: true, publicLink: false, name: '分性别调查' }),
    );
    expect(g.status).toBe(201);
    expect(g.body.publicToken).toBeNull();
    const targets = g.body.quotas.map((c: any) => [c.townId === t.townAId ? 'A' : 'B', c.groupCode, c.gender, c.target]);
    expect(targets).toEqual(
      expect.arrayContaining([
        ['A', 'citizen', 'male', 2],
        ['A', 'citizen', 'female', 2],
        ['A', 'merchant', 'male', 1],
        ['A', 'merchant', 'female', 0],
        ['B', 'citizen', 'male', 1],
        ['B', 'citizen', 'female', 1],
      ]),
    );
    expect(targets).toHaveLength(6);

    // PUT while draft, version-guarded
    const put = await office.request('PUT', `/api/surveys/waves/${g.body.id}`, {
      ...waveBody({ targetSize: 8, name: '分性别调查' }),
      version: g.body.version,
    });
    expect(put.status).toBe(200);
    expect(put.body.quotaByGender).toBe(false);
    expect(put.body.quotas.reduce((s: number, c: any) => s + c.target, 0)).toBe(8);
    expect((await office.request('PUT', `/api/surveys/waves/${g.body.id}`, { ...waveBody(), version: g.body.version })).status).toBe(409);
  });

  it('versions: PUT on the newest makes v2, the wave keeps v1, PUT on v1 is 409', async () => {
    const def = definition();
    def.sections[0].questions[0].text = '您对本镇市容环境卫生是否满意？';
    const v2 = await office.request('PUT', `/api/surveys/questionnaires/${qId}`, { name: '城市管理满意度问卷（修订）', definition: def });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, latest: true });
    expect(v2.body.id).not.toBe(qId);
    expect(v2.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(v2.body.versions.find((v: any) => v.version === 1).waveCount).toBe(2);
    const again = await office.request('PUT', `/api/surveys/questionnaires/${qId}`, { name: '旧版修改', definition: definition() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('version_conflict');
    expect(again.body.error.message).toContain('第 2 版');
    const w = await office.get(`/api/surveys/waves/${waveId}`);
    expect(w.body.questionnaire).toMatchObject({ id: qId, version: 1 });
    const v1 = await office.get(`/api/surveys/questionnaires/${qId}`);
    expect(v1.body.definition.sections[0].questions[0].text).toBe('您对本镇市容环境是否满意？');
    expect(v1.body.latest).toBe(false);
    const newest = await office.get(`/api/surveys/questionnaires?regionId=${t.countyId}&search=${encodeURIComponent('城市管理')}`);
    expect(newest.body.items.map((x: any) => x.version)).toEqual([2]);
    const all = await office.get(
      `/api/surveys/questionnaires?regionId=${t.countyId}&search=${encodeURIComponent('城市管理')}&allVersions=true`,
    );
    expect(all.body.total).toBe(2);
  });

  it('interviews: only when open and assigned; duplicate clientId; ineligible; invalid answers; town not theirs', async () => {
    const early = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townAId, X1));
    expect(early.status).toBe(409);
    expect((await leader.post(`/api/surveys/waves/${waveId}/transitions`, { action: 'open', version: waveVersion })).status).toBe(403);
    const opened = await office.post(`/api/surveys/waves/${waveId}/transitions`, { action: 'open', version: waveVersion });
    expect(opened.status).toBe(200);
    expect(opened.body.state).toBe('open');
    expect(opened.body.allowedActions).toEqual(['close']);
    waveVersion = opened.body.version;
    expect((await office.request('PUT', `/api/surveys/waves/${waveId}`, { ...waveBody(), version: waveVersion })).status).toBe(409);

    const mine = await volunteer.get('/api/surveys/my-waves');
    expect(mine.status).toBe(200);
    const mw = mine.body.find((x: any) => x.id === waveId);
    expect(mw.towns.map((x: any) => x.id).sort()).toEqual([t.townAId, t.townBId].sort());
    expect(mw.definition.sections[0].questions).toHaveLength(4);
    expect(mw.cells).toHaveLength(3);
    expect((await inspector.get('/api/surveys/my-waves')).body.find((x: any) => x.id === waveId).cells).toHaveLength(1);

    const body = interview(t.townAId, X1, { location: L0 });
    const first = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), eligible: true, duplicate: false, flags: [] });
    const dup = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, body);
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ id: first.body.id, duplicate: true });
    const items = await h.database.db
      .selectFrom('survey_response_items')
      .select(['question_code', 'rate', 'valid', 'counted'])
      .where('response_id', '=', first.body.id)
      .orderBy('question_code')
      .execute();
    expect(items).toEqual([
      { question_code: 'Q1', rate: 'satisfaction', valid: true, counted: true },
      { question_code: 'Q2', rate: 'participation', valid: true, counted: true },
      { question_code: 'Q4', rate: 'awareness', valid: true, counted: true },
    ]);

    const old = interview(t.townAId, X2, {
      location: L0,
      profile: { townId: t.townAId, group: 'citizen', gender: 'male', age: 70, residence: 'gt3y' },
    });
    const inel = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, old);
    expect(inel.status).toBe(201);
    expect(inel.body).toMatchObject({ eligible: false, flags: [] });
    const stored = await h.database.db
      .selectFrom('survey_responses')
      .select(['answers', 'eligible'])
      .where('id', '=', inel.body.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ answers: {}, eligible: false });

    const wrong = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townAId, { ...X2, Q3: 'A' }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('跳题');
    expect((await inspector.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townAId, X1))).status).toBe(422);
    expect((await unit.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townAId, X1))).status).toBe(404);
    expect((await otherOffice.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townAId, X1))).status).toBe(404);
    const w = await office.get(`/api/surveys/waves/${waveId}`);
    expect(cell(w.body, t.townAId, 'citizen').done).toBe(1);
    expect(w.body.done).toBe(1);
  });

  it('flags: too fast, same answers, the fifth interview at one spot within the hour', async () => {
    const post = (b: unknown) => volunteer.post(`/api/surveys/waves/${waveId}/responses`, b);
    const fast = await post(interview(t.townAId, X2, { location: L0 }, 60));
    expect(fast.body.flags).toEqual(['too_fast']);
    const same = await post(interview(t.townAId, X1, { location: L0 }));
    expect(same.body.flags).toEqual(['same_pattern']);
    // four interviews of the wave within 30 m already (the ineligible one counts as an interview there): the fifth is flagged
    const spot = await post(interview(t.townAId, X3, { location: { lat: L0.lat + 0.0001, lng: L0.lng } }));
    expect(spot.body.flags).toEqual(['same_spot']);
    const far = await post(interview(t.townAId, X4, { location: { lat: L0.lat + 0.01, lng: L0.lng } }));
    expect(far.body.flags).toEqual([]);

    const flagged = await leader.get(`/api/surveys/waves/${waveId}/responses?flagged=true`);
    expect(flagged.status).toBe(200);
    expect(flagged.body.total).toBe(3);
    expect(flagged.body.items.every((r: any) => r.abilities.review === false)).toBe(true);
    const list = await office.get(`/api/surveys/waves/${waveId}/responses?sort=durationSeconds`);
    expect(list.body.total).toBe(6);
    expect(list.body.items[0].durationSeconds).toBe(60);
    expect(list.body.items[0].groupLabel).toBe('市民');
    expect((await taskforce.get(`/api/surveys/waves/${waveId}/responses`)).status).toBe(200);
    expect((await volunteer.get(`/api/surveys/waves/${waveId}/responses`)).status).toBe(404);
  });

  it('quota: a full cell is 409 quota_full; parallel interviews into a nearly full cell take exactly what is left', async () => {
    const merchant = (answers: Record<string, unknown>) =>
      interview(t.townAId, answers, { profile: { townId: t.townAId, group: 'merchant', gender: 'male', age: 35, residence: '1y-3y' } });
    expect((await volunteer.post(`/api/surveys/waves/${waveId}/responses`, merchant(X1))).status).toBe(201);
    const answers = [X1, X2, X3, X4, { ...X4, Q1: 'A' }];
    const results = await Promise.all(answers.map((a) => volunteer.post(`/api/surveys/waves/${waveId}/responses`, merchant(a))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe('quota_full');
      expect(r.body.error.message).toBe('该配额已满（乡镇×人群）');
    }
    const w = await office.get(`/api/surveys/waves/${waveId}`);
    expect(cell(w.body, t.townAId, 'merchant').done).toBe(3);
    const rows = await h.database.db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('wave_id', '=', waveId)
      .where('group_code', '=', 'merchant')
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(3);
  });

  it('review: voiding gives the cell back and is audited; leaders may not review', async () => {
    const fast = (await office.get(`/api/surveys/waves/${waveId}/responses?sort=durationSeconds`)).body.items[0];
    expect(fast.flags).toEqual(['too_fast']);
    expect((await leader.post(`/api/surveys/responses/${fast.id}/review`, { decision: 'voided' })).status).toBe(403);
    expect((await otherOffice.post(`/api/surveys/responses/${fast.id}/review`, { decision: 'voided' })).status).toBe(404);
    const before = cell((await office.get(`/api/surveys/waves/${waveId}`)).body, t.townAId, 'citizen').done;
    const res = await office.post(`/api/surveys/responses/${fast.id}/review`, { decision: 'voided', note: '用时过短，电话回访未能核实' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ review: 'voided', reviewNote: '用时过短，电话回访未能核实' });
    const w = (await office.get(`/api/surveys/waves/${waveId}`)).body;
    expect(cell(w, t.townAId, 'citizen').done).toBe(before - 1);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('subject_id', '=', fast.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['survey_response.recorded', 'survey_response.reviewed']);
  });

  it('xlsx: export → import is lossless (题目, 选项, 设置); a bad workbook is 422 with every row error and stores nothing', async () => {
    const upload = (buffer: Buffer, name: string) => {
      const m = multipartForm({ regionId: t.countyId, name }, [['问卷.xlsx', buffer]]);
      return office.request('POST', '/api/surveys/questionnaires/import', m.body, { headers: m.headers });
    };
    const civ = (await office.get(`/api/surveys/questionnaires?search=${encodeURIComponent('全国文明城市')}`)).body.items[0];
    for (const id of [qId, civ.id]) {
      const original = (await office.get(`/api/surveys/questionnaires/${id}`)).body;
      const file = await office.get(`/api/surveys/questionnaires/${id}/export`);
      expect(file.status).toBe(200);
      expect(String(file.headers['content-type'])).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['题目', '选项', '设置']);
      const res = await upload(file.raw, `${original.name}（导入）`);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
      expect(res.body.version).toBe(1);
      expect(res.body.familyKey).not.toBe(original.familyKey);
      expect(res.body.definition).toEqual(original.definition);
    }
    expect((await otherOffice.get(`/api/surveys/questionnaires/${qId}/export`)).status).toBe(404);

    const before = await count('survey_questionnaires', t.countyId);
    const file = await office.get(`/api/surveys/questionnaires/${civ.id}/export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('题目')!;
    const header = sheet.getRow(3).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    sheet.getRow(4).getCell(col('题型')).value = '判断题';
    sheet.getRow(9).getCell(col('显示条件')).value = 'Q5=';
    const options = wb.getWorksheet('选项')!;
    const oh = options.getRow(3).values as unknown[];
    options.getRow(5).getCell(oh.indexOf('计入')).value = '可能';
    const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '坏问卷');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('import_invalid');
    expect(bad.body.error.rows).toEqual([
      expect.objectContaining({ row: 4, column: '题目!题型' }),
      expect.objectContaining({ row: 5, column: '选项!计入', message: '请填写“是”或“否”' }),
      expect.objectContaining({ row: 9, column: '题目!显示条件' }),
    ]);
    // a knowledge question without its right answer: validateDefinition's message on the question's row
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(file.raw as unknown as ArrayBuffer);
    const s2 = wb2.getWorksheet('题目')!;
    let knowledgeRow = 0;
    s2.eachRow((r, n) => {
      if (!knowledgeRow && r.getCell(col('题型')).text === '应知应会题') knowledgeRow = n;
    });
    s2.getRow(knowledgeRow).getCell(col('正确答案')).value = '';
    const bad2 = await upload(Buffer.from(await wb2.xlsx.writeBuffer()), '坏问卷');
    expect(bad2.status).toBe(422);
    expect(bad2.body.error.rows[0]).toMatchObject({ row: knowledgeRow });
    expect(bad2.body.error.rows[0].message).toContain('正确答案');
    expect(await count('survey_questionnaires', t.countyId)).toBe(before);
  }, 180_000);

  it('scope: other counties and unassigned people see nothing; a closed wave takes no interview', async () => {
    expect((await otherOffice.get(`/api/surveys/waves/${waveId}`)).status).toBe(404);
    expect((await otherOffice.get('/api/surveys/waves')).body.items.map((x: any) => x.id)).not.toContain(waveId);
    expect((await unit.get(`/api/surveys/waves/${waveId}`)).status).toBe(404);
    expect((await unit.get('/api/surveys/my-waves')).body).toEqual([]);
    expect((await taskforce.get(`/api/surveys/waves/${waveId}`)).status).toBe(200);
    const list = await leader.get(`/api/surveys/waves?state=open&regionId=${t.countyId}`);
    expect(list.body.items.map((x: any) => x.id)).toEqual([waveId]);
    expect((await otherOffice.post(`/api/surveys/waves/${waveId}/transitions`, { action: 'close', version: waveVersion })).status).toBe(
      404,
    );
    const closed = await office.post(`/api/surveys/waves/${waveId}/transitions`, { action: 'close', version: waveVersion });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    const late = await volunteer.post(`/api/surveys/waves/${waveId}/responses`, interview(t.townBId, X1));
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('已结束');
    expect((await volunteer.get('/api/surveys/my-waves')).body.map((x: any) => x.id)).not.toContain(waveId);
  });
});
