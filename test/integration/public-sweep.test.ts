/**
 * The public anonymous sweep (issue 11): every route registered under /api/public and /open311/v2 (enumerated from
 * the app's OpenAPI document, so a route added later is walked too) is called as an anonymous caller — GETs with
 * their parameters filled from a real county, POSTs with an empty body — and no answer may carry a marker of what
 * must never be public: the reporter of a citizen report (name, phone, device), an Open311-like identity, an
 * unreleased covert finding, internal notes (timeline comments, the office's reject note, a unit's measures) and staff
 * accounts. A route whose parameter the sweep cannot fill fails it: add the parameter to PARAMS (and its record to
 * beforeAll). Photos answered publicly must carry no EXIF.
 *
 * Engineers B (Open311, 12345) and C (曝光台, 红黑榜) add their records and parameter mappings here.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRound } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report, uploadPhoto } from '../support/problems';
import { fileCitizenReport, randomIp } from '../support/public-reports';
import { makeHonourWorld } from '../support/honours';
import { GOOD_ANSWERS, makePublicWave, proofFor } from '../support/public-surveys';
import { makeUscc, receiptJpeg } from '../support/charity';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
let routes: Array<{ method: string; path: string }> = [];
/** Text that must never appear in a public answer. */
const MARKERS: string[] = [];
let NOMINATING_SELECTION = '';
/** Values for path parameters, by `{name}` or by the path up to and including the parameter. */
const PARAMS: Record<string, string> = {};

/** The path with its parameters filled, or the names it could not fill. */
function fill(path: string): { url: string; missing: string[] } {
  const missing: string[] = [];
  const url = path.replace(/\{([^}]+)\}/g, (whole, name: string, index: number) => {
    const value = PARAMS[path.slice(0, index + whole.length)] ?? PARAMS[whole];
    if (value === undefined) missing.push(`${path}: ${name}`);
    return encodeURIComponent(value ?? '');
  });
  return { url, missing };
}

