/** SQL for problems: lookups with names, scoped filtered lists, counters, timeline and photos. */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { DEADLINE_STATES } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { siteVisibleSql, visibleRoundSql } from '../../platform/visibility';
import type { DB } from '../../platform/schema';

type ProblemEb = ExpressionBuilder<
  DB & { r: DB['regions']; u: DB['units']; c: DB['problem_categories']; ir: DB['inspection_rounds'] },
  'problems' | 'r' | 'u' | 'c' | 'ir'
>;
export type ProblemScope = (eb: ProblemEb) => Expression<SqlBool>;

export interface ProblemFilter {
  state?: string[];
  unitId?: string;
  regionId?: string;
  categoryCode?: string;
  source?: string;
  severity?: string;
  overdue?: boolean;
  relapse?: boolean;
  mine?: boolean;
  disputed?: boolean;
  search?: string;
  standardCode?: string;
  siteType?: string;
  from?: Date;
  to?: Date;
}

const SORT = {
  deadline: 'problems.deadline',
  createdAt: 'problems.created_at',
  severity: 'problems.severity',
  code: 'problems.code',
  updatedAt: 'problems.updated_at',
} as const;
export type ProblemSort = keyof typeof SORT;

/**
 * The same sort keys as expressions no index provides, for a list whose matches are few (the count stayed under its
 * cap): the planner then gathers the matches through the filters' indexes and sorts them. Ordered by the bare column it
 * may walk the list-order index past every non-match instead — a unit liaison's 189 overdue problems among 1 000 000
 * read 239 117 rows (64 ms) to find the first 20 (docs/performance.md). Same order: adding nothing changes no value.
 */
const GATHERED_SORT: Record<ProblemSort, RawBuilder<unknown>> = {
  deadline: sql`problems.deadline + interval '0 s'`,
  createdAt: sql`problems.created_at + interval '0 s'`,
  severity: sql`problems.severity || ''`,
  code: sql`problems.code || ''`,
  updatedAt: sql`problems.updated_at + interval '0 s'`,
};

export const COLUMNS = [
  'r.path as region_path',
  'r.name as region_name',
  'u.name as unit_name',
  'c.name as category_name',
  sql<boolean>`coalesce(ir.is_covert and ir.released_at is null, false)`.as('round_hidden'),
  sql<boolean>`coalesce(ir.is_covert, false)`.as('round_is_covert'),
  sql<string | null>`(select path from regions where id = ir.region_id)`.as('round_region_path'),
  sql<string[]>`coalesce((select array_agg(x.user_id) from inspection_round_inspectors x where x.round_id = problems.round_id), '{}')`.as(
    'round_team',
  ),
  sql<string | null>`(select ps.lead_user_id from sites ps where ps.id = problems.site_id)`.as('site_lead_id'),
] as const;

/** Problems with their region, unit, category and round joined (as `findProblem` reads them, with `PROBLEM_COLUMNS`). */
export function base(db: Db | Tx) {
  return db
    .selectFrom('problems')
    .innerJoin('regions as r', 'r.id', 'problems.region_id')
    .leftJoin('units as u', 'u.id', 'problems.unit_id')
    .innerJoin('problem_categories as c', 'c.code', 'problems.category_code')
    .leftJoin('inspection_rounds as ir', 'ir.id', 'problems.round_id');
}

/**
 * The same problems and names as `base`, each joined row looked up by its key (LATERAL, `limit 1`): for a handful of
 * rows known by id, such as a write's answer. `base` lets the planner hash-join whole tables, right for a list; over a
 * CTE of new rows (estimated at 100 whatever their number) it read all of `units` and `regions` for every batch.
 */
export function baseByKey(db: Db | Tx) {
  return db
    .selectFrom('problems')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('regions')
          .select(['regions.path', 'regions.name'])
          .whereRef('regions.id', '=', 'problems.region_id')
          .limit(sql.lit(1))
          .as('r'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) => eb.selectFrom('units').select('units.name').whereRef('units.id', '=', 'problems.unit_id').limit(sql.lit(1)).as('u'),
      (join) => join.onTrue(),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('problem_categories')
          .select('problem_categories.name')
          .whereRef('problem_categories.code', '=', 'problems.category_code')
          .limit(sql.lit(1))
          .as('c'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('inspection_rounds')
          .select(['inspection_rounds.is_covert', 'inspection_rounds.released_at', 'inspection_rounds.region_id'])
          .whereRef('inspection_rounds.id', '=', 'problems.round_id')
          .limit(sql.lit(1))
          .as('ir'),
      (join) => join.onTrue(),
    );
}

/** The filter with its region id resolved to a path, so the planner sees a plain prefix match. */
export async function resolveRegionFilter(db: Db, f: ProblemFilter): Promise<ProblemFilter & { regionPath?: string }> {
  if (!f.regionId) return f;
  const r = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).executeTakeFirst();
  // An unknown region matches nothing rather than everything.
  return { ...f, regionPath: r?.path ?? '/no-such-region/' };
}

