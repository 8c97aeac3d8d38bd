/**
 * Who sees and runs which 志愿之城 activity (JS for one record, SQL for lists):
 * - the office, leaders and the task force whose scope covers the activity's region read it (volunteerActivities.read);
 *   the office of the region runs it (volunteerActivities.manage);
 * - the organiser and the admins of the organising team (volunteer_team_admins) read and run it;
 * - an approved volunteer of the same county reads it (and may sign up); a volunteer who signed up keeps reading it;
 * - anyone else: 404. Running it (code, roster, certify …) when one may only read it: 403.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { AppError, notFound } from '../../platform/errors';
import { can, scopeSql, type ScopeSubject } from '../../platform/policy';
import './activity-policy';
import type { Tx } from '../../platform/db';
import { findActivity, findAttendance, localVolunteerSql, lockActivity, ownVolunteerSql, teamAdminSql } from './activity-repository';

/** The parts of a loaded activity the rules look at. */
export interface ActivityRelations {
  region_path: string;
  organiser_id: string;
  is_team_admin: boolean;
  local_volunteer_id: string | null;
  my_signup: string | null;
}

export const activityScope = (a: { region_path: string }): ScopeSubject => ({ regionPath: a.region_path });

/** Whether the actor runs the activity (organiser, team admin, the office of the region). */
export const mayManageActivity = (actor: Actor, a: ActivityRelations) =>
  a.organiser_id === actor.id || a.is_team_admin || can(actor, 'volunteerActivities.manage', activityScope(a));

/** Whether the actor shows the rotating check-in code: the organiser and the team's admins, who are on the spot. */
export const mayShowCode = (actor: Actor, a: ActivityRelations) => a.organiser_id === actor.id || a.is_team_admin;

/** Whether the actor may know the activity exists. */
export const mayReadActivity = (actor: Actor, a: ActivityRelations) =>
  mayManageActivity(actor, a) || can(actor, 'volunteerActivities.read', activityScope(a)) || !!a.local_volunteer_id || !!a.my_signup;

/** SQL over an activity `a` joined to its region `r`: the activities the actor may list. */
export function visibleActivitySql(actor: Actor): RawBuilder<SqlBool> {
  const uid = actor.id || null;
  return sql<SqlBool>`(${scopeSql(actor, 'volunteerActivities.read', { regionPath: sql.ref('r.path') })}
    or ${scopeSql(actor, 'volunteerActivities.manage', { regionPath: sql.ref('r.path') })}
    or a.organiser_id = ${uid} or ${teamAdminSql(uid)} or ${localVolunteerSql(uid)} is not null
    or exists (select 1 from volunteer_signups x where x.activity_id = a.id and x.volunteer_id = ${ownVolunteerSql(uid)}))`;
}

export const activityNotFound = () => notFound('志愿活动');

/** 404 unless the actor may read the activity. */
export function assertReadActivity(actor: Actor, a: ActivityRelations): void {
  if (!mayReadActivity(actor, a)) throw activityNotFound();
}

/** 404 when the actor may not even read the activity, 403 when they may read but not run it. */
export function assertManageActivity(
  actor: Actor,
  a: ActivityRelations,
  message = '只有活动组织者、队伍管理员或文明办可以执行此操作',
): void {
  if (mayManageActivity(actor, a)) return;
  if (!mayReadActivity(actor, a)) throw activityNotFound();
  throw new AppError('forbidden', message);
}

/** An attendance and its activity for the organiser's actions: 404 when the activity is out of sight, 403 for a reader. */
export async function manageableAttendance(tx: Tx, actor: Actor, attendanceId: string) {
  const t = await findAttendance(tx, attendanceId);
  if (!t) throw notFound('签到记录');
  await lockActivity(tx, t.activity_id);
  const a = await findActivity(tx, t.activity_id, actor.id);
  if (!a || !mayReadActivity(actor, a)) throw notFound('签到记录');
  assertManageActivity(actor, a, '只有活动组织者、队伍管理员或文明办可以确认和认证时长');
  // Re-read under the activity's lock (a check-out may have landed in between).
  return { attendance: (await findAttendance(tx, attendanceId))!, activity: a };
}
