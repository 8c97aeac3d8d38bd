/**
 * 志愿服务 indicators for the evaluation catalogue (listed by modules/indicators/catalog.ts). A volunteer counts for
 * the town (county) of the team they joined; hours count for the town (county) of the activity.
 *
 * 每千人注册志愿者数 (volunteers.registered_per_thousand): volunteers approved by the period's end ÷ the resident
 *   population of the period's year (region_population; a county sums its towns) × 1 000. No population entered:
 *   nothing measured.
 * 活跃志愿者数 (volunteers.active): volunteers with at least one certified attendance at an activity that started in
 *   the period.
 * 志愿服务时长 (volunteers.hours): certified hours of activities that started in the period.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';

const level = (t: IndicatorSubjectType) => (t === 'town' ? 'town' : 'county');
const subjectOf = (t: IndicatorSubjectType, path: RawBuilder<string>) => ancestorAtLevelSql(path, level(t));

defineIndicator({
  code: 'volunteers.registered_per_thousand',
  name: '每千人注册志愿者数',
  unit: '人/千人',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 2,
  description: '统计期末已通过审核的注册志愿者数 ÷ 当年常住人口 × 1000（按志愿者所在队伍的乡镇或区县；常住人口由创建办按乡镇填报）',
  sql: (q: IndicatorQuery) => {
    const year = Number(beijingDay(q.asOf.getTime() - 1).slice(0, 4));
    return sql`
      with pop as (
        select ${subjectOf(q.subjectType, sql`r.path`)} as subject_id, sum(p.population)::float8 as population
        from region_population p join regions r on r.id = p.region_id
        where p.year = ${year}
        group by 1
      ), vol as (
        select ${subjectOf(q.subjectType, sql`r.path`)} as subject_id, count(*)::float8 as n
        from volunteers v join volunteer_teams t on t.id = v.team_id join regions r on r.id = t.region_id
        where v.reviewed_at is not null and v.reviewed_at <= ${q.asOf} and v.state in ('approved', 'left')
        group by 1
      )
      select pop.subject_id, coalesce(vol.n, 0) as numerator, pop.population as denominator,
        case when pop.population > 0 then coalesce(vol.n, 0) * 1000 / pop.population end as value
      from pop left join vol on vol.subject_id = pop.subject_id
      where pop.subject_id is not null`;
  },
});

/** Certified attendance at activities that started in the period, with the activity's region path. */
const ATTENDED = (q: IndicatorQuery) => sql`volunteer_attendance a join volunteer_activities act on act.id = a.activity_id
  join regions r on r.id = act.region_id
  where a.state = 'certified' and act.starts_at >= ${q.from} and act.starts_at < ${q.to} and act.starts_at < ${q.asOf}`;

defineIndicator({
  code: 'volunteers.active',
  name: '活跃志愿者数',
  unit: '人',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '统计期内至少有一次经认证的志愿服务（活动开始时间在统计期内）的志愿者人数（按活动所在乡镇或区县）',
  sql: (q: IndicatorQuery) => sql`
    select x.subject_id, count(distinct x.volunteer_id)::float8 as numerator, null::float8 as denominator,
      count(distinct x.volunteer_id)::float8 as value
    from (select ${subjectOf(q.subjectType, sql`r.path`)} as subject_id, a.volunteer_id from ${ATTENDED(q)}) x
    where x.subject_id is not null
    group by x.subject_id`,
});

defineIndicator({
  code: 'volunteers.hours',
  name: '志愿服务时长',
  unit: '小时',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 1,
  zeroWhenEmpty: true,
  description: '统计期内开始的志愿服务活动中经组织方认证的服务时长合计（小时，按活动所在乡镇或区县）',
  sql: (q: IndicatorQuery) => sql`
    select x.subject_id, sum(x.minutes)::float8 / 60 as numerator, null::float8 as denominator, sum(x.minutes)::float8 / 60 as value
    from (select ${subjectOf(q.subjectType, sql`r.path`)} as subject_id, a.certified_minutes as minutes from ${ATTENDED(q)}) x
    where x.subject_id is not null
    group by x.subject_id`,
});
