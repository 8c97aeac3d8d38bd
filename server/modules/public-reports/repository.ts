/** SQL of the public door: citizen reports, public uploads, phone codes, categories, places, triage and 回访 lists. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { orderedQuestions } from '../../../common/category-questions';
import { OPEN_STATES } from '../../../common/problem-workflow';
import { MERGE_RADIUS_METERS, MERGE_WINDOW_DAYS, PUBLIC_SOURCES } from '../../../common/public-reports';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { problemVisibleSql } from '../../platform/visibility';
import { parseQuestions } from '../problem-categories/category-questions';

export interface CitizenReportRow {
  id: string;
  problem_id: string;
  original_problem_id: string;
  name: string | null;
  phone: string | null;
  phone_verified: boolean;
  rating: 'satisfied' | 'basically' | 'dissatisfied' | null;
  rating_comment: string | null;
  rated_at: Date | null;
  followup_state: 'open' | 'done' | null;
  followup_result: string | null;
  followup_reopened: boolean | null;
  followup_at: Date | null;
  created_at: Date;
}

/** The report behind a tracking code's hash, with the state of the problem it follows. */
export async function findByTracking(db: Db | Tx, trackingHash: string) {
  const r = await sql<
    CitizenReportRow & {
      state: string;
      updated_at: Date;
      description: string;
      category_name: string;
      region_path: string;
      code: string;
      public_reply: string | null;
    }
  >`select cr.*, p.state, p.updated_at, o.description, coalesce(c.name, o.category_code) as category_name, r.path as region_path,
           p.code, pr.public_text as public_reply
    from citizen_reports cr
    join problems p on p.id = cr.problem_id
    join problems o on o.id = cr.original_problem_id
    join regions r on r.id = p.region_id
    left join problem_categories c on c.code = o.category_code
    left join problem_public_replies pr on pr.problem_id = p.id
    where cr.tracking_hash = ${trackingHash}`.execute(db);
  return r.rows[0];
}

/** File ids of a problem's photos at a stage, in order. */
export async function photoIds(db: Db | Tx, problemId: string, stage: 'report' | 'rectification'): Promise<string[]> {
  const r = await sql<{ file_id: string }>`select file_id from problem_photos
    where problem_id = ${problemId} and stage = ${stage} and round_id is null order by sort, file_id`.execute(db);
  return r.rows.map((x) => x.file_id);
}

/** The public category list (public_report_categories), active categories only. */
export async function publicCategories(db: Db) {
  const r = await sql<{ code: string; name: string; questions: unknown }>`select c.code, c.name, q.questions
    from public_report_categories pc join problem_categories c on c.code = pc.code
    left join category_questions q on q.category_code = c.code
    where c.active order by pc.sort, c.code`.execute(db);
  return r.rows.map((c) => ({
    code: c.code,
    name: c.name,
    questions: orderedQuestions(parseQuestions(c.questions)).map((q) => ({
      code: q.code,
      datatype: q.datatype,
      required: q.required,
      description: q.description,
      values: q.values,
    })),
  }));
}

