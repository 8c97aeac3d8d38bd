/**
 * 汇报及时率 (tasks.report_on_time_rate): of the monthly progress reports due in the period — one per month whose due
 * day (the 任务进度设置 of the task's plan's region, task-settings.ts; default the 25th) has come, for every task started
 * by that day and not
 * completed before it — the share submitted by the due day. Per lead unit, and per town and county by the unit's
 * region. A late or missing report counts against the unit, so a monthly scheme can weight it.
 * `dueReportsSql` is the same rule for the month's progress table and bulletin.
 */
import { sql, type RawBuilder } from 'kysely';
import { progressDueDate, TASK_SETTINGS_DEFAULTS } from '../../../common/tasks';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';

export interface DueMonth {
  period: string;
  due: string;
}

/**
 * The months of [from, to) whose report may have come due by `asOf` (Beijing days): `due` is the month's first day, the
 * earliest due day a region can set; dueReportsSql keeps a task's month only once its region's due day has come.
 */
export function dueMonths(from: Date, to: Date, asOf: Date): DueMonth[] {
  const first = beijingDay(from).slice(0, 7);
  const last = beijingDay(to.getTime() - 1).slice(0, 7);
  const today = beijingDay(asOf);
  const out: DueMonth[] = [];
  for (let m = first; m <= last;) {
    const due = progressDueDate(m, 1);
    if (due <= today) out.push({ period: m, due });
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

/**
 * The reports due in those months: (task_id, lead_unit_id, period, due, report_id, state, late, on_time). Due: the task
 * started by the due day and was not completed before it (or its report for the month came anyway).
 */
export function dueReportsSql(
  months: DueMonth[],
  asOf: Date,
): RawBuilder<{
  task_id: string;
  lead_unit_id: string;
  period: string;
  due: string;
  report_id: string | null;
  state: string | null;
  late: boolean | null;
  on_time: boolean;
}> {
  if (!months.length)
    return sql`select null::uuid as task_id, null::uuid as lead_unit_id, null::text as period, null::text as due, null::uuid as report_id,
      null::text as state, null::boolean as late, false as on_time where false`;
  const values = sql.join(months.map((m) => sql`(${m.period}::text, ${m.due}::date)`));
  return sql`
    select t.id as task_id, t.lead_unit_id, m.period, m.due::text as due, tp.id as report_id, tp.state, tp.late,
      (tp.id is not null and not tp.late) as on_time
    from tasks t
    join plans p on p.id = t.plan_id
    join regions pr on pr.id = p.region_id
    left join lateral (
      select s.progress_due_day from region_task_settings s left join regions sr on sr.id = s.region_id
      where s.region_id is null or pr.path like sr.path || '%'
      order by length(sr.path) desc nulls last limit 1) ts on true
    cross join lateral (
      select mm.period, mm.day1 + (coalesce(ts.progress_due_day, ${TASK_SETTINGS_DEFAULTS.progressDueDay}) - 1) as due
      from (values ${values}) as mm(period, day1)) m
    left join task_progress tp on tp.task_id = t.id and tp.period = m.period
    where m.due <= ${beijingDay(asOf)}::date
      and t.start_date <= m.due
      and (t.completed_at is null or (t.completed_at at time zone 'Asia/Shanghai')::date > m.due or tp.id is not null)`;
}

function subjectOf(q: IndicatorQuery): RawBuilder<string | null> {
  return q.subjectType === 'unit'
    ? sql`d.lead_unit_id`
    : ancestorAtLevelSql(sql.ref('ur.path'), q.subjectType === 'town' ? 'town' : 'county');
}

function rowsSql(q: IndicatorQuery) {
  return sql`
    select ${subjectOf(q)} as subject_id, d.task_id, d.period, d.report_id, d.on_time, d.late
    from (${dueReportsSql(dueMonths(q.from, q.to, q.asOf), q.asOf)}) d
    join units u on u.id = d.lead_unit_id join regions ur on ur.id = u.region_id`;
}

defineIndicator({
  code: 'tasks.report_on_time_rate',
  name: '任务进度汇报及时率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 4,
  description:
    '统计期内到期的每月任务进度汇报（牵头单位，每月报送日按区域的任务进度设置，默认 25 日），按时报送的 ÷ 应报送的；逾期报送和未报送均不计为及时',
  sql: (q) => sql`
    select x.subject_id, count(*) filter (where x.on_time)::float8 as numerator, count(*)::float8 as denominator,
      count(*) filter (where x.on_time)::float8 / count(*) as value
    from (${rowsSql(q)}) x
    where x.subject_id is not null
    group by x.subject_id`,
});
