/** 志愿之城 reads: teams, stations, volunteers with their regions, counts and certified minutes. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { visibleStationSql, visibleTeamSql, visibleVolunteerSql } from './access';

export interface RegionRow {
  id: string;
  name: string;
  path: string;
  level: string;
  parent_id: string | null;
}

export function findRegion(db: Db | Tx, id: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').select(['id', 'name', 'path', 'level', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

/** The county a region belongs to (itself when it is one). */
export async function countyOf(db: Db | Tx, region: RegionRow): Promise<RegionRow> {
  if (region.level === 'county' || !region.parent_id) return region;
  const ids = region.path.split('/').filter(Boolean);
  const rows = await db.selectFrom('regions').select(['id', 'name', 'path', 'level', 'parent_id']).where('id', 'in', ids).execute();
  return rows.find((r) => r.level === 'county') ?? region;
}

// ---- teams ---------------------------------------------------------------------------------------------------------

export interface TeamRow {
  id: string;
  region_id: string;
  region_name: string;
  region_path: string;
  parent_id: string | null;
  kind: 'corps' | 'detachment' | 'squad' | 'specialist';
  name: string;
  unit_id: string | null;
  unit_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  description: string | null;
  volunteer_count: number;
  pending_count: number;
  version: number;
}

function teamSelect(db: Db | Tx, where: RawBuilder<SqlBool>) {
  return sql<TeamRow>`
    select t.id, t.region_id, r.name as region_name, r.path as region_path, t.parent_id, t.kind, t.name, t.unit_id,
      u.name as unit_name, t.contact_name, t.contact_phone, t.description, t.version,
      (select count(*)::int from volunteers v where v.team_id = t.id and v.state = 'approved') as volunteer_count,
      (select count(*)::int from volunteers v where v.team_id = t.id and v.state = 'pending') as pending_count
    from volunteer_teams t join regions r on r.id = t.region_id left join units u on u.id = t.unit_id
    where ${where}
    order by r.path, t.created_at, t.name`.execute(db);
}

/** Any team by id (no scope: the caller decides). */
export async function findTeam(db: Db | Tx, id: string): Promise<TeamRow | undefined> {
  return (await teamSelect(db, sql<SqlBool>`t.id = ${id}`)).rows[0];
}

export async function visibleTeams(db: Db | Tx, actor: Actor, adminTeams: string[], regionId?: string): Promise<TeamRow[]> {
  const region = regionId ? sql<SqlBool>`r.path like '%' || ${regionId} || '/%'` : sql<SqlBool>`true`;
  return (await teamSelect(db, sql<SqlBool>`${visibleTeamSql(actor, adminTeams)} and ${region}`)).rows;
}

export async function teamAdmins(db: Db | Tx, teamIds: string[]): Promise<Map<string, Array<{ userId: string; name: string }>>> {
  const out = new Map<string, Array<{ userId: string; name: string }>>();
  if (!teamIds.length) return out;
  const rows = await db
    .selectFrom('volunteer_team_admins as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.team_id', 'a.user_id', 'u.name'])
    .where('a.team_id', 'in', teamIds)
    .orderBy('a.created_at')
    .execute();
  for (const r of rows) out.set(r.team_id, [...(out.get(r.team_id) ?? []), { userId: r.user_id, name: r.name }]);
  return out;
}

// ---- stations ------------------------------------------------------------------------------------------------------

export interface StationRow {
  id: string;
  region_id: string;
  region_name: string;
  region_path: string;
  parent_id: string | null;
  level: 'center' | 'institute' | 'station' | 'point';
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  activity_count: number;
  recent_activity_count: number;
  version: number;
}

function stationSelect(db: Db | Tx, now: Date, where: RawBuilder<SqlBool>) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  return sql<StationRow>`
    select s.id, s.region_id, r.name as region_name, r.path as region_path, s.parent_id, s.level, s.name, s.address,
      s.lat, s.lng, s.contact_name, s.contact_phone, s.version,
      (select count(*)::int from volunteer_activities a where a.station_id = s.id and a.state <> 'cancelled') as activity_count,
      (select count(*)::int from volunteer_activities a where a.station_id = s.id and a.state <> 'cancelled'
         and a.starts_at >= ${since} and a.starts_at <= ${now}) as recent_activity_count
    from volunteer_stations s join regions r on r.id = s.region_id
    where ${where}
    order by r.path, s.level, s.name`.execute(db);
}

