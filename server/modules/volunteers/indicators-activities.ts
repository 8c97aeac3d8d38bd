/**
 * 志愿之城's activity indicator: 阵地活动场次 per station (volunteers.activities_per_station) — the activities held at the
 * practice stations (新时代文明实践中心/所/站/点) of a town or county in the period (not cancelled, ended inside the
 * period and by its as-of time) ÷ the stations there. A town with no station measures nothing.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  return type === 'town' || type === 'county' ? ancestorAtLevelSql(sql.ref('g.path'), type) : sql`null::uuid`;
}

defineIndicator({
  code: 'volunteers.activities_per_station',
  name: '阵地平均开展志愿活动场次',
  unit: '件',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 1,
  description:
    '统计期内在新时代文明实践中心、所、站及志愿服务点开展并已结束的志愿活动场次（不含已取消的活动）÷ 辖区内的阵地数，按阵地所在乡镇、县（区）统计',
  sql: (q) => {
    const until = q.to.getTime() < q.asOf.getTime() ? q.to : q.asOf;
    return sql`
      with st as (
        select ${subjectOf(q.subjectType)} as subject_id, count(*) as n
        from volunteer_stations s join regions g on g.id = s.region_id
        where s.created_at < ${q.to}
        group by 1
      ), held as (
        select ${subjectOf(q.subjectType)} as subject_id, count(*) as n
        from volunteer_activities a
        join volunteer_stations s on s.id = a.station_id
        join regions g on g.id = s.region_id
        where a.state <> 'cancelled' and a.ends_at >= ${q.from} and a.ends_at < ${until}
        group by 1
      )
      select st.subject_id, coalesce(held.n, 0)::float8 as numerator, st.n::float8 as denominator,
        coalesce(held.n, 0)::float8 / st.n as value
      from st left join held on held.subject_id = st.subject_id
      where st.subject_id is not null`;
  },
});
