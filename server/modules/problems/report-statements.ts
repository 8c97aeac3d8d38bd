/**
 * A report's one statement after authentication, shared by the reports that arrive together (platform/batcher.ts):
 * every check and the code, and — when they pass — the write of its rows answering the new problem
 * (`checkAndWriteReport`, used by submit-problem.ts). `reportCheck` runs the checks alone (scripts/bench/report-variants.ts
 * replays it).
 */
import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { batchedStatement } from '../../platform/batcher';
import type { Db, Tx } from '../../platform/db';
import { runFixed } from '../../platform/prepared';
import { NOTICES_JOB } from '../notifications/notify';
import { baseByKey, COLUMNS, reportPhotoRows, type ProblemRow } from './repository';

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

/**
 * Everything a report looks up before it writes, in one statement: the resend (reporter, client id), the site and its
 * region's path, the region the report belongs to (asked, else the site's, else the reporter's or his unit's), whether
 * the category applies there and is on (the nearest region's switch, else the category's own flag; a minor class only
 * with its major), and — only when the reporter may write (`mayWrite`), this is no resend and every check passes
 * inside the reporter's area (`area`: a global grant or the region paths of his reporting roles) — the code from
 * `next_problem_code` (a report that is refused takes no number). The caller turns the facts into its Chinese errors.
 * Reports asked at the same moment share the statement (`reportChecks`).
 */
export function reportCheck(db: Db | Tx, a: ReportCheckInput): Promise<ReportCheck> {
  return reportChecks(db, a);
}

/** The check's inputs as a row source named `i` (jsonb_to_recordset over `json`, plus the caller's own columns). */
function checkInputs(json: string, extra: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  return sql`jsonb_to_recordset(${json}::jsonb) as i(n int, reporter_id uuid, client_id text, region_id uuid, site_id uuid,
             actor_region_id uuid, actor_unit_id uuid, category_code text, area_global boolean, area_paths text[],
             may_write boolean, now timestamptz${extra})`;
}

/** A check input as its jsonb record (see `checkInputs`). */
function checkRecord(a: ReportCheckInput, n: number) {
  return {
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
  };
}

/**
 * Each input's checks (`ReportCheck`'s columns, then `code`) from the row source `i` (`checkInputs`), in input order,
 * with `carry` (more of `i`'s columns) in front. `limit 1` keeps each lookup a per-row index probe: the planner guesses
 * 100 input rows and would hash-join a whole table instead.
 */
function checkSelect(inputs: RawBuilder<unknown>, carry: RawBuilder<unknown>): RawBuilder<unknown> {
  const inArea = (path: RawBuilder<unknown>) =>
    sql<boolean>`(i.area_global or exists (select 1 from unnest(i.area_paths) as area(p) where starts_with(${path}, area.p)))`;
  return sql`
      select ${carry}, chk.*,
        case when i.may_write and chk.existing_id is null and chk.region_id is not null and ${inArea(sql.ref('chk.region_path'))}
               and (i.site_id is null or (chk.site_found and ${inArea(sql.ref('chk.site_path'))})) and chk.category_usable
             then next_problem_code('WT', chk.region_id, i.now) end as code
      from ${inputs}
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
      order by i.n`;
}

/**
 * The checks of several reports as one statement over a jsonb array (one text for any number, prepared once): each
 * input row runs the same lookups through LATERAL subqueries, and the codes are taken in input order.
 */
const reportChecks = batchedStatement(
  async (db: Db | Tx, inputs: ReportCheckInput[]): Promise<ReportCheck[]> => {
    const json = JSON.stringify(inputs.map(checkRecord));
    const r = await runFixed(
      db,
      'report-check',
      [json],
      () => sql<ReportCheck & { n: number }>`${checkSelect(checkInputs(json), sql`i.n`)}`,
    );
    const byN = new Map(r.rows.map(({ n, ...row }) => [n, row as ReportCheck]));
    return inputs.map((_, n) => byN.get(n)!);
  },
  { max: 32 },
);

