/**
 * 点长巡查打卡率: of the days a site's 点长 had to check in (working days by the holiday calendar, from the site's
 * registration, for active sites whose 点长 has an account; today once done — days.ts), the share he did. Per site, per
 * 包保单位 (the site's unit), per town and per county (by the site's region). Same SQL as the month grid.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';
import { siteDaysSql } from './days';

/** The subject a site-day counts for (over `s`, `r`). */
function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  switch (type) {
    case 'site':
      return sql`s.id`;
    case 'unit':
      return sql`s.unit_id`;
    case 'town':
    case 'county':
      return ancestorAtLevelSql(sql.ref('r.path'), type);
  }
}

defineIndicator({
  code: 'patrols.check_in_rate',
  name: '点长巡查打卡率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['site', 'unit', 'town', 'county'],
  decimals: 4,
  description: '统计期内点长巡查打卡的天数 ÷ 应打卡天数（按节假日日历的工作日，自点位登记之日起；当天打卡后计入）',
  sql: (q) => {
    // [from, asOf) as Beijing days; "today" is asOf's day (the period's end when it is over).
    const w = { from: beijingDay(q.from), to: beijingDay(q.asOf.getTime() - 1), today: beijingDay(q.asOf) };
    if (w.to < w.from)
      return sql`select null::text as subject_id, null::float8 as value, null::float8 as numerator, null::float8 as denominator where false`;
    return sql`
      select x.subject_id, sum(x.done)::float8 as numerator, sum(x.required)::float8 as denominator,
        sum(x.done)::float8 / nullif(sum(x.required), 0) as value
      from (
        select ${subjectOf(q.subjectType)} as subject_id,
          (sd.counted and sd.done)::int as done, sd.counted::int as required
        from (${siteDaysSql(w, sql`s.lead_user_id is not null`)}) sd
        join sites s on s.id = sd.site_id
        join regions r on r.id = s.region_id
      ) x
      where x.subject_id is not null
      group by x.subject_id
      having sum(x.required) > 0`;
  },
});
