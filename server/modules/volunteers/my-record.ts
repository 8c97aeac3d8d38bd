/**
 * 我的志愿 (GET /api/volunteers/me): hours this year and in total from CERTIFIED minutes only (谁组织、谁记录、谁认证:
 * checked-out but uncertified time does not count), the star level from the thresholds in data/volunteer-stars.json,
 * the activities signed up for or attended, and the problems reported as 文明啄木鸟 (source volunteer). An account
 * that never registered gets an empty record (volunteer null); one waiting for approval also gets the county's 活动招募.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { myVolunteerRecord } from '../../../common/contracts/volunteers';
import { hoursOf, hoursToNextStar, starLevel } from '../../../common/volunteers';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { beijingDay } from '../calendar/calendar';
import { adminTeamIdsOf } from './access';
import { toVolunteerDto } from './presenter';
import { readPublicActivities } from './read-public-activities';
import { findVolunteerOfUser } from './repository';
import { starHours } from './stars';
import { BEIJING_OFFSET_MS } from '../../../common/beijing';

/** Certified minutes of a volunteer: all time and in the Beijing calendar year of `now`. */
export async function certifiedMinutes(db: Db, volunteerId: string, now: Date): Promise<{ year: number; total: number }> {
  const year = Number(beijingDay(now).slice(0, 4));
  const yearStart = new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS);
  const r = await sql<{ total: number; year: number }>`
    select coalesce(sum(a.certified_minutes), 0)::int as total,
      coalesce(sum(a.certified_minutes) filter (where act.starts_at >= ${yearStart}), 0)::int as year
    from volunteer_attendance a join volunteer_activities act on act.id = a.activity_id
    where a.volunteer_id = ${volunteerId} and a.state = 'certified'`.execute(db);
  return r.rows[0] ?? { year: 0, total: 0 };
}

export async function myRecord(ctx: Ctx): Promise<z.output<typeof myVolunteerRecord>> {
  const thresholds = starHours();
  const v = await findVolunteerOfUser(ctx.db, ctx.actor.id);
  const reports = await sql<{ n: number }>`select count(*)::int as n from problems
    where reporter_id = ${ctx.actor.id} and source = 'volunteer'`.execute(ctx.db);
  const reportsFiled = reports.rows[0]?.n ?? 0;
  if (!v) {
    return {
      volunteer: null,
      hours: { year: 0, total: 0 },
      minutes: { year: 0, total: 0 },
      stars: 0,
      hoursToNextStar: hoursToNextStar(0, thresholds),
      starThresholds: thresholds,
      reportsFiled,
      activities: [],
      certificateCode: null,
      recruiting: null,
    };
  }
  const minutes = await certifiedMinutes(ctx.db, v.id, ctx.clock.now());
  const activities = await sql<{
    activity_id: string;
    title: string;
    starts_at: Date;
    ends_at: Date;
    place: string;
    signup_state: 'signed' | 'waitlisted' | 'cancelled' | null;
    attendance_state: 'checked_in' | 'checked_out' | 'certified' | null;
    minutes: number | null;
    certified_minutes: number | null;
  }>`
    select act.id as activity_id, act.title, act.starts_at, act.ends_at, act.place, s.state as signup_state,
      a.state as attendance_state, a.minutes, a.certified_minutes
    from volunteer_activities act
    left join volunteer_signups s on s.activity_id = act.id and s.volunteer_id = ${v.id}
    left join volunteer_attendance a on a.activity_id = act.id and a.volunteer_id = ${v.id}
    where s.id is not null or a.id is not null
    order by act.starts_at desc
    limit 200`.execute(ctx.db);
  return {
    volunteer: toVolunteerDto(v, ctx.actor, await adminTeamIdsOf(ctx.db, ctx.actor)),
    hours: { year: hoursOf(minutes.year), total: hoursOf(minutes.total) },
    minutes,
    stars: starLevel(minutes.total, thresholds),
    hoursToNextStar: hoursToNextStar(minutes.total, thresholds),
    starThresholds: thresholds,
    reportsFiled,
    activities: activities.rows.map((a) => ({
      activityId: a.activity_id,
      title: a.title,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      place: a.place,
      signupState: a.signup_state,
      attendanceState: a.attendance_state,
      minutes: a.minutes,
      certifiedMinutes: a.certified_minutes,
    })),
    certificateCode: v.certificate_code,
    // Waiting for approval: what the county is recruiting for, as residents see it (sign-up opens once approved).
    recruiting: v.state === 'pending' ? (await readPublicActivities(ctx.db, { regionId: v.region_id }, ctx.clock.now())).items : null,
  };
}
