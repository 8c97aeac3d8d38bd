/** SQL for sites: scoped lists with names, distance sort, history. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

export interface SiteFilter {
  siteTypeCode?: string;
  regionId?: string;
  unitId?: string;
  search?: string;
  active?: boolean;
  mine?: boolean;
  near?: string;
}

function base(db: Db | Tx) {
  return db
    .selectFrom('sites as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .innerJoin('site_types as st', 'st.code', 's.site_type_code')
    .leftJoin('units as u', 'u.id', 's.unit_id');
}

const COLUMNS = [
  's.id',
  's.name',
  's.site_type_code',
  'st.name as site_type_name',
  's.address',
  's.lat',
  's.lng',
  's.polygon',
  's.region_id',
  'r.name as region_name',
  'r.path as region_path',
  's.unit_id',
  'u.name as unit_name',
  's.lead_user_id',
  's.lead_name',
  's.lead_phone',
  's.photo_file_id',
  's.active',
  's.version',
  's.created_at',
] as const;

function filtered(db: Db, scope: RawBuilder<SqlBool>, f: SiteFilter, actorId: string) {
  let q = base(db).where(scope);
  if (f.siteTypeCode) q = q.where('s.site_type_code', '=', f.siteTypeCode);
  if (f.regionId) q = q.where('r.path', 'like', sql<string>`(select path from regions where id = ${f.regionId}) || '%'`);
  if (f.unitId) q = q.where('s.unit_id', '=', f.unitId);
  if (f.search) q = q.where((eb) => eb.or([eb('s.name', 'like', `%${f.search}%`), eb('s.address', 'like', `%${f.search}%`)]));
  if (f.active !== undefined) q = q.where('s.active', '=', f.active);
  if (f.mine) q = q.where('s.lead_user_id', '=', actorId);
  return q;
}

/** Squared equirectangular distance: good enough to order sites within a county. */
function distance(near: string) {
  const [lat, lng] = near.split(',').map(Number);
  return sql<number>`(power(s.lat - ${lat}, 2) + power((s.lng - ${lng}) * cos(radians(${lat})), 2))`;
}

/** A page of sites. */
export async function listSites(
  db: Db,
  scope: RawBuilder<SqlBool>,
  f: SiteFilter,
  actorId: string,
  page: { limit: number; offset: number; sort: string; order: 'asc' | 'desc' },
) {
  let q = filtered(db, scope, f, actorId).select(COLUMNS);
  if (page.sort === 'distance' && f.near) q = q.where('s.lat', 'is not', null).orderBy(distance(f.near), 'asc');
  else q = q.orderBy(page.sort === 'type' ? 'st.sort' : page.sort === 'region' ? 'r.code' : 's.name', page.order);
  const [items, total] = await Promise.all([
    q.orderBy('s.name').limit(page.limit).offset(page.offset).execute(),
    filtered(db, scope, f, actorId)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every matching site (exports and maps). */
export function allSites(db: Db, scope: RawBuilder<SqlBool>, f: SiteFilter, actorId: string) {
  return filtered(db, scope, f, actorId).select(COLUMNS).orderBy('r.code').orderBy('s.name').limit(20000).execute();
}

/** One site. */
export function findSite(db: Db | Tx, id: string) {
  return base(db).select(COLUMNS).where('s.id', '=', id).executeTakeFirst();
}
export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

/** The site's visits (score trend), newest first, from rounds the caller may see. */
export function siteVisits(db: Db, siteId: string, visibleRounds: RawBuilder<SqlBool>) {
  return db
    .selectFrom('inspection_visits as v')
    .innerJoin('inspection_rounds as ir', 'ir.id', 'v.round_id')
    .select([
      'v.id',
      'v.round_id',
      'ir.name as round_name',
      'ir.kind',
      'v.visited_at',
      'v.passed',
      'v.failed',
      'v.not_applicable',
      'v.score_rate',
      'v.deduction_score',
    ])
    .where('v.site_id', '=', siteId)
    .where(visibleRounds)
    .orderBy('v.visited_at', 'desc')
    .limit(50)
    .execute();
}

/** Region id → statistical code (for the export's 区划代码 column). */
export async function regionCodes(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('regions').select(['id', 'code']).execute()).map((r) => [r.id, r.code]));
}

/** The site's open problems that pass `visible` (problems aliased `p`, their region `pr`), newest first. */
export function openProblemsAt(db: Db, siteId: string, visible: RawBuilder<SqlBool>) {
  return db
    .selectFrom('problems as p')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .select(['p.id', 'p.code', 'p.state', 'p.description', 'p.deadline'])
    .where('p.site_id', '=', siteId)
    .where('p.state', 'not in', ['closed', 'rejected'])
    .where(visible)
    .orderBy('p.created_at', 'desc')
    .limit(100)
    .execute();
}

/** Site types in use, in their display order. */
export function activeSiteTypes(db: Db) {
  return db.selectFrom('site_types').selectAll().where('active', '=', true).orderBy('sort').execute();
}
