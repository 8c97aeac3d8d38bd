/**
 * The demo's 志愿之城 (part of the story, seed-history.ts; the data: seed-volunteers-specs.ts), through the module's
 * commands on the story's clock:
 * - on the story's first day the office of 示范县 builds the team tree — 示范县志愿服务总队 (团县委) with four 支队
 *   (文明交通, 生态环保, 关爱帮扶, 理论宣讲), two 小队 in 城关街道 and 城东街道 and the 应急救援志愿服务队 (专业队) —
 *   names each team's admins (the units' 联络员: 苏小雨 of 团县委 `u190036` runs the 总队 and the 应急救援队, 施亮 of
 *   the 交警大队 the 交通支队 …, the 点长 `sitelead` the 城东 小队), the practice network (县新时代文明实践中心 → a 所
 *   per town → 站 in eight communities and villages, with addresses and places on the map) and this year's 常住人口
 *   per town;
 * - 31 volunteers apply in September to December (the demo account `volunteer` 卫思琪 joins with her account, the
 *   others as residents registering on their phones: an account with the phone as user name, the ID number sealed by
 *   id-number.ts exactly as the public door does, since its proof of work and SMS code exist only over HTTP); their team
 *   admin approves them a day later, one is refused, and the three who applied this week still wait (待审核);
 * - the teams publish activities from the second week: 8-hour 文明交通劝导 shifts at the crossings on Monday, Wednesday
 *   and Friday, Saturday 生态环保 cleanups, 关爱帮扶 visits every Tuesday, 应急救援 drills every other Sunday and the
 *   centre's 百姓宣讲 every other Thursday, each four days ahead; the
 *   volunteers sign up (signUp), come, check in and out (attendance written per activity in one transaction with its
 *   audit events — the rotating code is a phone's thing), and the organiser certifies the hours (certifyHours) the
 *   same afternoon; two certified figures are corrected with their reasons (correctHours);
 * - so 卫思琪 and 张建国 pass 300 h (★2), four more pass 100 h (★1: 王海涛, 赵丽娜, 李秀兰, 刘淑芬); 卫思琪's
 *   志愿服务证明 is issued (its public code); today's activities are left out (they would be under way);
 * - the coming two weeks hold about ten published activities with a few sign-ups each (卫思琪 on the traffic shifts),
 *   and the 暖冬 dumpling visit full with two on its waiting list.
 * About 80 activities, 280 sign-ups and attendances: some 4 s of the story on the embedded engine.
 * Draws come from the module's own seeded PRNG (the story's is left untouched): the same `now` gives the same story.
 */
import { serviceMinutes } from '../../../common/volunteers';
import { hashPassword } from '../../platform/auth/passwords';
import { rememberPassword } from '../../platform/auth/password-history';
import type { Actor } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { loadActor } from '../../platform/http';
import { isWorkingDay } from '../../modules/calendar/calendar';
import { prng, seedFrom } from '../../modules/inspections/sample-sites';
import { buildCertificate } from '../../modules/volunteers/certificate';
import { certifyHours } from '../../modules/volunteers/certify-hours';
import { correctHours } from '../../modules/volunteers/correct-hours';
import { createStation } from '../../modules/volunteers/create-station';
import { createTeam } from '../../modules/volunteers/create-team';
import { insertVolunteer } from '../../modules/volunteers/enrol';
import { sealIdNumber } from '../../modules/volunteers/id-number';
import { joinVolunteer } from '../../modules/volunteers/join-volunteer';
import { publishActivity } from '../../modules/volunteers/publish-activity';
import { reviewVolunteer } from '../../modules/volunteers/review-volunteer';
import { setPopulation } from '../../modules/volunteers/set-population';
import { setTeamAdmins } from '../../modules/volunteers/set-team-admins';
import { signUp } from '../../modules/volunteers/sign-up';
import '../../modules/volunteers/policy';
import '../../modules/volunteers/activity-policy';
import { DEMO_PASSWORD } from './seed-demo';
import {
  CLEANUPS,
  CROSSINGS,
  ID_AREAS,
  idNumberFor,
  PHONE_PREFIXES,
  STATIONS,
  TEAMS,
  TOWNS,
  VISITS,
  VOLUNTEERS,
  type ActivityPlan,
  type TeamKey,
  type VolunteerSpec,
  type Zeal,
} from './seed-volunteers-specs';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface VolunteerStoryDeps {
  db: Db;
  /** The story's present (ms). */
  now: number;
  /** The story's first instant (ms, Beijing midnight of its first day). */
  start: number;
  /** Schedules an event on the story's queue (dropped when after `now`). */
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
  system: Ctx;
}

