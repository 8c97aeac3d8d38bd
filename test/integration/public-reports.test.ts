/**
 * 随手拍 (citizen reports) over HTTP, both engines: the challenge (replay, forgery, expiry), photos through the public
 * door (type by content; public copies without EXIF), phone codes through the SMS outbox, every bad input (4xx,
 * nothing written), rate limits per address and device, tracking and rating rules, the office's triage (reject with a
 * public reason, merge within 50 m into an open problem, accept through the loop) and the 回访 list with a reopen.
 * Each anonymous call comes from its own made-up address so the limits of one test never reach another.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../server/modules/public-reports/challenge';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { makeSite } from '../support/entities';
import { engineName, getHarness, type Harness } from '../support/harness';
import { act, report, uploadPhoto } from '../support/problems';

let h: Harness;
let t: Tenant;
let other: Tenant;
let office: Client;
let otherOffice: Client;
let unit: Client;
const LAT = 39.1;
const LNG = 116.4;
const OUTBOX = path.join(os.tmpdir(), 'outbox', 'sms.log');

const randomIp = () => `10.${crypto.randomInt(1, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
const newDevice = () => `dev-${crypto.randomBytes(8).toString('hex')}`;

interface Res {
  status: number;
  body: any;
  raw: Buffer;
  headers: Record<string, unknown>;
}

/** An anonymous call from `ip`. */
async function pub(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  ip = randomIp(),
  headers: Record<string, string> = {},
): Promise<Res> {
  const res = await h.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers,
    ...(body === undefined ? {} : Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
  });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, raw: res.rawPayload, headers: res.headers };
}

