/**
 * 问卷调查, public mode (issue 12): GET /api/public/surveys/:waveToken and POST …/responses — anyone answers a wave
 * through its link with no account: the wave's view (open or not, town preselected, nothing internal), one response
 * per device, the proof of work spent once, eligibility, answers checked (nothing written on a refusal), closed waves,
 * the per-address limit, and quotas left alone.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { randomIp } from '../support/public-reports';
import { dayFrom, GOOD_ANSWERS, makePublicWave, proofFor } from '../support/public-surveys';

let t: Tenant;
let wave: { waveId: string; token: string };

const device = () => `dev-${crypto.randomBytes(8).toString('hex')}`;
const PROFILE = (townId: string) => ({ townId, group: 'citizen', gender: 'female', age: 34, residence: 'gt3y' });

async function post(token: string, body: Record<string, unknown>, ip = randomIp()) {
  const { app } = await getHarness();
  return app.inject({ method: 'POST', url: `/api/public/surveys/${token}/responses`, remoteAddress: ip, payload: body });
}

async function answer(token: string, over: Record<string, unknown> = {}, ip = randomIp()) {
  const { app } = await getHarness();
  return post(
    token,
    { deviceId: device(), proof: await proofFor(app, ip), profile: PROFILE(t.townAId), answers: GOOD_ANSWERS, ...over },
    ip,
  );
}

async function count(waveId: string): Promise<{ responses: number; items: number }> {
  const { database } = await getHarness();
  const r = await sql<{ responses: number; items: number }>`select
      (select count(*)::int from survey_responses where wave_id = ${waveId}) as responses,
      (select count(*)::int from survey_response_items where wave_id = ${waveId}) as items`.execute(database.db);
  return r.rows[0]!;
}

beforeAll(async () => {
  const { database, clock } = await getHarness();
  t = await createTenant();
  wave = await makePublicWave(database.db, clock.now(), t.countyId, [t.townAId, t.townBId]);
  // A quota cell of the wave: public answers never fill it.
  await database.db
    .insertInto('survey_quotas')
    .values({ wave_id: wave.waveId, town_id: t.townAId, group_code: 'citizen', gender: '', target: 30, done: 0 })
    .execute();
}, 60_000);

describe(`问卷调查 public link (${engineName})`, () => {
  it('shows an open wave: its name, the frozen questionnaire, its towns, and nothing internal', async () => {
    const { app } = await getHarness();
    const res = await app.inject({ method: 'GET', url: `/api/public/surveys/${wave.token}`, remoteAddress: randomIp() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ open: true, message: null, townId: null });
    expect(body.name).toMatch(/^2026年第四季度群众满意度调查/);
    expect(body.definition.sections[0].questions.map((q: { code: string }) => q.code)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    expect(body.definition.eligibility).toEqual({ minAge: 18, maxAge: 65, minResidenceMonths: 6 });
    expect(body.towns.map((x: { id: string }) => x.id).sort()).toEqual([t.townAId, t.townBId].sort());
    expect(body.towns.find((x: { id: string }) => x.id === t.townAId).name).toBe(`城关镇${t.tag}`);
    expect(Object.keys(body).sort()).toEqual(['definition', 'message', 'name', 'open', 'townId', 'towns']);
    for (const internal of [wave.waveId, t.countyId, 'quota', 'target', 'population', 'interviewer', t.users.office.id]) {
      expect(res.body, internal).not.toContain(internal);
    }
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('preselects the town of the link (only one of the wave’s towns)', async () => {
    const { app } = await getHarness();
    const get = (q: string) => app.inject({ method: 'GET', url: `/api/public/surveys/${wave.token}${q}`, remoteAddress: randomIp() });
    expect((await get(`?town=${t.townBId}`)).json().townId).toBe(t.townBId);
    expect((await get(`?town=${crypto.randomUUID()}`)).json().townId).toBeNull();
    expect((await get('?town=not-a-town')).json().townId).toBeNull();
  });

  it('tells when a wave has not started or has ended; an unknown token is 404, a malformed one 400', async () => {
    const { app, database, clock } = await getHarness();
    const now = clock.now();
    const cases = [
      [{ state: 'draft' }, '尚未开始'],
      [{ state: 'open', startsOn: dayFrom(now, 2) }, '尚未开始'],
      [{ state: 'open', startsOn: dayFrom(now, -20), endsOn: dayFrom(now, -1) }, '已结束'],
      [{ state: 'closed' }, '已结束'],
    ] as const;
    for (const [over, text] of cases) {
      const w = await makePublicWave(database.db, now, t.countyId, [t.townAId], over);
      const res = await app.inject({ method: 'GET', url: `/api/public/surveys/${w.token}`, remoteAddress: randomIp() });
      expect(res.statusCode).toBe(200);
      expect(res.json().open, JSON.stringify(over)).toBe(false);
      expect(res.json().message).toContain(text);
    }
    // Today is within the dates on the first and the last day (Beijing time).
    const edge = await makePublicWave(database.db, now, t.countyId, [t.townAId], { startsOn: dayFrom(now, 0), endsOn: dayFrom(now, 0) });
    expect((await app.inject({ method: 'GET', url: `/api/public/surveys/${edge.token}`, remoteAddress: randomIp() })).json().open).toBe(
      true,
    );
    const unknown = await app.inject({ method: 'GET', url: `/api/public/surveys/${crypto.randomBytes(18).toString('base64url')}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('链接无效');
    expect((await app.inject({ method: 'GET', url: '/api/public/surveys/x%27%3B--' })).statusCode).toBe(400);
  });

  it('records an answer (mode public, no interviewer, hashed device and address, rate items) and only one per device', async () => {
    const { app, database } = await getHarness();
    const before = await count(wave.waveId);
    const ip = randomIp();
    const deviceId = device();
    const startedAt = new Date(Date.now() - 200_000).toISOString();
    const res = await post(
      wave.token,
      { deviceId, proof: await proofFor(app, ip), profile: PROFILE(t.townBId), answers: GOOD_ANSWERS, startedAt },
      ip,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ eligible: true, message: '感谢您的支持！' });
    const rows = await sql<
      Record<string, unknown>
    >`select * from survey_responses where wave_id = ${wave.waveId} order by received_at desc`.execute(database.db);
    expect(rows.rows.length).toBe(before.responses + 1);
    const row = rows.rows.find((r) => r.town_id === t.townBId)!;
    expect(row).toMatchObject({
      mode: 'public',
      method: null,
      interviewer_id: null,
      client_id: null,
      group_code: 'citizen',
      gender: 'female',
    });
    expect(row).toMatchObject({ age: 34, age_band: '30-39', residence: 'gt3y', eligible: true, review: null });
    expect(row.answers).toEqual(GOOD_ANSWERS);
    // The device and the address only as keyed hashes (64 hex), never in clear.
    expect(row.device_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(deviceId);
    expect(JSON.stringify(row)).not.toContain(ip);
    const items = await sql<{ question_code: string; rate: string; valid: boolean; counted: boolean }>`
      select question_code, rate, valid, counted from survey_response_items where response_id = ${row.id} order by question_code`.execute(
      database.db,
    );
    expect(items.rows).toEqual([
      { question_code: 'Q1', rate: 'satisfaction', valid: true, counted: true },
      { question_code: 'Q2', rate: 'participation', valid: true, counted: true },
      { question_code: 'Q4', rate: 'awareness', valid: true, counted: true },
    ]);
    const audit = await sql<{ action: string }>`select action from audit_events where subject_id = ${row.id}`.execute(database.db);
    expect(audit.rows.map((a) => a.action)).toEqual(['survey_response.public_received']);

    // The same device again (a fresh proof): 409 with the Chinese message, nothing written, the proof not spent.
    const ip2 = randomIp();
    const proof2 = await proofFor(app, ip2);
    const again = await post(
      wave.token,
      { deviceId, proof: proof2, profile: PROFILE(t.townAId), answers: { ...GOOD_ANSWERS, Q1: 'C' } },
      ip2,
    );
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.message).toBe('您已提交过本问卷，感谢参与');
    expect(await count(wave.waveId)).toEqual({ responses: before.responses + 1, items: before.items + 3 });
    // The refused request spent nothing: its proof still serves another phone.
    expect(
      (await post(wave.token, { deviceId: device(), proof: proof2, profile: PROFILE(t.townAId), answers: GOOD_ANSWERS }, ip2)).statusCode,
    ).toBe(201);
  });

  it('refuses a replayed proof of work', async () => {
    const { app } = await getHarness();
    const ip = randomIp();
    const proof = await proofFor(app, ip);
    expect((await post(wave.token, { deviceId: device(), proof, profile: PROFILE(t.townAId), answers: GOOD_ANSWERS }, ip)).statusCode).toBe(
      201,
    );
    const before = await count(wave.waveId);
    const replay = await post(wave.token, { deviceId: device(), proof, profile: PROFILE(t.townAId), answers: GOOD_ANSWERS }, ip);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.message).toContain('人机验证');
    const wrong = await post(
      wave.token,
      { deviceId: device(), proof: { ...(await proofFor(app, ip)), number: -1 }, profile: PROFILE(t.townAId), answers: GOOD_ANSWERS },
      ip,
    );
    expect(wrong.statusCode).toBe(400);
    expect(await count(wave.waveId)).toEqual(before);
  });

  it('keeps an ineligible respondent’s profile without answers and says the polite end', async () => {
    const { database } = await getHarness();
    const deviceId = device();
    const res = await answer(wave.token, { deviceId, profile: { ...PROFILE(t.townAId), age: 70 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().eligible).toBe(false);
    expect(res.json().message).toContain('无需继续作答');
    const short = await answer(wave.token, { profile: { ...PROFILE(t.townAId), residence: 'lt6m' }, answers: {} });
    expect(short.json().eligible).toBe(false);
    const rows = await sql<{ id: string; eligible: boolean; answers: unknown; age: number }>`
      select id, eligible, answers, age from survey_responses where wave_id = ${wave.waveId} and eligible = false`.execute(database.db);
    expect(rows.rows.map((r) => r.age).sort()).toEqual([34, 70]);
    for (const r of rows.rows) expect(r.answers).toEqual({});
    const items = await sql<{
      n: number;
    }>`select count(*)::int as n from survey_response_items where response_id in (${sql.join(rows.rows.map((r) => r.id))})`.execute(
      database.db,
    );
    expect(items.rows[0]!.n).toBe(0);
  });

  it('answers 400 with the messages for invalid answers or profile, and writes nothing', async () => {
    const before = await count(wave.waveId);
    const missing = await answer(wave.token, { answers: { Q2: 'B', Q4: 'A' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('第 1 题');
    expect(missing.json().error.message).toContain('请作答');
    expect(missing.json().error.errors).toEqual(expect.arrayContaining([expect.stringContaining('请作答')]));
    const skipped = await answer(wave.token, { answers: { ...GOOD_ANSWERS, Q2: 'B' } });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().error.message).toContain('按跳题规则不应作答');
    const wrongChoice = await answer(wave.token, { answers: { ...GOOD_ANSWERS, Q1: 'Z' } });
    expect(wrongChoice.statusCode).toBe(400);
    expect(wrongChoice.json().error.message).toContain('选项 Z 不存在');
    const otherTown = await answer(wave.token, { profile: PROFILE(crypto.randomUUID()) });
    expect(otherTown.statusCode).toBe(400);
    expect(otherTown.json().error.message).toContain('乡镇');
    const otherGroup = await answer(wave.token, { profile: { ...PROFILE(t.townAId), group: 'alien' } });
    expect(otherGroup.statusCode).toBe(400);
    const noDevice = await answer(wave.token, { deviceId: '??' });
    expect(noDevice.statusCode).toBe(400);
    expect(noDevice.json().error.message).toContain('设备标识');
    expect(await count(wave.waveId)).toEqual(before);
  });

  it('refuses answers to a wave that is not open (409) and to an unknown link (404)', async () => {
    const { database, clock } = await getHarness();
    const now = clock.now();
    for (const over of [{ state: 'closed' }, { state: 'draft' }, { startsOn: dayFrom(now, -30), endsOn: dayFrom(now, -2) }] as const) {
      const w = await makePublicWave(database.db, now, t.countyId, [t.townAId], over);
      const res = await answer(w.token);
      expect(res.statusCode, JSON.stringify(over)).toBe(409);
      expect(res.json().error.message).toMatch(/已结束|尚未开始/);
      expect(await count(w.waveId)).toEqual({ responses: 0, items: 0 });
    }
    expect((await answer(crypto.randomBytes(18).toString('base64url'))).statusCode).toBe(404);
  });

  it('limits answers per address (429 past 20 an hour, nothing written)', async () => {
    const { database, clock } = await getHarness();
    const w = await makePublicWave(database.db, clock.now(), t.countyId, [t.townAId]);
    const ip = randomIp();
    for (let i = 0; i < 20; i++) expect((await answer(w.token, {}, ip)).statusCode).toBe(201);
    const over = await answer(w.token, {}, ip);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toContain('提交问卷过于频繁');
    expect((await count(w.waveId)).responses).toBe(20);
    // Another address is not held back.
    expect((await answer(w.token)).statusCode).toBe(201);
  }, 60_000);

  it('never touches the quotas: public answers count apart', async () => {
    const { database } = await getHarness();
    const q = await sql<{ done: number; target: number }>`select done, target from survey_quotas where wave_id = ${wave.waveId}`.execute(
      database.db,
    );
    expect(q.rows).toEqual([{ done: 0, target: 30 }]);
    const n = await sql<{
      n: number;
    }>`select count(*)::int as n from survey_responses where wave_id = ${wave.waveId} and mode = 'public' and town_id = ${t.townAId} and eligible`.execute(
      database.db,
    );
    expect(n.rows[0]!.n).toBeGreaterThan(0);
  });
});
