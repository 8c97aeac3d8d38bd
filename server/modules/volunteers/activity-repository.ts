/** Reads and writes of 志愿之城 activities, sign-ups and attendance (SQL only; who may act is in activity-access.ts). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

/** SQL: the county of a region path (the region itself when it has no county above it). */
const countyOf = (path: RawBuilder<string | null>, self: RawBuilder<string>) =>
  sql`coalesce(${ancestorAtLevelSql(path, 'county')}, ${self})`;

/** SQL over an activity `a` joined to its region `r`: the actor's approved volunteer record in the activity's county. */
export function localVolunteerSql(userId: string | null): RawBuilder<string | null> {
  return sql<string | null>`(select v.id from volunteers v join regions vr on vr.id = v.region_id
    where v.user_id = ${userId} and v.state = 'approved'
      and ${countyOf(sql`vr.path`, sql`vr.id`)} = ${countyOf(sql`r.path`, sql`r.id`)} limit 1)`;
}

/** SQL over `a`: whether the user administers the organising team. */
export const teamAdminSql = (userId: string | null) =>
  sql<boolean>`exists (select 1 from volunteer_team_admins ta where ta.team_id = a.team_id and ta.user_id = ${userId})`;

/** SQL over `a`: the user's volunteer record (any state) that has a sign-up or attendance here. */
export const ownVolunteerSql = (userId: string | null) =>
  sql<string | null>`(select v.id from volunteers v where v.user_id = ${userId} limit 1)`;

function activitySelect(db: Db | Tx, userId: string | null) {
  const me = ownVolunteerSql(userId);
  return db
    .selectFrom('volunteer_activities as a')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .innerJoin('users as o', 'o.id', 'a.organiser_id')
    .leftJoin('volunteer_teams as t', 't.id', 'a.team_id')
    .leftJoin('volunteer_stations as s', 's.id', 'a.station_id')
    .selectAll('a')
    .select([
      'r.path as region_path',
      'o.name as organiser_name',
      't.name as team_name',
      's.name as station_name',
      sql<number>`(select count(*) from volunteer_signups x where x.activity_id = a.id and x.state = 'signed')::int`.as('signed_count'),
      sql<number>`(select count(*) from volunteer_signups x where x.activity_id = a.id and x.state = 'waitlisted')::int`.as(
        'waitlist_count',
      ),
      sql<number>`(select count(*) from volunteer_attendance x where x.activity_id = a.id)::int`.as('checked_in_count'),
      teamAdminSql(userId).as('is_team_admin'),
      localVolunteerSql(userId).as('local_volunteer_id'),
      me.as('my_volunteer_id'),
      sql<string | null>`(select x.state from volunteer_signups x where x.activity_id = a.id and x.volunteer_id = ${me})`.as('my_signup'),
      sql<Record<string, unknown> | null>`(select json_build_object('state', x.state, 'check_in_at', x.check_in_at,
          'check_out_at', x.check_out_at, 'outside', x.check_in_outside or x.check_out_outside, 'minutes', x.minutes,
          'certified_minutes', x.certified_minutes)
        from volunteer_attendance x where x.activity_id = a.id and x.volunteer_id = ${me})`.as('my_attendance'),
    ]);
}

/** One activity as the user sees it (relations to the user included). */
export function findActivity(db: Db | Tx, id: string, userId: string | null) {
  return activitySelect(db, userId).where('a.id', '=', id).executeTakeFirst();
}
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

