/**
 * 任务 indicators for the evaluation catalogue (listed by modules/indicators/catalog.ts), so monthly schemes can weight
 * them. Per lead unit; per town by the lead unit's region; per county by the plan's region.
 *
 * 按期完成率 (tasks.on_time_rate): of the tasks due in the period up to the day before `asOf` (a task due today is not
 *   yet late), those completed (completed_at, Beijing day) on or before their due date.
 * 进度滞后数 (tasks.behind_count): tasks existing at the period's end (`asOf`) whose status on that day (the Beijing
 *   day of asOf − 1 ms: the period's last day, or today in the running period) is 滞后 or 逾期 — the same rule as the
 *   task list (task-status-sql.ts), with what was known that day: completed only if completed by then, the percent of
 *   the latest report approved by then (a task with no approved report keeps its recorded percent).
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';
import { taskStatusSql } from './task-status-sql';

/** The Beijing day of a timestamptz column. */
const dayOf = (col: RawBuilder<unknown>) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;

function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  if (type === 'unit') return sql`t.lead_unit_id`;
  if (type === 'town') return ancestorAtLevelSql(sql.ref('ur.path'), 'town');
  return ancestorAtLevelSql(sql.ref('pr.path'), 'county');
}

/** Tasks with their plan's region `pr` and lead unit's region `ur`. */
const FROM = sql`tasks t join plans p on p.id = t.plan_id join regions pr on pr.id = p.region_id
  join units u on u.id = t.lead_unit_id join regions ur on ur.id = u.region_id`;

defineIndicator({
  code: 'tasks.on_time_rate',
  name: '任务按期完成率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 4,
  description:
    '统计期内到期（截至统计日前一天）的任务中，在完成时限当天或之前完成的任务数 ÷ 到期任务数（按牵头单位；乡镇按牵头单位所在区域）',
  sql: (q: IndicatorQuery) => {
    const from = beijingDay(q.from);
    const until = beijingDay(q.asOf);
    return sql`
      select x.subject_id, count(*) filter (where x.on_time)::float8 as numerator, count(*)::float8 as denominator,
        count(*) filter (where x.on_time)::float8 / count(*) as value
      from (
        select ${subjectOf(q.subjectType)} as subject_id,
          (t.completed_at is not null and ${dayOf(sql.ref('t.completed_at'))} <= t.due_date) as on_time
        from ${FROM}
        where t.due_date >= ${from}::date and t.due_date < ${until}::date
      ) x
      where x.subject_id is not null
      group by x.subject_id`;
  },
});

defineIndicator({
  code: 'tasks.behind_count',
  name: '任务进度滞后数',
  unit: '件',
  direction: 'lower',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '统计期末（进行中的月份为当天）状态为“滞后”或“逾期”的任务数（按牵头单位；乡镇按牵头单位所在区域）',
  sql: (q: IndicatorQuery) => {
    const day = beijingDay(q.asOf.getTime() - 1);
    const approved = sql`(select tp.percent from task_progress tp where tp.task_id = t.id and tp.state = 'approved'
      and tp.reviewed_at is not null and ${dayOf(sql.ref('tp.reviewed_at'))} <= ${day}::date
      order by tp.reviewed_at desc, tp.id limit 1)`;
    const status = taskStatusSql(day, {
      startDate: sql.ref('t.start_date'),
      dueDate: sql.ref('t.due_date'),
      percent: sql<number>`coalesce(${approved}, case when t.completed_at is not null and ${dayOf(sql.ref('t.completed_at'))} > ${day}::date then 0 else t.percent end)`,
      completedAt: sql<Date | null>`case when ${dayOf(sql.ref('t.completed_at'))} <= ${day}::date then t.completed_at end`,
    });
    return sql`
      select x.subject_id, count(*)::float8 as numerator, null::float8 as denominator, count(*)::float8 as value
      from (
        select ${subjectOf(q.subjectType)} as subject_id
        from ${FROM}
        where t.created_at <= ${q.asOf} and ${status} in ('behind', 'overdue')
      ) x
      where x.subject_id is not null
      group by x.subject_id`;
  },
});
