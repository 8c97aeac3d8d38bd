/** Reads and writes of 曝光台 rows (SQL only; no rules of who may act). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

/* ---------------------------------------------------------------- staff */

const exposureSelect = (db: Db | Tx) =>
  db
    .selectFrom('exposures as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('inspection_rounds as ir', 'ir.id', 'p.round_id')
    .selectAll('e')
    .select([
      'r.path as region_path',
      'r.name as region_name',
      'u.name as unit_name',
      'p.code as problem_code',
      'p.state as problem_state',
      'p.description as problem_description',
      'p.created_at as found_at',
      'p.deadline',
      'p.closed_at',
      sql<boolean>`coalesce(ir.is_covert, false)`.as('is_covert_finding'),
      sql<string | null>`(select name from users where id = e.proposed_by)`.as('proposed_by_name'),
      sql<string | null>`(select name from users where id = e.approved_by)`.as('approved_by_name'),
      sql<string | null>`(select name from users where id = e.taken_down_by)`.as('taken_down_by_name'),
      sql<number>`(select count(*)::int from exposure_photos xp where xp.exposure_id = e.id)`.as('photo_count'),
      sql<number>`(select coalesce(sum(jsonb_array_length(xp.boxes)), 0)::int from exposure_photos xp where xp.exposure_id = e.id)`.as(
        'box_count',
      ),
    ]);

export function findExposure(db: Db | Tx, id: string) {
  return exposureSelect(db).where('e.id', '=', id).executeTakeFirst();
}
export type ExposureRow = NonNullable<Awaited<ReturnType<typeof findExposure>>>;

export function photosOf(db: Db | Tx, exposureId: string) {
  return db.selectFrom('exposure_photos').selectAll().where('exposure_id', '=', exposureId).orderBy('position').execute();
}
export type ExposurePhotoRow = Awaited<ReturnType<typeof photosOf>>[number];

export function findPhoto(db: Db | Tx, exposureId: string, photoId: string) {
  return db.selectFrom('exposure_photos').selectAll().where('exposure_id', '=', exposureId).where('id', '=', photoId).executeTakeFirst();
}

export const EXPOSURE_SORTS = ['proposedAt', 'publishedAt', 'foundAt', 'state', 'unitName'] as const;
export type ExposureSort = (typeof EXPOSURE_SORTS)[number];
const SORT_COLUMN = {
  proposedAt: 'e.proposed_at',
  publishedAt: 'e.published_at',
  foundAt: 'p.created_at',
  state: 'e.state',
  unitName: 'u.name',
} as const;

export interface ExposureFilter {
  state?: string;
  unitId?: string;
  regionId?: string;
  problemId?: string;
  q?: string;
}

/** A page of exposures the `visible` SQL (over `e`, `r`) admits. */
export async function listExposures(
  db: Db,
  visible: RawBuilder<SqlBool>,
  f: ExposureFilter & { sort: ExposureSort; order: 'asc' | 'desc' },
  limit: number,
  offset: number,
) {
  let base = exposureSelect(db).where(() => visible);
  if (f.state) base = base.where('e.state', '=', f.state as never);
  if (f.unitId) base = base.where('e.unit_id', '=', f.unitId);
  if (f.problemId) base = base.where('e.problem_id', '=', f.problemId);
  if (f.regionId) base = base.where(sql<SqlBool>`r.path like (select path from regions where id = ${f.regionId}) || '%'`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('e.title', 'like', like), eb('p.code', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy(sql.ref(SORT_COLUMN[f.sort]), (ob) => (f.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
      .orderBy('e.proposed_at', 'desc')
      .orderBy('e.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** The live (not taken-down) exposure of a problem, if any. */
export function liveExposureOf(db: Db | Tx, problemId: string) {
  return db
    .selectFrom('exposures')
    .select(['id', 'state'])
    .where('problem_id', '=', problemId)
    .where('state', '!=', 'taken_down')
    .executeTakeFirst();
}

/**
 * The problem's photos that may go on the board: report photos (before) and rectification photos (after), never one a
 * covert round added before its release (visibility.ts's published-round rule).
 */
export function problemPhotosForExposure(db: Db | Tx, problemId: string) {
  return db
    .selectFrom('problem_photos as pp')
    .innerJoin('files as f', 'f.id', 'pp.file_id')
    .select(['pp.file_id', 'pp.stage', 'f.width', 'f.height'])
    .where('pp.problem_id', '=', problemId)
    .where('pp.stage', 'in', ['report', 'rectification'])
    .where(
      sql<SqlBool>`(pp.round_id is null or exists (select 1 from inspection_rounds pub where pub.id = pp.round_id and (not pub.is_covert or pub.released_at is not null)))`,
    )
    .orderBy(sql`case pp.stage when 'report' then 0 else 1 end`)
    .orderBy('pp.sort')
    .execute();
}

/* ---------------------------------------------------------------- public */

/** Published items only: what the public may see (a taken-down, draft or submitted item is not there). */
const publicSelect = (db: Db) =>
  db
    .selectFrom('exposures as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .where('e.state', '=', 'published')
    .select([
      'e.id',
      'e.title',
      'e.description',
      'e.unit_id',
      'e.published_at',
      'u.name as unit_name',
      'p.created_at as found_at',
      'p.deadline',
      sql<Date | null>`case when p.state = 'closed' then p.closed_at end`.as('fixed_at'),
      sql<string>`coalesce((select t.name from regions t where t.id = ${ancestorAtLevelSql(sql.ref('r.path'), 'town')}), r.name)`.as(
        'town_name',
      ),
      sql<
        string | null
      >`(select xp.id from exposure_photos xp where xp.exposure_id = e.id and xp.stage = 'before' and xp.public_key is not null order by xp.position limit 1)`.as(
        'before_photo_id',
      ),
      sql<
        string | null
      >`(select xp.id from exposure_photos xp where xp.exposure_id = e.id and xp.stage = 'after' and xp.public_key is not null order by xp.position limit 1)`.as(
        'after_photo_id',
      ),
    ]);

export interface PublicFilter {
  month?: { start: Date; end: Date };
  regionId?: string;
  unitId?: string;
}

function publicFiltered(db: Db, f: PublicFilter) {
  let base = publicSelect(db);
  if (f.month) base = base.where('e.published_at', '>=', f.month.start).where('e.published_at', '<', f.month.end);
  if (f.unitId) base = base.where('e.unit_id', '=', f.unitId);
  if (f.regionId) base = base.where(sql<SqlBool>`r.path like (select path from regions where id = ${f.regionId}) || '%'`);
  return base;
}

export async function listPublic(db: Db, f: PublicFilter, limit: number, offset: number) {
  const base = publicFiltered(db, f);
  const [rows, total] = await Promise.all([
    base.orderBy('e.published_at', 'desc').orderBy('e.id').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
export type PublicRow = Awaited<ReturnType<typeof listPublic>>['rows'][number];

export function findPublic(db: Db, id: string) {
  return publicSelect(db).where('e.id', '=', id).executeTakeFirst();
}

/** The public copies of a published item's photos, in order. */
export function publicPhotosOf(db: Db, exposureId: string) {
  return db
    .selectFrom('exposure_photos as xp')
    .innerJoin('exposures as e', 'e.id', 'xp.exposure_id')
    .select(['xp.id', 'xp.stage', 'xp.public_key'])
    .where('xp.exposure_id', '=', exposureId)
    .where('e.state', '=', 'published')
    .where('xp.public_key', 'is not', null)
    .orderBy('xp.position')
    .execute();
}

/** The months (Beijing time), towns and units that have published items, for the public filters. */
export async function publicFacets(db: Db, regionId?: string) {
  const base = publicFiltered(db, { regionId });
  const [months, towns, units] = await Promise.all([
    base
      .clearSelect()
      .select([
        sql<string>`to_char(e.published_at at time zone 'Asia/Shanghai', 'YYYY-MM')`.as('period'),
        sql<number>`count(*)::int`.as('n'),
      ])
      .groupBy(sql`1`)
      .orderBy(sql`1`, 'desc')
      .execute(),
    base
      .clearSelect()
      .select([sql<string | null>`${ancestorAtLevelSql(sql.ref('r.path'), 'town')}`.as('id')])
      .distinct()
      .execute(),
    base
      .clearSelect()
      .select(['e.unit_id as id', 'u.name as name'])
      .distinct()
      .where('e.unit_id', 'is not', null)
      .orderBy('u.name')
      .execute(),
  ]);
  const townIds = towns.map((t) => t.id).filter((x): x is string => !!x);
  const townRows = townIds.length
    ? await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', townIds).orderBy('name').execute()
    : [];
  return { months, towns: townRows, units: units.map((u) => ({ id: u.id!, name: u.name ?? '' })) };
}

/**
 * Each unit's public record over its published items: exposed, fixed (the problem is closed) and overdue (open past
 * its deadline, or fixed after it), at `now`.
 */
export async function unitRecords(db: Db, now: Date, f: { unitId?: string; regionId?: string }, limit: number, offset: number) {
  const base = publicFiltered(db, { unitId: f.unitId, regionId: f.regionId }).where('e.unit_id', 'is not', null);
  const grouped = base
    .clearSelect()
    .select([
      'e.unit_id as unit_id',
      sql<string>`min(u.name)`.as('unit_name'),
      sql<number>`count(*)::int`.as('exposed'),
      sql<number>`count(*) filter (where p.state = 'closed')::int`.as('fixed'),
      sql<number>`count(*) filter (where p.deadline is not null and ((p.state = 'closed' and p.closed_at > p.deadline) or (p.state <> 'closed' and p.deadline < ${now})))::int`.as(
        'overdue',
      ),
    ])
    .groupBy('e.unit_id');
  const [rows, total] = await Promise.all([
    db.selectFrom(grouped.as('g')).selectAll().orderBy('g.exposed', 'desc').orderBy('g.unit_name').limit(limit).offset(offset).execute(),
    db
      .selectFrom(grouped.as('g'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** The latest published month of each scheme family (ranking runs in state 已发布 only), optionally of one region. */
export async function publishedRankings(db: Db, f: { period?: string; regionId?: string }) {
  let runs = db
    .selectFrom('evaluation_runs as er')
    .innerJoin('evaluation_schemes as s', 's.id', 'er.scheme_id')
    .innerJoin('campaigns as c', 'c.id', 'er.campaign_id')
    .innerJoin('regions as rg', 'rg.id', 'c.region_id')
    .select([
      'er.id',
      'er.period',
      'er.published_at',
      'er.scheme_key',
      's.name as scheme_name',
      'rg.name as region_name',
      'rg.path as region_path',
    ])
    .where('er.state', '=', 'published');
  if (f.period) runs = runs.where('er.period', '=', f.period);
  if (f.regionId)
    runs = runs.where(
      sql<SqlBool>`(rg.path like (select path from regions where id = ${f.regionId}) || '%' or (select path from regions where id = ${f.regionId}) like rg.path || '%')`,
    );
  const all = await runs.orderBy('er.period', 'desc').orderBy('er.published_at', 'desc').execute();
  // One month per scheme family: the newest published (a revision supersedes its predecessor's state, so one per month).
  const seen = new Set<string>();
  const latest = all.filter((r) => (seen.has(r.scheme_key) ? false : (seen.add(r.scheme_key), true)));
  if (!latest.length) return [];
  const results = await db
    .selectFrom('evaluation_results')
    .select(['run_id', 'group_index', 'group_name', 'subject_name', 'rank', 'score', 'list'])
    .where(
      'run_id',
      'in',
      latest.map((r) => r.id),
    )
    .where('list', 'is not', null)
    .orderBy('run_id')
    .orderBy('group_index')
    .orderBy('rank')
    .orderBy('subject_name')
    .execute();
  return latest.map((run) => ({ run, results: results.filter((x) => x.run_id === run.id) }));
}

/** The problem's rectification photos (visible rounds only) that are not yet on the exposure. */
export async function pendingAfterPhotos(db: Db | Tx, exposureId: string, problemId: string) {
  const [photos, on] = await Promise.all([
    problemPhotosForExposure(db, problemId),
    db.selectFrom('exposure_photos').select('file_id').where('exposure_id', '=', exposureId).execute(),
  ]);
  const taken = new Set(on.map((p) => p.file_id));
  return photos.filter((p) => p.stage === 'rectification' && !taken.has(p.file_id));
}
