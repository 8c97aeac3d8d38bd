/**
 * A report's two statements after authentication, each shared by the reports that arrive together
 * (platform/batcher.ts): every check and the code (`reportCheck`), and the write of its rows answering the new problem
 * (`insertReport`). Used by submit-problem.ts.
 */
import { sql, type RawBuilder } from 'kysely';
import { batchedStatement } from '../../platform/batcher';
import type { Db, Tx } from '../../platform/db';
import { runFixed } from '../../platform/prepared';
import { insertRowsFromJson, jsonRows } from '../../platform/write-batch';
import { baseByKey, COLUMNS, type ProblemRow } from './repository';

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
    // (`limit 1` keeps each lookup a per-row index probe: the planner guesses 100 input rows and would hash-join a
    // whole table instead.)
    const inArea = (path: RawBuilder<unknown>) =>
      sql<boolean>`(i.area_global or exists (select 1 from unnest(i.area_paths) as area(p) where starts_with(${path}, area.p)))`;
    const r = await runFixed(
      db,
      'report-check',
      [json],
      () => sql<ReportCheck & { n: number }>`
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
 * `findProblem` would: the problems' INSERT is the CTE named `problems`, which the final SELECT (the same joins and
 * names as `findProblem`, each name looked up by key: `baseByKey`) reads in place of the table, so no second statement
 * re-reads them. Concurrent reports share the statement (`batchedStatement`): one parse, one plan, one commit for all
 * of them; its text is built and compiled once per shape (`runFixed`).
 */
const writeReports = batchedStatement(
  async (db: Db | Tx, writes: ReportWrite[]): Promise<ProblemRow[]> => {
    const photoRows = writes.flatMap((w) => w.photos);
    const problems = jsonRows(writes.map((w) => w.problem));
    const timeline = jsonRows(writes.map((w) => w.timeline));
    const photos = photoRows.length ? jsonRows(photoRows) : null;
    const job = jsonRows(writes.map((w) => w.job));
    const audit = jsonRows(writes.map((w) => w.audit));
    const parts = [problems, timeline, ...(photos ? [photos] : []), job, audit];
    // The text depends only on the columns of each table (and whether there are photos): built once per shape.
    const shape = `report-write:${parts.map((p) => p.columns.join(',')).join('|')}`;
    const r = await runFixed(
      db,
      shape,
      parts.map((p) => p.json),
      () => {
        const ctes = [
          sql`problems as (${insertRowsFromJson('problems', problems)} returning *)`,
          sql`w_timeline as (${insertRowsFromJson('problem_events', timeline)})`,
          ...(photos
            ? [sql`w_photos as (${insertRowsFromJson('problem_photos', photos, { onConflictDoNothing: ['problem_id', 'file_id'] })})`]
            : []),
          sql`w_job as (${insertRowsFromJson('outbox_jobs', job)})`,
          sql`w_audit as (${insertRowsFromJson('audit_events', audit)})`,
        ];
        return sql<ProblemRow>`with ${sql.join(ctes)} ${baseByKey(db).selectAll('problems').select(COLUMNS)}`;
      },
    );
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