/** The activity row locked for a sign-up, a cancellation or a check-in (serialises the capacity count). */
export function lockActivity(tx: Tx, id: string) {
  return tx.selectFrom('volunteer_activities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ActivityFilter {
  teamId?: string;
  stationId?: string;
  state?: string;
  when: 'upcoming' | 'past' | 'all';
  mine?: boolean;
  search?: string;
  from?: string;
  to?: string;
  sort: 'starts_at' | 'created_at' | 'title';
  order: 'asc' | 'desc';
}

/** Activities the `scope` SQL admits (over `a`, `r`), filtered, sorted and paged. */
export async function listActivities(
  db: Db,
  userId: string | null,
  scope: RawBuilder<SqlBool>,
  q: ActivityFilter,
  now: Date,
  limit: number,
  offset: number,
) {
  let base = activitySelect(db, userId).where(() => scope);
  if (q.teamId) base = base.where('a.team_id', '=', q.teamId);
  if (q.stationId) base = base.where('a.station_id', '=', q.stationId);
  if (q.state) base = base.where('a.state', '=', q.state as never);
  if (q.when === 'upcoming') base = base.where('a.ends_at', '>', now);
  if (q.when === 'past') base = base.where('a.ends_at', '<=', now);
  if (q.mine)
    base = base.where(
      sql<SqlBool>`(a.organiser_id = ${userId} or ${teamAdminSql(userId)} or exists (select 1 from volunteer_signups x
        where x.activity_id = a.id and x.state <> 'cancelled' and x.volunteer_id = ${ownVolunteerSql(userId)}))`,
    );
  if (q.search) {
    const like = '%' + q.search.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    base = base.where(sql<SqlBool>`(a.title like ${like} or a.place like ${like})`);
  }
  // Days are Beijing days (the UI's calendar).
  if (q.from) base = base.where(sql<SqlBool>`a.starts_at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.to) base = base.where(sql<SqlBool>`a.starts_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  const total = await base
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  const rows = await base.orderBy(`a.${q.sort}`, q.order).orderBy('a.id', 'asc').limit(limit).offset(offset).execute();
  return { rows, total: total?.n ?? 0 };
}

/** The volunteer record of a user (any state). */
export function volunteerOfUser(db: Db | Tx, userId: string) {
  return db
    .selectFrom('volunteers as v')
    .innerJoin('regions as r', 'r.id', 'v.region_id')
    .select(['v.id', 'v.state', 'v.name', 'v.region_id', 'r.path as region_path'])
    .where('v.user_id', '=', userId)
    .executeTakeFirst();
}

/** A volunteer's sign-up for an activity. */
export function findSignup(db: Db | Tx, activityId: string, volunteerId: string) {
  return db
    .selectFrom('volunteer_signups')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
}

/** Counts of places taken on the activity. */
export async function signupCounts(tx: Tx, activityId: string) {
  const row = await tx
    .selectFrom('volunteer_signups')
    .select([
      sql<number>`count(*) filter (where state = 'signed')::int`.as('signed'),
      sql<number>`count(*) filter (where state = 'waitlisted')::int`.as('waitlisted'),
    ])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return row;
}

/** The place of a waiting sign-up in the queue (1 = next), by its queue number. */
export async function waitlistPosition(tx: Tx, activityId: string, signup: { queue_no: number | string }) {
  const row = await tx
    .selectFrom('volunteer_signups')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('activity_id', '=', activityId)
    .where('state', '=', 'waitlisted')
    .where('queue_no', '<=', Number(signup.queue_no))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The first waiting sign-ups (queue order), with the volunteer's account. */
export function firstWaitlisted(tx: Tx, activityId: string, n: number) {
  return tx
    .selectFrom('volunteer_signups as x')
    .innerJoin('volunteers as v', 'v.id', 'x.volunteer_id')
    .select(['x.id', 'x.volunteer_id', 'v.user_id', 'v.name'])
    .where('x.activity_id', '=', activityId)
    .where('x.state', '=', 'waitlisted')
    .orderBy('x.queue_no')
    .limit(n)
    .execute();
}

/** Accounts of the volunteers signed or waiting on the activity. */
export async function signedUsers(tx: Tx, activityId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('volunteer_signups as x')
    .innerJoin('volunteers as v', 'v.id', 'x.volunteer_id')
    .select('v.user_id')
    .where('x.activity_id', '=', activityId)
    .where('x.state', 'in', ['signed', 'waitlisted'])
    .execute();
  return rows.map((r) => r.user_id);
}

/** One attendance with its activity's region (for access checks). */
export function findAttendance(db: Db | Tx, id: string) {
  return db.selectFrom('volunteer_attendance').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organiser's roster: every sign-up and attendance of the activity, with corrections. */
export async function rosterOf(db: Db | Tx, activityId: string) {
  const rows = await db
    .selectFrom('volunteers as v')
    .leftJoin('volunteer_signups as x', (j) => j.onRef('x.volunteer_id', '=', 'v.id').on('x.activity_id', '=', activityId))
    .leftJoin('volunteer_attendance as t', (j) => j.onRef('t.volunteer_id', '=', 'v.id').on('t.activity_id', '=', activityId))
    .select([
      'v.id as volunteer_id',
      'v.name',
      'v.phone',
      'x.state as signup_state',
      'x.created_at as signed_at',
      't.id as attendance_id',
      't.state as attendance_state',
      't.check_in_at',
      't.check_out_at',
      't.check_in_outside',
      't.check_out_outside',
      't.check_in_distance_m',
      't.check_out_distance_m',
      't.outside_confirmed_at',
      't.minutes',
      't.certified_minutes',
      't.version',
    ])
    .where((eb) => eb.or([eb('x.id', 'is not', null), eb('t.id', 'is not', null)]))
    .orderBy(sql`case x.state when 'signed' then 0 when 'waitlisted' then 1 else 2 end`)
    .orderBy('x.queue_no')
    .orderBy('v.name')
    .execute();
  const ids = rows.map((r) => r.attendance_id).filter((x): x is string => !!x);
  const corrections = ids.length
    ? await db
        .selectFrom('volunteer_hour_corrections as c')
        .innerJoin('users as u', 'u.id', 'c.corrected_by')
        .select(['c.attendance_id', 'c.old_minutes', 'c.new_minutes', 'c.reason', 'u.name as by', 'c.corrected_at'])
        .where('c.attendance_id', 'in', ids)
        .orderBy('c.corrected_at')
        .execute()
    : [];
  return { rows, corrections };
}

/** The activity an attendance belongs to. */
export async function rosterActivityOf(db: Db | Tx, attendanceId: string): Promise<string> {
  const row = await db.selectFrom('volunteer_attendance').select('activity_id').where('id', '=', attendanceId).executeTakeFirstOrThrow();
  return row.activity_id;
}