function filtered(db: Db, scope: ProblemScope, f: ProblemFilter & { regionPath?: string }, now: Date, actorId: string) {
  let q = base(db).where((eb) => scope(eb as unknown as ProblemEb));
  if (f.state?.length) q = q.where('problems.state', 'in', f.state);
  if (f.unitId) q = q.where('problems.unit_id', '=', f.unitId);
  if (f.regionPath) q = q.where('r.path', 'like', `${f.regionPath}%`);
  else if (f.regionId) q = q.where('r.path', 'like', sql<string>`(select path from regions where id = ${f.regionId}) || '%'`);
  if (f.categoryCode) q = q.where('problems.category_code', 'like', `${f.categoryCode}%`);
  if (f.source) q = q.where('problems.source', '=', f.source);
  if (f.severity) q = q.where('problems.severity', '=', f.severity);
  if (f.overdue === true) q = q.where('problems.state', 'in', DEADLINE_STATES as string[]).where('problems.deadline', '<', now);
  if (f.overdue === false)
    q = q.where((eb) =>
      eb.or([
        eb('problems.state', 'not in', DEADLINE_STATES as string[]),
        eb('problems.deadline', 'is', null),
        eb('problems.deadline', '>=', now),
      ]),
    );
  if (f.relapse === true) q = q.where('problems.relapsed_from', 'is not', null);
  if (f.mine) q = q.where('problems.reporter_id', '=', actorId);
  if (f.disputed === true) q = q.where('problems.state', '=', 'accepted').where('problems.dispute_count', '>', 0);
  if (f.search) {
    const like = `%${f.search}%`;
    q = q.where((eb) =>
      eb.or([eb('problems.code', 'like', like), eb('problems.description', 'like', like), eb('problems.address', 'like', like)]),
    );
  }
  if (f.standardCode)
    q = q.where(sql<SqlBool>`exists (select 1 from standards fst where fst.id = problems.standard_id and fst.code = ${f.standardCode})`);
  if (f.siteType)
    q = q.where(sql<SqlBool>`exists (select 1 from sites fs where fs.id = problems.site_id and fs.site_type_code = ${f.siteType})`);
  if (f.from) q = q.where('problems.created_at', '>=', f.from);
  if (f.to) q = q.where('problems.created_at', '<', f.to);
  return q;
}

