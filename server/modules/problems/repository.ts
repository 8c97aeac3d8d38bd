/** SQL for problems: lookups with names, scoped filtered lists, counters, timeline and photos. */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { DEADLINE_STATES } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { runPrepared } from '../../platform/prepared';
import { siteVisibleSql, visibleRoundSql } from '../../platform/visibility';
import type { DB } from '../../platform/schema';
import { batchedStatement } from '../../platform/batcher';
import { insertRowsFromJson } from '../../platform/write-batch';

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

const COLUMNS = [
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

function base(db: Db | Tx) {
  return db
    .selectFrom('problems')
    .innerJoin('regions as r', 'r.id', 'problems.region_id')
    .leftJoin('units as u', 'u.id', 'problems.unit_id')
    .innerJoin('problem_categories as c', 'c.code', 'problems.category_code')
    .leftJoin('inspection_rounds as ir', 'ir.id', 'problems.round_id');
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

/** What a report checks before it writes (`reportCheck`), and its code when every check passed. */
export interface ReportCheck {
  /** The problem this reporter already created with this client id (a resend). */
  existing_id: string | null;
  site_found: boolean;
  site_path: string | null;
  /** The region asked for, else the site's, else the reporter's, else the reporter's unit's (null: none). */
  wanted_region_id: string | null;
  /** That region, when it exists. */
  region_id: string | null;
  region_path: string | null;
  /** The category applies in the region and is on there (and so is its major class). */
  category_usable: boolean;
  /** The next code of the region's county (WT…), taken only when the report may be written. */
  code: string | null;
}

/**
 * Everything a report looks up before it writes, in one statement: the resend (reporter, client id), the site and its
 * region's path, the region the report belongs to (asked, else the site's, else the reporter's or his unit's), whether
 * the category applies there and is on (the nearest region's switch, else the category's own flag; a minor class only
 * with its major), and — only when the reporter may write (`mayWrite`), this is no resend and every check passes
 * inside the reporter's area (`area`: a global grant or the region paths of his reporting roles) — the code from
 * `next_problem_code` (a report that is refused takes no number). The caller turns the facts into its Chinese errors.
 */
export interface ReportCheckInput {
  reporterId: string;
  clientId: string;
  regionId: string | null;
  siteId: string | null;
  actorRegionId: string | null;
  actorUnitId: string | null;
  categoryCode: string;
  area: { global: boolean; paths: string[] };
  mayWrite: boolean;
  now: Date;
}

/** One report's check (with others asked at the same moment: concurrent reports share the statement). */
export function reportCheck(db: Db | Tx, a: ReportCheckInput): Promise<ReportCheck> {
  return reportChecks(db, a);
}

/**
 * The checks of several reports as one statement over a jsonb array (one text for any number, prepared once): each
 * input row runs the same lookups through LATERAL subqueries, and the codes are taken in input order.
 */
const reportChecks = batchedStatement(
  async (db: Db | Tx, inputs: ReportCheckInput[]): Promise<ReportCheck[]> => {
    const json = JSON.stringify(
      inputs.map((a, n) => ({
        n,
        reporter_id: a.reporterId,
        client_id: a.clientId,
        region_id: a.regionId,
        site_id: a.siteId,
        actor_region_id: a.actorRegionId,
        actor_unit_id: a.actorUnitId,
        category_code: a.categoryCode,
        area_global: a.area.global,
        area_paths: a.area.paths,
        may_write: a.mayWrite,
        now: a.now,
      })),
    );
    // (\`limit 1\` keeps each lookup a per-row index probe: the planner guesses 100 input rows and would hash-join a
    // whole table instead.)
    const inArea = (path: RawBuilder<unknown>) =>
      sql<boolean>`(i.area_global or exists (select 1 from unnest(i.area_paths) as area(p) where starts_with(${path}, area.p)))`;
    const r = await runPrepared(
      db,
      sql<ReportCheck & { n: number }>`
      select i.n, chk.*,
        case when i.may_write and chk.existing_id is null and chk.region_id is not null and ${inArea(sql.ref('chk.region_path'))}
               and (i.site_id is null or (chk.site_found and ${inArea(sql.ref('chk.site_path'))})) and chk.category_usable
             then next_problem_code('WT', chk.region_id, i.now) end as code
      from jsonb_to_recordset(${json}::jsonb) as i(n int, reporter_id uuid, client_id text, region_id uuid, site_id uuid,
             actor_region_id uuid, actor_unit_id uuid, category_code text, area_global boolean, area_paths text[],
             may_write boolean, now timestamptz)
      left join lateral (
        select s.id, sr.id as region_id, sr.path from sites s join regions sr on sr.id = s.region_id where s.id = i.site_id limit 1
      ) site on true
      cross join lateral (
        select coalesce(i.region_id, site.region_id, i.actor_region_id, (select u.region_id from units u where u.id = i.actor_unit_id)) as id
      ) want
      left join lateral (
        select r.id, r.path, string_to_array(trim(both '/' from r.path), '/') as ids from regions r where r.id = want.id limit 1
      ) reg on true
      cross join lateral (
        with cat as (
          select c.code, c.parent_code,
            coalesce((select s.active from region_category_settings s
                      where s.category_code = c.code and s.region_id::text = any(reg.ids)
                      order by array_position(reg.ids, s.region_id::text) desc limit 1), c.active) as active
          from problem_categories c
          where (c.code = i.category_code or c.code = (select pc.parent_code from problem_categories pc where pc.code = i.category_code))
            and (c.region_id is null or c.region_id::text = any(reg.ids))
        )
        select
          (select p.id from problems p where p.reporter_id = i.reporter_id and p.client_id = i.client_id) as existing_id,
          site.id is not null as site_found,
          site.path as site_path,
          want.id as wanted_region_id,
          reg.id as region_id,
          reg.path as region_path,
          coalesce((select c.active and (c.parent_code is null or coalesce((select pc.active from cat pc where pc.code = c.parent_code), false))
                    from cat c where c.code = i.category_code), false) as category_usable
      ) chk
      order by i.n`,
    );
    const byN = new Map(r.rows.map(({ n, ...row }) => [n, row as ReportCheck]));
    return inputs.map((_, n) => byN.get(n)!);
  },
  { max: 32 },
);

/** The rows of one report's write, as values (json columns as objects): see `insertRowsFromJson`. */
export interface ReportWrite {
  problem: { id: string } & Record<string, unknown>;
  timeline: Record<string, unknown>;
  photos: Record<string, unknown>[];
  job: Record<string, unknown>;
  audit: Record<string, unknown>;
}

/**
 * Writes reports' rows — problem, timeline entry, photos, notice job, audit event — as one statement (data-modifying
 * CTEs over jsonb arrays: one text for any number of reports, prepared once) and answers each new problem as
 * `findProblem` would: the problems' INSERT is the CTE named \`problems\`, which the final SELECT (the same joins and
 * names as \`findProblem\`) reads in place of the table, so no second statement re-reads them. Concurrent reports
 * share the statement (`batchedStatement`): one parse, one plan, one commit for all of them.
 */
const writeReports = batchedStatement(
  async (db: Db | Tx, writes: ReportWrite[]): Promise<ProblemRow[]> => {
    const photos = writes.flatMap((w) => w.photos);
    const ctes = [
      sql`problems as (${insertRowsFromJson(
        'problems',
        writes.map((w) => w.problem),
      )} returning *)`,
      sql`w_timeline as (${insertRowsFromJson(
        'problem_events',
        writes.map((w) => w.timeline),
      )})`,
      ...(photos.length
        ? [sql`w_photos as (${insertRowsFromJson('problem_photos', photos, { onConflictDoNothing: ['problem_id', 'file_id'] })})`]
        : []),
      sql`w_job as (${insertRowsFromJson(
        'outbox_jobs',
        writes.map((w) => w.job),
      )})`,
      sql`w_audit as (${insertRowsFromJson(
        'audit_events',
        writes.map((w) => w.audit),
      )})`,
    ];
    const r = await runPrepared(db, sql<ProblemRow>`with ${sql.join(ctes)} ${base(db).selectAll('problems').select(COLUMNS)}`);
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    return writes.map((w) => {
      const row = byId.get(w.problem.id);
      if (!row) throw new Error(`report ${w.problem.id} was not answered by its write`);
      return row;
    });
  },
  { max: 32 },
);

/** Writes one report (with others sent at the same moment: see `writeReports`); answers the new problem. */
export function insertReport(db: Db | Tx, write: ReportWrite): Promise<ProblemRow> {
  return writeReports(db, write);
}

/** A new problem's report photos as rows, in the order given. */
export function reportPhotoRows(problemId: string, fileIds: string[]) {
  return fileIds.map((file_id, i) => ({ problem_id: problemId, file_id, stage: 'report', sort: i, round_id: null }));
}

/** The INSERT of a new problem's report photos, in the order given (for a `writeTogether` batch). */
export function reportPhotosInsert(db: Db | Tx, problemId: string, fileIds: string[]) {
  return db
    .insertInto('problem_photos')
    .values(fileIds.map((file_id, i) => ({ problem_id: problemId, file_id, stage: 'report', sort: i, round_id: null })))
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

/** The INSERT of a timeline entry (for `appendEvent`, or a `writeTogether` batch). */
export function timelineInsert(db: Db | Tx, e: TimelineEntry) {
  const row = timelineRow(e);
  return db.insertInto('problem_events').values({ ...row, payload: row.payload ? JSON.stringify(row.payload) : null });
}

/** Appends a timeline entry. */
export async function appendEvent(tx: Tx, e: TimelineEntry) {
  await timelineInsert(tx, e).execute();
}
