/** Reads of schemes, runs, results, values, provenance, objections and manual scores (SQL only; no rules). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/** A scheme version with its campaign's name and region. */
export function findScheme(db: Db | Tx, id: string) {
  return db
    .selectFrom('evaluation_schemes as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('s')
    .select([
      'c.name as campaign_name',
      'r.path as region_path',
      sql<boolean>`not exists (select 1 from evaluation_schemes n where n.scheme_key = s.scheme_key and n.version > s.version)`.as(
        'latest',
      ),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SchemeRow = NonNullable<Awaited<ReturnType<typeof findScheme>>>;

/** A page of scheme versions the `scope` admits (latest versions only unless `allVersions`). */
export async function listSchemes(
  db: Db,
  scope: RawBuilder<SqlBool>,
  q: { campaignId?: string; q?: string; allVersions?: boolean; sort: 'createdAt' | 'name'; order: 'asc' | 'desc' },
  limit: number,
  offset: number,
) {
  let base = db
    .selectFrom('evaluation_schemes as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .where(() => scope);
  if (q.campaignId) base = base.where('s.campaign_id', '=', q.campaignId);
  if (q.q) base = base.where('s.name', 'like', `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (!q.allVersions)
    base = base.where(
      sql<SqlBool>`not exists (select 1 from evaluation_schemes n where n.scheme_key = s.scheme_key and n.version > s.version)`,
    );
  const sortCol = q.sort === 'name' ? 's.name' : 's.created_at';
  const [rows, total] = await Promise.all([
    base
      .selectAll('s')
      .select([
        'c.name as campaign_name',
        'r.path as region_path',
        sql<boolean>`not exists (select 1 from evaluation_schemes n where n.scheme_key = s.scheme_key and n.version > s.version)`.as(
          'latest',
        ),
      ])
      .orderBy(sortCol, q.order)
      .orderBy('s.version', q.order)
      .orderBy('s.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

const runSelect = (db: Db | Tx) =>
  db
    .selectFrom('evaluation_runs as e')
    .innerJoin('evaluation_schemes as s', 's.id', 'e.scheme_id')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .leftJoin('users as so', 'so.id', 'e.signed_off_by')
    .selectAll('e')
    .select([
      's.name as scheme_name',
      's.version as scheme_version',
      's.red_count',
      's.black_count',
      's.objection_days',
      's.escalation',
      'r.path as region_path',
      'so.name as signed_off_by_name',
      sql<number>`(select count(*)::int from evaluation_objections o where o.run_id = e.id and o.state = 'pending')`.as(
        'pending_objections',
      ),
    ]);

export function findRun(db: Db | Tx, id: string) {
  return runSelect(db).where('e.id', '=', id).executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** Subject ids of the run's rows (which units it ranks). */
export async function runSubjectIds(db: Db | Tx, runId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('evaluation_results').select('subject_id').where('run_id', '=', runId).execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** Over the campaign's region `r`: the region `regionId` or below it. */
const inRegion = (regionId: string) => sql<SqlBool>`r.path like (select rr.path from regions rr where rr.id = ${regionId}) || '%'`;

/** A page of runs the `visible` SQL admits (over `e`, `r`). */
export async function listRuns(
  db: Db,
  visible: RawBuilder<SqlBool>,
  q: {
    campaignId?: string;
    schemeId?: string;
    regionId?: string;
    period?: string;
    state?: string;
    sort: 'period' | 'createdAt';
    order: 'asc' | 'desc';
  },
  limit: number,
  offset: number,
) {
  let base = runSelect(db).where(() => visible);
  if (q.campaignId) base = base.where('e.campaign_id', '=', q.campaignId);
  if (q.schemeId) base = base.where('e.scheme_id', '=', q.schemeId);
  if (q.regionId) base = base.where(inRegion(q.regionId));
  if (q.period) base = base.where('e.period', '=', q.period);
  if (q.state) base = base.where('e.state', '=', q.state as never);
  const sortCol = q.sort === 'period' ? 'e.period' : 'e.created_at';
  const rows = await base.orderBy(sortCol, q.order).orderBy('e.revision', 'desc').orderBy('e.id').limit(limit).offset(offset).execute();
  let count = db
    .selectFrom('evaluation_runs as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .where(() => visible);
  if (q.campaignId) count = count.where('e.campaign_id', '=', q.campaignId);
  if (q.schemeId) count = count.where('e.scheme_id', '=', q.schemeId);
  if (q.regionId) count = count.where(inRegion(q.regionId));
  if (q.period) count = count.where('e.period', '=', q.period);
  if (q.state) count = count.where('e.state', '=', q.state as never);
  const total = await count.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: total.n };
}

/** The rows of a run (optionally only some subjects), in group order and rank. */
export function runResults(db: Db | Tx, runId: string, only?: string[]) {
  let q = db.selectFrom('evaluation_results').selectAll().where('run_id', '=', runId);
  if (only) q = only.length ? q.where('subject_id', 'in', only) : q.where(sql<SqlBool>`false`);
  return q.orderBy('group_index').orderBy('rank').orderBy('subject_name').orderBy('subject_id').execute();
}
export type ResultRow = Awaited<ReturnType<typeof runResults>>[number];

export function runValues(db: Db | Tx, runId: string, only?: string[]) {
  let q = db.selectFrom('evaluation_values').selectAll().where('run_id', '=', runId);
  if (only) q = only.length ? q.where('subject_id', 'in', only) : q.where(sql<SqlBool>`false`);
  return q.orderBy('group_index').orderBy('subject_id').orderBy('position').execute();
}

/** Objections with their run's state and scope and the subject's name. */
function objections(db: Db | Tx) {
  return db
    .selectFrom('evaluation_objections as o')
    .innerJoin('evaluation_runs as e', 'e.id', 'o.run_id')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('o')
    .select([
      'e.state as run_state',
      'e.campaign_id',
      'r.path as region_path',
      sql<string>`coalesce((select er.subject_name from evaluation_results er where er.run_id = o.run_id and er.subject_id = o.subject_id limit 1), '')`.as(
        'subject_name',
      ),
    ]);
}

export function findObjection(db: Db | Tx, id: string) {
  return objections(db).where('o.id', '=', id).executeTakeFirst();
}
export type ObjectionRow = NonNullable<Awaited<ReturnType<typeof findObjection>>>;

export function listObjections(db: Db, runId: string, only?: string[]) {
  let q = objections(db).where('o.run_id', '=', runId);
  if (only) q = only.length ? q.where('o.subject_id', 'in', only) : q.where(sql<SqlBool>`false`);
  return q.orderBy('o.filed_at').orderBy('o.id').execute();
}

/** 人工评分 entries of the subjects the `scope` SQL admits (over the subject's region `sr` and unit `su_id`). */
export async function listManualScores(
  db: Db,
  scope: (cols: { regionPath: RawBuilder<string>; unitId: RawBuilder<string | null> }) => RawBuilder<SqlBool>,
  q: { period?: string; code?: string; subjectId?: string },
  limit: number,
  offset: number,
) {
  const rows = await sql<{
    id: string;
    code: string;
    subject_type: 'unit' | 'town' | 'site' | 'county';
    subject_id: string;
    subject_name: string;
    period: string;
    value: number;
    reason: string;
    file_id: string | null;
    entered_at: Date;
    total: number;
  }>`
    select m.id, m.code, m.subject_type, m.subject_id, x.name as subject_name, m.period, m.value, m.reason, m.file_id, m.entered_at,
      count(*) over ()::int as total
    from evaluation_manual_scores m
    join lateral (
      select u.name, ur.path, u.id as unit_id from units u join regions ur on ur.id = u.region_id where m.subject_type = 'unit' and u.id = m.subject_id
      union all
      select s.name, sr.path, s.unit_id from sites s join regions sr on sr.id = s.region_id where m.subject_type = 'site' and s.id = m.subject_id
      union all
      select g.name, g.path, null from regions g where m.subject_type in ('town', 'county') and g.id = m.subject_id
    ) x on true
    where ${scope({ regionPath: sql<string>`x.path`, unitId: sql<string | null>`x.unit_id` })}
      and (${q.period ?? null}::text is null or m.period = ${q.period ?? null})
      and (${q.code ?? null}::text is null or m.code = ${q.code ?? null})
      and (${q.subjectId ?? null}::uuid is null or m.subject_id = ${q.subjectId ?? null})
    order by m.period desc, x.name, m.code, m.id
    limit ${limit} offset ${offset}`.execute(db);
  return { rows: rows.rows, total: rows.rows[0]?.total ?? 0 };
}