async function jpeg(withGps = false): Promise<Buffer> {
  const img = sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 200, g: 120, b: 60 } } }).jpeg();
  return withGps
    ? img
        .withExif({ IFD0: { Artist: '张三', Copyright: 'GPS-MARKER' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 6/1 0/1' } })
        .toBuffer()
    : img.toBuffer();
}

function multipart(file: Buffer): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----cc' + crypto.randomBytes(6).toString('hex');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function publicUpload(device: string, file?: Buffer, ip = randomIp()): Promise<Res> {
  const form = multipart(file ?? (await jpeg()));
  return pub('POST', `/api/public/files?deviceId=${device}`, form.body, ip, form.headers);
}

/** The challenges this file took (counts() looks only at them: other files share a PostgreSQL database). */
const issued: string[] = [];

async function proof(ip = randomIp()) {
  const c = await pub('GET', '/api/public/challenge', undefined, ip);
  expect(c.status).toBe(200);
  issued.push(c.body.challenge as string);
  return { challenge: c.body.challenge, salt: c.body.salt, number: solveChallenge(c.body) };
}

/** A valid report body (a fresh photo, device and proof) with overrides. */
async function reportBody(over: Record<string, unknown> = {}) {
  const device = (over.deviceId as string) ?? newDevice();
  const up = await publicUpload(device);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return {
    photoIds: [up.body.id],
    location: { lat: LAT, lng: LNG },
    countyCode: t.countyCode,
    address: '人民路与解放街交叉口东北角',
    categoryCode: 'E0102',
    description: '路口绿化带里堆了很多生活垃圾，已经好几天没人清理',
    deviceId: device,
    proof: await proof(),
    ...over,
  };
}

async function fileReport(over: Record<string, unknown> = {}) {
  const res = await pub('POST', '/api/public/reports', await reportBody(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const code = res.body.trackingCode as string;
  const row = await sql<{ problem_id: string }>`select cr.problem_id from citizen_reports cr
    join problems p on p.id = cr.original_problem_id where p.region_id in (select id from regions where path like ${'%' + t.countyId + '%'})
    order by cr.created_at desc, p.code desc limit 1`.execute(h.database.db);
  // The newest of this tenant is ours only if the tracking code leads there.
  const tracked = await pub('GET', `/api/public/reports/${code}`);
  expect(tracked.status).toBe(200);
  return { code, problemId: row.rows[0]!.problem_id, url: res.body.trackingUrl as string };
}

async function counts() {
  const r = await sql<{ problems: number; reports: number; spent: number }>`select
    (select count(*)::int from problems p join regions r on r.id = p.region_id where r.path like ${'%' + t.countyId + '%'}) as problems,
    (select count(*)::int from citizen_reports cr join problems p on p.id = cr.original_problem_id
       join regions r on r.id = p.region_id where r.path like ${'%' + t.countyId + '%'}) as reports,
    (select count(*)::int from public_challenges where spent_at is not null and challenge = any(${issued}::text[])) as spent`.execute(
    h.database.db,
  );
  return r.rows[0]!;
}

function smsCodeFor(phone: string): string | null {
  if (!fs.existsSync(OUTBOX)) return null;
  const lines = fs
    .readFileSync(OUTBOX, 'utf8')
    .split('\n')
    .filter((l) => l.includes(phone) && l.includes('随手拍验证码'));
  const m = lines.at(-1)?.match(/验证码为 (\d{6})/);
  return m ? m[1]! : null;
}

beforeAll(async () => {
  h = await getHarness();
  t = await createTenant();
  other = await createTenant();
  office = await t.as('office');
  otherOffice = await other.as('office');
  unit = await t.as('unit');
  await makeSite(t, { location: { lat: LAT, lng: LNG } }, office);
});

describe(`随手拍 public API (${engineName})`, () => {
  it('lists the public categories and the counties with their extent', async () => {
    const res = await pub('GET', '/api/public/categories');
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['E0102', 'E0502', 'E0601']));
    expect(res.body.categories.map((c: { code: string }) => c.code)).not.toContain('W0108');
    const county = res.body.counties.find((c: { code: string }) => c.code === t.countyCode);
    expect(county.bounds).toEqual({ south: LAT, west: LNG, north: LAT, east: LNG });
    expect(county.towns[0].name).toContain('城关镇');
  });

  it('files a report with a photo and no account: 201 with a tracking code; the problem waits in 待受理 as 随手拍', async () => {
    const before = await counts();
    const { code, problemId, url } = await fileReport({ name: '刘晓梅' });
    expect(code).toMatch(/^[A-Z2-7]{20}$/);
    expect(url).toBe(`/p/track/${code}`);
    const p = await office.get(`/api/problems/${problemId}`);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ state: 'pending', source: 'citizen' });
    // The problem names the citizen account, never the citizen.
    expect(JSON.stringify(p.body)).not.toContain('刘晓梅');
    expect(JSON.stringify(p.body)).toContain('随手拍群众');
    const after = await counts();
    expect(after.problems).toBe(before.problems + 1);
    const tracking = await pub('GET', `/api/public/reports/${code}`);
    expect(tracking.body).toMatchObject({ status: 'received', statusText: '已受理', canRate: false, rejectReason: null });
    expect(tracking.body.photos).toHaveLength(1);
    expect(JSON.stringify(tracking.body)).not.toContain('刘晓梅');
  });

  it('refuses a replayed, forged or expired challenge and writes nothing', async () => {
    const body = await reportBody();
    expect((await pub('POST', '/api/public/reports', body)).status).toBe(201);
    const before = await counts();
    const again = await reportBody();
    const replay = await pub('POST', '/api/public/reports', { ...again, proof: body.proof });
    expect(replay.status).toBe(400);
    expect(replay.body.error.message).toContain('人机验证');
    const forged = await pub('POST', '/api/public/reports', { ...again, proof: { ...again.proof, number: again.proof.number + 1 } });
    expect(forged.status).toBe(400);
    const stale = await reportBody();
    // Expired by the app's clock (the harness clock, which other tests of this worker may have moved), not the database's.
    const expiredAt = new Date(h.clock.now().getTime() - 60_000);
    await sql`update public_challenges set expires_at = ${expiredAt} where challenge = ${stale.proof.challenge}`.execute(h.database.db);
    const expired = await pub('POST', '/api/public/reports', stale);
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toContain('失效');
    expect(await counts()).toEqual(before);
  });

  it('answers every bad report with a Chinese 4xx and writes nothing', async () => {
    const mine = newDevice();
    const foreign = await publicUpload(newDevice());
    const cases: Array<[string, Record<string, unknown>]> = [
      ['no photo', { photoIds: [] }],
      ['another device’s photo', { photoIds: [foreign.body.id] }],
      ['unknown photo', { photoIds: [crypto.randomUUID()] }],
      ['unknown category', { categoryCode: 'X9999' }],
      ['staff-only category', { categoryCode: 'W0108' }],
      ['short description', { description: '垃圾' }],
      ['phone without code', { phone: '13812345678' }],
      ['code without phone', { phoneCode: '123456' }],
      ['malformed phone', { phone: '12345', phoneCode: '123456' }],
      ['no place at all', { location: null, countyCode: null }],
      ['unknown county', { countyCode: '000000' }],
      ['bad device id', { deviceId: 'x' }],
      ['no proof', { proof: undefined }],
      ['location out of range', { location: { lat: 200, lng: 0 } }],
    ];
    for (const [name, over] of cases) {
      const body = await reportBody({ deviceId: mine });
      const before = await counts();
      const res = await pub('POST', '/api/public/reports', { ...body, ...over });
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      expect(res.body.error.message, name).toMatch(/[\u4e00-\u9fa5]/);
      expect(await counts(), name).toEqual(before);
    }
    // Malformed JSON and a body that is not an object.
    expect((await pub('POST', '/api/public/reports', '{"photoIds":', randomIp(), { 'content-type': 'application/json' })).status).toBe(400);
    // A place outside every county's sites and no county chosen.
    const far = await reportBody({ deviceId: mine });
    const res = await pub('POST', '/api/public/reports', { ...far, countyCode: null, location: { lat: 10, lng: 10 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('服务范围');
  });

  it('takes photos by content and size only, keeps them unreadable by id, and shows public copies without EXIF', async () => {
    const notPhoto = await publicUpload(newDevice(), Buffer.from('%PDF-1.4 这不是照片'));
    expect(notPhoto.status).toBe(415);
    expect(notPhoto.body.error.message).toContain('JPEG');
    const noDevice = await pub('POST', '/api/public/files', multipart(await jpeg()).body, randomIp(), multipart(await jpeg()).headers);
    expect(noDevice.status).toBe(400);

    const device = newDevice();
    const withGps = await jpeg(true);
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const up = await publicUpload(device, withGps);
    expect(up.status).toBe(201);
    // By id: nobody (anonymous, an office elsewhere) reads it; only through the report.
    expect((await pub('GET', `/api/files/${up.body.id}`)).status).toBe(401);
    expect((await otherOffice.get(`/api/files/${up.body.id}`)).status).toBe(404);
    const { code, problemId } = await fileReport({ deviceId: device, photoIds: [up.body.id] });
    expect((await office.get(`/api/files/${up.body.id}/thumbnail`)).status).toBe(200);
    const tracked = await pub('GET', `/api/public/reports/${code}`);
    const photo = await pub('GET', tracked.body.photos[0]);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(photo.raw).metadata();
    expect(meta.exif).toBeUndefined();
    expect(photo.raw.includes(Buffer.from('GPS-MARKER'))).toBe(false);
    // A photo the code does not show, and a code that does not exist.
    const stranger = await uploadPhoto(office);
    expect((await pub('GET', `/api/public/reports/${code}/photos/${stranger}`)).status).toBe(404);
    expect((await pub('GET', `/api/public/reports/AAAAAAAAAAAAAAAAAAAA/photos/${up.body.id}`)).status).toBe(404);
    expect(problemId).toBeTruthy();
  });

  it('verifies a phone with a code from the SMS outbox; a wrong code is refused and counted; one code a minute', async () => {
    const phone = `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
    const ip = randomIp();
    const sent = await pub('POST', '/api/public/phone-codes', { phone, deviceId: newDevice() }, ip);
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const again = await pub('POST', '/api/public/phone-codes', { phone, deviceId: newDevice() }, ip);
    expect(again.status).toBe(429);
    expect(again.body.error.message).toContain('过于频繁');
    expect((await pub('POST', '/api/public/phone-codes', { phone: '110', deviceId: newDevice() })).status).toBe(400);
    const code = smsCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    // The stored message body is blanked once handed to the transport.
    const stored = await sql<{ body: string }>`select body from message_outbox where recipient = ${phone}`.execute(h.database.db);
    expect(stored.rows[0]!.body).not.toContain(code!);

    const before = await counts();
    const wrong = await pub('POST', '/api/public/reports', await reportBody({ phone, phoneCode: code === '000000' ? '111111' : '000000' }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('验证码不正确');
    expect(await counts()).toEqual(before);
    const attempts = await sql<{ attempts: number }>`select attempts from public_phone_codes where phone = ${phone}`.execute(h.database.db);
    expect(attempts.rows[0]!.attempts).toBe(1);

    const { problemId } = await fileReport({ phone, phoneCode: code, name: '赵志刚' });
    const row = await sql<{
      phone: string;
      phone_verified: boolean;
    }>`select phone, phone_verified from citizen_reports where original_problem_id = ${problemId}`.execute(h.database.db);
    expect(row.rows[0]).toEqual({ phone, phone_verified: true });
    // A used code does not work twice.
    const reuse = await pub('POST', '/api/public/reports', await reportBody({ phone, phoneCode: code }));
    expect(reuse.status).toBe(400);
  });

  it('limits reports per device and per address with a Chinese 429 (nothing written)', async () => {
    const device = newDevice();
    for (let i = 0; i < 5; i++) expect((await pub('POST', '/api/public/reports', await reportBody({ deviceId: device }))).status).toBe(201);
    const before = await counts();
    const over = await pub('POST', '/api/public/reports', await reportBody({ deviceId: device }));
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe('同一设备提交随手拍过于频繁，请 1 小时后再试');
    expect((await counts()).problems).toBe(before.problems);

    const ip = randomIp();
    for (let i = 0; i < 10; i++) expect((await pub('POST', '/api/public/reports', await reportBody(), ip)).status).toBe(201);
    const overIp = await pub('POST', '/api/public/reports', await reportBody(), ip);
    expect(overIp.status).toBe(429);
    expect(overIp.body.error.message).toContain('同一网络');
  });

  it('tracking: a malformed code is 400, an unknown one 404, and no answer names the reporter', async () => {
    expect((await pub('GET', '/api/public/reports/abc')).status).toBe(400);
    expect((await pub('GET', '/api/public/reports/AAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await pub('POST', '/api/public/reports/AAAAAAAAAAAAAAAAAAAA/rating', { rating: 'satisfied' })).status).toBe(404);
  });
});

describe(`随手拍 triage, tracking, rating and 回访 (${engineName})`, () => {
  it('lists the queue for the office of the county only, with photos and the reporter; the unit gets 404', async () => {
    const { problemId } = await fileReport({ name: '孙丽', description: '小区门口占道经营的摊位很多，堵住人行道' });
    const q = await office.get('/api/citizen-reports/triage?source=citizen&sort=-createdAt&pageSize=100');
    expect(q.status).toBe(200);
    const item = q.body.items.find((i: { id: string }) => i.id === problemId);
    expect(item).toMatchObject({
      source: 'citizen',
      sourceLabel: '随手拍',
      reporterName: '孙丽',
      abilities: { accept: true, reject: true, merge: true },
    });
    expect(item.photoIds).toHaveLength(1);
    expect(q.body.total).toBeGreaterThanOrEqual(1);
    const filtered = await office.get(`/api/citizen-reports/triage?q=${encodeURIComponent('占道经营的摊位')}`);
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toContain(problemId);
    const elsewhere = await otherOffice.get('/api/citizen-reports/triage?pageSize=100');
    expect(elsewhere.body.items.map((i: { id: string }) => i.id)).not.toContain(problemId);
    expect((await otherOffice.get(`/api/citizen-reports/triage?regionId=${t.countyId}`)).status).toBe(404);
    expect((await unit.get('/api/citizen-reports/triage')).status).toBe(403);
    expect((await otherOffice.get(`/api/citizen-reports/triage/${problemId}/merge-candidates`)).status).toBe(404);
    expect((await office.get('/api/citizen-reports/triage?sort=name')).status).toBe(400);
  });

  it('rejects with a preset reason the citizen sees (never the office note); a second reject and bad reasons are refused', async () => {
    const { code, problemId } = await fileReport();
    const reasons = await office.get('/api/citizen-reports/reject-reasons');
    expect(reasons.body.items.map((r: { label: string }) => r.label)).toEqual(
      expect.arrayContaining(['不属实', '重复', '非职责范围', '信息不全']),
    );
    const p = await office.get(`/api/problems/${problemId}`);
    expect(
      (await office.post(`/api/citizen-reports/triage/${problemId}/reject`, { version: p.body.version, reasonCode: 'nope' })).status,
    ).toBe(400);
    expect(
      (await office.post(`/api/citizen-reports/triage/${problemId}/reject`, { version: p.body.version, reasonCode: 'duplicate' })).status,
    ).toBe(400);
    expect(
      (await otherOffice.post(`/api/citizen-reports/triage/${problemId}/reject`, { version: p.body.version, reasonCode: 'untrue' })).status,
    ).toBe(404);
    const stale = await office.post(`/api/citizen-reports/triage/${problemId}/reject`, {
      version: p.body.version + 5,
      reasonCode: 'untrue',
    });
    expect(stale.status).toBe(409);
    const res = await office.post(`/api/citizen-reports/triage/${problemId}/reject`, {
      version: p.body.version,
      reasonCode: 'untrue',
      note: '内部备注：现场核查为临时堆放',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('rejected');
    const tracking = await pub('GET', `/api/public/reports/${code}`);
    expect(tracking.body).toMatchObject({ status: 'rejected', statusText: '不予受理', rejectReason: '经核实，反映的情况不属实。' });
    expect(JSON.stringify(tracking.body)).not.toContain('内部备注');
    const twice = await office.post(`/api/citizen-reports/triage/${problemId}/reject`, {
      version: res.body.version ?? 99,
      reasonCode: 'untrue',
    });
    expect(twice.status).toBe(422);
  });

  it('merges into an open problem within 50 m of the same category; its citizens follow the survivor', async () => {
    const survivor = await report(office, t.townAId, {
      categoryCode: 'E0102',
      source: 'citizen',
      location: { lat: LAT + 0.0002, lng: LNG },
    });
    const far = await report(office, t.townAId, { categoryCode: 'E0102', source: 'citizen', location: { lat: LAT + 0.003, lng: LNG } });
    const otherKind = await report(office, t.townAId, { categoryCode: 'E0502', source: 'citizen', location: { lat: LAT, lng: LNG } });
    await act(office, survivor.id, 'accept');
    const { code, problemId } = await fileReport();
    const cands = await office.get(`/api/citizen-reports/triage/${problemId}/merge-candidates`);
    expect(cands.status).toBe(200);
    const ids = cands.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(survivor.id);
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(otherKind.id);
    const s = cands.body.items.find((c: { id: string }) => c.id === survivor.id);
    expect(s.distanceMeters).toBeGreaterThan(15);
    expect(s.distanceMeters).toBeLessThan(30);
    const p = await office.get(`/api/problems/${problemId}`);
    const bad = await office.post(`/api/citizen-reports/triage/${problemId}/merge`, { version: p.body.version, targetId: far.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('50 米');
    const res = await office.post(`/api/citizen-reports/triage/${problemId}/merge`, { version: p.body.version, targetId: survivor.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'rejected', duplicateOf: survivor.id });
    // The citizen now follows the survivor, which is being handled.
    const tracking = await pub('GET', `/api/public/reports/${code}`);
    expect(tracking.body.status).toBe('processing');
    expect(tracking.body.photos).toHaveLength(1);
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action = 'problem.merged' and subject_id = ${problemId}`.execute(h.database.db);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('follows the loop to 已办结 with the after-photo; rates once after closing; 不满意 goes to 回访, which may reopen', async () => {
    const { code, problemId } = await fileReport({ name: '周建华' });
    const early = await pub('POST', `/api/public/reports/${code}/rating`, { rating: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('办结后');
    await act(office, problemId, 'accept');
    expect((await pub('GET', `/api/public/reports/${code}`)).body.status).toBe('processing');
    await act(office, problemId, 'dispatch', { unitId: t.unitAId });
    await act(unit, problemId, 'acknowledge');
    const after = await uploadPhoto(unit);
    await act(unit, problemId, 'submit_rectification', { measures: '已组织清运垃圾并恢复绿化带', photoIds: [after] });
    await act(office, problemId, 'verify', { passed: true });
    const closed = await pub('GET', `/api/public/reports/${code}`);
    expect(closed.body).toMatchObject({ status: 'closed', statusText: '已办结', canRate: true });
    expect(closed.body.afterPhotos).toEqual([`/api/public/reports/${code}/photos/${after}`]);
    expect((await pub('GET', closed.body.afterPhotos[0])).status).toBe(200);
    // No staff names or notes in the public answer.
    expect(JSON.stringify(closed.body)).not.toMatch(/unit用户|office用户|清运垃圾/);

    expect((await pub('POST', `/api/public/reports/${code}/rating`, { rating: 'great' })).status).toBe(400);
    const rated = await pub('POST', `/api/public/reports/${code}/rating`, { rating: 'dissatisfied', comment: '垃圾第二天又堆上了' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toMatchObject({ canRate: false, rating: { value: 'dissatisfied', label: '不满意', comment: '垃圾第二天又堆上了' } });
    const twice = await pub('POST', `/api/public/reports/${code}/rating`, { rating: 'satisfied' });
    expect(twice.status).toBe(409);

    const list = await office.get('/api/citizen-reports/followups?state=open&pageSize=100');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { problemId: string }) => i.problemId === problemId);
    expect(item).toMatchObject({ rating: 'dissatisfied', ratingLabel: '不满意', reporterName: '周建华', state: 'open', canReopen: true });
    expect(
      (await otherOffice.get('/api/citizen-reports/followups?pageSize=100')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(item.id);
    expect((await otherOffice.post(`/api/citizen-reports/followups/${item.id}`, { result: '电话回访', reopen: false })).status).toBe(404);
    expect((await unit.get('/api/citizen-reports/followups')).status).toBe(403);
    expect((await office.post(`/api/citizen-reports/followups/${item.id}`, { result: '', reopen: true })).status).toBe(400);
    const bell = await office.get('/api/notifications?pageSize=50');
    expect(JSON.stringify(bell.body)).toContain('待回访');

    const answered = await office.post(`/api/citizen-reports/followups/${item.id}`, { result: '电话回访属实，重新交办', reopen: true });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ state: 'done', reopened: true });
    expect(answered.body.problemId).not.toBe(problemId);
    expect((await office.post(`/api/citizen-reports/followups/${item.id}`, { result: '再次回访', reopen: false })).status).toBe(409);
    const reopened = await pub('GET', `/api/public/reports/${code}`);
    expect(reopened.body.status).toBe('processing');
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action = 'citizen_report.followed_up' and subject_id = ${item.id}`.execute(
      h.database.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('asks the category’s 附加问题: shown on the form, required ones and bad values refused naming the question, answers kept for staff only', async () => {
    // 下水道堵塞或破损 with three questions, as the office would set them (the deployment's category: removed afterwards).
    const questions = [
      {
        code: 'severity',
        datatype: 'singlevaluelist',
        required: true,
        description: '是否影响通行',
        order: 1,
        values: [
          { key: 'normal', name: '不影响' },
          { key: 'serious', name: '影响通行' },
        ],
      },
      {
        code: 'smell',
        datatype: 'multivaluelist',
        required: false,
        description: '现场情况',
        order: 2,
        values: [
          { key: 'odor', name: '有异味' },
          { key: 'overflow', name: '污水外溢' },
        ],
      },
      { code: 'depth', datatype: 'number', required: false, description: '积水深度（厘米）', order: 3, values: [] },
    ];
    await sql`insert into category_questions (category_code, questions, updated_at) values ('E0404', ${JSON.stringify(questions)}::jsonb, now())`.execute(
      h.database.db,
    );
    try {
      const options = await pub('GET', '/api/public/categories');
      const e0404 = options.body.categories.find((c: { code: string }) => c.code === 'E0404');
      expect(e0404.questions.map((q: { code: string; required: boolean }) => [q.code, q.required])).toEqual([
        ['severity', true],
        ['smell', false],
        ['depth', false],
      ]);
      expect(e0404.questions[0].values).toEqual([
        { key: 'normal', name: '不影响' },
        { key: 'serious', name: '影响通行' },
      ]);
      expect(options.body.categories.find((c: { code: string }) => c.code === 'E0201').questions).toEqual([]);
      // The shipped example: 暴露垃圾 asks 垃圾数量, optional — a report without it is taken (the other tests send none).
      expect(options.body.categories.find((c: { code: string }) => c.code === 'E0102').questions).toEqual([
        expect.objectContaining({ code: 'amount', datatype: 'singlevaluelist', required: false, description: '垃圾数量' }),
      ]);

      for (const [answers, message] of [
        [undefined, '「是否影响通行」为必答题'],
        [{ severity: 'urgent' }, '「是否影响通行」须为以下之一'],
        [{ severity: 'serious', depth: '很深' }, '「积水深度（厘米）」须为一个数字'],
        [{ severity: 'serious', smell: ['odor', 'fire'] }, '「现场情况」含未知取值：fire'],
        [{ severity: 'serious', colour: '黑' }, '不是该类别的附加问题'],
      ] as const) {
        const before = await counts();
        const res = await pub('POST', '/api/public/reports', await reportBody({ categoryCode: 'E0404', answers }));
        expect(res.status, JSON.stringify(answers)).toBe(400);
        expect(res.body.error.message).toContain(message);
        expect(await counts()).toEqual(before);
      }

      const { code, problemId } = await fileReport({
        categoryCode: 'E0404',
        description: '人民路东段雨水井堵塞，污水漫到人行道上',
        answers: { severity: 'serious', smell: ['odor', 'overflow'], depth: '12' },
      });
      const p = await office.get(`/api/problems/${problemId}`);
      expect(p.body.severity).toBe('serious');
      expect(p.body.questionAnswers).toEqual([
        { code: 'severity', question: '是否影响通行', datatype: 'singlevaluelist', display: '影响通行' },
        { code: 'smell', question: '现场情况', datatype: 'multivaluelist', display: '有异味、污水外溢' },
        { code: 'depth', question: '积水深度（厘米）', datatype: 'number', display: '12' },
      ]);
      // The office's 待受理 queue shows them beside the description.
      const queue = await office.get('/api/citizen-reports/triage?pageSize=100&sort=-createdAt');
      expect(queue.body.items.find((i: { id: string }) => i.id === problemId).answers).toEqual([
        { question: '是否影响通行', display: '影响通行' },
        { question: '现场情况', display: '有异味、污水外溢' },
        { question: '积水深度（厘米）', display: '12' },
      ]);
      // Not in the citizen's tracking page (the answers are for staff).
      const tracked = await pub('GET', `/api/public/reports/${code}`);
      expect(JSON.stringify(tracked.body)).not.toContain('污水外溢');
    } finally {
      await sql`delete from category_questions where category_code = 'E0404'`.execute(h.database.db);
    }
  });

  it('accepts through the loop’s own transition', async () => {
    const { code, problemId } = await fileReport();
    await act(office, problemId, 'accept');
    const q = await office.get('/api/citizen-reports/triage?pageSize=100');
    expect(q.body.items.map((i: { id: string }) => i.id)).not.toContain(problemId);
    expect((await pub('GET', `/api/public/reports/${code}`)).body.statusText).toBe('处理中');
  });
});
