/** 随手拍 for tests: a citizen's report through the public API (a photo, a solved challenge), from a made-up address. */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { expect } from 'vitest';
import { solveChallenge } from '../../server/modules/public-reports/challenge';
import type { Tenant } from './factories';
import { getHarness } from './harness';

export const randomIp = () => `10.${crypto.randomInt(1, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;

/** Files a citizen report in the tenant's county; answers its tracking code, problem, reporter row and photo. */
export async function fileCitizenReport(
  t: Tenant,
  over: Record<string, unknown> = {},
): Promise<{ code: string; problemId: string; citizenReportId: string; photoId: string }> {
  const { app, database } = await getHarness();
  const ip = randomIp();
  const deviceId = `dev-${crypto.randomBytes(8).toString('hex')}`;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .toBuffer();
  const boundary = '----cc' + crypto.randomBytes(6).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await app.inject({
    method: 'POST',
    url: `/api/public/files?deviceId=${deviceId}`,
    remoteAddress: ip,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(up.statusCode, up.body).toBe(201);
  const challenge = (await app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip })).json();
  const res = await app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: ip,
    payload: {
      photoIds: [up.json().id],
      location: null,
      countyCode: t.countyCode,
      categoryCode: 'E0102',
      description: '小区门口垃圾桶满溢，周边散落生活垃圾',
      deviceId,
      proof: { challenge: challenge.challenge, salt: challenge.salt, number: solveChallenge(challenge) },
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().trackingCode as string;
  const row = await sql<{ id: string; problem_id: string }>`select cr.id, cr.problem_id from citizen_reports cr
    join problem_photos pp on pp.problem_id = cr.original_problem_id where pp.file_id = ${up.json().id}`.execute(database.db);
  return { code, problemId: row.rows[0]!.problem_id, citizenReportId: row.rows[0]!.id, photoId: up.json().id };
}