export async function findStation(db: Db | Tx, now: Date, id: string): Promise<StationRow | undefined> {
  return (await stationSelect(db, now, sql<SqlBool>`s.id = ${id}`)).rows[0];
}

export async function visibleStations(db: Db | Tx, actor: Actor, now: Date, regionId?: string): Promise<StationRow[]> {
  const region = regionId ? sql<SqlBool>`r.path like '%' || ${regionId} || '/%'` : sql<SqlBool>`true`;
  return (await stationSelect(db, now, sql<SqlBool>`${visibleStationSql(actor)} and ${region}`)).rows;
}

// ---- volunteers ----------------------------------------------------------------------------------------------------

export interface VolunteerRow {
  id: string;
  user_id: string;
  region_id: string;
  team_id: string;
  team_name: string;
  team_region_id: string;
  team_region_path: string;
  name: string;
  phone: string;
  gender: 'male' | 'female' | null;
  id_number_masked: string;
  skills: string[] | string;
  availability: string | null;
  state: 'pending' | 'approved' | 'rejected' | 'left';
  review_comment: string | null;
  reviewed_at: Date | null;
  certificate_code: string | null;
  created_at: Date;
  certified_minutes: number;
  version: number;
}

/** Certified minutes of a volunteer `v` (all time). */
export const CERTIFIED_MINUTES = sql<number>`(select coalesce(sum(a.certified_minutes), 0)::int from volunteer_attendance a
  where a.volunteer_id = v.id and a.state = 'certified')`;

const VOLUNTEER_COLUMNS = sql`v.id, v.user_id, v.region_id, v.team_id, t.name as team_name, t.region_id as team_region_id,
  r.path as team_region_path, v.name, v.phone, v.gender, v.id_number_masked, v.skills, v.availability, v.state,
  v.review_comment, v.reviewed_at, v.certificate_code, v.created_at, v.version, ${CERTIFIED_MINUTES} as certified_minutes`;
const VOLUNTEER_FROM = sql`volunteers v join volunteer_teams t on t.id = v.team_id join regions r on r.id = t.region_id`;

export async function findVolunteer(db: Db | Tx, where: RawBuilder<SqlBool>): Promise<VolunteerRow | undefined> {
  return (await sql<VolunteerRow>`select ${VOLUNTEER_COLUMNS} from ${VOLUNTEER_FROM} where ${where}`.execute(db)).rows[0];
}
export const findVolunteerById = (db: Db | Tx, id: string) => findVolunteer(db, sql<SqlBool>`v.id = ${id}`);
export const findVolunteerOfUser = (db: Db | Tx, userId: string) => findVolunteer(db, sql<SqlBool>`v.user_id = ${userId}`);

export interface VolunteerFilter {
  teamId?: string;
  regionId?: string;
  state?: string;
  search?: string;
  page: number;
  pageSize: number;
  sort: 'name' | 'created_at' | 'hours';
  order: 'asc' | 'desc';
}

export async function visibleVolunteers(db: Db | Tx, actor: Actor, adminTeams: string[], q: VolunteerFilter) {
  const where: RawBuilder<SqlBool>[] = [visibleVolunteerSql(actor, adminTeams)];
  if (q.teamId) where.push(sql<SqlBool>`v.team_id = ${q.teamId}`);
  if (q.regionId) where.push(sql<SqlBool>`r.path like '%' || ${q.regionId} || '/%'`);
  if (q.state) where.push(sql<SqlBool>`v.state = ${q.state}`);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql<SqlBool>`(v.name like ${like} or v.phone like ${like})`);
  }
  const cond = sql.join(where, sql` and `);
  const sortCol = q.sort === 'name' ? sql`v.name` : q.sort === 'hours' ? sql`certified_minutes` : sql`v.created_at`;
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const rows = await sql<VolunteerRow>`select ${VOLUNTEER_COLUMNS} from ${VOLUNTEER_FROM} where ${cond}
    order by ${sortCol} ${dir}, v.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from ${VOLUNTEER_FROM} where ${cond}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}
