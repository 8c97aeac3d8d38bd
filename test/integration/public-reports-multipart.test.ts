/**
 * 随手拍 as one multipart/form-data request (the contract's other form of `POST /api/public/reports`): the photos
 * travel with the fields, go through the upload pipeline and its limits, and the report is the same as the JSON one.
 * Bad input answers 4xx and stores nothing.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../server/modules/public-reports/challenge';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { randomIp } from '../support/public-reports';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const photo = (r: number) =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: { r, g: 140, b: 90 } } })
    .withExif({ IFD0: { Make: 'cc-camera' } })
    .jpeg()
    .toBuffer();

function form(fields: Record<string, string>, files: Buffer[]) {
  const b = '----cc' + crypto.randomBytes(6).toString('hex');
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    ...files.flatMap((data, i) => [
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      data,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${b}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${b}` };
}

/** Reports and uploads of the given devices (other files share a PostgreSQL database: count only ours). */
async function counts(devices: string[]) {
  const { database } = await getHarness();
  const r = await sql<{ reports: number; uploads: number }>`select
    (select count(*)::int from citizen_reports where device_id = any(${devices}::text[])) as reports,
    (select count(*)::int from public_uploads where device_id = any(${devices}::text[])) as uploads`.execute(database.db);
  return r.rows[0];
}

/** A solved challenge and the base fields of a good report, from `ip`. */
async function fields(ip: string, over: Record<string, string> = {}) {
  const { app } = await getHarness();
  const challenge = (await app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip })).json();
  return {
    deviceId: `dev-${crypto.randomBytes(8).toString('hex')}`,
    countyCode: t.countyCode,
    categoryCode: 'E0102',
    description: '公交站台旁垃圾桶满溢，地面散落垃圾',
    address: '人民路公交站',
    name: '刘晓梅',
    proof: JSON.stringify({ challenge: challenge.challenge, salt: challenge.salt, number: solveChallenge(challenge) }),
    ...over,
  };
}

async function post(ip: string, f: Record<string, string>, files: Buffer[]) {
  const { app } = await getHarness();
  const { body, contentType } = form(f, files);
  return app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: ip,
    headers: { 'content-type': contentType },
    payload: body,
  });
}

describe(`POST /api/public/reports as multipart/form-data (${engineName})`, () => {
  it('files the report with its photos in one request; tracking shows them without EXIF and without the reporter', async () => {
    const { app } = await getHarness();
    const ip = randomIp();
    const f = await fields(ip);
    expect(await counts([f.deviceId])).toEqual({ reports: 0, uploads: 0 });
    const res = await post(ip, f, [await photo(100), await photo(200)]);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode, trackingUrl } = res.json();
    expect(trackingUrl).toContain(trackingCode);
    expect(await counts([f.deviceId])).toEqual({ reports: 1, uploads: 2 });

    // The address is kept only as a keyed hash (HMAC under the deployment's own key), not a plain one anyone could
    // reverse by hashing every IPv4 address.
    const { database } = await getHarness();
    const trackingHash = crypto.createHash('sha256').update(`cc-tracking:${trackingCode}`).digest('hex');
    const stored = (
      await sql<{ ip_hash: string }>`select ip_hash from citizen_reports where tracking_hash = ${trackingHash}`.execute(database.db)
    ).rows[0];
    const key = (await sql<{ value: string }>`select value from deployment_secrets where name = 'public_hash_key'`.execute(database.db))
      .rows[0];
    expect(key.value).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.ip_hash).toBe(crypto.createHmac('sha256', Buffer.from(key.value, 'hex')).update(`cc-public:ip:${ip}`).digest('hex'));
    expect(stored.ip_hash).not.toBe(crypto.createHash('sha256').update(`cc-public:ip:${ip}`).digest('hex'));

    const tracking = await app.inject({ method: 'GET', url: `/api/public/reports/${trackingCode}`, remoteAddress: ip });
    expect(tracking.statusCode).toBe(200);
    expect(tracking.json().photos).toHaveLength(2);
    expect(tracking.body).not.toContain('刘晓梅');
    const first = await app.inject({ method: 'GET', url: tracking.json().photos[0] as string, remoteAddress: ip });
    expect(first.statusCode).toBe(200);
    expect((await sharp(first.rawPayload).metadata()).exif).toBeUndefined();
  });

  it('takes the 附加问题 answers as a JSON field (暴露垃圾 asks 垃圾数量); a value not on its list is refused', async () => {
    const ip = randomIp();
    const bad = await post(ip, await fields(ip, { answers: JSON.stringify({ amount: 'mountain' }) }), [await photo(40)]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.message).toContain('「垃圾数量」须为以下之一');
    const res = await post(ip, await fields(ip, { answers: JSON.stringify({ amount: 'pile' }) }), [await photo(40)]);
    expect(res.statusCode, res.body).toBe(201);
    const { database } = await getHarness();
    const trackingHash = crypto.createHash('sha256').update(`cc-tracking:${res.json().trackingCode}`).digest('hex');
    const answers = await sql<{ answers: unknown }>`select a.answers from citizen_reports c
      join problem_question_answers a on a.problem_id = c.original_problem_id where c.tracking_hash = ${trackingHash}`.execute(database.db);
    const stored = answers.rows[0]!.answers;
    expect(typeof stored === 'string' ? JSON.parse(stored) : stored).toEqual([
      { code: 'amount', question: '垃圾数量', datatype: 'singlevaluelist', value: 'pile', display: '成堆' },
    ]);
  });

  it('takes lat and lng as fields', async () => {
    const ip = randomIp();
    const res = await post(ip, await fields(ip, { lat: '30.2741', lng: '120.1551' }), [await photo(50)]);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('answers 4xx and stores nothing for a missing photo, a bad device id, a bad field, too many photos, a broken proof', async () => {
    const ip = randomIp();
    const cases: Array<[Record<string, string>, Buffer[], number, RegExp]> = [
      [await fields(ip), [], 400, /至少上传 1 张照片/],
      [await fields(ip, { deviceId: 'x' }), [await photo(10)], 400, /设备标识/],
      [await fields(ip, { description: '脏' }), [await photo(10)], 400, /问题描述至少 5 个字/],
      [await fields(ip, { proof: 'not json' }), [await photo(10)], 400, /人机验证/],
      [await fields(ip), await Promise.all([1, 2, 3, 4, 5].map((i) => photo(i * 20))), 400, /最多 4 张照片/],
    ];
    for (const [f, files, status, message] of cases) {
      const res = await post(ip, f, files);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await counts(cases.map(([f]) => f.deviceId))).toEqual({ reports: 0, uploads: 0 });
  });
});