/** Whether a category is on the public list. */
export async function isPublicCategory(db: Db | Tx, code: string): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok from public_report_categories pc
    join problem_categories c on c.code = pc.code where pc.code = ${code} and c.active`.execute(db);
  return r.rows.length > 0;
}

/** Counties with the extent of their located sites, and their towns' centres (for the tap-on-the-map picker). */
export async function publicCounties(db: Db) {
  const counties = await sql<{
    code: string;
    name: string;
    path: string;
    south: number | null;
    west: number | null;
    north: number | null;
    east: number | null;
  }>`select c.code, c.name, c.path, min(s.lat) as south, min(s.lng) as west, max(s.lat) as north, max(s.lng) as east
    from regions c
    left join regions r on r.path like c.path || '%'
    left join sites s on s.region_id = r.id and s.lat is not null and s.lng is not null
    where c.level = 'county'
    group by c.id, c.code, c.name, c.path
    order by c.code`.execute(db);
  const towns = await sql<{ name: string; path: string; lat: number; lng: number }>`
    select t.name, t.path, avg(s.lat)::float8 as lat, avg(s.lng)::float8 as lng
    from regions t
    join regions r on r.path like t.path || '%'
    join sites s on s.region_id = r.id and s.lat is not null and s.lng is not null
    where t.level = 'town'
    group by t.id, t.name, t.path
    order by t.name`.execute(db);
  return counties.rows.map((c) => ({
    code: c.code,
    name: c.name,
    bounds: c.south === null ? null : { south: c.south, west: c.west!, north: c.north!, east: c.east! },
    towns: towns.rows.filter((t) => t.path.startsWith(c.path)).map((t) => ({ name: t.name, lat: t.lat, lng: t.lng })),
  }));
}

/** A county by its code. */
export async function countyByCode(db: Db | Tx, code: string) {
  const r = await sql<{ id: string; path: string }>`select id, path from regions where code = ${code} and level = 'county'`.execute(db);
  return r.rows[0];
}

/** The region of the nearest located site within `maxMeters` (inside `withinPath` when given). */
export async function nearestSiteRegion(db: Db | Tx, lat: number, lng: number, withinPath: string | null, maxMeters = 5000) {
  const r = await sql<{ region_id: string; path: string; d: number }>`
    select s.region_id, r.path,
      6371000 * sqrt(power(radians(s.lat - ${lat}), 2) + power(radians(s.lng - ${lng}) * cos(radians(${lat})), 2)) as d
    from sites s join regions r on r.id = s.region_id
    where s.lat is not null and s.lng is not null
      and s.lat between ${lat - 0.05} and ${lat + 0.05} and s.lng between ${lng - 0.07} and ${lng + 0.07}
      ${withinPath ? sql`and r.path like ${withinPath + '%'}` : sql``}
    order by d limit 1`.execute(db);
  const row = r.rows[0];
  return row && row.d <= maxMeters ? row : undefined;
}

/** Claims a device's unclaimed uploads for a problem; returns how many were claimed. */
export async function claimUploads(tx: Tx, fileIds: string[], deviceId: string, problemId: string): Promise<number> {
  const r = await sql`update public_uploads set problem_id = ${problemId}
    where file_id = any(${fileIds}::uuid[]) and device_id = ${deviceId} and problem_id is null`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** The public reject reasons (presets), active ones in order. */
export async function rejectReasonList(db: Db | Tx) {
  const r = await sql<{ code: string; label: string; public_text: string }>`select code, label, public_text
    from public_reject_reasons where active order by sort, code`.execute(db);
  return r.rows;
}

/** SQL: the triage scope for problems `p` in regions `r`, with covert secrecy. */
function triageScope(actor: Actor, permission: string): RawBuilder<SqlBool> {
  return problemVisibleSql(actor, permission, {
    regionPath: sql.ref('r.path'),
    unitId: sql.ref('p.unit_id'),
    reporterId: sql`null::uuid`,
    roundId: sql.ref('p.round_id'),
    siteId: sql`null::uuid`,
  });
}

export interface TriageFilter {
  page: number;
  pageSize: number;
  sort: 'createdAt' | '-createdAt';
  source?: string;
  regionPath?: string;
  categoryCode?: string;
  q?: string;
}

/** The 待受理 queue of public sources the actor may triage. */
export async function triageList(db: Db, actor: Actor, f: TriageFilter) {
  const where = sql`p.state = 'pending' and p.source in (${sql.join([...PUBLIC_SOURCES])})
    and ${triageScope(actor, 'citizenReports.triage')}
    ${f.source ? sql`and p.source = ${f.source}` : sql``}
    ${f.regionPath ? sql`and r.path like ${f.regionPath + '%'}` : sql``}
    ${f.categoryCode ? sql`and p.category_code = ${f.categoryCode}` : sql``}
    ${f.q ? sql`and (p.code like ${'%' + f.q + '%'} or p.description like ${'%' + f.q + '%'} or p.address like ${'%' + f.q + '%'})` : sql``}`;
  const order = f.sort === '-createdAt' ? sql`p.created_at desc, p.id desc` : sql`p.created_at, p.id`;
  const [items, total] = await Promise.all([
    sql<{
      id: string;
      code: string;
      version: number;
      description: string;
      category_code: string;
      category_name: string | null;
      source: string;
      region_id: string;
      region_name: string;
      region_path: string;
      address: string | null;
      lat: number | null;
      lng: number | null;
      created_at: Date;
      photo_ids: string[] | null;
      reporter_name: string | null;
      reporter_phone: string | null;
      phone_verified: boolean | null;
      answers: unknown;
    }>`select p.id, p.code, p.version, p.description, p.category_code, c.name as category_name, p.source, p.region_id,
         r.name as region_name, r.path as region_path, p.address, p.lat, p.lng, p.created_at,
         (select array_agg(pp.file_id order by pp.sort) from problem_photos pp where pp.problem_id = p.id and pp.stage = 'report') as photo_ids,
         cr.name as reporter_name, cr.phone as reporter_phone, cr.phone_verified, qa.answers
       from problems p join regions r on r.id = p.region_id
       left join problem_categories c on c.code = p.category_code
       left join citizen_reports cr on cr.original_problem_id = p.id
       left join problem_question_answers qa on qa.problem_id = p.id
       where ${where} order by ${order} limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from problems p join regions r on r.id = p.region_id where ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/**
 * Open problems the actor may see, of the same category, within MERGE_RADIUS_METERS and reported at most
 * MERGE_WINDOW_DAYS before or after this one (great-circle distance in SQL; a bounding box first); cases already in
 * the loop first (the one being handled is the natural survivor), then by distance.
 */