/**
 * What only a report's check decides, as placeholders in the rows its write sends (`ReportWrite`): the statement puts
 * the code, the region's id and its path in their place (text replacement in each report's own document, so a value
 * goes only where its placeholder is). A random part per process keeps a reporter's own text from naming one.
 */
const NONCE = randomBytes(9).toString('hex');
export const REPORT_SLOTS = {
  code: `@${NONCE}.code@`,
  regionId: `@${NONCE}.region@`,
  regionPath: `@${NONCE}.path@`,
} as const;

/** The rows of one report's write, as values (json columns as objects), with `REPORT_SLOTS` where the check decides. */
export interface ReportWrite {
  problem: { id: string } & Record<string, unknown>;
  timeline: Record<string, unknown>;
  photos: Record<string, unknown>[];
  /** The report's notice: its payload and time only; the reports of one statement share one `NOTICES_JOB` job. */
  job: { payload: unknown; created_at: Date };
  audit: Record<string, unknown>;
}

/** A report's check and, when it passed, the new problem as `findProblem` answers it. */
export interface CheckedReport {
  check: ReportCheck;
  problem: ProblemRow | null;
}

/** Where each part of a report's write goes. */
const WRITES = [
  { part: 'problem', table: 'problems', cte: 'problems', many: false },
  { part: 'timeline', table: 'problem_events', cte: 'w_timeline', many: false },
  { part: 'photos', table: 'problem_photos', cte: 'w_photos', many: true, conflict: ['problem_id', 'file_id'] },
  // The notice jobs of a batch's reports go as ONE job holding all their notices (`NOTICES_JOB`): a job row and its
  // drain's update per batch instead of per report.
  { part: 'job', table: 'outbox_jobs', cte: 'w_job', many: false, together: true },
  { part: 'audit', table: 'audit_events', cte: 'w_audit', many: false },
] as const;
/** A report photo's columns, from the rows `reportPhotoRows` makes (a batch may have no photo to read them from). */
const PHOTO_COLUMNS = Object.keys(reportPhotoRows('', [''])[0]);
const CHECK_COLUMNS = [
  'existing_id',
  'site_found',
  'site_path',
  'wanted_region_id',
  'region_id',
  'region_path',
  'category_usable',
  'code',
] as const;

/**
 * Reports' checks and writes as one statement: each report's checks and code (`checkSelect`, as `reportCheck`), then —
 * for the reports whose checks passed and took a code — their rows (problem, timeline entry, photos, notice job, audit
 * event; data-modifying CTEs reading each report's document with its placeholders filled), answering every report with
 * its check's facts and, when written, the new problem as `findProblem` would (the problems' INSERT is the CTE named
 * `problems`, which the final SELECT reads in place of the table, each name looked up by key: `baseByKey`). One round
 * trip, one implicit transaction, one commit for all the reports sent at the same moment (`batchedStatement`); the
 * text is built and compiled once per shape (`runFixed`). A refused report writes nothing and the caller turns its
 * facts into the Chinese error.
 */
