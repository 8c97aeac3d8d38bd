/**
 * 项目 indicators for the evaluation catalogue, per owner unit, town and county (by the project's region, rolled up
 * through platform/region-rollup.ts):
 * - projects.on_time_rate 节点按期完成率: of the milestones planned in the period (up to the day it is read, for the
 *   running month), the share reached by their planned date (actual date ≤ planned date);
 * - projects.behind_count 进度滞后项目数: projects 进度滞后 or 逾期未交账 on the period's last day (or today, for the
 *   running period), judged by the actual dates recorded on or before that day — the status rule of common/tasks.ts
 *   `projectStatus` as of that day.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';

/** SQL over a project `pj` joined to its region `g`: the subject it counts for. */
function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  if (type === 'unit') return sql`pj.owner_unit_id`;
  if (type === 'town' || type === 'county') return ancestorAtLevelSql(sql.ref('g.path'), type);
  return sql`null::uuid`;
}

/** The period's first and last day, and the last day counted (the period's last day, or the day of `asOf` before it). */
function days(q: IndicatorQuery) {
  const from = beijingDay(q.from);
  const to = beijingDay(q.to.getTime() - 1);
  const asOf = beijingDay(Math.min(q.to.getTime(), q.asOf.getTime()) - 1);
  return { from, to, last: asOf < to ? asOf : to };
}

defineIndicator({
  code: 'projects.on_time_rate',
  name: '项目节点按期完成率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 4,
  description:
    '统计期内计划完成的项目节点（立项、设计、开工、主体完工、验收、交账）中，在计划日期当天或之前实际完成的节点数 ÷ 计划在统计期内完成的节点数；本月统计至当日。按责任单位或项目所在乡镇、县（区）统计',
  sql: (q) => {
    const { from, last } = days(q);
    return sql`
      select x.subject_id, sum(x.on_time)::float8 as numerator, count(*)::float8 as denominator,
        sum(x.on_time)::float8 / count(*) as value
      from (
        select ${subjectOf(q.subjectType)} as subject_id,
          (m.actual_date is not null and m.actual_date <= m.planned_date)::int as on_time
        from project_milestones m
        join projects pj on pj.id = m.project_id
        join regions g on g.id = pj.region_id
        where m.planned_date between ${from}::date and ${last}::date
      ) x
      where x.subject_id is not null
      group by x.subject_id`;
  },
});

defineIndicator({
  code: 'projects.behind_count',
  name: '进度滞后项目数',
  unit: '件',
  direction: 'lower',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description:
    '统计期末（本月为当日）进度滞后或逾期未交账的项目数：有节点已过计划日期仍未完成，或已过交账日期仍未交账（以当日及之前填报的实际完成日期为准）。按责任单位或项目所在乡镇、县（区）统计',
  sql: (q) => {
    const { last } = days(q);
    const reached = sql`(m.actual_date is not null and m.actual_date <= ${last}::date)`;
    return sql`
      select x.subject_id, sum(x.behind)::float8 as numerator, count(*)::float8 as denominator, sum(x.behind)::float8 as value
      from (
        select ${subjectOf(q.subjectType)} as subject_id,
          (not exists (select 1 from project_milestones m where m.project_id = pj.id and m.kind = 'handover' and ${reached})
           and (${last}::date > pj.handover_date
                or exists (select 1 from project_milestones m where m.project_id = pj.id and not ${reached} and m.planned_date < ${last}::date)))::int as behind
        from projects pj
        join regions g on g.id = pj.region_id
        where pj.created_at < ${q.to}
      ) x
      where x.subject_id is not null
      group by x.subject_id`;
  },
});
