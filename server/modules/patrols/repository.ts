/** SQL for check-ins: the site as a check-in needs it, one check-in with its photos, replays; no rules, no authorization. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/** A site as the check-in rules need it: scope, 点长, coordinates. */
export function findPatrolSite(db: Db | Tx, siteId: string) {
  return db
    .selectFrom('sites as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .select([
      's.id',
      's.name',
      's.address',
      's.lat',
      's.lng',
      's.active',
      's.unit_id',
      's.lead_user_id',
      's.region_id',
      'r.path as region_path',
    ])
    .where('s.id', '=', siteId)
    .executeTakeFirst();
}
export type PatrolSite = NonNullable<Awaited<ReturnType<typeof findPatrolSite>>>;

/** The check-in a lead already sent with this client id (a resend). */
export function findByClientId(db: Db | Tx, leadUserId: string, clientId: string) {
  return db
    .selectFrom('site_patrols')
    .select(['id', 'site_id'])
    .where('lead_user_id', '=', leadUserId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** The site's check-in on a day, if any. */
export function findOnDay(db: Db | Tx, siteId: string, day: string) {
  return db
    .selectFrom('site_patrols')
    .select(['id', 'lead_user_id', 'client_id', 'checked_at'])
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .executeTakeFirst();
}

/** One check-in with its site and lead, and its problem's code and state when `problemVisible` (over `p`, `pr`) holds. */
export function findPatrol(db: Db | Tx, id: string, problemVisible: RawBuilder<SqlBool>) {
  return db
    .selectFrom('site_patrols as sp')
    .innerJoin('sites as s', 's.id', 'sp.site_id')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .innerJoin('users as u', 'u.id', 'sp.lead_user_id')
    .leftJoin('problems as p', (j) => j.onRef('p.id', '=', 'sp.problem_id'))
    .leftJoin('regions as pr', 'pr.id', 'p.region_id')
    .select([
      'sp.id',
      'sp.site_id',
      's.name as site_name',
      's.address as site_address',
      's.unit_id',
      's.lead_user_id as site_lead_user_id',
      'r.path as region_path',
      'sp.day',
      'sp.checked_at',
      'sp.lead_user_id',
      'u.name as lead_name',
      'sp.result',
      'sp.note',
      'sp.lat',
      'sp.lng',
      'sp.accuracy_m',
      'sp.location_source',
      'sp.distance_m',
    ])
    .select(sql<string | null>`case when p.id is not null and ${problemVisible} then p.id::text end`.as('problem_id'))
    .select(sql<string | null>`case when p.id is not null and ${problemVisible} then p.code end`.as('problem_code'))
    .select(sql<string | null>`case when p.id is not null and ${problemVisible} then p.state end`.as('problem_state'))
    .where('sp.id', '=', id)
    .executeTakeFirst();
}
export type PatrolRow = NonNullable<Awaited<ReturnType<typeof findPatrol>>>;

/** The photos of a check-in, in order, with their shooting time. */
export function patrolPhotos(db: Db | Tx, patrolId: string) {
  return db
    .selectFrom('site_patrol_photos as pp')
    .innerJoin('files as f', 'f.id', 'pp.file_id')
    .select(['pp.file_id', 'f.taken_at'])
    .where('pp.patrol_id', '=', patrolId)
    .orderBy('pp.sort')
    .execute();
}

/** What the "taken now" rule reads of the photos offered for a check-in. */
export function photoFacts(db: Db | Tx, fileIds: string[]) {
  return db
    .selectFrom('files as f')
    .leftJoin('site_patrol_photos as used', 'used.file_id', 'f.id')
    .select(['f.id', 'f.created_at', 'f.taken_at', 'f.lat', 'f.lng', 'used.patrol_id as used_by'])
    .where('f.id', 'in', fileIds)
    .execute();
}
