/**
 * Inspection indicators: the 得分率 of visited sites (passed ÷ applicable observations, scoring.ts) averaged over the
 * visits made in the period, and the 达标率 (share of those visits reaching their round's threshold) — per site, per
 * 包保单位 (the site's unit), per town and per county. A covert round's visits count only once it is released.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { roundPublishedSql } from '../../platform/visibility';
import { scoreRateSql } from './report';

/** The subject a visit counts for. */
function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  switch (type) {
    case 'site':
      return sql`v.site_id`;
    case 'unit':
      return sql`s.unit_id`;
    case 'town':
    case 'county':
      return ancestorAtLevelSql(sql.ref('r.path'), type);
  }
}

/** One row per visit in the period with a score (some applicable observation): its subject, rate and threshold. */
const visits = (q: IndicatorQuery) => sql`
  select ${subjectOf(q.subjectType)} as subject_id, ${scoreRateSql('v')} as rate, ir.pass_threshold::float8 as threshold
  from inspection_visits v
  join inspection_rounds ir on ir.id = v.round_id
  join sites s on s.id = v.site_id
  join regions r on r.id = s.region_id
  where v.visited_at >= ${q.from} and v.visited_at < ${q.to}
    and v.passed + v.failed > 0
    and ${roundPublishedSql(sql.ref('v.round_id'))}`;

const SUBJECTS: readonly IndicatorSubjectType[] = ['site', 'unit', 'town', 'county'];

defineIndicator({
  code: 'inspections.score_rate',
  name: '实地测评得分率',
  unit: '%',
  direction: 'higher',
  subjectTypes: SUBJECTS,
  decimals: 4,
  description: '统计期内实地测评（督查、暗访发布后）各次点位得分率（符合项 ÷ 适用项）的平均值',
  sql: (q) => sql`
    select x.subject_id, sum(x.rate) as numerator, count(*)::float8 as denominator, avg(x.rate) as value
    from (${visits(q)}) x where x.subject_id is not null group by x.subject_id`,
});

defineIndicator({
  code: 'inspections.pass_rate',
  name: '点位达标率',
  unit: '%',
  direction: 'higher',
  subjectTypes: SUBJECTS,
  decimals: 4,
  description: '统计期内实地测评中得分率达到该轮达标线的点位次数 ÷ 测评点位次数',
  sql: (q) => sql`
    select x.subject_id, count(*) filter (where x.rate >= x.threshold)::float8 as numerator, count(*)::float8 as denominator,
      count(*) filter (where x.rate >= x.threshold)::float8 / count(*) as value
    from (${visits(q)}) x where x.subject_id is not null group by x.subject_id`,
});
