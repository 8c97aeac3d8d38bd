/**
 * 问卷调查 results: the SQL. A wave's eligible, not voided responses (by source) and their rate items
 * (survey_response_items, scored when the interview was written) are summed per row key and rate, weighted or not:
 * Σ w·counted, Σ w·valid, and over the interviews with at least one valid item for the rate their count, Σ w and Σ w²
 * (Kish's n_eff = (Σ w)² ÷ Σ w²). The weight of an interview is its (town, group) cell's population share ÷ sample
 * share; both shares are taken over the cells that have a population figure and at least one interview (a cell with
 * no population figure weighs 0 in weighted results: it is outside the population frame). Wilson is computed in JS
 * (read-results.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { QuestionnaireDefinition, SurveyRate } from '../../../common/surveys';
import type { Db } from '../../platform/db';

export type ResultsGroupBy = 'town' | 'group' | 'question' | 'total' | 'source';
export type ResultsSource = 'interview' | 'public' | 'all';

export interface ResultsWave {
  id: string;
  name: string;
  state: 'draft' | 'open' | 'closed';
  region_id: string;
  region_path: string;
  region_name: string;
  campaign_id: string | null;
  questionnaire_id: string;
  family_key: string;
  questionnaire_name: string;
  definition: QuestionnaireDefinition;
  starts_on: string;
  ends_on: string;
  target_size: number;
  public_token: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
}

/** The wave with what results need (its region's path for the scope, the questionnaire's family and definition). */
export async function findResultsWave(db: Db, id: string): Promise<ResultsWave | undefined> {
  const { rows } = await sql<ResultsWave>`
    select w.id, w.name, w.state, w.region_id, r.path as region_path, r.name as region_name, w.campaign_id,
      w.questionnaire_id, q.family_key, q.name as questionnaire_name, q.definition,
      to_char(w.starts_on, 'YYYY-MM-DD') as starts_on, to_char(w.ends_on, 'YYYY-MM-DD') as ends_on,
      w.target_size, w.public_token, w.opened_at, w.closed_at
    from survey_waves w
    join regions r on r.id = w.region_id
    join survey_questionnaires q on q.id = w.questionnaire_id
    where w.id = ${id}`.execute(db);
  const w = rows[0];
  if (!w) return undefined;
  return { ...w, definition: typeof w.definition === 'string' ? JSON.parse(w.definition) : w.definition };
}

/**
 * The previous wave: the newest other wave of the same region with a questionnaire of the same family that started
 * before this one (not in preparation).
 */
export async function findPreviousWave(db: Db, wave: ResultsWave): Promise<{ id: string; name: string } | undefined> {
  const { rows } = await sql<{ id: string; name: string }>`
    select w.id, w.name
    from survey_waves w
    join survey_questionnaires q on q.id = w.questionnaire_id
    where w.region_id = ${wave.region_id} and q.family_key = ${wave.family_key} and w.id <> ${wave.id}
      and w.state <> 'draft' and w.starts_on < ${wave.starts_on}::date
    order by w.starts_on desc, w.created_at desc, w.id
    limit 1`.execute(db);
  return rows[0];
}

/** One (row, rate) sum; `rate` null is the row's interview count. */
export interface RateSum {
  key: string;
  rate: SurveyRate | null;
  /** Interviews in the row (rate null) or interviews with a valid item for the rate. */
  n: number;
  wCounted: number;
  wValid: number;
  sumW: number;
  sumW2: number;
}

function sourceFilter(source: ResultsSource): RawBuilder<boolean> {
  return source === 'all' ? sql<boolean>`true` : sql<boolean>`r.mode = ${source}`;
}

function keyOf(groupBy: ResultsGroupBy): RawBuilder<string> {
  switch (groupBy) {
    case 'town':
      return sql<string>`rw.town_id::text`;
    case 'group':
      return sql<string>`rw.group_code`;
    case 'source':
      return sql<string>`rw.mode`;
    case 'question':
      return sql<string>`i.question_code`;
    case 'total':
      return sql<string>`'total'`;
  }
}