beforeAll(async () => {
  const { app, database, clock } = await getHarness();
  t = await createTenant();
  const office = await t.as('office');
  const unit = await t.as('unit');
  const tag = t.tag;

  // 随手拍 with the reporter's name and a verified phone; accepted, dispatched and fixed with internal notes.
  const phone = `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
  const name = `马冬梅${tag}`;
  const ip = randomIp();
  const sent = await app.inject({
    method: 'POST',
    url: '/api/public/phone-codes',
    remoteAddress: ip,
    payload: { phone, deviceId: `dev-${tag}-sweep` },
  });
  expect(sent.statusCode, sent.body).toBe(202);
  // The code is read from the outbox's table before delivery blanks it? It is delivered at once: use a fresh code row.
  const code6 = '246810';
  // Hashed as the app does: HMAC-SHA256 under the deployment's own key (hash-key.ts).
  const key = (await sql<{ value: string }>`select value from deployment_secrets where name = 'public_hash_key'`.execute(database.db))
    .rows[0]!.value;
  const codeHash = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(`cc-phone:${phone}:${code6}`).digest('hex');
  await sql`update public_phone_codes set code_hash = ${codeHash} where phone = ${phone} and used_at is null`.execute(database.db);
  const rich = await fileCitizenReport(t, { name, phone, phoneCode: code6 });
  const device = (
    await sql<{ device_id: string }>`select device_id from citizen_reports where id = ${rich.citizenReportId}`.execute(database.db)
  ).rows[0]!.device_id;
  MARKERS.push(name, phone, device, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await act(office, rich.problemId, 'accept', { comment: `内部立案意见${tag}` });
  await act(office, rich.problemId, 'dispatch', { unitId: t.unitAId, comment: `内部派遣说明${tag}` });
  await act(unit, rich.problemId, 'acknowledge', { comment: `内部签收${tag}` });
  await act(unit, rich.problemId, 'submit_rectification', { measures: `内部整改措施${tag}`, photoIds: [await uploadPhoto(unit)] });
  await act(office, rich.problemId, 'verify', { passed: true, comment: `内部核查意见${tag}` });
  MARKERS.push(`内部立案意见${tag}`, `内部派遣说明${tag}`, `内部签收${tag}`, `内部整改措施${tag}`, `内部核查意见${tag}`);

  // A rejected one with the office's internal note.
  const rejected = await fileCitizenReport(t, { name: `王小二${tag}` });
  MARKERS.push(`王小二${tag}`);
  const version = (await office.get(`/api/problems/${rejected.problemId}`)).body.version;
  const r = await office.post(`/api/citizen-reports/triage/${rejected.problemId}/reject`, {
    version,
    reasonCode: 'untrue',
    note: `内部备注${tag}`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  MARKERS.push(`内部备注${tag}`);

  // An unreleased covert finding in the same county (a problem of a covert round, not yet released).
  const round = await makeRound(t, { kind: 'covert' });
  const covert = await report(office, t.townAId, { description: `暗访未发布问题${tag}`, categoryCode: 'E0102' });
  await sql`update problems set round_id = ${round.id}, source = 'covert' where id = ${covert.id}`.execute(database.db);
  MARKERS.push(`暗访未发布问题${tag}`, covert.code);

  // Staff accounts never appear.
  MARKERS.push(t.users.office.username, t.users.unit.username, 'office用户', 'unit用户');
  // A request posted through Open311 with the citizen's identity, and a 12345 work order with its caller (stored masked).
  const security = await t.as('security');
  const apiKey = (await security.post('/api/integrations/keys', { integrator: `sweep-${tag}`, regionId: t.countyId })).body.key as string;
  const identity = {
    email: `open311-identity-${tag}@example.cn`,
    first_name: `冬梅${tag}`,
    last_name: `马${tag}`,
    phone: '13700001234',
    device_id: `o311-device-${tag}`,
    account_id: `o311-account-${tag}`,
  };
  const posted = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: apiKey,
      service_code: 'E0102',
      lat: '39.1001',
      long: '116.5001',
      description: `Open311 人行道破损${tag}`,
      ...identity,
    }).toString(),
  });
  expect(posted.statusCode, posted.body).toBe(201);
  MARKERS.push(...Object.values(identity), apiKey);
  const hotline = await app.inject({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: { 'x-api-key': apiKey },
    payload: {
      orderNo: `GD-${tag}`,
      content: `幸福路垃圾满溢${tag}`,
      calledAt: '2026-12-01T09:00:00+08:00',
      caller: `周秀英${tag} 13811112222`,
    },
  });
  expect(hotline.statusCode, hotline.body).toBe(201);
  MARKERS.push(`周秀英${tag}`, '13811112222');

  PARAMS['{trackingCode}'] = rich.code;
  PARAMS['/api/public/reports/{trackingCode}/photos/{fileId}'] = rich.photoId;
  // 曝光台: the closed 随手拍 problem published (a box blurred, returned once with an internal reason, approved with a
  // comment); a second item published and then taken down — its title must be gone from every public answer.
  const leader = await t.as('leader');
  const exposureStep = async (c: typeof office, id: string, action: string, body: Record<string, unknown> = {}) => {
    const cur = (await office.get(`/api/exposures/${id}`)).body;
    const res = await c.post(`/api/exposures/${id}/transitions`, { action, version: cur.version, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const exposure = (await office.post('/api/exposures', { problemId: rich.problemId })).body;
  expect(exposure.photos.length, JSON.stringify(exposure)).toBeGreaterThan(0);
  await exposureStep(office, exposure.id, 'edit', {
    title: `公开曝光标题${tag}`,
    description: '人行道垃圾堆放问题已交责任单位整改，现公开曝光接受监督。',
    photos: [{ id: exposure.photos[0].id, boxes: [{ x: 0.1, y: 0.1, w: 0.3, h: 0.3 }] }],
  });
  await exposureStep(office, exposure.id, 'submit');
  await exposureStep(leader, exposure.id, 'return', { reason: `内部退回理由${tag}` });
  await exposureStep(office, exposure.id, 'submit');
  await exposureStep(leader, exposure.id, 'approve', { comment: `内部审批意见${tag}` });
  const gone = await report(office, t.townAId, {
    description: `将被撤下的问题${tag}`,
    categoryCode: 'E0102',
    photoIds: [await uploadPhoto(office)],
  });
  await act(office, gone.id, 'accept');
  await act(office, gone.id, 'dispatch', { unitId: t.unitAId });
  const down = (await office.post('/api/exposures', { problemId: gone.id })).body;
  await exposureStep(office, down.id, 'edit', { title: `已撤下的曝光${tag}`, description: '这条曝光随后撤下，公开页面不应再出现。' });
  await exposureStep(office, down.id, 'submit');
  await exposureStep(leader, down.id, 'approve');
  await exposureStep(office, down.id, 'take_down', { reason: `内部撤下理由${tag}` });
  MARKERS.push(`内部退回理由${tag}`, `内部审批意见${tag}`, `已撤下的曝光${tag}`, `内部撤下理由${tag}`, down.id);
  PARAMS['/api/public/exposures/{id}'] = exposure.id;
  PARAMS['{photoId}'] = exposure.photos[0].id;
  PARAMS['/api/public/units/{id}'] = t.unitAId;
  // Engineer B: Open311's parameters.
  PARAMS['{service_code}'] = 'E0102';
  PARAMS['{service_request_id}'] = posted.json()[0].service_request_id;
  PARAMS['{token}'] = posted.json()[0].token;
  PARAMS['/open311/v2/media/{fileId}'] = rich.photoId;
  // 问卷调查: an open wave with a public link, answered once from a phone; the wave's id, the device and the quota
  // figures are never public.
  const survey = await makePublicWave(database.db, clock.now(), t.countyId, [t.townAId, t.townBId]);
  const surveyIp = randomIp();
  const surveyDevice = `dev-${tag}-survey-sweep`;
  const answered = await app.inject({
    method: 'POST',
    url: `/api/public/surveys/${survey.token}/responses`,
    remoteAddress: surveyIp,
    payload: {
      deviceId: surveyDevice,
      proof: await proofFor(app, surveyIp),
      profile: { townId: t.townAId, group: 'citizen', gender: 'male', age: 41, residence: 'gt3y' },
      answers: GOOD_ANSWERS,
    },
  });
  expect(answered.statusCode, answered.body).toBe(201);
  MARKERS.push(survey.waveId, surveyDevice);
  PARAMS['{waveToken}'] = survey.token;
  // 好人之城: a county selection in public voting — the candidate's story and photo (EXIF stripped) are public; the
  // contact, the office's notes, the rejected nominee and the reason never are.
  const honours = await makeHonourWorld(t, office, unit, 'voting');
  PARAMS['{selectionId}'] = honours.selectionId;
  PARAMS['/api/public/honours/candidates/{id}'] = honours.nominationId;
  PARAMS['/api/public/honours/candidates/{id}/photos/{fileId}'] = honours.photoId;
  MARKERS.push(...honours.secrets);
  // A selection in its nomination period is listed (to nominate for it), but none of its nominations, not even a
  // verified one, until voting starts.
  const nominating = await makeHonourWorld(t, office, unit, 'nominating');
  NOMINATING_SELECTION = nominating.selectionId;
  MARKERS.push(...nominating.secrets);
  // 志愿之城: an approved volunteer's certificate, issued once by the office; the public check shows 赵** and the hours,
  // never the full name, the phone or the ID number (not even masked).
  const team = await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'detachment', name: `城关镇志愿服务支队${tag}` });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  const idBody = `1101${String(crypto.randomInt(0, 1e13)).padStart(13, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const idNumber = idBody + '10X98765432'[weights.reduce((sum, w, i) => sum + w * Number(idBody[i]), 0) % 11];
  const volunteerPhone = `136${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const joined = await (
    await t.as('grid')
  ).post('/api/volunteers/join', {
    name: `赵志远${tag}`,
    idNumber,
    teamId: team.body.id,
    phone: volunteerPhone,
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  expect((await office.post(`/api/volunteers/${joined.body.id}/review`, { decision: 'approve', version: 1 })).status).toBe(200);
  expect((await office.get(`/api/volunteers/${joined.body.id}/certificate.docx`)).status).toBe(200);
  const cert = await database.db
    .selectFrom('volunteers')
    .select('certificate_code')
    .where('id', '=', joined.body.id)
    .executeTakeFirstOrThrow();
  PARAMS['/api/public/volunteer-certificates/{code}'] = cert.certificate_code!;
  MARKERS.push(`赵志远${tag}`, volunteerPhone, idNumber, joined.body.idNumber, joined.body.id);
  // 慈善之家: an organisation with its contact, a project whose admin records an anonymous donation with the donor's
  // phone and a spending with a receipt photo (EXIF stripped on upload): contact data and recorders are never public.
  const org = await office.post('/api/charity/organisations', {
    regionId: t.countyId,
    name: `县慈善总会${tag}`,
    creditCode: makeUscc('51'),
    kind: 'association',
    contactName: `刘建华${tag}`,
    contactPhone: '0311-85123456',
    address: `人民路内部地址${tag}`,
  });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  expect((await office.request('PUT', `/api/charity/organisations/${org.body.id}/admins`, { userIds: [t.users.unit.id] })).status).toBe(
    200,
  );
  const charity = await unit.post('/api/charity/projects', {
    orgId: org.body.id,
    regionId: t.townAId,
    name: `春蕾助学${tag}`,
    category: 'education',
    goalFen: 10_000_000,
    beneficiaries: '困难学生',
    startsOn: '2026-09-01',
  });
  expect(charity.status, JSON.stringify(charity.body)).toBe(201);
  const receiptForm = multipartForm({}, [['发票.jpg', await receiptJpeg()]]);
  const receipt = await unit.request('POST', `/api/charity/projects/${charity.body.id}/receipts`, receiptForm.body, {
    headers: receiptForm.headers,
  });
  expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
  const donorPhone = `135${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`;
  for (const entry of [
    { kind: 'donation', donationType: 'money', amountFen: 50_000, donorContact: donorPhone, occurredOn: '2026-11-20', purpose: '助学' },
    { kind: 'spending', amountFen: 30_000, purpose: '采购文具', occurredOn: '2026-11-21', receiptIds: [receipt.body.id] },
  ]) {
    const res = await unit.post(`/api/charity/projects/${charity.body.id}/entries`, entry);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  PARAMS['/api/public/charity/projects/{id}'] = charity.body.id;
  PARAMS['/api/public/charity/receipts/{id}'] = receipt.body.id;
  MARKERS.push(donorPhone, `刘建华${tag}`, '0311-85123456', `人民路内部地址${tag}`, receipt.body.url);

  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths)
    .filter(([p]) => p.startsWith('/api/public/') || p.startsWith('/open311/'))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    );
}, 180_000);

describe(`public anonymous sweep (${engineName})`, () => {
  it('finds the public routes and can fill every parameter', () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/public/reports/{trackingCode}',
        'POST /api/public/reports',
        'GET /api/public/challenge',
        'GET /api/public/surveys/{waveToken}',
        'POST /api/public/surveys/{waveToken}/responses',
      ]),
    );
    const missing = routes.flatMap((r) => fill(r.path).missing);
    expect(missing, 'add the parameter to PARAMS (and its record to beforeAll)').toEqual([]);
  });

  it('no public answer carries a reporter, a covert finding, an internal note or a staff account; public photos carry no EXIF', async () => {
    const { app } = await getHarness();
    const failures: string[] = [];
    let walked = 0;
    for (const r of routes) {
      const { url } = fill(r.path);
      const res = await app.inject({
        method: r.method as 'GET',
        url,
        remoteAddress: randomIp(),
        ...(r.method === 'GET' ? {} : { payload: {} }),
      });
      walked++;
      const label = `${r.method} ${r.path} → ${res.statusCode}`;
      // 401 means the route wants a session; posting to Open311 without its api_key is a 403 by the spec.
      if (res.statusCode === 401) failures.push(`${label}: not answered to an anonymous caller`);
      if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 200)}`);
      const type = String(res.headers['content-type'] ?? '');
      if (type.startsWith('image/')) {
        const meta = await sharp(res.rawPayload).metadata();
        if (meta.exif) failures.push(`${label}: the photo carries EXIF`);
        continue;
      }
      const text = res.body;
      for (const m of MARKERS) if (text.includes(m)) failures.push(`${label}: carries “${m}”`);
    }
    expect(walked).toBe(routes.length);
    expect(failures).toEqual([]);
  }, 120_000);

  it('a selection in its nomination period is listed as 推荐中 and shows no candidates', async () => {
    const { app } = await getHarness();
    const list = await app.inject({ method: 'GET', url: '/api/public/honours/selections?pageSize=50', remoteAddress: randomIp() });
    expect(list.json().items.find((s: { id: string }) => s.id === NOMINATING_SELECTION)?.phase).toBe('nominating');
    const res = await app.inject({ method: 'GET', url: `/api/public/honours/${NOMINATING_SELECTION}`, remoteAddress: randomIp() });
    expect(res.statusCode).toBe(200);
    expect(res.json().candidates).toEqual([]);
  });

  it('the tracking answer of the rich report shows it closed with its after-photo and nothing else', async () => {
    const { app } = await getHarness();
    const res = await app.inject({ method: 'GET', url: `/api/public/reports/${PARAMS['{trackingCode}']}`, remoteAddress: randomIp() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', canRate: true });
    expect(res.json().afterPhotos).toHaveLength(1);
  });
});
