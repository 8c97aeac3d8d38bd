/**
 * Reads across months (SQL only; no rules): a subject's rows in the published runs it may be seen in, the published
 * months of a scheme family within a period, and the 年度加减分事项.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/** A subject's rows in published runs the `visible` SQL admits (over `e` and `r`), oldest month first. */
export async function publishedRowsOf(db: Db, subjectId: string, visible: RawBuilder<SqlBool>) {
  const r = await sql<{
    run_id: string;
    scheme_id: string;
    scheme_key: string;
    scheme_name: string;
    campaign_name: string;
    period: string;
    revision: number;
    group_index: number;
    group_name: string;
    subject_type: 'unit' | 'town' | 'site' | 'county';
    subject_name: string;
    score: number;
    rank: number;
    list: 'red' | 'black' | null;
    proposal: 'interview' | 'accountability' | null;
    group_size: number;
    groups: unknown[];
  }>`
    select e.id as run_id, e.scheme_id, e.scheme_key, s.name as scheme_name, c.name as campaign_name, e.period, e.revision,
      er.group_index, er.group_name, er.subject_type, er.subject_name, er.score, er.rank, er.list, er.proposal,
      (select count(*)::int from evaluation_results g where g.run_id = e.id and g.group_index = er.group_index) as group_size,
      s.groups
    from evaluation_results er
    join evaluation_runs e on e.id = er.run_id
    join evaluation_schemes s on s.id = e.scheme_id
    join campaigns c on c.id = e.campaign_id
    join regions r on r.id = c.region_id
    where er.subject_id = ${subjectId} and e.state = 'published' and ${visible}
    order by s.scheme_key, e.period, er.group_index`.execute(db);
  return r.rows;
}

/** The values of one subject in one run, in the scheme's indicator order. */
export function subjectValues(db: Db, runId: string, groupIndex: number, subjectId: string) {
  return db
    .selectFrom('evaluation_values')
    .select(['position', 'code', 'value', 'points', 'vetoed'])
    .where('run_id', '=', runId)
    .where('group_index', '=', groupIndex)
    .where('subject_id', '=', subjectId)
    .orderBy('position')
    .execute();
}

/**
 * Every subject's rows in the published runs of a scheme family for the months `first`…`last` (YYYY-MM), one row per
 * subject and group with its months as JSON — the aggregation in SQL.
 */
export async function publishedMonthsOf(db: Db, schemeKey: string, first: string, last: string) {
  const months = await db
    .selectFrom('evaluation_runs')
    .select('period')
    .where('scheme_key', '=', schemeKey)
    .where('state', '=', 'published')
    .where('period', '>=', first)
    .where('period', '<=', last)
    .orderBy('period')
    .execute();
  const rows = await sql<{
    group_name: string;
    subject_type: 'unit' | 'town' | 'site' | 'county';
    subject_id: string;
    subject_name: string;
    months: Array<{ period: string; score: number; rank: number; list: 'red' | 'black' | null }>;
    total: number;
    average: number;
    red_months: number;
    black_months: number;
    first_group: number;
  }>`
    select er.group_name, er.subject_type, er.subject_id, (array_agg(er.subject_name order by e.period desc))[1] as subject_name,
      json_agg(json_build_object('period', e.period, 'score', er.score, 'rank', er.rank, 'list', er.list) order by e.period) as months,
      sum(er.score)::float8 as total, avg(er.score)::float8 as average,
      (count(*) filter (where er.list = 'red'))::int as red_months,
      (count(*) filter (where er.list = 'black'))::int as black_months,
      min(er.group_index)::int as first_group
    from evaluation_runs e
    join evaluation_results er on er.run_id = e.id
    where e.scheme_key = ${schemeKey} and e.state = 'published' and e.period >= ${first} and e.period <= ${last}
    group by er.group_name, er.subject_type, er.subject_id
    order by first_group, er.group_name, er.subject_id`.execute(db);
  return { months: months.map((m) => m.period), rows: rows.rows };
}

/** 年度加减分事项 of a scheme family and year, with the subject's and enterer's names. */
export function annualItems(db: Db | Tx, schemeKey: string, year: number) {
  return db
    .selectFrom('evaluation_annual_items as a')
    .leftJoin('users as u', 'u.id', 'a.entered_by')
    .selectAll('a')
    .select([
      'u.name as entered_by_name',
      sql<string>`coalesce((select name from units where id = a.subject_id), (select name from regions where id = a.subject_id),
        (select name from sites where id = a.subject_id), '')`.as('subject_name'),
    ])
    .where('a.scheme_key', '=', schemeKey)
    .where('a.year', '=', year)
    .orderBy('a.entered_at', 'desc')
    .orderBy('a.id')
    .execute();
}
