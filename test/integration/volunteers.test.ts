/**
 * 志愿之城 — organisation and people through HTTP on a set clock (both engines). Today is 2026-12-10 10:00 (Beijing).
 * The office of the test county builds teams (总队 at the county, 支队 in 城关镇) and stations (实践中心 → 实践所) and
 * enters the towns' population (城关镇 20 000, 河西镇 10 000). 陈晓梅 registers on the public door (proof of work, SMS
 * code), signs in and sees 待审核; the 支队's admin (a staff member) approves her, which grants the volunteer role in
 * 城关镇. Her certified minutes are written directly: 3 000 in 2025 and 3 000 on 2026-12-05 (100 h in all, 50 h this
 * year: ★1), plus 600 checked-out but uncertified minutes that count nowhere. Her certificate opens as a .docx and
 * its code checks on the public page. Her ID number appears in no answer, no text column and no audit event.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { keyedHash } from '../../server/modules/public-reports/hash-key';
import { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness, type Harness } from '../support/harness';
import { proofFor } from '../support/public-surveys';
import { randomIp } from '../support/public-reports';

let h: Harness;
let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let staffAdmin: Client;
let tenantVolunteer: Client;
let otherOffice: Client;
const ids: Record<string, string> = {};
const NOW = new Date('2026-12-10T02:00:00Z');

/** A valid 18-digit ID number (GB 11643 check digit): 13 random digits, so runs on the shared database never collide. */
function idNumber(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `3201${String(crypto.randomInt(0, 1e13)).padStart(13, '0')}`;
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}
const phoneNumber = () => `139${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`;
const PASSWORD = 'Zhiyuan#2026';

/** Puts a known SMS code for the phone (as sendPhoneCode stores it: keyed hash, 10 minutes). */
async function phoneCode(phone: string): Promise<string> {
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await sql`insert into public_phone_codes (phone, code_hash, expires_at, created_at)
    values (${phone}, ${keyedHash(`cc-phone:${phone}:${code}`)}, ${new Date(NOW.getTime() + 600_000)}, ${NOW})`.execute(h.database.db);
  return code;
}

async function register(over: Record<string, unknown> = {}) {
  const ip = randomIp();
  const phone = (over.phone as string) ?? phoneNumber();
  const payload = {
    name: '陈晓梅',
    gender: 'female',
    idNumber: idNumber(),
    skills: ['文明劝导', '关爱帮扶'],
    availability: '周末全天',
    teamId: ids.detachment,
    phone,
    phoneCode: await phoneCode(phone),
    password: PASSWORD,
    deviceId: `dev-${crypto.randomBytes(8).toString('hex')}`,
    proof: await proofFor(h.app, ip),
    ...over,
  };
  const res = await h.app.inject({ method: 'POST', url: '/api/public/volunteers/register', remoteAddress: ip, payload });
  return { res, payload, body: res.json() };
}