export async function mergeCandidateRows(
  db: Db,
  actor: Actor,
  p: { id: string; lat: number; lng: number; category_code: string; created_at: Date },
) {
  const dLat = MERGE_RADIUS_METERS / 111_000;
  const dLng = dLat / Math.max(Math.cos((p.lat * Math.PI) / 180), 0.1);
  const from = new Date(p.created_at.getTime() - MERGE_WINDOW_DAYS * 86_400_000);
  const to = new Date(p.created_at.getTime() + MERGE_WINDOW_DAYS * 86_400_000);
  const r = await sql<{ id: string; code: string; description: string; state: string; created_at: Date; d: number }>`
    select * from (
      select p.id, p.code, p.description, p.state, p.created_at,
        2 * 6371000 * asin(sqrt(power(sin(radians(p.lat - ${p.lat}) / 2), 2)
          + cos(radians(${p.lat})) * cos(radians(p.lat)) * power(sin(radians(p.lng - ${p.lng}) / 2), 2))) as d
      from problems p join regions r on r.id = p.region_id
      where p.id <> ${p.id} and p.category_code = ${p.category_code} and p.duplicate_of is null
        and p.state in (${sql.join([...OPEN_STATES])})
        and p.lat between ${p.lat - dLat} and ${p.lat + dLat} and p.lng between ${p.lng - dLng} and ${p.lng + dLng}
        and p.created_at between ${from} and ${to}
        and ${triageScope(actor, 'problems.read')}
    ) x where x.d <= ${MERGE_RADIUS_METERS} order by (x.state = 'pending'), x.d, x.created_at limit 20`.execute(db);
  return r.rows;
}

/** The 回访 list (ratings given), in the actor's scope. */
export async function followupList(
  db: Db,
  actor: Actor,
  f: { page: number; pageSize: number; state?: string; sort: 'ratedAt' | '-ratedAt' },
) {
  const where = sql`cr.followup_state is not null and ${triageScope(actor, 'citizenReports.followup')}
    ${f.state ? sql`and cr.followup_state = ${f.state}` : sql``}`;
  const order = f.sort === 'ratedAt' ? sql`cr.rated_at, cr.id` : sql`cr.rated_at desc, cr.id`;
  const from = sql`citizen_reports cr join problems p on p.id = cr.problem_id join regions r on r.id = p.region_id
    join problems o on o.id = cr.original_problem_id`;
  const [items, total] = await Promise.all([
    sql<
      CitizenReportRow & { code: string; state: string; version: number; description: string; region_path: string; unit_id: string | null }
    >`select cr.*, p.code, p.state, p.version, o.description, r.path as region_path, p.unit_id from ${from}
      where ${where} order by ${order} limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from ${from} where ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/** One 回访 row with its problem. */
export async function findFollowup(db: Db | Tx, id: string) {
  const r = await sql<
    CitizenReportRow & { code: string; state: string; version: number; description: string; region_path: string; unit_id: string | null }
  >`select cr.*, p.code, p.state, p.version, o.description, r.path as region_path, p.unit_id
    from citizen_reports cr join problems p on p.id = cr.problem_id join regions r on r.id = p.region_id
    join problems o on o.id = cr.original_problem_id
    where cr.id = ${id} and cr.followup_state is not null`.execute(db);
  return r.rows[0];
}