/** The sums per row key and rate (and each row's interview count) for a wave, source and weighting. */
export async function rateSums(
  db: Db,
  waveId: string,
  opts: { groupBy: ResultsGroupBy; source: ResultsSource; weighted: boolean },
): Promise<RateSum[]> {
  const key = keyOf(opts.groupBy);
  const weight = opts.weighted ? sql`coalesce(wt.w, 0)` : sql`1`;
  const counts =
    opts.groupBy === 'question'
      ? sql`select i.question_code as key, count(distinct rw.id)::int as n
          from rw join survey_response_items i on i.response_id = rw.id group by i.question_code`
      : sql`select ${key} as key, count(*)::int as n from rw group by 1`;
  const { rows } = await sql<{
    key: string;
    rate: SurveyRate | null;
    n: number;
    w_counted: number | null;
    w_valid: number | null;
    sum_w: number | null;
    sum_w2: number | null;
  }>`
    with resp as (
      select r.id, r.town_id, r.group_code, r.mode
      from survey_responses r
      where r.wave_id = ${waveId} and r.eligible and r.review is distinct from 'voided' and ${sourceFilter(opts.source)}
    ),
    frame as (
      select s.town_id, s.group_code, s.n, p.population::float8 as pop
      from (select town_id, group_code, count(*)::float8 as n from resp group by town_id, group_code) s
      join survey_population p on p.wave_id = ${waveId} and p.town_id = s.town_id and p.group_code = s.group_code
      where p.population > 0
    ),
    wt as (
      select town_id, group_code, (pop / sum(pop) over ()) / (n / sum(n) over ()) as w from frame
    ),
    rw as (
      select resp.*, (${weight})::float8 as w
      from resp left join wt on wt.town_id = resp.town_id and wt.group_code = resp.group_code
    ),
    per as (
      select ${key} as key, rw.id, rw.w, i.rate, sum(i.valid::int) as valid, sum(i.counted::int) as counted
      from rw join survey_response_items i on i.response_id = rw.id
      group by 1, rw.id, rw.w, i.rate
    )
    select key, rate, (count(*) filter (where valid > 0))::int as n,
      sum(w * counted)::float8 as w_counted, sum(w * valid)::float8 as w_valid,
      (sum(w) filter (where valid > 0))::float8 as sum_w, (sum(w * w) filter (where valid > 0))::float8 as sum_w2
    from per group by key, rate
    union all
    select c.key, null, c.n, null, null, null, null from (${counts}) c`.execute(db);
  return rows.map((r) => ({
    key: r.key,
    rate: r.rate,
    n: Number(r.n),
    wCounted: Number(r.w_counted ?? 0),
    wValid: Number(r.w_valid ?? 0),
    sumW: Number(r.sum_w ?? 0),
    sumW2: Number(r.sum_w2 ?? 0),
  }));
}

/** Town names (and order) of the wave's rows: the towns of its population figures and responses. */
export async function townNames(db: Db, waveId: string): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await sql<{ id: string; name: string }>`
    select g.id, g.name from regions g
    where g.id in (select town_id from survey_population where wave_id = ${waveId}
                   union select town_id from survey_responses where wave_id = ${waveId})
    order by g.sort, g.code, g.name`.execute(db);
  return rows;
}

export interface AnswerRow {
  id: string;
  mode: 'interview' | 'public';
  method: 'door' | 'street' | null;
  interviewer_name: string | null;
  town_name: string;
  group_code: string;
  gender: string;
  age: number;
  residence: string;
  eligible: boolean;
  started_at: Date | null;
  finished_at: Date | null;
  duration_seconds: number | null;
  received_at: Date;
  flags: string[];
  review: 'kept' | 'voided' | null;
  answers: Record<string, string | string[] | number>;
}

/** Every response of a wave (both sources, eligible or not, voided or not), in the order they arrived. */
export async function answerRows(db: Db, waveId: string): Promise<AnswerRow[]> {
  const { rows } = await sql<AnswerRow>`
    select r.id, r.mode, r.method, u.name as interviewer_name, g.name as town_name, r.group_code, r.gender, r.age,
      r.residence, r.eligible, r.started_at, r.finished_at, r.duration_seconds, r.received_at, r.flags, r.review, r.answers
    from survey_responses r
    join regions g on g.id = r.town_id
    left join users u on u.id = r.interviewer_id
    where r.wave_id = ${waveId}
    order by r.received_at, r.id`.execute(db);
  return rows.map((r) => ({ ...r, answers: typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers }));
}

/** The wave's number among the region's waves of its year (the report's 文号). */
export async function waveSequence(db: Db, wave: ResultsWave): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from survey_waves w
    where w.region_id = ${wave.region_id} and w.state <> 'draft'
      and extract(year from w.starts_on) = extract(year from ${wave.starts_on}::date)
      and (w.starts_on, w.id) <= (${wave.starts_on}::date, ${wave.id}::uuid)`.execute(db);
  return Math.max(1, rows[0]?.n ?? 1);
}
