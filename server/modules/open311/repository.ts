/** SQL of the Open311 interface: public problems (source marked public where they lie, no unreleased covert finding). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import { roundPublishedSql } from '../../platform/visibility';
import { sourcePublicSql } from '../integrations/public-settings';

/**
 * SQL over `p`: the office has reviewed the problem and taken it into the loop — not 待受理 (unreviewed public
 * content) and not 不予受理/merged (rejected). Only such problems are listed publicly.
 */
export const reviewedSql = (): RawBuilder<SqlBool> => sql<SqlBool>`(p.state not in ('pending', 'rejected'))`;

/** SQL over `p`: the problem was posted through Open311 with this integrator key (its own request). */
const postedWithSql = (keyId: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`exists (select 1 from open311_requests o where o.problem_id = p.id and o.key_id = ${keyId})`;

/**
 * SQL over `p` (problems) and `pr` (its region): the problem may be shown by the public interface — a source marked
 * public where it lies, no unreleased covert round, and reviewed by the office; with `ownKeyId`, the integrator's own
 * requests also while unreviewed (it may read back what it posted).
 */
export const publicProblemSql = (ownKeyId?: string | null): RawBuilder<SqlBool> =>
  sql<SqlBool>`(${sourcePublicSql(sql.ref('p.source'), sql.ref('pr.path'))} and ${roundPublishedSql(sql.ref('p.round_id'))}
    and (${reviewedSql()}${ownKeyId ? sql` or ${postedWithSql(ownKeyId)}` : sql``}))`;

/**
 * The first photo of a stage that the public may see (no photo added by an unreleased covert round; none of a problem
 * the office has not reviewed, even in an integrator's read-back).
 */
const photoSql = (stage: string) =>
  sql<string | null>`(select pp.file_id from problem_photos pp where pp.problem_id = p.id and pp.stage = ${stage}
    and ${reviewedSql()} and ${roundPublishedSql(sql.ref('pp.round_id'))} order by pp.sort limit 1)`;

export interface PublicRequestRow {
  id: string;
  code: string;
  state: string;
  category_code: string;
  service_name: string;
  description: string;
  unit_name: string | null;
  created_at: Date;
  updated_at: Date;
  deadline: Date | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  photo_id: string | null;
}

function base(db: Db | Tx, ownKeyId?: string | null) {
  return (
    db
      .selectFrom('problems as p')
      .innerJoin('regions as pr', 'pr.id', 'p.region_id')
      .innerJoin('problem_categories as c', 'c.code', 'p.category_code')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'p.id',
        'p.code',
        'p.state',
        'p.category_code',
        'c.name as service_name',
        'p.description',
        'u.name as unit_name',
        'p.created_at',
        'p.deadline',
        'p.address',
        'p.lat',
        'p.lng',
      ])
      .select(photoSql('report').as('photo_id'))
      // The last step the public may know of: a covert round's entry (unreleased) must not move the time.
      .select(
        sql<Date>`coalesce((select max(e.occurred_at) from problem_events e where e.problem_id = p.id
        and ${roundPublishedSql(sql.ref('e.round_id'))}), p.created_at)`.as('updated_at'),
      )
      .where(publicProblemSql(ownKeyId))
  );
}

/**
 * Public requests by code (a comma list), or by service/status/time range; at most `limit`, newest first. By code,
 * `ownKeyId` adds the integrator's own unreviewed requests.
 */
export async function listPublicRequests(
  db: Db,
  f: {
    codes?: string[];
    countyPath?: string;
    serviceCodes?: string[];
    states?: string[];
    start?: Date;
    end?: Date;
    limit: number;
    ownKeyId?: string | null;
  },
): Promise<PublicRequestRow[]> {
  let q = base(db, f.codes ? f.ownKeyId : null);
  if (f.codes) q = q.where('p.code', 'in', f.codes.length ? f.codes : ['']);
  if (f.countyPath) q = q.where('pr.path', 'like', `${f.countyPath}%`);
  if (f.serviceCodes?.length) q = q.where('p.category_code', 'in', f.serviceCodes);
  if (f.states) q = q.where('p.state', 'in', f.states);
  if (f.start) q = q.where('p.created_at', '>=', f.start);
  if (f.end) q = q.where('p.created_at', '<=', f.end);
  return (await q.orderBy('p.created_at', 'desc').orderBy('p.code').limit(f.limit).execute()) as PublicRequestRow[];
}