async function zipEntry(buffer: Buffer, name: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in the zip`)));
    zip.readEntry();
  });
}

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);

beforeAll(async () => {
  h = await getHarness();
  h.clock.set(NOW);
  t = await createTenant();
  other = await createTenant();
  office = await t.as('office');
  leader = await t.as('leader');
  staffAdmin = await t.as('unit');
  tenantVolunteer = await t.as('volunteer');
  otherOffice = await other.as('office');
});

describe(`志愿之城: teams, stations, population (${engineName})`, () => {
  it('builds the team tree with validation, versions and scope', async () => {
    const corps = await office.post('/api/volunteers/teams', {
      regionId: t.countyId,
      kind: 'corps',
      name: '青年志愿者服务总队',
      contactName: '周立新',
      contactPhone: '0513-85123456',
      description: '全县青年志愿服务的组织和指导',
    });
    expect(corps.status, JSON.stringify(corps.body)).toBe(201);
    expect(corps.body).toMatchObject({ kind: 'corps', parentId: null, volunteerCount: 0, abilities: { update: true, manageAdmins: true } });
    ids.corps = corps.body.id;
    const det = await office.post('/api/volunteers/teams', {
      regionId: t.townAId,
      parentId: ids.corps,
      kind: 'detachment',
      name: '城关镇志愿服务支队',
    });
    expect(det.status, JSON.stringify(det.body)).toBe(201);
    ids.detachment = det.body.id;
    const squad = await office.post('/api/volunteers/teams', {
      regionId: t.townAId,
      parentId: ids.detachment,
      kind: 'squad',
      name: '幸福里社区小队',
    });
    expect(squad.status).toBe(201);
    ids.squad = squad.body.id;

    // 小队 holds no teams; a name is unique per region; a kind outside the list is a 400 naming it.
    const under = await office.post('/api/volunteers/teams', { regionId: t.townAId, parentId: ids.squad, kind: 'squad', name: '二号小队' });
    expect(under.status).toBe(422);
    expect(under.body.error.message).toBe('小队下不能设小队');
    const dup = await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'specialist', name: '城关镇志愿服务支队' });
    expect(dup.status).toBe(422);
    const badKind = await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'army', name: '某某队' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('队伍类型');
    // Another county's office cannot place a team here, nor a parent from here.
    expect((await otherOffice.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'squad', name: '越界小队' })).status).toBe(404);

    // A stale version is 409; a cycle is refused; leaders read but do not edit.
    const upd = await put(office, `/api/volunteers/teams/${ids.detachment}`, {
      parentId: ids.corps,
      name: '城关镇新时代文明实践志愿服务支队',
      version: 1,
    });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body.version).toBe(2);
    expect((await put(office, `/api/volunteers/teams/${ids.detachment}`, { name: '旧版本', version: 1 })).status).toBe(409);
    expect(
      (await put(office, `/api/volunteers/teams/${ids.corps}`, { parentId: ids.squad, name: '青年志愿者服务总队', version: 1 })).status,
    ).toBe(422);
    expect((await put(leader, `/api/volunteers/teams/${ids.detachment}`, { name: '领导改名', version: 2 })).status).toBe(403);
    expect((await otherOffice.get(`/api/volunteers/teams/${ids.detachment}`)).status).toBe(404);
    expect((await put(otherOffice, `/api/volunteers/teams/${ids.detachment}`, { name: '外县改名', version: 2 })).status).toBe(404);

    const list = await leader.get('/api/volunteers/teams');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([ids.corps, ids.detachment, ids.squad]);
    expect((await otherOffice.get('/api/volunteers/teams')).body.items.map((x: { id: string }) => x.id)).not.toContain(ids.corps);
    // The volunteer of 城关镇 reads the teams of 城关镇 (not the county's corps).
    const seen = (await tenantVolunteer.get('/api/volunteers/teams')).body.items.map((x: { id: string }) => x.id);
    expect(seen).toEqual([ids.detachment, ids.squad]);
    expect((await tenantVolunteer.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'squad', name: '志愿者自建队' })).status).toBe(
      403,
    );

    const audit = await h.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', ids.detachment)
      // Under the fixed clock both events have the same time: the id (insertion order) breaks the tie.
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['volunteer_team.created', 'volunteer_team.updated']);
  });

  it('keeps stations on the map, one level under another', async () => {
    const center = await office.post('/api/volunteers/stations', {
      regionId: t.countyId,
      level: 'center',
      name: '县新时代文明实践中心',
      address: '人民路 88 号',
      location: { lat: 32.0603, lng: 118.7969 },
      contactPhone: '13912345678',
    });
    expect(center.status, JSON.stringify(center.body)).toBe(201);
    expect(center.body).toMatchObject({ location: { lat: 32.0603, lng: 118.7969 }, activityCount: 0 });
    ids.center = center.body.id;
    const inst = await office.post('/api/volunteers/stations', {
      regionId: t.townAId,
      parentId: ids.center,
      level: 'institute',
      name: '城关镇新时代文明实践所',
      location: { lat: 32.05, lng: 118.8 },
    });
    expect(inst.status).toBe(201);
    ids.institute = inst.body.id;
    const skip = await office.post('/api/volunteers/stations', {
      regionId: t.townAId,
      parentId: ids.center,
      level: 'station',
      name: '幸福里实践站',
    });
    expect(skip.status).toBe(422);
    expect(skip.body.error.message).toBe('新时代文明实践中心下不能设新时代文明实践站');
    const abroad = await office.post('/api/volunteers/stations', {
      regionId: t.townAId,
      level: 'point',
      name: '海外服务点',
      location: { lat: 48.85, lng: 2.35 },
    });
    expect(abroad.status).toBe(400);
    const moved = await put(office, `/api/volunteers/stations/${ids.institute}`, {
      parentId: ids.center,
      name: '城关镇新时代文明实践所',
      address: '城关镇政府一楼',
      location: { lat: 32.051, lng: 118.801 },
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, address: '城关镇政府一楼' });
    expect((await tenantVolunteer.get('/api/volunteers/stations')).body.items.map((s: { id: string }) => s.id)).toEqual([ids.institute]);
    expect((await otherOffice.get(`/api/volunteers/stations/${ids.center}`)).status).toBe(404);
  });

  it('lets the county office enter its towns’ population', async () => {
    const set = await put(office, '/api/volunteers/population', {
      year: 2026,
      items: [
        { regionId: t.townAId, population: 20_000 },
        { regionId: t.townBId, population: 10_000 },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(204);
    const got = await office.get(`/api/volunteers/population?countyId=${t.countyId}&year=2026`);
    expect(got.body.items).toEqual([
      { regionId: t.townAId, regionName: `城关镇${t.tag}`, population: 20_000 },
      { regionId: t.townBId, regionName: `河西镇${t.tag}`, population: 10_000 },
    ]);
    expect((await put(office, '/api/volunteers/population', { year: 2026, items: [{ regionId: t.countyId, population: 1 }] })).status).toBe(
      422,
    );
    expect(
      (await put(otherOffice, '/api/volunteers/population', { year: 2026, items: [{ regionId: t.townAId, population: 1 }] })).status,
    ).toBe(404);
    expect((await put(office, '/api/volunteers/population', { year: 2026, items: [{ regionId: t.townAId, population: -5 }] })).status).toBe(
      400,
    );
    expect((await otherOffice.get(`/api/volunteers/population?countyId=${t.countyId}&year=2026`)).status).toBe(404);
  });
});

describe(`志愿之城: registration, review, record, certificate (${engineName})`, () => {
  let reg: Awaited<ReturnType<typeof register>>;
  let volunteerId: string;
  let me: Client;

  it('registers a resident on the public door with an SMS code and a proof of work', async () => {
    // A wrong SMS code and a weak password change nothing.
    const wrong = await register({ phoneCode: '000000' });
    expect(wrong.res.statusCode).toBe(400);
    const weak = await register({ password: 'abc12345' });
    expect(weak.res.statusCode).toBe(422);
    expect(weak.body.error.message).toContain('至少三类');
    const noTeam = await register({ teamId: crypto.randomUUID() });
    expect(noTeam.res.statusCode).toBe(422);

    reg = await register();
    expect(reg.res.statusCode, reg.res.body).toBe(201);
    expect(reg.body).toMatchObject({ state: 'pending', username: reg.payload.phone });
    volunteerId = reg.body.id;

    // One registration per ID number, whatever the phone.
    const again = await register({ idNumber: reg.payload.idNumber, name: '陈小梅' });
    expect(again.res.statusCode).toBe(422);
    expect(again.body.error.message).toBe('该身份证号码已注册志愿者');
    // A replayed proof of work is refused.
    const replay = await h.app.inject({
      method: 'POST',
      url: '/api/public/volunteers/register',
      payload: { ...reg.payload, phone: phoneNumber() },
    });
    expect(replay.statusCode).toBe(400);

    // The account exists with no business role; she signs in and sees 待审核.
    const roles = await h.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', (await userOf(reg.payload.phone)).id)
      .execute();
    expect(roles).toEqual([]);
    me = await new Client(h.app).login(reg.payload.phone, PASSWORD);
    const record = await me.get('/api/volunteers/me');
    expect(record.status).toBe(200);
    expect(record.body.volunteer).toMatchObject({ state: 'pending', name: '陈晓梅', phone: reg.payload.phone, teamId: ids.detachment });
    expect(record.body.volunteer.idNumber).toBe(`${reg.payload.idNumber.slice(0, 4)}**********${reg.payload.idNumber.slice(-4)}`);
    expect((await me.get('/api/volunteers/teams')).body.items).toEqual([]);
  });

  it('lets a staff member join with their own account', async () => {
    const joined = await leader.post('/api/volunteers/join', {
      name: '刘国强',
      idNumber: idNumber(),
      teamId: ids.corps,
      phone: phoneNumber(),
      skills: ['宣传讲解'],
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body).toMatchObject({ state: 'pending', teamId: ids.corps, abilities: { review: false } });
    ids.leaderVolunteer = joined.body.id;
    expect(
      (await leader.post('/api/volunteers/join', { name: '刘国强', idNumber: idNumber(), teamId: ids.corps, phone: phoneNumber() })).status,
    ).toBe(422);
    const bad = await leader.post('/api/volunteers/join', {
      name: '刘国强',
      idNumber: '320102199001011234',
      teamId: ids.corps,
      phone: phoneNumber(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('身份证号码不正确');
  });

  it('is reviewed by the team admin, which grants the volunteer role in the team’s town', async () => {
    const admins = await put(office, `/api/volunteers/teams/${ids.detachment}/admins`, { userIds: [t.users.unit.id] });
    expect(admins.status, JSON.stringify(admins.body)).toBe(200);
    expect(admins.body.admins).toEqual([{ userId: t.users.unit.id, name: 'unit用户' }]);
    expect((await put(office, `/api/volunteers/teams/${ids.detachment}/admins`, { userIds: [other.users.office.id] })).status).toBe(422);

    // The admin sees the phone; the office sees it masked; another county sees nothing.
    const byAdmin = await staffAdmin.get(`/api/volunteers?teamId=${ids.detachment}&state=pending`);
    expect(byAdmin.body.items.map((v: { id: string }) => v.id)).toEqual([volunteerId]);
    expect(byAdmin.body.items[0]).toMatchObject({ phone: reg.payload.phone, abilities: { review: true } });
    const byOffice = await office.get(`/api/volunteers/${volunteerId}`);
    expect(byOffice.body.phone).toBe(`${reg.payload.phone.slice(0, 3)}****${reg.payload.phone.slice(-4)}`);
    expect((await staffAdmin.get(`/api/volunteers/${ids.leaderVolunteer}`)).status).toBe(404);
    expect((await otherOffice.get(`/api/volunteers/${volunteerId}`)).status).toBe(404);
    expect((await otherOffice.post(`/api/volunteers/${volunteerId}/review`, { decision: 'approve', version: 1 })).status).toBe(404);
    expect((await otherOffice.get('/api/volunteers?pageSize=200')).body.items.map((v: { id: string }) => v.id)).not.toContain(volunteerId);
    expect((await me.post(`/api/volunteers/${volunteerId}/review`, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await staffAdmin.post(`/api/volunteers/${volunteerId}/review`, { decision: 'reject', version: 1 })).status).toBe(400);

    const ok = await staffAdmin.post(`/api/volunteers/${volunteerId}/review`, { decision: 'approve', version: 1, comment: '材料齐全' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', reviewComment: '材料齐全' });
    expect((await staffAdmin.post(`/api/volunteers/${volunteerId}/review`, { decision: 'approve', version: 2 })).status).toBe(422);
    const user = await userOf(reg.payload.phone);
    const grants = await h.database.db
      .selectFrom('user_roles')
      .select(['role', 'scope_type', 'scope_id'])
      .where('user_id', '=', user.id)
      .execute();
    expect(grants).toEqual([{ role: 'volunteer', scope_type: 'region', scope_id: t.townAId }]);
    // Signed in again, the volunteer reads the town's teams.
    me = await new Client(h.app).login(reg.payload.phone, PASSWORD);
    expect((await me.get('/api/volunteers/teams')).body.items.map((x: { id: string }) => x.id)).toEqual([ids.detachment, ids.squad]);

    // The office rejects the staff member's application with a reason.
    const rej = await office.post(`/api/volunteers/${ids.leaderVolunteer}/review`, {
      decision: 'reject',
      version: 1,
      comment: '请补充服务时间',
    });
    expect(rej.body).toMatchObject({ state: 'rejected', reviewComment: '请补充服务时间' });
    const actions = await h.database.db
      .selectFrom('audit_events')
      .select('action')
      .where((eb) => eb.or([eb('subject_id', '=', volunteerId), eb('subject_id', '=', user.id)]))
      .orderBy('occurred_at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['volunteer.applied', 'volunteer.approve', 'user.volunteer_role_granted']),
    );
  });

  it('shows hours from certified minutes only, the star at 100 h and the 文明啄木鸟 reports', async () => {
    const db = h.database.db;
    const activity = async (title: string, startsAt: string) =>
      (
        await db
          .insertInto('volunteer_activities')
          .values({
            region_id: t.townAId,
            team_id: ids.detachment,
            station_id: ids.institute,
            title,
            starts_at: new Date(startsAt),
            ends_at: new Date(new Date(startsAt).getTime() + 4 * 3600_000),
            place: '城关镇人民广场',
            lat: 32.05,
            lng: 118.8,
            capacity: 30,
            skills: JSON.stringify(['环境清洁']),
            checkin_secret: crypto.randomBytes(16).toString('hex'),
            organiser_id: t.users.office.id,
            created_at: NOW,
            updated_at: NOW,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const attend = async (activityId: string, state: 'checked_out' | 'certified', minutes: number) =>
      db
        .insertInto('volunteer_attendance')
        .values({
          activity_id: activityId,
          volunteer_id: volunteerId,
          state,
          check_in_at: NOW,
          check_out_at: NOW,
          minutes,
          certified_minutes: state === 'certified' ? minutes : null,
          certified_by: state === 'certified' ? t.users.office.id : null,
          certified_at: state === 'certified' ? NOW : null,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    ids.a2025 = await activity('2025年文明交通劝导', '2025-06-01T01:00:00Z');
    ids.a2026 = await activity('背街小巷环境清洁行动', '2026-12-05T01:00:00Z');
    ids.aOpen = await activity('关爱空巢老人走访', '2026-12-08T01:00:00Z');
    await attend(ids.a2025, 'certified', 3000);
    await attend(ids.a2026, 'certified', 2999);
    await attend(ids.aOpen, 'checked_out', 600);
    const user = await userOf(reg.payload.phone);
    await db
      .insertInto('problems')
      .values({
        code: `WT${crypto.randomBytes(5).toString('hex')}`,
        description: '人行道井盖缺失，存在安全隐患',
        category_code: 'E0102',
        source: 'volunteer',
        severity: 'normal',
        state: 'pending',
        region_id: t.townAId,
        reporter_id: user.id,
        created_at: NOW,
        updated_at: NOW,
      } as never)
      .execute();

    let r = (await me.get('/api/volunteers/me')).body;
    expect(r).toMatchObject({
      minutes: { year: 2999, total: 5999 },
      stars: 0,
      reportsFiled: 1,
      starThresholds: [100, 300, 600, 1000, 1500],
    });
    expect(r.hoursToNextStar).toBe(0);
    // One more certified minute: exactly 100 h, ★1.
    await sql`update volunteer_attendance set certified_minutes = 3000, minutes = 3000 where activity_id = ${ids.a2026}`.execute(db);
    r = (await me.get('/api/volunteers/me')).body;
    expect(r).toMatchObject({ hours: { year: 50, total: 100 }, minutes: { year: 3000, total: 6000 }, stars: 1, hoursToNextStar: 200 });
    expect(r.activities.map((a: { title: string }) => a.title)).toEqual(['关爱空巢老人走访', '背街小巷环境清洁行动', '2025年文明交通劝导']);
    expect(r.activities[0]).toMatchObject({ attendanceState: 'checked_out', minutes: 600, certifiedMinutes: null });
    expect(r.volunteer).toMatchObject({ certifiedMinutes: 6000, stars: 1 });
  });

  it('issues a certificate whose code anyone can check, with the ID number masked', async () => {
    const doc = await me.get('/api/volunteers/me/certificate.docx');
    expect(doc.status).toBe(200);
    expect(String(doc.headers['content-type'])).toContain('wordprocessingml');
    const text = (await zipEntry(doc.raw, 'word/document.xml')).replace(/<[^>]+>/g, '');
    const masked = `${reg.payload.idNumber.slice(0, 4)}**********${reg.payload.idNumber.slice(-4)}`;
    expect(text).toContain('志愿服务证明');
    expect(text).toContain('陈晓梅');
    expect(text).toContain(masked);
    expect(text).toContain('100.0 小时');
    expect(text).toContain('一星志愿者');
    expect(text).toContain('背街小巷环境清洁行动');
    expect(text).not.toContain('关爱空巢老人走访');
    expect(text).not.toContain(reg.payload.idNumber);
    const code = (await me.get('/api/volunteers/me')).body.certificateCode as string;
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    expect(text).toContain(code);

    // The office issues the same certificate (same code); another county cannot.
    const byOffice = await office.get(`/api/volunteers/${volunteerId}/certificate.docx`);
    expect(byOffice.status).toBe(200);
    expect((await zipEntry(byOffice.raw, 'word/document.xml')).replace(/<[^>]+>/g, '')).toContain(code);
    expect((await otherOffice.get(`/api/volunteers/${volunteerId}/certificate.docx`)).status).toBe(404);
    expect((await office.get(`/api/volunteers/${ids.leaderVolunteer}/certificate.docx`)).status).toBe(422);

    const pub = await h.app.inject({ method: 'GET', url: `/api/public/volunteer-certificates/${code}`, remoteAddress: randomIp() });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      code,
      name: '陈**',
      certifiedHours: 100,
      stars: 1,
      activityCount: 2,
      issuer: '城关镇新时代文明实践志愿服务支队',
    });
    expect(pub.body).not.toContain(reg.payload.phone);
    const miss = await h.app.inject({ method: 'GET', url: '/api/public/volunteer-certificates/ABCDEFGHJKLM', remoteAddress: randomIp() });
    expect(miss.statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/public/volunteer-certificates/abc' })).statusCode).toBe(400);
  });

  it('exports the team roster with Chinese headers and masked ID numbers', async () => {
    const res = await staffAdmin.get(`/api/volunteers/teams/${ids.detachment}/roster.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.find((r) => r.includes('姓名'))!;
    expect(header).toEqual(expect.arrayContaining(['序号', '姓名', '手机号码', '身份证号码（隐去）', '认证时长（小时）', '星级']));
    const line = rows.find((r) => r.includes('陈晓梅'))!;
    expect(line).toContain(`${reg.payload.idNumber.slice(0, 4)}**********${reg.payload.idNumber.slice(-4)}`);
    expect(line).toContain(reg.payload.phone);
    expect(JSON.stringify(rows)).not.toContain(reg.payload.idNumber);
    expect((await otherOffice.get(`/api/volunteers/teams/${ids.detachment}/roster.xlsx`)).status).toBe(404);
    expect((await tenantVolunteer.get(`/api/volunteers/teams/${ids.detachment}/roster.xlsx`)).status).toBe(404);
    const officeCopy = await office.get(`/api/volunteers/teams/${ids.detachment}/roster.xlsx`);
    expect(officeCopy.status).toBe(200);
  });

  it('keeps the ID number out of every answer, text column and audit event', async () => {
    const plain = reg.payload.idNumber;
    const answers = [
      await me.get('/api/volunteers/me'),
      await office.get(`/api/volunteers/${volunteerId}`),
      await office.get('/api/volunteers?pageSize=200'),
      await staffAdmin.get(`/api/volunteers?teamId=${ids.detachment}`),
    ];
    for (const a of answers) expect(JSON.stringify(a.body)).not.toContain(plain);
    const row = await sql<{ t: string }>`select v::text as t from volunteers v where v.id = ${volunteerId}`.execute(h.database.db);
    expect(row.rows[0]!.t).not.toContain(plain);
    expect(row.rows[0]!.t).not.toContain(plain.slice(4, 14));
    const audit = await sql<{
      t: string;
    }>`select coalesce(string_agg(a::text, ' '), '') as t from audit_events a where a.subject_id = ${volunteerId}`.execute(h.database.db);
    expect(audit.rows[0]!.t).toContain(plain.slice(-4));
    expect(audit.rows[0]!.t).not.toContain(plain);
  });

  it('computes volunteers per 1 000 residents, active volunteers and hours per town', async () => {
    const values = async (code: string, subjectType: string) => {
      const res = await office.get(`/api/indicators/${code}?period=2026-12&subjectType=${subjectType}&regionId=${t.countyId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return new Map((res.body.items as Array<{ subjectId: string; value: number | null }>).map((i) => [i.subjectId, i]));
    };
    const per1000 = await values('volunteers.registered_per_thousand', 'town');
    expect(per1000.get(t.townAId)).toMatchObject({ value: 0.05, numerator: 1, denominator: 20_000 });
    expect(per1000.get(t.townBId)).toMatchObject({ value: 0, numerator: 0, denominator: 10_000 });
    const county = await values('volunteers.registered_per_thousand', 'county');
    expect(county.get(t.countyId)).toMatchObject({ numerator: 1, denominator: 30_000 });
    expect((await values('volunteers.active', 'town')).get(t.townAId)?.value).toBe(1);
    expect((await values('volunteers.hours', 'town')).get(t.townAId)?.value).toBe(50);
    expect((await values('volunteers.hours', 'county')).get(t.countyId)?.value).toBe(50);
  });
});

async function userOf(phone: string) {
  return h.database.db.selectFrom('users').select(['id']).where('username', '=', phone).executeTakeFirstOrThrow();
}