/** Seeds the 志愿之城 story on the story's queue. */
export async function seedVolunteerStory(d: VolunteerStoryDeps): Promise<void> {
  const { db, now, start, at, system } = d;
  const county = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901').executeTakeFirst();
  if (!county) return;
  const random = prng(seedFrom(`demo-volunteers-${new Date(now).getUTCFullYear()}`));
  const rnd = (a: number, b: number) => a + (b - a) * random();
  const hash = await hashPassword(DEMO_PASSWORD);
  const regionIds = new Map(
    (await db.selectFrom('regions').select(['id', 'code']).where('path', 'like', `${county.path}%`).execute()).map((r) => [r.code, r.id]),
  );
  const unitIds = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  const office = await d.user('office');

  /** A fresh actor (grants as they are now: a volunteer approved since shows the role). */
  const ctxOf = async (userId: string): Promise<Ctx> => {
    const actor: Actor | null = await loadActor(db, userId, 'session');
    if (!actor) throw new Error(`demo volunteers: user ${userId} not found`);
    return { actor, db, clock: system.clock, meta: { ip: null, userAgent: 'demo-history' } };
  };
  const userIdOf = async (a: { username?: string; phone?: string }) => {
    let q = db.selectFrom('users').select('id');
    q = a.username ? q.where('username', '=', a.username) : q.where('phone', '=', a.phone!).orderBy('username');
    return (await q.executeTakeFirstOrThrow()).id;
  };
  const bjAt = (day: number, hour: number) => start + day * DAY + hour * HOUR;
  const today = Math.floor((now - start) / DAY);

  // ---- day 0: the organisation -------------------------------------------------------------------------------------
  const teams = new Map<TeamKey, string>();
  const teamAdmin = new Map<TeamKey, string>();
  const stations = new Map<string, string>();
  at(bjAt(1, 9.5), 'volunteer-organisation', async () => {
    for (const t of TEAMS) {
      const id = await createTeam(office, {
        regionId: regionIds.get(t.region)!,
        parentId: t.parent ? teams.get(t.parent)! : null,
        kind: t.kind,
        name: t.name,
        unitId: t.unit ? (unitIds.get(t.unit) ?? null) : null,
        contactName: t.contact[0],
        contactPhone: t.contact[1],
        description: t.description,
      });
      teams.set(t.key, id);
      const admins = await Promise.all(t.admins.map(userIdOf));
      await setTeamAdmins(office, id, admins);
      teamAdmin.set(t.key, admins[0]!);
    }
    for (const s of STATIONS) {
      stations.set(
        s.key,
        await createStation(office, {
          regionId: regionIds.get(s.region)!,
          parentId: s.parent ? stations.get(s.parent)! : null,
          level: s.level,
          name: s.name,
          address: s.address,
          location: { lat: s.lat, lng: s.lng },
          contactName: s.contact?.[0] ?? null,
          contactPhone: s.contact?.[1] ?? null,
        }),
      );
    }
    await setPopulation(office, {
      year: new Date(now + 8 * HOUR).getUTCFullYear(),
      items: TOWNS.map((t) => ({ regionId: regionIds.get(t.code)!, population: t.population })),
    });
  });

  // ---- the volunteers apply and are reviewed -----------------------------------------------------------------------
  interface Person {
    spec: VolunteerSpec;
    userId: string | null;
    volunteerId: string | null;
    /** From when they may sign up (approved). */
    from: number;
  }
  const people: Person[] = VOLUNTEERS.map((spec) => ({
    spec,
    userId: null,
    volunteerId: null,
    from: spec.fate ? Infinity : Math.max(spec.joins, 1) + 1,
  }));
  const approved = new Map<number, Ctx>();
  for (const [i, p] of people.entries()) {
    const s = p.spec;
    const joinDay = s.joins < 0 ? today + s.joins : s.joins;
    const applyAt = bjAt(joinDay, 19 + (i % 5) * 0.4);
    const phone = `${PHONE_PREFIXES[i % PHONE_PREFIXES.length]}${String(31_900_000 + ((i * 7_919 + 1_234) % 99_999) * 7).slice(-8)}`;
    const idNumber = idNumberFor(ID_AREAS[i % ID_AREAS.length]!, s.born, 100 + i * 37, s.gender);
    at(applyAt, 'volunteer-apply', async () => {
      const profile = { name: s.name, gender: s.gender, skills: s.skills, availability: s.availability, teamId: teams.get(s.team)! };
      if (s.username) {
        p.userId = await userIdOf({ username: s.username });
        const self = await ctxOf(p.userId);
        const own = await db.selectFrom('users').select('phone').where('id', '=', p.userId).executeTakeFirstOrThrow();
        p.volunteerId = await joinVolunteer(self, { ...profile, idNumber, phone: own.phone ?? phone });
        return;
      }
      // As the public door's registration does once its challenge and SMS code are spent (register-volunteer.ts).
      const sealed = await sealIdNumber(db, idNumber);
      const clockNow = system.clock.now();
      p.volunteerId = await db.transaction().execute(async (tx) => {
        const team = (await tx
          .selectFrom('volunteer_teams')
          .select('region_id')
          .where('id', '=', profile.teamId)
          .executeTakeFirstOrThrow())!;
        const u = await tx
          .insertInto('users')
          .values({
            username: phone,
            name: s.name,
            phone,
            region_id: team.region_id,
            password_hash: hash,
            must_change_password: false,
            password_changed_at: clockNow,
            is_demo: true,
            created_at: clockNow,
            updated_at: clockNow,
          })
          .returning(['id', 'username', 'name'])
          .executeTakeFirstOrThrow();
        await rememberPassword(tx, u.id, hash, clockNow);
        p.userId = u.id;
        const self: Actor = { ...system.actor, id: u.id, username: u.username, name: u.name, grants: [], via: 'session' };
        return insertVolunteer(
          tx,
          { ...system, actor: self, meta: { ip: null, userAgent: 'demo-history' } },
          u.id,
          { ...profile, phone },
          sealed,
        );
      });
    });
    if (s.fate === 'pending') continue;
    at(bjAt(joinDay + 1, 9 + (i % 4) * 0.5), 'volunteer-review', async () => {
      const admin = await ctxOf(teamAdmin.get(s.team)!);
      const v = await db.selectFrom('volunteers').select('version').where('id', '=', p.volunteerId!).executeTakeFirstOrThrow();
      await reviewVolunteer(
        admin,
        p.volunteerId!,
        s.fate === 'rejected'
          ? { decision: 'reject', version: v.version, comment: '所填服务时间与本支队活动安排不符，建议改报生态环保志愿服务支队' }
          : { decision: 'approve', version: v.version, comment: '信息完整，欢迎加入' },
      );
      if (s.fate !== 'rejected') approved.set(i, await ctxOf(p.userId!));
    });
  }

  // ---- the activities ----------------------------------------------------------------------------------------------
  const byZeal = (z: Zeal) => people.flatMap((p, i) => (p.spec.zeal === z ? [i] : []));
  const ofTeams = (keys: TeamKey[]) => people.flatMap((p, i) => (keys.includes(p.spec.team) && !p.spec.fate ? [i] : []));
  const busy = new Set<string>();
  /** Who comes, in order: the core (all who are approved by then), then others by chance, up to the capacity. */
  const choose = (day: number, capacity: number, core: number[], others: number[], p: number) => {
    const out: number[] = [];
    for (const i of [...core, ...others.filter(() => random() < p)]) {
      if (out.length >= capacity || out.includes(i) || people[i]!.from + 4 > day || busy.has(`${i}:${day}`)) continue;
      busy.add(`${i}:${day}`);
      out.push(i);
    }
    return out;
  };
  const plans: ActivityPlan[] = [];
  const first = 7;
  const idx = (name: string) => people.findIndex((p) => p.spec.name === name);
  const [wei, zhang, wang, zhao, li, liu] = ['卫思琪', '张建国', '王海涛', '赵丽娜', '李秀兰', '刘淑芬'].map(idx) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const traffic = ofTeams(['traffic', 'squadCg']).filter((i) => people[i]!.spec.zeal !== 'star2' && people[i]!.spec.zeal !== 'star1');
  const eco = ofTeams(['eco', 'squadCd']);
  const careTeam = ofTeams(['care']);
  const rescue = ofTeams(['rescue']);
  const lecture = ofTeams(['lecture']);
  let trafficShift = 0;
  for (let day = first; day < today + 15; day += 1) {
    // Today's activities are under way as the office looks: the story leaves today alone.
    if (day === today) continue;
    const noon = bjAt(day, 12);
    const dow = new Date(noon + 8 * HOUR).getUTCDay();
    const working = isWorkingDay(noon);
    const past = day < today;
    // 文明交通劝导: 8-hour shifts on Monday, Wednesday and Friday (working days): 卫思琪 at every one, 张建国 at most,
    // 王海涛 and 赵丽娜 taking turns, one more of the 支队 by chance.
    if (working && [1, 3, 5].includes(dow) && (past || day <= today + 7)) {
      const c = CROSSINGS[trafficShift % CROSSINGS.length]!;
      trafficShift += 1;
      const core = [wei, ...(trafficShift % 8 ? [zhang] : []), trafficShift % 2 ? wang : zhao];
      plans.push({
        team: c.place.startsWith('人民路与建设') ? 'squadCg' : 'traffic',
        station: c.station,
        title: `文明交通劝导（${c.place}）`,
        description:
          '早晚高峰及全天在路口开展文明交通劝导：劝导行人走斑马线、不闯红灯，提醒电动车驾乘人员佩戴头盔、不逆行。请穿志愿者马甲，佩戴小红帽。',
        place: `示范县${c.place}`,
        lat: c.lat,
        lng: c.lng,
        from: 7.5,
        to: 15.5,
        day,
        capacity: 4,
        skills: ['文明劝导', '交通引导'],
        comes: past ? choose(day, 4, core, traffic, 0.3) : [],
      });
    }
    // 生态环保: every Saturday, 8.5 hours; 刘淑芬 always, 卫思琪 every other week.
    if (dow === 6) {
      const c = CLEANUPS[Math.floor(day / 7) % CLEANUPS.length]!;
      plans.push({
        team: c.place === '东湖公园' ? 'squadCd' : 'eco',
        station: c.station,
        title: c.what,
        description: '清理绿地、步道和水边的垃圾杂物，劝导游客不乱扔垃圾、文明遛犬，并开展垃圾分类宣传。工具由支队统一发放。',
        place: `示范县${c.place}`,
        lat: c.lat,
        lng: c.lng,
        from: 8,
        to: 16.5,
        day,
        capacity: 6,
        skills: ['环境清洁'],
        comes: past ? choose(day, 5, [liu, ...(Math.floor(day / 7) % 2 ? [wei] : [])], eco, 0.3) : [],
      });
    }
    // 关爱帮扶: every Tuesday (working), 李秀兰 and 张建国 always.
    if (dow === 2 && working) {
      const c = VISITS[Math.floor(day / 7) % VISITS.length]!;
      plans.push({
        team: 'care',
        station: c.station,
        title: c.what,
        description: '上门陪伴聊天、打扫卫生、测量血压，了解老人和困难群众的生活需求并登记反馈。',
        place: c.place,
        lat: c.lat,
        lng: c.lng,
        from: 8.5,
        to: 16.5,
        day,
        capacity: 5,
        skills: ['关爱帮扶'],
        comes: past ? choose(day, 4, [li, zhang], careTeam, 0.3) : [],
      });
    }
    // 应急救援: a drill every other Sunday.
    if (dow === 0 && day % 14 < 7) {
      plans.push({
        team: 'rescue',
        title: '应急救援技能培训与实战演练',
        description: '心肺复苏与 AED 使用、止血包扎、火场逃生和水上救援演练，结束后进行技能考核。',
        place: '示范县滨河公园应急救援训练场',
        lat: 39.1128,
        lng: 116.4535,
        from: 8,
        to: 17,
        day,
        capacity: 12,
        skills: ['应急救援', '医疗救护'],
        comes: past ? choose(day, 5, rescue, eco, 0.1) : [],
      });
    }
    // The centre's 百姓宣讲: every other Thursday morning, 李秀兰 among the speakers.
    if (dow === 4 && day % 14 < 7 && working) {
      plans.push({
        team: null,
        station: 'center',
        title: '新时代文明实践“百姓宣讲”进社区',
        description: '围绕文明城市创建、移风易俗和法治宣传开展百姓宣讲，现场发放宣传资料并开展有奖问答。',
        place: '示范县新时代文明实践中心多功能厅',
        lat: 39.1233,
        lng: 116.4801,
        from: 9,
        to: 13,
        day,
        capacity: 8,
        skills: ['宣传讲解'],
        comes: past ? choose(day, 4, [li, ...lecture], careTeam, 0.1) : [],
      });
    }
  }
  const star2 = [wei, zhang];
  // The 暖冬 dumpling visit: full, two waiting.
  plans.push({
    team: 'care',
    station: '139901100',
    title: '“暖冬行动”包饺子送温暖',
    description: '与敬老院老人一起包饺子、表演节目，为行动不便的老人送饺子上门。名额有限，报满后进入候补。',
    place: '示范县永安镇敬老院',
    lat: 39.1519,
    lng: 116.4711,
    from: 9,
    to: 14,
    day: today + 10,
    capacity: 6,
    skills: ['关爱帮扶', '文艺演出'],
    comes: [],
    signs: [...careTeam, ...star2, ...byZeal('star1')].filter((v, k, a) => a.indexOf(v) === k && !people[v]!.spec.fate).slice(0, 8),
  });

  // Upcoming activities: a few of the team sign up (within the places; only the 暖冬 visit has a waiting list).
  for (const plan of plans)
    if (plan.day > today && !plan.signs)
      plan.signs = ofTeams(plan.team ? [plan.team, ...(plan.team === 'squadCg' ? (['traffic'] as const) : [])] : ['lecture'])
        .filter((i) => people[i]!.from + 1 < today)
        .slice(0, Math.min(3, plan.capacity - 1));

  // Two corrections, on volunteers far from a star: one who left at noon for another crossing (the full day given back),
  // one who left early and scanned out later (cut to 5 hours).
  const plain = (i: number) => ['regular', 'light'].includes(people[i]!.spec.zeal);
  const corrections: Array<{ plan: ActivityPlan; who: number; minutes: number; reason: string; early: boolean }> = [];
  const trafficPlan = plans.find((x) => x.day > 30 && x.day < today - 2 && x.title.startsWith('文明交通') && x.comes.some(plain));
  if (trafficPlan)
    corrections.push({
      plan: trafficPlan,
      who: trafficPlan.comes.find(plain)!,
      minutes: (trafficPlan.to - trafficPlan.from) * 60,
      reason: '中午接带队队长安排转至人民路与朝阳路交叉口继续劝导，未在原点位签退，经队长核实全天在岗，按 8 小时更正',
      early: true,
    });
  const ecoPlan = plans.find((x) => x.day > 45 && x.day < today - 2 && x.skills.includes('环境清洁') && x.comes.some(plain));
  if (ecoPlan)
    corrections.push({
      plan: ecoPlan,
      who: ecoPlan.comes.find(plain)!,
      minutes: 300,
      reason: '经带队队长核实，该志愿者 13:00 因家中有事提前离开，签退系返回取物时补扫，实际服务 5 小时',
      early: false,
    });

  // Publish a few days before, sign up, attend, certify.
  for (const plan of plans) {
    const starts = bjAt(plan.day, plan.from);
    const ends = bjAt(plan.day, plan.to);
    const upcoming = plan.day > today;
    const publishAt = upcoming ? Math.min(bjAt(plan.day - 5, 10), now - 3 * HOUR) : bjAt(plan.day - 4, 10);
    let activityId = '';
    let organiser: Ctx | null = null;
    at(publishAt, 'volunteer-publish', async () => {
      organiser = plan.team ? await ctxOf(teamAdmin.get(plan.team)!) : office;
      activityId = await publishActivity(organiser, {
        teamId: plan.team ? teams.get(plan.team)! : null,
        stationId: plan.station ? stations.get(plan.station)! : null,
        title: plan.title,
        description: plan.description,
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(ends).toISOString(),
        place: plan.place,
        location: { lat: plan.lat, lng: plan.lng },
        geofenceM: 300,
        capacity: plan.capacity,
        skills: plan.skills,
      });
    });
    const signers = [...plan.comes, ...(plan.signs ?? [])];
    if (!signers.length && !upcoming) continue;
    at(upcoming ? publishAt + 2 * HOUR : bjAt(plan.day - 3, 20), 'volunteer-signups', async () => {
      for (const i of signers) {
        const v = approved.get(i);
        if (v) await signUp(v, activityId);
      }
    });
    if (upcoming || !plan.comes.length) continue;
    const early = corrections.find((c) => c.plan === plan && c.early)?.who;
    at(ends + 25 * MIN, 'volunteer-attendance', async () => {
      const act = { startsAt: new Date(starts), endsAt: new Date(ends) };
      await db.transaction().execute(async (tx) => {
        for (const i of plan.comes) {
          const volunteerId = people[i]!.volunteerId!;
          const checkIn = new Date(starts - rnd(3, 25) * MIN);
          const checkOut = new Date(i === early ? bjAt(plan.day, 12) + rnd(0, 10) * MIN : ends + rnd(1, 20) * MIN);
          const minutes = serviceMinutes(act, checkIn, checkOut);
          const near = () => ({ lat: plan.lat + rnd(-0.0006, 0.0006), lng: plan.lng + rnd(-0.0006, 0.0006) });
          const [pin, pout] = [near(), near()];
          const row = await tx
            .insertInto('volunteer_attendance')
            .values({
              activity_id: activityId,
              volunteer_id: volunteerId,
              state: 'checked_out',
              check_in_at: checkIn,
              check_in_lat: pin.lat,
              check_in_lng: pin.lng,
              check_in_distance_m: Math.round(rnd(5, 80)),
              check_in_outside: false,
              check_out_at: checkOut,
              check_out_lat: pout.lat,
              check_out_lng: pout.lng,
              check_out_distance_m: Math.round(rnd(5, 80)),
              check_out_outside: false,
              minutes,
              version: 2,
              created_at: checkIn,
              updated_at: checkOut,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const self = approved.get(i)!;
          for (const [direction, t] of [
            ['in', checkIn],
            ['out', checkOut],
          ] as const)
            await recordEvent(tx, self, {
              action: direction === 'in' ? 'volunteer_attendance.checked_in' : 'volunteer_attendance.checked_out',
              subjectType: 'volunteer_attendance',
              subjectId: row.id,
              after: {
                activity_id: activityId,
                volunteer_id: volunteerId,
                at: t,
                outside: false,
                minutes: direction === 'out' ? minutes : null,
              },
            });
        }
      });
    });
    at(ends + 2 * HOUR, 'volunteer-certify', async () => {
      await certifyHours(organiser!, activityId, {});
    });
    for (const c of corrections.filter((x) => x.plan === plan))
      at(ends + 26 * HOUR, 'volunteer-correction', async () => {
        const t = await db
          .selectFrom('volunteer_attendance')
          .select(['id', 'version'])
          .where('activity_id', '=', activityId)
          .where('volunteer_id', '=', people[c.who]!.volunteerId!)
          .executeTakeFirstOrThrow();
        await correctHours(organiser!, t.id, { version: t.version, minutes: c.minutes, reason: c.reason });
      });
  }

  // ---- 卫思琪's 志愿服务证明 -----------------------------------------------------------------------------------------
  at(now - 2 * HOUR, 'volunteer-certificate', async () => {
    await buildCertificate(approved.get(0)!);
  });
}
