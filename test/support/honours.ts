/** 好人之城 for tests: public calls from a chosen address and browser (challenge solved), photos with EXIF. */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { expect } from 'vitest';
import { solveChallenge } from '../../server/modules/public-reports/challenge';
import type { Client } from './client';
import { getHarness } from './harness';

export const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49';
export const SCRIPT_UA = 'python-requests/2.31.0';

export const newDevice = () => `dev-${crypto.randomBytes(8).toString('hex')}`;
export const newIp = () => `10.${crypto.randomInt(1, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;

/** A solved proof of work for a call from `ip`. */
export async function proof(ip: string) {
  const { app } = await getHarness();
  const c = (await app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip })).json();
  return { challenge: c.challenge, salt: c.salt, number: solveChallenge(c) };
}

/** An anonymous call from an address with a browser. */
export async function publicCall(method: 'GET' | 'POST', url: string, payload?: object, from: { ip?: string; ua?: string } = {}) {
  const { app } = await getHarness();
  const res = await app.inject({
    method,
    url,
    remoteAddress: from.ip ?? newIp(),
    headers: { 'user-agent': from.ua ?? PHONE_UA },
    ...(payload ? { payload } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, raw: res.rawPayload, headers: res.headers };
}

/** One public vote. */
export async function vote(
  selectionId: string,
  candidateId: string,
  from: { ip?: string; ua?: string; device?: string; phone?: string } = {},
) {
  const ip = from.ip ?? newIp();
  return publicCall(
    'POST',
    `/api/public/honours/${selectionId}/votes`,
    { candidateId, challenge: await proof(ip), deviceId: from.device ?? newDevice(), ...(from.phone ? { phone: from.phone } : {}) },
    { ip, ua: from.ua },
  );
}

/** A JPEG carrying EXIF (camera and GPS), to check the public copy drops it. */
export async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 200, g: 120, b: 90 } } })
    .withExif({ IFD0: { Make: 'HonourCam', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 3/1 0/1' } })
    .jpeg()
    .toBuffer();
}

/** Uploads a photo through the public door for a device; answers its id. */
export async function publicUpload(deviceId: string, ip: string): Promise<string> {
  const { app } = await getHarness();
  const jpeg = await jpegWithExif();
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
  return up.json().id as string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface HonourWorld {
  selectionId: string;
  nominationId: string;
  rejectedId: string;
  photoId: string;
  /** What must never be public: the contact, its phone, the rejected nominee, the reject reason. */
  secrets: string[];
}

/**
 * A county selection of the tenant with an approved nomination (a photo, a contact) and a rejected one, moved on by
 * its schedule (SQL, so no clock games) to public voting with one vote, or published with the nomination as winner;
 * or left in its nomination period ('nominating': listed publicly, its verified nominee not yet).
 */
export async function makeHonourWorld(
  t: { countyId: string; tag: string },
  office: Client,
  unit: Client,
  mode: 'voting' | 'published' | 'nominating',
): Promise<HonourWorld> {
  const { clock } = await getHarness();
  const today = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const sel = await office.post('/api/honours/selections', {
    regionId: t.countyId,
    kind: 'monthly',
    title: `${mode === 'nominating' ? '示范好人榜推荐' : '示范好人榜评选'}${t.tag}`,
    period: today.slice(0, 7),
    categories: ['helping', 'filial'],
    nominationStartsOn: today,
    nominationEndsOn: addDays(today, 1),
    votingStartsOn: addDays(today, 3),
    votingEndsOn: addDays(today, 16),
    publishOn: addDays(today, 17),
  });
  expect(sel.status, JSON.stringify(sel.body)).toBe(201);
  const jpeg = await jpegWithExif();
  const up = await unit.upload('/api/files', jpeg, 'photo.jpg');
  expect(up.status).toBe(201);
  const phone = `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
  const nomineeName = `${mode === 'nominating' ? '蒋玉芬' : '郑德顺'}${t.tag}`;
  const story = '三十年如一日义务为村里孤寡老人理发、修电器，风雨无阻，从不收取分文，受到乡亲们的一致称赞和敬重。';
  const nom = await unit.post(`/api/honours/selections/${sel.body.id}/nominations`, {
    categoryCode: 'helping',
    nomineeName: nomineeName,
    headline: '三十年义务为老人理发',
    story,
    contactName: `联系人甲${t.tag}`,
    contactPhone: phone,
    photoIds: [up.body.id],
  });
  expect(nom.status, JSON.stringify(nom.body)).toBe(201);
  const ok = await office.post(`/api/honours/nominations/${nom.body.id}/approve`, {
    version: nom.body.version,
    note: `内部核实情况${t.tag}`,
  });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  const bad = await unit.post(`/api/honours/selections/${sel.body.id}/nominations`, {
    categoryCode: 'filial',
    nomineeName: `未通过者${t.tag}`,
    headline: '事迹无法核实的推荐',
    story,
    contactName: `联系人乙${t.tag}`,
    contactPhone: '13600001111',
  });
  expect(bad.status, JSON.stringify(bad.body)).toBe(201);
  const no = await office.post(`/api/honours/nominations/${bad.body.id}/reject`, {
    version: bad.body.version,
    reason: `内部不予通过理由${t.tag}`,
  });
  expect(no.status, JSON.stringify(no.body)).toBe(200);
  if (mode !== 'nominating') await moveOn(sel.body.id, mode, nom.body.id, office, today);
  return {
    selectionId: sel.body.id,
    nominationId: nom.body.id,
    rejectedId: bad.body.id,
    photoId: up.body.id,
    secrets: [
      phone,
      `联系人甲${t.tag}`,
      `联系人乙${t.tag}`,
      `未通过者${t.tag}`,
      `内部不予通过理由${t.tag}`,
      `内部核实情况${t.tag}`,
      // In its nomination period even the verified nominee is not public.
      ...(mode === 'nominating' ? [nomineeName] : []),
    ],
  };
}

/** Moves a selection on by its schedule to voting (one vote) or publication. */
async function moveOn(selectionId: string, mode: 'voting' | 'published', nominationId: string, office: Client, today: string) {
  const { database } = await getHarness();
  const sel = { body: { id: selectionId } };
  const nom = { body: { id: nominationId } };
  const shift = mode === 'voting' ? [-6, -5, -2, 11, 12] : [-30, -29, -27, -14, -13];
  await sql`update honour_selections set nomination_starts_on = ${addDays(today, shift[0])}::date,
    nomination_ends_on = ${addDays(today, shift[1])}::date, voting_starts_on = ${addDays(today, shift[2])}::date,
    voting_ends_on = ${addDays(today, shift[3])}::date, publish_on = ${addDays(today, shift[4])}::date
    where id = ${sel.body.id}`.execute(database.db);
  if (mode === 'voting') {
    const v = await vote(sel.body.id, nom.body.id);
    expect(v.status, JSON.stringify(v.body)).toBe(201);
  } else {
    const cur = await office.get(`/api/honours/selections/${sel.body.id}`);
    const pub = await office.post(`/api/honours/selections/${sel.body.id}/publish`, {
      version: cur.body.version,
      winnerIds: [nom.body.id],
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
  }
}
