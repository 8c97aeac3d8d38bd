/**
 * 志愿之城 activities on a set clock, on both engines: publishing (validation, who may), sign-ups with a waiting list
 * and promotion, the rotating check-in code (the previous window is taken, one two windows old is expired, a forged
 * mac is invalid, a replay is refused), the geofence (422 outside_geofence; recorded as outside when the volunteer
 * accepts it, certified only once the organiser confirms), check-out minutes, certification (the activity finishes),
 * an audited correction, the indicator, and 404 for another county's people.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatPeriod, periodOf } from '../../common/period';
import { codeWindow } from '../../common/volunteers';
import type { Client } from '../support/client';
import { anonymous, createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { clientOf, makeStation, makeTeam, makeUser, makeVolunteer, type TestVolunteer } from '../support/volunteers';

const HOUR = 3600_000;
const PLACE = { lat: 32.0603, lng: 118.7969 };
const NEAR = { lat: 32.0607, lng: 118.797, accuracy: 12 }; // about 45 m away
const FAR = { lat: 32.0803, lng: 118.7969, accuracy: 15 }; // about 2.2 km away

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let otherOffice: Client;
let organiser: Client; // the team admin who publishes and runs the activity
let organiserId: string;
let teamId: string;
let otherTeamId: string;
let stationId: string;
let vols: TestVolunteer[];
let pending: TestVolunteer;
let outsider: TestVolunteer; // an approved volunteer of the other county
let start: Date;
let activityId: string;

const clock = async () => (await getHarness()).clock;
const at = async (d: Date) => (await clock()).set(d);

function body(over: Record<string, unknown> = {}) {
  return {
    teamId,
    title: '文明交通劝导志愿服务',
    description: '在人民路与中山路交叉口开展文明交通劝导，提醒行人不闯红灯。',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * HOUR).toISOString(),
    place: '人民路与中山路交叉口',
    location: { lat: PLACE.lat, lng: PLACE.lng },
    geofenceM: 300,
    capacity: 2,
    skills: ['文明劝导', '交通引导'],
    ...over,
  };
}

async function code(c: Client = organiser): Promise<string> {
  const res = await c.get(`/api/volunteers/activities/${activityId}/checkin-code`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.code as string;
}

async function roster(c: Client = organiser) {
  const res = await c.get(`/api/volunteers/activities/${activityId}/roster`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Array<Record<string, any>>;
}

describe(`volunteer activities (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    office = await t.asScript('office');
    leader = await t.asScript('leader');
    otherOffice = await other.asScript('office');
    const admin = await makeUser(t, '周志强');
    organiserId = admin.id;
    organiser = await clientOf(admin.username);
    teamId = await makeTeam(t, '城关志愿服务支队', [admin.id]);
    otherTeamId = await makeTeam(other, '河东志愿服务支队');
    stationId = await makeStation(t, '城关镇新时代文明实践站');
    vols = [];
    for (const name of ['李秀英', '王建华', '张桂兰', '刘德明']) vols.push(await makeVolunteer(t, teamId, name));
    pending = await makeVolunteer(t, teamId, '陈晓燕', 'pending');
    outsider = await makeVolunteer(other, otherTeamId, '赵国强', 'approved', other.countyId);
    // Tomorrow at a window boundary plus 5 s, so each step below lands where it means to.
    const base = Math.ceil((Date.now() + 24 * HOUR) / 30_000) * 30_000;
    start = new Date(base + 2 * HOUR);
    await at(new Date(base + 5_000));
  });

  it('publishes with checks on times and geofence, by the team admin or the office only', async () => {
    const bad = async (over: Record<string, unknown>, text: string) => {
      const res = await organiser.post('/api/volunteers/activities', body(over));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toContain(text);
    };
    await bad({ endsAt: new Date(start.getTime() - HOUR).toISOString() }, '结束时间须晚于开始时间');
    await bad({ endsAt: new Date(start.getTime() + 8 * 24 * HOUR).toISOString() }, '最长 7 天');
    await bad({ startsAt: new Date(start.getTime() - 3 * 24 * HOUR).toISOString() }, '不能早于一天前');
    await bad({ geofenceM: 20 }, '签到范围至少 50 米');
    await bad({ teamId: null }, '请选择组织队伍或服务阵地');

    // A volunteer who administers no team cannot publish for it (the team is not theirs to see); the other county's office neither.
    expect((await vols[0].client.post('/api/volunteers/activities', body())).status).toBe(404);
    expect((await otherOffice.post('/api/volunteers/activities', body())).status).toBe(404);
    // A station's activity is the office's.
    const byAdmin = await organiser.post('/api/volunteers/activities', body({ teamId: null, stationId }));
    expect([403, 404]).toContain(byAdmin.status);
    const station = await office.post('/api/volunteers/activities', body({ teamId: null, stationId, title: '理论宣讲进社区' }));
    expect(station.status, JSON.stringify(station.body)).toBe(201);
    expect(station.body).toMatchObject({
      stationId,
      stationName: expect.stringContaining('新时代文明实践站'),
      organiserId: expect.any(String),
    });

    const res = await organiser.post('/api/volunteers/activities', body());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    activityId = res.body.id;
    expect(res.body).toMatchObject({
      teamId,
      state: 'published',
      capacity: 2,
      geofenceM: 300,
      organiserId,
      organiserName: '周志强',
      signedCount: 0,
      abilities: { update: true, cancel: true, showCode: false, signUp: false },
    });
    expect(JSON.stringify(res.body)).not.toContain('secret');

    // The list: the volunteer of the county sees it as one they may sign up for; the other county's office does not.
    const list = await vols[0].client.get('/api/volunteers/activities?when=upcoming&sort=starts_at&search=文明交通');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((a: { id: string }) => a.id === activityId);
    expect(mine).toMatchObject({ abilities: { signUp: true }, mySignup: null });
    expect((await otherOffice.get(`/api/volunteers/activities?search=${encodeURIComponent('文明交通')}`)).body.items).toEqual([]);
    expect((await otherOffice.get(`/api/volunteers/activities/${activityId}`)).status).toBe(404);
    expect((await outsider.client.get(`/api/volunteers/activities/${activityId}`)).status).toBe(404);
    expect((await pending.client.get(`/api/volunteers/activities/${activityId}`)).status).toBe(404);
    expect((await leader.get(`/api/volunteers/activities/${activityId}`)).status).toBe(200);

    // PATCH at the version.
    const patched = await organiser.patch(`/api/volunteers/activities/${activityId}`, { version: 1, place: '人民路与中山路交叉口东南角' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ place: '人民路与中山路交叉口东南角', version: 2 });
    expect((await organiser.patch(`/api/volunteers/activities/${activityId}`, { version: 1, capacity: 3 })).status).toBe(409);
    expect((await leader.patch(`/api/volunteers/activities/${activityId}`, { version: 2, capacity: 3 })).status).toBe(403);
  });

  it('signs up to capacity, then waitlists in order; a cancellation promotes the first waiting volunteer, who is told', async () => {
    const s = async (v: TestVolunteer) => v.client.post(`/api/volunteers/activities/${activityId}/signups`, {});
    const first = await s(vols[0]);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ state: 'signed', position: null });
    expect((await s(vols[1])).body).toMatchObject({ state: 'signed' });
    expect((await s(vols[2])).body).toMatchObject({ state: 'waitlisted', position: 1 });
    expect((await s(vols[3])).body).toMatchObject({ state: 'waitlisted', position: 2 });
    const again = await s(vols[0]);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('您已报名该活动');
    expect((await s(outsider)).status).toBe(404);
    expect((await s(pending)).status).toBe(404);
    expect((await office.post(`/api/volunteers/activities/${activityId}/signups`, {})).status).toBe(403);

    const a = (await vols[0].client.get(`/api/volunteers/activities/${activityId}`)).body;
    expect(a).toMatchObject({ signedCount: 2, waitlistCount: 2, mySignup: 'signed', abilities: { cancelSignup: true, signUp: false } });

    const cancelled = await vols[0].client.delete(`/api/volunteers/activities/${activityId}/signups/mine`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await vols[2].client.get(`/api/volunteers/activities/${activityId}`)).body.mySignup).toBe('signed');
    expect((await vols[3].client.get(`/api/volunteers/activities/${activityId}`)).body.mySignup).toBe('waitlisted');
    const { database } = await getHarness();
    await vi.waitFor(
      async () => {
        const n = await database.db.selectFrom('notifications').select(['kind', 'title']).where('user_id', '=', vols[2].userId).execute();
        expect(n).toEqual([expect.objectContaining({ kind: 'volunteer_activity', title: expect.stringContaining('候补转正') })]);
      },
      { timeout: 5000 },
    );
    // 我的活动: the signed and the waiting volunteer find it; one who never signed up does not.
    const mine = async (v: TestVolunteer) =>
      (await v.client.get('/api/volunteers/activities?mine=true&pageSize=50')).body.items.map((x: { id: string }) => x.id);
    expect(await mine(vols[2])).toContain(activityId);
    expect(await mine(vols[3])).toContain(activityId);
    expect(await mine(pending)).toEqual([]);
    expect(await mine(vols[0])).not.toContain(activityId);
    // Signing up again joins the end of the queue.
    expect((await s(vols[0])).body).toMatchObject({ state: 'waitlisted', position: 2 });
  });

  it('refuses sign-ups on a cancelled or ended activity, and tells the signed volunteers of a cancellation', async () => {
    const other1 = await organiser.post('/api/volunteers/activities', body({ title: '背街小巷环境清洁', capacity: 5 }));
    expect(other1.status).toBe(201);
    const id = other1.body.id as string;
    expect((await vols[1].client.post(`/api/volunteers/activities/${id}/signups`, {})).status).toBe(201);
    expect((await organiser.post(`/api/volunteers/activities/${id}/cancel`, { version: 1, reason: '' })).status).toBe(400);
    const c = await organiser.post(`/api/volunteers/activities/${id}/cancel`, { version: 1, reason: '暴雨橙色预警，活动取消' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body).toMatchObject({ state: 'cancelled', cancelReason: '暴雨橙色预警，活动取消' });
    const late = await vols[0].client.post(`/api/volunteers/activities/${id}/signups`, {});
    expect(late.status).toBe(422);
    expect(late.body.error.message).toBe('活动已取消，不能报名');
    const { database } = await getHarness();
    await vi.waitFor(
      async () => {
        const n = await database.db
          .selectFrom('notifications')
          .select('body')
          .where('user_id', '=', vols[1].userId)
          .where('title', 'like', '%背街小巷环境清洁%')
          .execute();
        expect(n).toEqual([{ body: '取消原因：暴雨橙色预警，活动取消' }]);
      },
      { timeout: 5000 },
    );
  });

  it('gives the last place to one of several volunteers signing up at once; the others wait', async () => {
    const res = await organiser.post('/api/volunteers/activities', body({ title: '敬老院关爱帮扶志愿服务', capacity: 1 }));
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const answers = await Promise.all(vols.map((v) => v.client.post(`/api/volunteers/activities/${id}/signups`, {})));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.filter((a) => a.body.state === 'signed')).toHaveLength(1);
    expect(answers.map((a) => a.body.position).sort()).toEqual([1, 2, 3, null]);
    // An ended activity takes no sign-ups.
    const { database } = await getHarness();
    const now = (await clock()).now();
    await database.db
      .updateTable('volunteer_activities')
      .set({ starts_at: new Date(now.getTime() - 3 * HOUR), ends_at: new Date(now.getTime() - HOUR) })
      .where('id', '=', id)
      .execute();
    const late = await pending.client.post(`/api/volunteers/activities/${id}/signups`, {});
    expect(late.status).toBe(404);
    const ended = await vols[0].client.post(`/api/volunteers/activities/${id}/signups`, {});
    expect(ended.status).toBe(422);
    expect(ended.body.error.message).toBe('活动已结束，不能报名');
  });

  it('shows the code only to the organiser, only around the activity time', async () => {
    const early = await organiser.get(`/api/volunteers/activities/${activityId}/checkin-code`);
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('开始前 1 小时');
    await at(new Date(start.getTime() - 30 * 60_000 + 5_000));
    const res = await organiser.get(`/api/volunteers/activities/${activityId}/checkin-code`);
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(new RegExp(`^CCV1\\.${activityId}\\.${codeWindow((await clock()).now())}\\.[A-Za-z0-9_-]{22}$`));
    expect(res.body.windowSeconds).toBe(30);
    expect(new Date(res.body.expiresAt).getTime() - (await clock()).now().getTime()).toBe(25_000);
    expect((await vols[1].client.get(`/api/volunteers/activities/${activityId}/checkin-code`)).status).toBe(403);
    expect((await leader.get(`/api/volunteers/activities/${activityId}/checkin-code`)).status).toBe(403);
    expect((await otherOffice.get(`/api/volunteers/activities/${activityId}/checkin-code`)).status).toBe(404);
    expect((await outsider.client.get(`/api/volunteers/activities/${activityId}/checkin-code`)).status).toBe(404);
  });

  it('checks in by the current or previous code only; a forged, expired or replayed code is refused', async () => {
    const scan = (v: TestVolunteer, c: string, location: unknown = NEAR, extra: Record<string, unknown> = {}) =>
      v.client.post('/api/volunteers/checkins', { code: c, location, ...extra });
    const old = await code();
    await at(new Date((await clock()).now().getTime() + 60_000)); // two windows later
    const expired = await scan(vols[1], old);
    expect(expired.status).toBe(422);
    expect(expired.body.error).toMatchObject({ code: 'code_expired', message: '签到码已过期，请重新扫描组织者手机上的二维码' });

    const previous = await code();
    const [p, id, w, mac] = previous.split('.');
    const forged = await scan(vols[1], `${p}.${id}.${Number(w) + 1}.${mac}`);
    expect(forged.status).toBe(422);
    expect(forged.body.error.code).toBe('code_invalid');
    const garbage = await scan(vols[1], 'https://example.com/not-our-code');
    expect(garbage.body.error.code).toBe('code_invalid');
    const otherMac = await scan(vols[1], `${p}.${id}.${w}.${crypto.randomBytes(16).toString('base64url').slice(0, 22)}`);
    expect(otherMac.body.error.code).toBe('code_invalid');

    await at(new Date((await clock()).now().getTime() + 30_000)); // the next window: the previous code still counts
    const ok = await scan(vols[1], previous);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ activityId, direction: 'in', outside: false, minutes: null });
    expect(ok.body.distanceM).toBeGreaterThan(30);
    expect(ok.body.distanceM).toBeLessThan(60);
    const replay = await scan(vols[1], previous);
    expect(replay.status).toBe(422);
    expect(replay.body.error.code).toBe('code_used');

    // Waiting and cancelled volunteers cannot check in.
    const waiting = await scan(vols[0], await code());
    expect(waiting.status).toBe(422);
    expect(waiting.body.error.message).toContain('候补');
    // Nothing was written by the refusals.
    const { database } = await getHarness();
    const used = await database.db
      .selectFrom('volunteer_checkin_codes_used')
      .select('code_window')
      .where('activity_id', '=', activityId)
      .execute();
    expect(used.map((u) => Number(u.code_window))).toEqual([Number(w)]);
  });

  it('refuses a scan outside the geofence unless the volunteer accepts it as outside, which the organiser confirms', async () => {
    const c = await code();
    const far = await vols[2].client.post('/api/volunteers/checkins', { code: c, location: FAR });
    expect(far.status).toBe(422);
    expect(far.body.error).toMatchObject({ code: 'outside_geofence', geofenceM: 300 });
    expect(far.body.error.message).toContain('不在活动签到范围内');
    expect(far.body.error.distanceM).toBeGreaterThan(2000);
    const noLocation = await vols[2].client.post('/api/volunteers/checkins', { code: c, location: null });
    expect(noLocation.body.error.code).toBe('outside_geofence');
    const accepted = await vols[2].client.post('/api/volunteers/checkins', { code: c, location: FAR, acceptOutside: true });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ direction: 'in', outside: true });
    const row = (await roster()).find((r) => r.volunteerId === vols[2].id)!;
    expect(row).toMatchObject({ attendanceState: 'checked_in', checkInOutside: true, outsideConfirmed: false });
  });

  it('checks out with the minutes inside the activity time, certifies, finishes the activity and audits a correction', async () => {
    // Two hours after the start both check out (they came early: the half hour before the start does not count).
    await at(new Date(start.getTime() + 2 * HOUR + 5_000));
    const out1 = await vols[1].client.post('/api/volunteers/checkins', { code: await code(), location: NEAR });
    expect(out1.status, JSON.stringify(out1.body)).toBe(201);
    expect(out1.body).toMatchObject({ direction: 'out', minutes: 120 });
    const out2 = await vols[2].client.post('/api/volunteers/checkins', { code: await code(), location: NEAR });
    expect(out2.body).toMatchObject({ direction: 'out', minutes: 120, outside: false });
    const done = await vols[1].client.post('/api/volunteers/checkins', { code: await code(), location: NEAR });
    expect(done.status).toBe(422);
    expect(done.body.error.message).toContain('已签退');

    // The outside check-in waits for confirmation.
    expect((await leader.post(`/api/volunteers/activities/${activityId}/certify`, {})).status).toBe(403);
    expect((await otherOffice.post(`/api/volunteers/activities/${activityId}/certify`, {})).status).toBe(404);
    const first = await organiser.post(`/api/volunteers/activities/${activityId}/certify`, {});
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ certified: 1, skipped: 1 });
    let rows = await roster();
    const r1 = rows.find((r) => r.volunteerId === vols[1].id)!;
    const r2 = rows.find((r) => r.volunteerId === vols[2].id)!;
    expect(r1).toMatchObject({ attendanceState: 'certified', certifiedMinutes: 120 });
    expect(r2).toMatchObject({ attendanceState: 'checked_out', certifiedMinutes: null, checkInOutside: true });

    const attendanceOf = (r: Record<string, any>) => `/api/volunteers/activities/attendance/${r.attendanceId}`;
    expect((await otherOffice.post(`${attendanceOf(r2)}/confirm-outside`, { version: r2.version })).status).toBe(404);
    expect((await vols[1].client.post(`${attendanceOf(r2)}/confirm-outside`, { version: r2.version })).status).toBe(403);
    const confirmed = await organiser.post(`${attendanceOf(r2)}/confirm-outside`, { version: r2.version });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.items.find((r: Record<string, any>) => r.volunteerId === vols[2].id)).toMatchObject({ outsideConfirmed: true });

    // After the end, certifying the rest finishes the activity.
    await at(new Date(start.getTime() + 3 * HOUR + 60_000));
    const second = await organiser.post(`/api/volunteers/activities/${activityId}/certify`, {});
    expect(second.body).toEqual({ certified: 1, skipped: 0 });
    const a = (await organiser.get(`/api/volunteers/activities/${activityId}`)).body;
    expect(a.state).toBe('finished');
    const mine = (await vols[2].client.get(`/api/volunteers/activities/${activityId}`)).body;
    expect(mine.myAttendance).toMatchObject({ state: 'certified', certifiedMinutes: 120, outside: true });

    // A correction with a reason: history on the roster and in the audit trail.
    rows = await roster();
    const c1 = rows.find((r) => r.volunteerId === vols[1].id)!;
    const short = await organiser.post(`${attendanceOf(c1)}/correct`, { version: c1.version, minutes: 90, reason: '短' });
    expect(short.status).toBe(400);
    const fixed = await organiser.post(`${attendanceOf(c1)}/correct`, {
      version: c1.version,
      minutes: 90,
      reason: '中途离开半小时，按实际服务时长更正',
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const after = fixed.body.items.find((r: Record<string, any>) => r.volunteerId === vols[1].id);
    expect(after).toMatchObject({ certifiedMinutes: 90, minutes: 120 });
    expect(after.corrections).toEqual([
      expect.objectContaining({ oldMinutes: 120, newMinutes: 90, reason: '中途离开半小时，按实际服务时长更正', by: '周志强' }),
    ]);
    expect((await organiser.post(`${attendanceOf(c1)}/correct`, { version: c1.version, minutes: 80, reason: '再次更正时长' })).status).toBe(
      409,
    );
    const { database } = await getHarness();
    const events = await database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', c1.attendanceId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'volunteer_attendance.checked_in',
      'volunteer_attendance.checked_out',
      'volunteer_attendance.corrected',
    ]);
    expect(events.at(-1)!.actor_id).toBe(organiserId);

    // The roster and corrections are the organiser's: another county gets 404, a volunteer 403.
    expect((await otherOffice.get(`/api/volunteers/activities/${activityId}/roster`)).status).toBe(404);
    expect((await vols[1].client.get(`/api/volunteers/activities/${activityId}/roster`)).status).toBe(403);
    expect(
      (await otherOffice.post(`${attendanceOf(c1)}/correct`, { version: c1.version + 1, minutes: 60, reason: '越权更正时长' })).status,
    ).toBe(404);
  });

  it('counts activities held per station', async () => {
    const { database } = await getHarness();
    // The station's activity held (moved to the past directly: publishing refuses a start that long ago).
    const now = (await clock()).now();
    await database.db
      .updateTable('volunteer_activities')
      .set({ starts_at: new Date(now.getTime() - 2 * HOUR), ends_at: new Date(now.getTime() - HOUR) })
      .where('station_id', '=', stationId)
      .execute();
    const P = formatPeriod(periodOf('month', new Date(now.getTime() - HOUR)));
    const res = await office.get(`/api/indicators/volunteers.activities_per_station?period=${P}&subjectType=town&regionId=${t.countyId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const town = res.body.items.find((i: { subjectId: string }) => i.subjectId === t.townAId);
    expect(town).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
  });
  it('takes the six typed digits of the current or previous window when a phone cannot scan, and limits guessing', async () => {
    const now = (await clock()).now();
    const typedStart = new Date(Math.ceil((now.getTime() + 10 * 60_000) / 30_000) * 30_000);
    const pub = await organiser.post(
      '/api/volunteers/activities',
      body({
        title: '人民公园环境清洁志愿服务',
        startsAt: typedStart.toISOString(),
        endsAt: new Date(typedStart.getTime() + 2 * HOUR).toISOString(),
      }),
    );
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    const typedId = pub.body.id as string;
    expect((await vols[3].client.post(`/api/volunteers/activities/${typedId}/signups`, {})).status).toBe(201);
    await at(new Date(typedStart.getTime() + 5_000));
    const shown = await organiser.get(`/api/volunteers/activities/${typedId}/checkin-code`);
    expect(shown.status).toBe(200);
    expect(shown.body.shortCode).toMatch(/^\d{6}$/);
    const typed = (digits: string, v: TestVolunteer = vols[3]) =>
      v.client.post('/api/volunteers/checkins', { code: `CCV1M.${typedId}.${digits}`, location: NEAR });
    const wrongDigits = String((Number(shown.body.shortCode) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await typed(wrongDigits);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'code_invalid' });
    expect(wrong.body.error.message).toContain('6 位数字');
    // The next window: the previous window's digits still count; two windows later they do not.
    await at(new Date(typedStart.getTime() + 35_000));
    const ok = await typed(shown.body.shortCode);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ activityId: typedId, direction: 'in', outside: false });
    await at(new Date(typedStart.getTime() + 95_000));
    const stale = await typed(shown.body.shortCode);
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('code_invalid');
    // At most 10 typed codes per volunteer in 10 minutes: the rest are refused before any check.
    let limited = 0;
    for (let i = 0; i < 10; i++) if ((await typed('000000')).status === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
    const current = await organiser.get(`/api/volunteers/activities/${typedId}/checkin-code`);
    expect((await typed(current.body.shortCode)).status).toBe(429);
  });
  it('shows residents the county’s published activities that have not ended, with places taken and nothing about the people', async () => {
    const now = (await clock()).now();
    const from = new Date(now.getTime() + 2 * HOUR);
    const times = { startsAt: from.toISOString(), endsAt: new Date(from.getTime() + 3 * HOUR).toISOString() };
    const open = await organiser.post('/api/volunteers/activities', body({ ...times, title: '周末护河巡查志愿服务', capacity: 5 }));
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    expect((await vols[2].client.post(`/api/volunteers/activities/${open.body.id}/signups`, {})).status).toBe(201);
    const dropped = await organiser.post('/api/volunteers/activities', body({ ...times, title: '已取消的社区义诊' }));
    expect(
      (await organiser.post(`/api/volunteers/activities/${dropped.body.id}/cancel`, { version: 1, reason: '场地临时占用' })).status,
    ).toBe(200);

    const anon = await anonymous();
    const list = await anon.get(`/api/public/volunteer-activities?countyCode=${t.countyCode}`);
    expect(list.status).toBe(200);
    const titles = list.body.items.map((a: { title: string }) => a.title);
    expect(titles).toContain('周末护河巡查志愿服务');
    expect(titles).not.toContain('已取消的社区义诊');
    const item = list.body.items.find((a: { id: string }) => a.id === open.body.id);
    expect(item).toMatchObject({
      capacity: 5,
      taken: 1,
      teamName: expect.stringContaining('城关志愿服务支队'),
      place: '人民路与中山路交叉口',
    });
    expect(Object.keys(item).sort()).toEqual(
      ['capacity', 'description', 'endsAt', 'id', 'place', 'regionName', 'skills', 'startsAt', 'taken', 'teamName', 'title'].sort(),
    );
    const text = JSON.stringify(list.body);
    for (const secret of ['周志强', '张桂兰', vols[2].userId, organiserId]) expect(text).not.toContain(secret);
    // Soonest first, and only what has not ended: the activities of the earlier tests are over by now.
    const starts = list.body.items.map((a: { startsAt: string }) => Date.parse(a.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const a of list.body.items) expect(Date.parse(a.endsAt)).toBeGreaterThan(now.getTime());

    expect(
      (await anon.get(`/api/public/volunteer-activities?countyCode=${other.countyCode}`)).body.items.map((a: { id: string }) => a.id),
    ).not.toContain(open.body.id);
    // 我的志愿 of a volunteer still waiting for approval shows the same list; an approved one signs up from 志愿活动.
    const waiting = await pending.client.get('/api/volunteers/me');
    expect(waiting.status).toBe(200);
    expect(waiting.body.volunteer.state).toBe('pending');
    expect(waiting.body.recruiting.map((a: { id: string }) => a.id)).toEqual(list.body.items.map((a: { id: string }) => a.id));
    expect((await vols[0].client.get('/api/volunteers/me')).body.recruiting).toBeNull();
    const bad = await anon.get('/api/public/volunteer-activities?countyCode=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('区县代码格式不正确');
    // Once it has ended it is no longer recruiting.
    await at(new Date(from.getTime() + 3 * HOUR + 1_000));
    const later = await anon.get(`/api/public/volunteer-activities?countyCode=${t.countyCode}`);
    expect(later.body.items.map((a: { id: string }) => a.id)).not.toContain(open.body.id);
  });
});
