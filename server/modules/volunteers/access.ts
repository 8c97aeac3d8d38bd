/**
 * Who sees which team, station and volunteer (JS for one record, SQL for lists) — the one place the volunteers module
 * decides visibility:
 * - the office and leaders whose region covers the team's (station's) region: teams, stations, their volunteers;
 * - a volunteer: the teams and stations of the region their role covers;
 * - a team's admins: their team and its volunteers (phones shown unmasked to them alone), and reviewing them;
 * - a volunteer's own row: the volunteer;
 * - anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { can, scopeSql } from '../../platform/policy';

/** The teams the actor administers (loaded once per request). */
export async function adminTeamIdsOf(db: Db | Tx, actor: Actor): Promise<string[]> {
  if (actor.via === 'system' || !actor.id) return [];
  const rows = await db.selectFrom('volunteer_team_admins').select('team_id').where('user_id', '=', actor.id).execute();
  return rows.map((r) => r.team_id);
}

export const mayReadOrg = (actor: Actor, regionPath: string) =>
  can(actor, 'volunteers.read', { regionPath }) || can(actor, 'volunteers.manage', { regionPath });
export const mayManageOrg = (actor: Actor, regionPath: string) => can(actor, 'volunteers.manage', { regionPath });

/** One team: in the actor's region, or one they administer. */
export const mayReadTeam = (actor: Actor, t: { id: string; region_path: string }, adminTeams: string[]) =>
  mayReadOrg(actor, t.region_path) || can(actor, 'volunteers.roster', { regionPath: t.region_path }) || adminTeams.includes(t.id);

/** SQL over a team `t` joined to its region `r`. */
export function visibleTeamSql(actor: Actor, adminTeams: string[]): RawBuilder<SqlBool> {
  const parts = [
    scopeSql(actor, 'volunteers.read', { regionPath: sql.ref('r.path') }),
    scopeSql(actor, 'volunteers.roster', { regionPath: sql.ref('r.path') }),
    scopeSql(actor, 'volunteers.manage', { regionPath: sql.ref('r.path') }),
  ];
  if (adminTeams.length) parts.push(sql<SqlBool>`t.id in (${sql.join(adminTeams)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** SQL over a station `s` joined to its region `r`. */
export function visibleStationSql(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${scopeSql(actor, 'volunteers.read', { regionPath: sql.ref('r.path') })} or ${scopeSql(actor, 'volunteers.manage', {
    regionPath: sql.ref('r.path'),
  })})`;
}

/** Where a volunteer sits: the team, the team's region, the account. */
export interface VolunteerPlace {
  team_id: string;
  team_region_path: string;
  user_id: string;
}

/** The roster: the office and leaders of the team's region, the team's admins, the volunteer. */
export const mayReadVolunteer = (actor: Actor, v: VolunteerPlace, adminTeams: string[]) =>
  v.user_id === actor.id ||
  adminTeams.includes(v.team_id) ||
  can(actor, 'volunteers.roster', { regionPath: v.team_region_path }) ||
  can(actor, 'volunteers.manage', { regionPath: v.team_region_path });

/** 审核: the team's admins and the office of the team's region. */
export const mayReviewVolunteer = (actor: Actor, v: VolunteerPlace, adminTeams: string[]) =>
  adminTeams.includes(v.team_id) || can(actor, 'volunteers.manage', { regionPath: v.team_region_path });

/** The phone in full: the volunteer and the team's admins (who call them); everyone else sees 138****5678. */
export const showsPhone = (actor: Actor, v: VolunteerPlace, adminTeams: string[]) =>
  v.user_id === actor.id || adminTeams.includes(v.team_id);

/** SQL over a volunteer `v` in a team `t` joined to the team's region `r`. */
export function visibleVolunteerSql(actor: Actor, adminTeams: string[]): RawBuilder<SqlBool> {
  const parts = [
    scopeSql(actor, 'volunteers.roster', { regionPath: sql.ref('r.path') }),
    scopeSql(actor, 'volunteers.manage', { regionPath: sql.ref('r.path') }),
    sql<SqlBool>`v.user_id = ${actor.id}`,
  ];
  if (adminTeams.length) parts.push(sql<SqlBool>`v.team_id in (${sql.join(adminTeams)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
