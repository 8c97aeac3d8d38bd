/**
 * Open311 GeoReport v2 (issue 11): every method in JSON and XML, every error in the spec's format, read with a real
 * XML parser (fast-xml-parser's XMLParser); integrator keys hashed, audited, revoked and rate-limited; posted requests
 * in the triage queue with the citizen's identity kept apart; api_key never in the logs. Both engines.
 */
import crypto from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { sha256 } from '../../server/platform/auth/passwords';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report, uploadPhoto } from '../support/problems';

const LISTS = new Set(['service', 'request', 'error', 'attribute', 'value', 'request_update', 'endpoint', 'format']);
const xml = new XMLParser({ isArray: (name) => LISTS.has(name), parseTagValue: false, trimValues: true });

let t: Tenant;
let office: Client;
let security: Client;
let key: string;
let otherKey: string;
let keyId: string;
let jurisdiction: string;
let service: string;

const QUESTIONS = [
  {
    code: 'severity',
    datatype: 'singlevaluelist',
    required: false,
    description: '严重程度',
    order: 1,
    values: [
      { key: 'normal', name: '一般' },
      { key: 'serious', name: '较重' },
      { key: 'urgent', name: '紧急' },
    ],
  },
  {
    code: 'cover_state',
    datatype: 'singlevaluelist',
    required: true,
    description: '井盖状况',
    order: 2,
    values: [
      { key: 'missing', name: '缺失' },
      { key: 'broken', name: '破损' },
      { key: 'loose', name: '松动' },
    ],
  },
  {
    code: 'impact',
    datatype: 'multivaluelist',
    required: false,
    description: '造成的影响',
    order: 3,
    values: [
      { key: 'traffic', name: '影响通行' },
      { key: 'safety', name: '存在安全隐患' },
    ],
  },
  { code: 'observed_at', datatype: 'datetime', required: false, description: '发现时间', order: 4, values: [] },
  { code: 'count', datatype: 'number', required: false, description: '涉及数量（处）', order: 5, values: [] },
  { code: 'landmark', datatype: 'string', required: false, description: '附近标志物', order: 6, values: [] },
  { code: 'details', datatype: 'text', required: false, description: '补充说明', order: 7, values: [] },
];

interface Answer {
  status: number;
  type: string;
  text: string;
  json: any;
  doc: any;
}

/** Calls the Open311 API anonymously (an integrator has no session), parsing the answer by its format. */
async function call(method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>): Promise<Answer> {
  const { app } = await getHarness();
  const payload = form
    ? Object.entries(form)
        .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
        .join('&')
    : undefined;
  const res = await app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  const isXml = url.split('?')[0].endsWith('.xml');
  if (isXml) expect(type).toContain('text/xml');
  else expect(type).toContain('application/json');
  return { status: res.statusCode, type, text: res.body, json: isXml ? null : res.json(), doc: isXml ? xml.parse(res.body) : null };
}

/** The spec's error in either format: code and description. */
function errorOf(a: Answer): { code: number; description: string } {
  if (a.json) {
    expect(Array.isArray(a.json)).toBe(true);
    return { code: a.json[0].code, description: a.json[0].description };
  }
  const e = a.doc.errors.error[0];
  return { code: Number(e.code), description: String(e.description) };
}

function expectError(a: Answer, status: number, words: string) {
  expect(a.status, a.text).toBe(status);
  const e = errorOf(a);
  expect(e.code).toBe(status);
  expect(e.description).toContain(words);
}

const requestsOf = (a: Answer): any[] => (a.json ?? a.doc.service_requests?.request ?? []) as any[];

const citizen = {
  email: 'liu.fang@example.cn',
  first_name: '芳',
  last_name: '刘',
  phone: '13912345678',
  device_id: 'device-7f3a9c',
  account_id: 'acct-20261203-77',
};

async function post(format: 'json' | 'xml', over: Record<string, string | string[]> = {}) {
  return call('POST', `/open311/v2/requests.${format}`, {
    api_key: key,
    jurisdiction_id: jurisdiction,
    service_code: 'E0601',
    lat: '39.1002',
    long: '116.5003',
    address_string: '示范县人民路 18 号东侧',
    description: `人民路人行道井盖缺失，存在安全隐患 ${t.tag}`,
    ...citizen,
    ...over,
  });
}

/** The office takes a posted request in (受理). */
async function accept(code: string) {
  const { database } = await getHarness();
  const p = await database.db.selectFrom('problems').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  await act(office, p.id, 'accept');
  return p.id;
}