/** The problem a token stands for (tokens are kept for requests posted here). */
export function findToken(db: Db, token: string) {
  return db
    .selectFrom('open311_requests as o')
    .innerJoin('problems as p', 'p.id', 'o.problem_id')
    .select(['o.token', 'p.code'])
    .where('o.token', '=', token)
    .executeTakeFirst();
}

/** A county by its code (Open311 jurisdiction_id). */
export function findJurisdiction(db: Db, code: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'path', 'code', 'name'])
    .where('code', '=', code)
    .where('level', '=', 'county')
    .executeTakeFirst();
}

/**
 * The categories a county offers as services: minor classes switched on where it lies (the nearest region's switch,
 * else the category's own flag) whose major class is on too; without a county, the platform's own categories.
 */
export async function listServices(db: Db, countyPath: string | null, code?: string) {
  const ids = countyPath ? countyPath.split('/').filter(Boolean) : [];
  const active = (alias: string) =>
    sql<boolean>`coalesce((select s.active from region_category_settings s where s.category_code = ${sql.ref(`${alias}.code`)}
      and s.region_id::text = any(${ids}::text[]) order by array_position(${ids}::text[], s.region_id::text) desc limit 1), ${sql.ref(`${alias}.active`)})`;
  let q = db
    .selectFrom('problem_categories as c')
    .innerJoin('problem_categories as pc', 'pc.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'c.kind', 'pc.name as group_name'])
    .select(
      sql<number>`coalesce((select jsonb_array_length(q.questions) from category_questions q where q.category_code = c.code), 0)::int`.as(
        'question_count',
      ),
    )
    .where(active('c'))
    .where(active('pc'))
    .where((eb) => eb.or([eb('c.region_id', 'is', null), sql<SqlBool>`c.region_id::text = any(${ids}::text[])`]));
  if (code) q = q.where('c.code', '=', code);
  return q.orderBy('pc.sort').orderBy('c.sort').orderBy('c.code').execute();
}

/**
 * Status changes of public problems in a range (servicerequestupdates), oldest first; with `ownKeyId`, also of the
 * integrator's own requests the office has not taken in (so it learns of a 不予受理).
 */
export function listUpdates(db: Db, f: { countyPath?: string; start: Date; end: Date; limit: number; ownKeyId?: string | null }) {
  let q = db
    .selectFrom('problem_events as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .select(['e.id', 'e.action', 'e.to_state', 'e.occurred_at', 'p.code'])
    .select(photoSql('rectification').as('after_photo_id'))
    .where(publicProblemSql(f.ownKeyId))
    .where(roundPublishedSql(sql.ref('e.round_id')))
    .where('e.to_state', 'is not', null)
    .where('e.occurred_at', '>=', f.start)
    .where('e.occurred_at', '<=', f.end);
  if (f.countyPath) q = q.where('pr.path', 'like', `${f.countyPath}%`);
  return q.orderBy('e.occurred_at').orderBy('e.id').limit(f.limit).execute();
}

/** A photo the public may see: it belongs to a public problem and no unreleased covert round added it. */
export function findPublicPhoto(db: Db, fileId: string) {
  return db
    .selectFrom('problem_photos as pp')
    .innerJoin('problems as p', 'p.id', 'pp.problem_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .innerJoin('files as f', 'f.id', 'pp.file_id')
    .select(['f.id', 'f.original_key'])
    .where('pp.file_id', '=', fileId)
    .where(publicProblemSql())
    .where(roundPublishedSql(sql.ref('pp.round_id')))
    .limit(1)
    .executeTakeFirst();
}

/**
 * The office's redaction of a photo: the newest exposure photo of this file with boxes marked (any state — the boxes
 * say what must not be seen, whatever became of the item), with its rendered public copy.
 */
export function findRedaction(db: Db, fileId: string) {
  return db
    .selectFrom('exposure_photos as xp')
    .innerJoin('exposures as x', 'x.id', 'xp.exposure_id')
    .select(['xp.boxes', 'xp.public_key'])
    .where('xp.file_id', '=', fileId)
    .where(sql<SqlBool>`jsonb_array_length(xp.boxes) > 0`)
    .orderBy('x.updated_at', 'desc')
    .orderBy('xp.id')
    .limit(1)
    .executeTakeFirst();
}