/** A page of problems in scope. */
export async function listProblems(
  db: Db,
  scope: ProblemScope,
  f: ProblemFilter,
  now: Date,
  actorId: string,
  page: { limit: number; offset: number; sort: ProblemSort; order: 'asc' | 'desc' },
  countCap = LIST_COUNT_CAP,
) {
  f = await resolveRegionFilter(db, f);
  // `like '%…%'` reads the scope row by row, so a text search stops counting sooner.
  const cap = f.search ? Math.min(countCap, SEARCH_COUNT_CAP) : countCap;
  // Counting a whole city's matches costs seconds; past the cap the list says "1000+" instead.
  const counted = await db
    .selectFrom(
      filtered(db, scope, f, now, actorId)
        .select(sql`1`.as('x'))
        .limit(cap + 1)
        .as('m'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  // The count tells how to take the page: few matches are gathered through the filters' indexes and sorted; many are
  // read in the sort's own order (GATHERED_SORT).
  const few = counted.n <= cap;
  const key = few ? GATHERED_SORT[page.sort] : sql.ref(SORT[page.sort]);
  const items = await filtered(db, scope, f, now, actorId)
    .selectAll('problems')
    .select(COLUMNS)
    .orderBy(sql`${key} ${sql.raw(page.order)} nulls last`)
    .orderBy(few ? sql`problems.code || ''` : sql.ref('problems.code'), 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items, total: Math.min(counted.n, cap), totalCapped: counted.n > cap };
}

/**
 * The most a problem list counts; beyond it `totalCapped` is true and the pager says "超过 1000 条". Exact counts by
 * state come from the workbench summary. At 1M problems a 10 000 cap cost 100–150 ms per broad list and 0.4 s for a
 * text search (docs/performance.md); 1 000 keeps them near 10 ms and 50 ms.
 */
export const LIST_COUNT_CAP = 1_000;
/** The cap for a text search: 1 000 matches of 井盖 meant scanning ~60 000 rows (p95 202 ms at 1M problems). */
export const SEARCH_COUNT_CAP = 200;

/** Every matching problem (ledger export), capped. */
export async function allProblems(db: Db, scope: ProblemScope, f: ProblemFilter, now: Date, actorId: string, cap: number) {
  f = await resolveRegionFilter(db, f);
  return filtered(db, scope, f, now, actorId).selectAll('problems').select(COLUMNS).orderBy('problems.code').limit(cap).execute();
}

/** Counts by state plus overdue, for the workbench. */
export async function summarize(db: Db, scope: ProblemScope, now: Date, actorId: string) {
  const rows = await filtered(db, scope, {}, now, actorId)
    .select(['problems.state', sql<number>`count(*)::int`.as('n')])
    .groupBy('problems.state')
    .execute();
  const overdue = await filtered(db, scope, { overdue: true }, now, actorId)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { byState: Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>, overdue: overdue.n };
}

/** One problem with its names and scope path. */
export function findProblem(db: Db | Tx, id: string) {
  return base(db).selectAll('problems').select(COLUMNS).where('problems.id', '=', id).executeTakeFirst();
}
export type ProblemRow = NonNullable<Awaited<ReturnType<typeof findProblem>>>;

/** The problem a reporter already created with this client id (idempotent resend). */
export function findByClientId(db: Db | Tx, reporterId: string, clientId: string) {
  return db.selectFrom('problems').select('id').where('reporter_id', '=', reporterId).where('client_id', '=', clientId).executeTakeFirst();
}

/**
 * The next readable code: prefix, month, the county (first 6 digits of its code) and the county's running number
 * for that prefix and month, e.g. WT202612-330122-000123 (next_problem_code(), migration 20261203_0801: one sequence
 * per county, prefix and month, so concurrent reports never wait on a counter row).
 */
export async function nextCode(db: Db | Tx, prefix: string, regionId: string, now: Date): Promise<string> {
  const r = await sql<{ code: string }>`select next_problem_code(${prefix}, ${regionId}, ${now}) as code`.execute(db);
  return r.rows[0].code;
}

/**
 * The problem's site and round as links for the actor: the site when they may see it (scope, 包保单位 or 点长), the
 * round when they may know it (a covert round: its team and covert roles, everyone else only after release).
 */
export async function problemPlaces(db: Db, actor: Actor, p: { site_id: string | null; round_id: string | null }) {
  const [site, round] = await Promise.all([
    p.site_id
      ? db
          .selectFrom('sites as s')
          .innerJoin('regions as sr', 'sr.id', 's.region_id')
          .select(['s.id', 's.name'])
          .where('s.id', '=', p.site_id)
          .where(
            siteVisibleSql(actor, 'sites.read', {
              regionPath: sql.ref('sr.path'),
              unitId: sql.ref('s.unit_id'),
              leadUserId: sql.ref('s.lead_user_id'),
            }),
          )
          .executeTakeFirst()
      : undefined,
    p.round_id
      ? db
          .selectFrom('inspection_rounds as ir')
          .select(['ir.id', 'ir.name', 'ir.is_covert'])
          .where('ir.id', '=', p.round_id)
          .where(visibleRoundSql(actor, 'ir'))
          .executeTakeFirst()
      : undefined,
  ]);
  return {
    site: site ? { id: site.id, name: site.name } : null,
    round: round ? { id: round.id, name: round.name, isCovert: round.is_covert } : null,
  };
}

/** Supervision notices (督办单) issued on a problem. */
export function noticesOf(db: Db, problemId: string) {
  return db.selectFrom('supervision_notices').selectAll().where('problem_id', '=', problemId).orderBy('issued_at').execute();
}

/** A new problem's report photos as rows, in the order given. */
export function reportPhotoRows(problemId: string, fileIds: string[]) {
  return fileIds.map((file_id, i) => ({ problem_id: problemId, file_id, stage: 'report', sort: i, round_id: null }));
}

/** The INSERT of a new problem's report photos, in the order given. */
export function reportPhotosInsert(db: Db | Tx, problemId: string, fileIds: string[]) {
  return db
    .insertInto('problem_photos')
    .values(reportPhotoRows(problemId, fileIds))
    .onConflict((oc) => oc.columns(['problem_id', 'file_id']).doNothing());
}

/** Attaches uploaded files to a problem at a stage; `roundId` marks photos a covert round added (hidden with it). */
export async function attachPhotos(
  tx: Tx,
  problemId: string,
  fileIds: string[],
  stage: 'report' | 'rectification' | 'verification',
  roundId: string | null = null,
) {
  if (!fileIds.length) return;
  const start = (
    await tx
      .selectFrom('problem_photos')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('problem_id', '=', problemId)
      .executeTakeFirstOrThrow()
  ).n;
  await tx
    .insertInto('problem_photos')
    .values(fileIds.map((file_id, i) => ({ problem_id: problemId, file_id, stage, sort: start + i, round_id: roundId })))
    .onConflict((oc) => oc.columns(['problem_id', 'file_id']).doNothing())
    .execute();
}

/** A timeline entry as it is inserted. */
export interface TimelineEntry {
  problemId: string;
  action: string;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorName: string;
  payload?: Record<string, unknown>;
  at: Date;
  roundId?: string | null;
}

/** A timeline entry's row as values (its payload as an object), for a statement over many rows. */
export function timelineRow(e: TimelineEntry) {
  return {
    problem_id: e.problemId,
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    actor_id: e.actorId,
    actor_name: e.actorName,
    payload: e.payload ?? null,
    occurred_at: e.at,
    round_id: e.roundId ?? null,
  };
}

/** The INSERT of a timeline entry (for `appendEvent`). */
export function timelineInsert(db: Db | Tx, e: TimelineEntry) {
  const row = timelineRow(e);
  return db.insertInto('problem_events').values({ ...row, payload: row.payload ? JSON.stringify(row.payload) : null });
}

/** Appends a timeline entry. */
export async function appendEvent(tx: Tx, e: TimelineEntry) {
  await timelineInsert(tx, e).execute();
}