beforeAll(async () => {
  t = await createTenant();
  office = await t.as('office');
  security = await t.as('security');
  const issued = await security.post('/api/integrations/keys', {
    integrator: `fms-${t.tag}`,
    regionId: t.countyId,
    rateLimitPerMinute: 500,
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  key = issued.body.key;
  keyId = issued.body.item.id;
  jurisdiction = issued.body.item.jurisdictionId;
  expect(jurisdiction).toBe(t.countyCode);
  otherKey = (await security.post('/api/integrations/keys', { integrator: `other-${t.tag}`, regionId: t.countyId })).body.key;
  // The county's own minor class with 附加问题 of every datatype (the office of the county edits them).
  for (;;) {
    const major = `Y${String(crypto.randomInt(0, 10_000)).padStart(4, '0')}`;
    const res = await office.post('/api/problem-categories', {
      code: major,
      name: `市政设施${t.tag}`.slice(0, 40),
      kind: 'event',
      regionId: t.countyId,
    });
    if (res.status === 409) continue;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    service = `${major}01`;
    const minor = await office.post('/api/problem-categories', {
      code: service,
      parentCode: major,
      name: `井盖问题${t.tag}`.slice(0, 40),
      kind: 'event',
      regionId: t.countyId,
    });
    expect(minor.status, JSON.stringify(minor.body)).toBe(201);
    break;
  }
  const saved = await office.request('PUT', `/api/problem-categories/${service}/questions`, { questions: QUESTIONS, version: null });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});

describe(`Open311 GeoReport v2 (${engineName})`, () => {
  it('discovery in both formats', async () => {
    const j = await call('GET', '/open311/v2/discovery.json');
    expect(j.status).toBe(200);
    expect(j.json.endpoints[0].specification).toContain('GeoReport_v2');
    expect(j.json.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    const x = await call('GET', '/open311/v2/discovery.xml');
    expect(x.status).toBe(200);
    expect(x.doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    expect(x.doc.discovery.endpoints.endpoint[0].url).toMatch(/\/open311\/v2$/);
  });

  it('services in both formats with no key; services/{code}: the category’s 附加问题 as attributes of every datatype', async () => {
    const j = await call('GET', `/open311/v2/services.json?jurisdiction_id=${jurisdiction}`);
    expect(j.status).toBe(200);
    expect(j.json.find((s: any) => s.service_code === service)).toMatchObject({
      metadata: true,
      type: 'realtime',
      group: `市政设施${t.tag}`.slice(0, 40),
    });
    // A category without questions: metadata false and an empty definition.
    const plain = j.json.find((s: any) => s.service_code === 'E0104');
    expect(plain.metadata).toBe(false);
    expect((await call('GET', '/open311/v2/services/E0104.json')).json).toEqual({ service_code: 'E0104', attributes: [] });
    const x = await call('GET', `/open311/v2/services.xml?jurisdiction_id=${jurisdiction}`);
    expect(x.status).toBe(200);
    expect(x.doc.services.service.find((s: any) => s.service_code === service).metadata).toBe('true');
    expect(x.doc.services.service.find((s: any) => s.service_code === 'E0104').metadata).toBe('false');
    // Another county does not offer this county's own category.
    expect((await call('GET', '/open311/v2/services.json')).json.some((s: any) => s.service_code === service)).toBe(false);

    const dj = await call('GET', `/open311/v2/services/${service}.json?jurisdiction_id=${jurisdiction}`);
    expect(dj.status, dj.text).toBe(200);
    expect(dj.json.service_code).toBe(service);
    expect(dj.json.attributes.map((a: any) => a.code)).toEqual(QUESTIONS.map((q) => q.code));
    expect(dj.json.attributes[1]).toEqual({
      variable: true,
      code: 'cover_state',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: '从列表中选择一项',
      order: 2,
      description: '井盖状况',
      values: [
        { key: 'missing', name: '缺失' },
        { key: 'broken', name: '破损' },
        { key: 'loose', name: '松动' },
      ],
    });
    expect(dj.json.attributes.find((a: any) => a.code === 'count')).toMatchObject({ datatype: 'number', required: false, values: [] });
    const dx = await call('GET', `/open311/v2/services/${service}.xml?jurisdiction_id=${jurisdiction}`);
    expect(dx.status).toBe(200);
    const attrs = dx.doc.service_definition.attributes.attribute;
    expect(attrs.map((a: any) => a.code)).toEqual(QUESTIONS.map((q) => q.code));
    expect(attrs.map((a: any) => a.datatype)).toEqual(QUESTIONS.map((q) => q.datatype));
    const cover = attrs.find((a: any) => a.code === 'cover_state');
    expect(cover).toMatchObject({ variable: 'true', required: 'true', order: '2', description: '井盖状况' });
    expect(cover.values.value.map((v: any) => [v.key, v.name])).toEqual([
      ['missing', '缺失'],
      ['broken', '破损'],
      ['loose', '松动'],
    ]);
    expect(attrs.find((a: any) => a.code === 'impact').values.value.map((v: any) => v.key)).toEqual(['traffic', 'safety']);

    for (const f of ['json', 'xml'] as const) {
      expectError(await call('GET', `/open311/v2/services/X9999.${f}`), 404, 'X9999');
      expectError(await call('GET', `/open311/v2/services.${f}?jurisdiction_id=000000000`), 404, 'jurisdiction_id');
    }
  });

  it('附加问题 are edited by the county office with one schema (bad ones 400, nothing saved), version-guarded and audited', async () => {
    const url = `/api/problem-categories/${service}/questions`;
    const cur = (await office.get(url)).body;
    expect(cur).toMatchObject({ categoryCode: service, version: 1, abilities: { update: true } });
    for (const [questions, words] of [
      [[{ ...QUESTIONS[1], values: [{ key: 'a', name: '甲' }] }], '至少需要 2 个选项'],
      [
        [
          {
            ...QUESTIONS[3],
            values: [
              { key: 'a', name: '甲' },
              { key: 'b', name: '乙' },
            ],
          },
        ],
        '不能设置选项',
      ],
      [[QUESTIONS[0], { ...QUESTIONS[0], order: 2 }], '重复'],
      [[{ ...QUESTIONS[5], code: 'Landmark' }], '小写'],
      [[{ ...QUESTIONS[5], datatype: 'colour' }], '答案类型'],
    ] as const) {
      const res = await office.request('PUT', url, { questions, version: cur.version });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain(words);
    }
    expect((await office.request('PUT', url, { questions: QUESTIONS, version: 99 })).status).toBe(409);
    expect((await office.get(url)).body.questions).toEqual(QUESTIONS);
    // Other roles and other counties: no change (403), a county's category is not another's business (404).
    expect((await (await t.as('unit')).request('PUT', url, { questions: [], version: cur.version })).status).toBe(403);
    const other = await createTenant();
    expect((await (await other.as('office')).get(url)).status).toBe(404);
    // A shipped category is the deployment's: a county office among several may not change it.
    const shipped = await office.request('PUT', '/api/problem-categories/E0104/questions', { questions: [], version: null });
    expect(shipped.status).toBe(403);
    expect(shipped.body.error.message).toContain('市级');
    const { database } = await getHarness();
    const events = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', service).execute();
    expect(events.map((e) => e.action)).toContain('category_questions.updated');
  });

  it('POST requests (form-encoded) in both formats: a pending problem with source open311; identity and answers kept apart', async () => {
    for (const format of ['json', 'xml'] as const) {
      const res = await post(format, {
        service_code: service,
        'attribute[severity]': 'serious',
        'attribute[cover_state]': 'missing',
        'attribute[impact][]': ['safety', 'traffic'],
        'attribute[count]': '2',
        'attribute[observed_at]': '2026-12-01T08:30:00+08:00',
        'attribute[landmark]': '人民路公交站',
        'attribute[details]': '夜间无照明，行人易跌落',
      });
      expect(res.status, res.text).toBe(201);
      const created = format === 'json' ? res.json[0] : res.doc.service_requests.request[0];
      expect(created.service_request_id).toMatch(/^WT\d{6}-/);
      expect(created.token).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.account_id).toBe(citizen.account_id);
      const { database } = await getHarness();
      const p = await database.db
        .selectFrom('problems')
        .selectAll()
        .where('code', '=', created.service_request_id)
        .executeTakeFirstOrThrow();
      expect(p).toMatchObject({ state: 'pending', source: 'open311', severity: 'serious', category_code: service, region_id: t.countyId });
      expect(p.reporter_id).toBeNull();
      expect(p.reporter_name).toBe(`Open311（fms-${t.tag}）`);
      // The answers are not in the description (which Open311 publishes) but on the staff problem page.
      expect(p.description).not.toContain('人民路公交站');
      const detail = await office.get(`/api/problems/${p.id}`);
      expect(detail.body.questionAnswers).toEqual([
        { code: 'severity', question: '严重程度', datatype: 'singlevaluelist', display: '较重' },
        { code: 'cover_state', question: '井盖状况', datatype: 'singlevaluelist', display: '缺失' },
        { code: 'impact', question: '造成的影响', datatype: 'multivaluelist', display: '存在安全隐患、影响通行' },
        { code: 'observed_at', question: '发现时间', datatype: 'datetime', display: '2026-12-01T08:30:00+08:00' },
        { code: 'count', question: '涉及数量（处）', datatype: 'number', display: '2' },
        { code: 'landmark', question: '附近标志物', datatype: 'string', display: '人民路公交站' },
        { code: 'details', question: '补充说明', datatype: 'text', display: '夜间无照明，行人易跌落' },
      ]);
      for (const v of Object.values(citizen)) expect(JSON.stringify(p)).not.toContain(v);
      const kept = await database.db.selectFrom('open311_requests').selectAll().where('problem_id', '=', p.id).executeTakeFirstOrThrow();
      expect(kept).toMatchObject({
        email: citizen.email,
        phone: citizen.phone,
        first_name: '芳',
        last_name: '刘',
        key_id: keyId,
        token: created.token,
      });
      // The office sees it in the triage queue (待受理).
      const queue = await office.get(`/api/problems?state=pending&pageSize=100`);
      expect(queue.body.items.some((x: any) => x.code === created.service_request_id)).toBe(true);
      // Once taken in and public, no Open311 answer carries the answers.
      await accept(created.service_request_id);
      const pub = (await call('GET', `/open311/v2/requests/${created.service_request_id}.${format}`)).text;
      expect(pub).toContain(created.service_request_id);
      for (const secret of ['人民路公交站', '夜间无照明', '较重']) expect(pub).not.toContain(secret);
    }
  });

  it('POST errors in the spec format: missing, bad and revoked key, bad service code, no location, bad attribute', async () => {
    const revoked = await security.post('/api/integrations/keys', { integrator: `old-${t.tag}`, regionId: t.countyId });
    const r = await security.post(`/api/integrations/keys/${revoked.body.item.id}/revoke`, { version: revoked.body.item.version });
    expect(r.status).toBe(200);
    expect(r.body.revokedAt).toBeTruthy();
    for (const f of ['json', 'xml'] as const) {
      expectError(await post(f, { api_key: '' }), 403, 'api_key');
      expectError(await post(f, { api_key: 'ck_wrongwrongwrong' }), 403, 'api_key');
      expectError(await post(f, { api_key: revoked.body.key }), 403, '吊销');
      expectError(await post(f, { service_code: 'Z0000' }), 400, 'service_code');
      expectError(await post(f, { service_code: '' }), 400, 'service_code');
      expectError(await post(f, { lat: '', long: '', address_string: '' }), 400, '位置');
      expectError(await post(f, { lat: '91' }), 400, 'lat');
      const mine = { service_code: service, 'attribute[cover_state]': 'broken' };
      expectError(await post(f, { service_code: service }), 400, 'attribute[cover_state] 必填');
      expectError(await post(f, { ...mine, 'attribute[severity]': 'apocalyptic' }), 400, 'attribute[severity]');
      expectError(await post(f, { ...mine, 'attribute[cover_state][]': ['broken', 'loose'] }), 400, 'attribute[cover_state]');
      expectError(await post(f, { ...mine, 'attribute[impact][]': ['traffic', 'noise'] }), 400, 'noise');
      expectError(await post(f, { ...mine, 'attribute[colour]': 'red' }), 400, 'attribute[colour]');
      expectError(await post(f, { ...mine, 'attribute[observed_at]': '昨天' }), 400, 'attribute[observed_at]');
      expectError(await post(f, { ...mine, 'attribute[count]': '两处' }), 400, 'attribute[count]');
      expectError(await post(f, { ...mine, 'attribute[landmark]': '路'.repeat(101) }), 400, 'attribute[landmark]');
      // A service without questions takes no attribute.
      expectError(await post(f, { service_code: 'E0104', 'attribute[cover_state]': 'broken' }), 400, 'attribute[cover_state]');
      expectError(await post(f, { jurisdiction_id: '999999' }), 403, 'jurisdiction_id');
      expectError(await post(f, { email: 'not-an-email' }), 400, 'email');
    }
    // address_string alone is a location.
    expect((await post('json', { lat: '', long: '' })).status).toBe(201);
  });

  it('GET requests, requests/{id} and tokens/{token} in both formats, with every filter and error', async () => {
    const made = await post('json');
    const code = made.json[0].service_request_id;
    const token = made.json[0].token;
    const second = (await post('json', { service_code: 'E0601' })).json[0].service_request_id;

    // 待受理: the poster reads its own requests back by id (with its api_key) and by token; nobody else sees them.
    for (const f of ['json', 'xml'] as const) {
      const own = await call('GET', `/open311/v2/requests/${code}.${f}?api_key=${key}`);
      expect(own.status, own.text).toBe(200);
      expect(requestsOf(own)[0]).toMatchObject({ service_request_id: code, status: 'open', status_notes: '待受理' });
      const ownIds = await call('GET', `/open311/v2/requests.${f}?service_request_id=${code},${second}&api_key=${key}`);
      expect(
        requestsOf(ownIds)
          .map((x) => x.service_request_id)
          .sort(),
      ).toEqual([code, second].sort());
      expect(requestsOf(await call('GET', `/open311/v2/tokens/${token}.${f}`))[0]).toMatchObject({ service_request_id: code, token });
      expectError(await call('GET', `/open311/v2/requests/${code}.${f}`), 404, code);
      expectError(await call('GET', `/open311/v2/requests/${code}.${f}?api_key=${otherKey}`), 404, code);
      expectError(await call('GET', `/open311/v2/requests/${code}.${f}?api_key=ck_wrongwrongwrong`), 403, 'api_key');
      expect(requestsOf(await call('GET', `/open311/v2/requests.${f}?service_request_id=${code},${second}`))).toEqual([]);
      const unlisted = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}&api_key=${key}`);
      expect(requestsOf(unlisted).map((x) => x.service_request_id)).not.toContain(code);
    }
    // The office takes both in: now they are public.
    await accept(code);
    await accept(second);

    for (const f of ['json', 'xml'] as const) {
      const one = await call('GET', `/open311/v2/requests/${code}.${f}`);
      expect(one.status, one.text).toBe(200);
      const r = requestsOf(one)[0];
      expect(r.service_request_id).toBe(code);
      expect(r.status).toBe('open');
      expect(r.status_notes).toBe('已立案');
      expect(r.service_code).toBe('E0601');
      expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(r.updated_datetime).toMatch(/\+08:00$/);
      expect(Number(r.lat)).toBeCloseTo(39.1002);
      expect(Number(r.long)).toBeCloseTo(116.5003);
      expectError(await call('GET', `/open311/v2/requests/WT000000-000000-999999.${f}`), 404, 'WT000000-000000-999999');

      const byIds = await call('GET', `/open311/v2/requests.${f}?service_request_id=${code},${second}`);
      expect(
        requestsOf(byIds)
          .map((x) => x.service_request_id)
          .sort(),
      ).toEqual([code, second].sort());
      const listed = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}&service_code=E0601&status=open`);
      expect(listed.status).toBe(200);
      expect(requestsOf(listed).map((x) => x.service_request_id)).toContain(code);
      const closed = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}&status=closed`);
      expect(requestsOf(closed).map((x) => x.service_request_id)).not.toContain(code);
      const today = new Date(Date.now() - 3600_000).toISOString().slice(0, 19) + 'Z';
      const ranged = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}&start_date=${today}`);
      expect(requestsOf(ranged).map((x) => x.service_request_id)).toContain(code);
      const before = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}&end_date=2026-01-15`);
      expect(requestsOf(before).map((x) => x.service_request_id)).not.toContain(code);

      expectError(await call('GET', `/open311/v2/requests.${f}?start_date=yesterday`), 400, 'start_date');
      expectError(await call('GET', `/open311/v2/requests.${f}?end_date=2026-13-45`), 400, 'end_date');
      expectError(await call('GET', `/open311/v2/requests.${f}?start_date=2026-01-01&end_date=2026-06-01`), 400, '90');
      expectError(await call('GET', `/open311/v2/requests.${f}?start_date=2026-06-01&end_date=2026-05-01`), 400, 'end_date');
      expectError(await call('GET', `/open311/v2/requests.${f}?status=pending`), 400, 'status');
      expectError(await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=000000000`), 404, 'jurisdiction_id');

      const tk = await call('GET', `/open311/v2/tokens/${token}.${f}`);
      expect(tk.status).toBe(200);
      expect(requestsOf(tk)[0]).toMatchObject({ service_request_id: code, token });
      expectError(await call('GET', `/open311/v2/tokens/${crypto.randomUUID()}.${f}`), 404, 'token');
    }
  });

  it('servicerequestupdates in both formats: status changes with W3C times; date errors; api_key in the query is accepted', async () => {
    const made = (await post('json')).json[0].service_request_id;
    const { database } = await getHarness();
    const p = await database.db.selectFrom('problems').select('id').where('code', '=', made).executeTakeFirstOrThrow();
    await act(office, p.id, 'accept');
    for (const f of ['json', 'xml'] as const) {
      const res = await call('GET', `/open311/v2/servicerequestupdates.${f}?api_key=${key}&jurisdiction_id=${jurisdiction}`);
      expect(res.status, res.text).toBe(200);
      const list = (res.json ?? res.doc.service_request_updates.request_update) as any[];
      const mine = list.filter((u) => u.service_request_id === made);
      expect(mine.map((u) => u.description)).toEqual(['上报：待受理', '立案：已立案']);
      expect(mine.every((u) => u.status === 'open' && /\+08:00$/.test(u.updated_datetime) && u.update_id)).toBe(true);
      expectError(
        await call('GET', `/open311/v2/servicerequestupdates.${f}?start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z`),
        400,
        '90',
      );
      expectError(await call('GET', `/open311/v2/servicerequestupdates.${f}?start_date=2026-02-31`), 400, 'start_date');
    }
  });

  it('unreviewed and rejected reports are never listed publicly; the poster still reads its own back', async () => {
    const pendingCode = (await post('json', { description: `待受理未审核内容 ${t.tag}` })).json[0].service_request_id;
    const rejectedCode = (await post('json', { description: `不予受理内容 ${t.tag}` })).json[0].service_request_id;
    const { database } = await getHarness();
    const rejectedId = (
      await database.db.selectFrom('problems').select(['id', 'version']).where('code', '=', rejectedCode).executeTakeFirstOrThrow()
    ).id;
    const version = (await office.get(`/api/problems/${rejectedId}`)).body.version;
    const r = await office.post(`/api/citizen-reports/triage/${rejectedId}/reject`, {
      version,
      reasonCode: 'untrue',
      note: `内部备注 ${t.tag}`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // A 12345 order waiting in the same queue is not public either.
    const { app } = await getHarness();
    const order = await app.inject({
      method: 'POST',
      url: '/api/hotline/orders',
      headers: { 'x-api-key': key },
      payload: { orderNo: `GD-311-${t.tag}`, content: `热线待受理工单 ${t.tag}`, calledAt: '2026-12-02T09:00:00+08:00' },
    });
    expect(order.statusCode, order.body).toBe(201);
    const orderCode = order.json().problemCode as string;

    for (const f of ['json', 'xml'] as const) {
      for (const query of ['', `&status=open`, `&status=closed`]) {
        const listed = await call('GET', `/open311/v2/requests.${f}?jurisdiction_id=${jurisdiction}${query}`);
        expect(listed.status).toBe(200);
        const codes = requestsOf(listed).map((x) => x.service_request_id);
        for (const c of [pendingCode, rejectedCode, orderCode]) expect(codes).not.toContain(c);
        expect(listed.text).not.toContain('待受理未审核内容');
        expect(listed.text).not.toContain('不予受理内容');
      }
      for (const c of [pendingCode, rejectedCode, orderCode]) expectError(await call('GET', `/open311/v2/requests/${c}.${f}`), 404, c);
      const updates = await call('GET', `/open311/v2/servicerequestupdates.${f}?jurisdiction_id=${jurisdiction}`);
      const updated = (updates.json ?? updates.doc.service_request_updates?.request_update ?? []) as any[];
      for (const c of [pendingCode, rejectedCode, orderCode]) expect(updated.map((u) => u.service_request_id)).not.toContain(c);

      // The poster, with its key: its rejected request read back as closed, and the rejection among its updates.
      const own = requestsOf(await call('GET', `/open311/v2/requests/${rejectedCode}.${f}?api_key=${key}`))[0];
      expect(own).toMatchObject({ service_request_id: rejectedCode, status: 'closed', status_notes: '不予立案' });
      expect(JSON.stringify(own)).not.toContain('内部备注');
      const ownUpdates = await call('GET', `/open311/v2/servicerequestupdates.${f}?jurisdiction_id=${jurisdiction}&api_key=${key}`);
      const mine = ((ownUpdates.json ?? ownUpdates.doc.service_request_updates.request_update) as any[]).filter(
        (u) => u.service_request_id === rejectedCode,
      );
      expect(mine.map((u) => u.status)).toContain('closed');
      // Another integrator's key reads nothing of it; the 12345 order (not posted through Open311) stays hidden.
      expectError(await call('GET', `/open311/v2/requests/${rejectedCode}.${f}?api_key=${otherKey}`), 404, rejectedCode);
      expectError(await call('GET', `/open311/v2/requests/${orderCode}.${f}?api_key=${key}`), 404, orderCode);
    }
  });

  it('only sources the office marks public are listed; covert, staff reports and reporter identity never', async () => {
    const mine = (await post('json')).json[0].service_request_id;
    await accept(mine);
    const staff = await report(office, t.townAId, { description: `办公室督查发现 ${t.tag}` });
    await act(office, staff.id, 'accept');
    const listed = async () =>
      requestsOf(await call('GET', `/open311/v2/requests.json?jurisdiction_id=${jurisdiction}`)).map((r) => r.service_request_id);
    expect(await listed()).toContain(mine);
    expect(await listed()).not.toContain(staff.code);
    expect((await call('GET', `/open311/v2/requests/${staff.code}.json`)).status).toBe(404);
    // The office withdraws Open311 from the public list of its county.
    const before = await office.get(`/api/integrations/settings/regions/${t.countyId}`);
    expect(before.body).toMatchObject({ publicSources: ['citizen', 'open311', 'hotline'], inherited: true, version: null });
    const saved = await office.request('PUT', `/api/integrations/settings/regions/${t.countyId}`, {
      publicSources: ['citizen', 'hotline', 'inspection'],
      hotlineCallbackUrl: null,
      version: null,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await listed()).not.toContain(mine);
    expect(await listed()).toContain(staff.code);
    const covert = await office.request('PUT', `/api/integrations/settings/regions/${t.countyId}`, {
      publicSources: ['covert'],
      hotlineCallbackUrl: null,
      version: saved.body.version,
    });
    expect(covert.status).toBe(400);
    await office.request('PUT', `/api/integrations/settings/regions/${t.countyId}`, {
      publicSources: ['citizen', 'open311', 'hotline'],
      hotlineCallbackUrl: null,
      version: saved.body.version,
    });
    expect(await listed()).toContain(mine);
    const all = (await call('GET', `/open311/v2/requests.json`)).text + (await call('GET', `/open311/v2/servicerequestupdates.xml`)).text;
    for (const v of Object.values(citizen)) expect(all).not.toContain(v);
  });

  it('media_url: a public copy of the photo without EXIF', async () => {
    // A photo whose original carries EXIF (camera and place): the public copy must carry none.
    const withExif = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 200, g: 120, b: 60 } } })
      .jpeg()
      .withExif({ IFD0: { Make: `相机${t.tag}`, Model: 'CC-311' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeTruthy();
    const uploaded = await office.upload('/api/files', withExif, 'photo.jpg');
    expect(uploaded.status).toBe(201);
    const photo = uploaded.body.id as string;
    const p = await report(office, t.townAId, { source: 'citizen', photoIds: [photo], description: `随手拍带照片 ${t.tag}` });
    // Unreviewed, its photo is not public yet.
    const { app: early } = await getHarness();
    expect((await early.inject({ method: 'GET', url: `/open311/v2/media/${photo}.jpg` })).statusCode).toBe(404);
    await act(office, p.id, 'accept');
    const r = requestsOf(await call('GET', `/open311/v2/requests/${p.code}.json`))[0];
    expect(r.media_url).toMatch(new RegExp(`/open311/v2/media/${photo}\\.jpg$`));
    const { app } = await getHarness();
    const img = await app.inject({ method: 'GET', url: new URL(r.media_url).pathname });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(img.rawPayload).metadata()).exif).toBeUndefined();
    expect(img.rawPayload.includes(Buffer.from(`相机${t.tag}`))).toBe(false);
    const staffPhoto = await uploadPhoto(office);
    expect((await app.inject({ method: 'GET', url: `/open311/v2/media/${staffPhoto}.jpg` })).statusCode).toBe(404);
  });

  it('media_url serves only the public derivative: the office’s blur boxes applied, no EXIF, no original file URL', async () => {
    // A detailed photo (noise, so a blur shows) with camera and GPS in its EXIF.
    const w = 160;
    const h = 120;
    const noise = Buffer.alloc(w * h * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + ((i / 3) | 0) * 104729) % 251;
    const original = await sharp(noise, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 95 })
      .withExif({ IFD0: { Make: `车载相机${t.tag}`, Model: 'PLATE-1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 6/1 0/1' } })
      .toBuffer();
    const uploaded = await office.upload('/api/files', original, 'plate.jpg');
    expect(uploaded.status).toBe(201);
    const photo = uploaded.body.id as string;
    const p = await report(office, t.townAId, { source: 'citizen', photoIds: [photo], description: `车牌随手拍 ${t.tag}` });
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    const { app } = await getHarness();
    const fetchMedia = async () => {
      const r = requestsOf(await call('GET', `/open311/v2/requests/${p.code}.json`))[0];
      expect(r.media_url).toMatch(new RegExp(`/open311/v2/media/${photo}\\.jpg$`));
      const img = await app.inject({ method: 'GET', url: new URL(r.media_url).pathname });
      expect(img.statusCode).toBe(200);
      expect(img.headers['cache-control']).toContain('no-cache');
      expect((await sharp(img.rawPayload).metadata()).exif).toBeUndefined();
      expect(img.rawPayload.includes(Buffer.from(`车载相机${t.tag}`))).toBe(false);
      return sharp(img.rawPayload).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    };
    /** Mean absolute difference from the original's pixels inside (or outside) the left half. */
    const ref = await sharp(original).removeAlpha().raw().toBuffer();
    const diff = (img: { data: Buffer; info: { width: number; height: number; channels: number } }, inside: boolean) => {
      expect([img.info.width, img.info.height]).toEqual([w, h]);
      let sum = 0;
      let n = 0;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          if (x < w / 2 !== inside || x === w / 2 - 1 || x === w / 2) continue;
          for (let c = 0; c < 3; c++) sum += Math.abs(img.data[(y * w + x) * 3 + c] - ref[(y * w + x) * 3 + c]);
          n += 3;
        }
      return sum / n;
    };
    // Nobody marked anything yet: the whole picture, re-encoded.
    const plain = await fetchMedia();
    const untouched = diff(plain, true);
    expect(untouched).toBeLessThan(20);
    // The office proposes it for the 曝光台 and marks the left half (a number plate): media_url blurs it at once,
    // before the item is even approved — the marks say what must not be seen in any public answer.
    const exposure = await office.post('/api/exposures', { problemId: p.id });
    expect(exposure.status, JSON.stringify(exposure.body)).toBe(201);
    const edited = await office.post(`/api/exposures/${exposure.body.id}/transitions`, {
      action: 'edit',
      version: exposure.body.version,
      photos: [{ id: exposure.body.photos[0].id, boxes: [{ x: 0, y: 0, w: 0.5, h: 1 }] }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const blurred = await fetchMedia();
    expect(diff(blurred, true)).toBeGreaterThan(Math.max(25, 2 * untouched));
    expect(diff(blurred, false)).toBeLessThan(20);
    // Even with the stored copy gone from the row, the boxes are applied (rendered on the fly).
    const { database } = await getHarness();
    await database.db.updateTable('exposure_photos').set({ public_key: null }).where('file_id', '=', photo).execute();
    expect(diff(await fetchMedia(), true)).toBeGreaterThan(Math.max(25, 2 * untouched));
    // No answer names the original file; the original is not reachable anonymously by the id in media_url.
    for (const f of ['json', 'xml'] as const) {
      const text =
        (await call('GET', `/open311/v2/requests.${f}?service_request_id=${p.code}`)).text +
        (await call('GET', `/open311/v2/servicerequestupdates.${f}`)).text;
      expect(text).toContain(`/open311/v2/media/${photo}.jpg`);
      expect(text).not.toMatch(/\/api\/files|original|thumbnail|evidence/);
    }
    for (const url of [`/api/files/${photo}`, `/api/files/${photo}/original`, `/api/files/${photo}/thumbnail`])
      expect([401, 404]).toContain((await app.inject({ method: 'GET', url })).statusCode);
  });

  it('keys: stored hashed, shown once, audited, listed only for the 安全管理员, rate-limited per key', async () => {
    const { database } = await getHarness();
    const row = await database.db.selectFrom('integration_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await security.get(`/api/integrations/keys?regionId=${t.countyId}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.items.find((k: any) => k.id === keyId)).toMatchObject({ integrator: `fms-${t.tag}`, abilities: { revoke: true } });
    expect((await office.get('/api/integrations/keys')).status).toBe(403);
    expect((await office.post('/api/integrations/keys', { integrator: 'x', regionId: t.countyId })).status).toBe(403);
    expect((await security.post('/api/integrations/keys', { integrator: 'x', regionId: t.townAId })).status).toBe(400);
    const events = await database.db.selectFrom('audit_events').select(['action', 'after']).where('subject_id', '=', keyId).execute();
    expect(events.map((e) => e.action)).toContain('integration_key.issued');
    expect(JSON.stringify(events)).not.toContain(key);

    const slow = await security.post('/api/integrations/keys', {
      integrator: `slow-${t.tag}`,
      regionId: t.countyId,
      rateLimitPerMinute: 2,
    });
    const k = slow.body.key;
    expect((await post('json', { api_key: k })).status).toBe(201);
    expect((await post('json', { api_key: k })).status).toBe(201);
    expectError(await post('xml', { api_key: k }), 429, '每分钟最多 2 次');
  });

  it('api_key never reaches the logs (query string or body)', async () => {
    const lines: string[] = [];
    const { database, clock } = await getHarness();
    const app = await buildApp({ database, clock, logLevel: 'info', serveWeb: false, logStream: { write: (l) => lines.push(l) } });
    await app.ready();
    try {
      await app.inject({ method: 'GET', url: `/open311/v2/servicerequestupdates.xml?api_key=${key}&jurisdiction_id=${jurisdiction}` });
      await app.inject({
        method: 'POST',
        url: `/open311/v2/requests.json?api_key=${key}`,
        payload: `api_key=${key}&service_code=Z0000&lat=39.1&long=116.5`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await app.inject({ method: 'POST', url: '/api/hotline/orders', headers: { 'x-api-key': key }, payload: { orderNo: '' } });
    } finally {
      await app.close();
    }
    const text = lines.join('');
    expect(text).toContain('servicerequestupdates.xml?api_key=[redacted]');
    expect(text).not.toContain(key);
  });
});