const checkAndWriteReports = batchedStatement(
  async (db: Db | Tx, inputs: { check: ReportCheckInput; write: ReportWrite }[]): Promise<CheckedReport[]> => {
    const columns = (part: (typeof WRITES)[number]['part']) =>
      part === 'photos' ? PHOTO_COLUMNS : Object.keys(inputs[0].write[part] as Record<string, unknown>);
    const expected = WRITES.map((w) => columns(w.part).join(','));
    const shape = `report:${expected.join('|')}`;
    for (const { write } of inputs) {
      WRITES.forEach((w, k) => {
        const rows = (w.many ? write[w.part] : [write[w.part]]) as Record<string, unknown>[];
        if (rows.some((r) => Object.keys(r).join(',') !== expected[k]))
          throw new Error(`a report's ${w.part} row has other columns than the batch's`);
      });
    }
    const json = JSON.stringify(inputs.map((x, n) => ({ ...checkRecord(x.check, n), problem_id: x.write.problem.id })));
    // Each report's document as its own JSON text in one array (not a string inside the inputs, which would be
    // encoded twice); the statement reads it as `json`, whose text is kept, fills the placeholders, then parses it.
    const docs = `[${inputs.map((x) => JSON.stringify(x.write)).join(',')}]`;
    const params = [json, REPORT_SLOTS.code, REPORT_SLOTS.regionId, REPORT_SLOTS.regionPath, docs];
    const r = await runFixed(db, shape, params, () => {
      const inserts = WRITES.map((w) => {
        const list = sql.join(columns(w.part).map((c) => sql.ref(c)));
        const values = sql.join(columns(w.part).map((c) => sql.ref(`x.${c}`)));
        const rows = w.many
          ? sql`jsonb_populate_recordset(null::${sql.table(w.table)}, d.doc -> ${sql.lit(w.part)})`
          : sql`jsonb_populate_record(null::${sql.table(w.table)}, d.doc -> ${sql.lit(w.part)})`;
        if ('together' in w) {
          return sql`${sql.raw(w.cte)} as (insert into ${sql.table(w.table)} (kind, payload, created_at)
            select ${sql.lit(NOTICES_JOB)}, jsonb_build_object('notices', jsonb_agg(x.payload order by d.n)), min(x.created_at)
            from d cross join lateral ${rows} as x having count(*) > 0)`;
        }
        const conflict = 'conflict' in w ? sql` on conflict (${sql.join(w.conflict.map((c) => sql.ref(c)))}) do nothing` : sql``;
        const returning = w.cte === 'problems' ? sql` returning *` : sql``;
        return sql`${sql.raw(w.cte)} as (insert into ${sql.table(w.table)} (${list}) select ${values} from d cross join lateral ${rows} as x${conflict}${returning})`;
      });
      const facts = sql.join(CHECK_COLUMNS.map((c) => sql`chk.${sql.ref(c)} as ${sql.ref(`chk_${c}`)}`));
      return sql<Record<string, unknown>>`with
        chk as materialized (${checkSelect(checkInputs(json, sql`, problem_id uuid`), sql`i.n, i.problem_id`)}),
        d as materialized (
          select replace(replace(replace(w.doc::text, ${REPORT_SLOTS.code}, chk.code), ${REPORT_SLOTS.regionId}, chk.region_id::text),
                         ${REPORT_SLOTS.regionPath}, chk.region_path)::jsonb as doc, chk.n
          from chk join json_array_elements(${docs}::json) with ordinality as w(doc, k) on w.k = chk.n + 1
          where chk.code is not null
        ),
        ${sql.join(inserts)}
        select chk.n as chk_n, ${facts}, p.*
        from chk left join (${baseByKey(db).selectAll('problems').select(COLUMNS)}) p on p.id = chk.problem_id
        order by chk.n`;
    });
    return inputs.map((_, n) => {
      const row = r.rows[n];
      if (!row || row.chk_n !== n) throw new Error(`report ${n} of ${inputs.length} was not answered by its statement`);
      const check = Object.fromEntries(CHECK_COLUMNS.map((c) => [c, row[`chk_${c}`]])) as unknown as ReportCheck;
      const problem = Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('chk_'))) as unknown as ProblemRow;
      return { check, problem: problem.id ? problem : null };
    });
  },
  { max: 32 },
);

/**
 * Checks one report and writes it when every check passes (with others sent at the same moment: see
 * `checkAndWriteReports`); the write's rows carry `REPORT_SLOTS` where the check decides.
 */
export function checkAndWriteReport(db: Db | Tx, check: ReportCheckInput, write: ReportWrite): Promise<CheckedReport> {
  return checkAndWriteReports(db, { check, write });
}
