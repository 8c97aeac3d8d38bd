/**
 * Inspection indicators: the 得分率 of visited sites (passed ÷ applicable observations, scoring.ts) averaged over the
 * visits made in the period, and the 达标率 (share of those visits reaching their round's threshold) — per site, per
 * 包保单位 (the site's unit), per town and per county. A covert round's visits count only once it is released.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorFamily, type IndicatorQuery, type IndicatorRecord } from '../../platform/indicators';
import { regionRollupSql } from '../../platform/region-rollup';
import { roundPublishedSql } from '../../platform/visibility';
import { scoreRateSql } from './report';

/**
 * The subject a visit counts for (over the site `s` and its region `r`), and what to join for it: a town or county
 * through the region roll-up, resolved once per region (regionRollupSql), not once per visit — at city scale a month has
 * 20 000 visits and the per-row lookup cost more than everything else in the statement.
 */
function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  switch (type) {
    case 'site':
      return sql`s.id`;
    case 'unit':
      return sql`s.unit_id`;
    case 'town':
    case 'county':
      return sql`ru.rollup_id`;
  }
}
const rollupJoin = (type: IndicatorSubjectType) =>
  type === 'town' || type === 'county' ? sql`join (${regionRollupSql(type)}) ru on ru.region_id = r.id` : sql``;

/** One row per visit in the period with a score (some applicable observation): its subject, rate and threshold. */
const visits = (q: IndicatorQuery) => sql`
  select ${subjectOf(q.subjectType)} as subject_id, ${scoreRateSql('v')} as rate, ir.pass_threshold::float8 as threshold
  from inspection_visits v
  join inspection_rounds ir on ir.id = v.round_id
  join sites s on s.id = v.site_id
  join regions r on r.id = s.region_id
  ${rollupJoin(q.subjectType)}
  where v.visited_at >= ${q.from} and v.visited_at < ${q.to}
    and v.passed + v.failed > 0
    and ${roundPublishedSql(sql.ref('v.round_id'))}`;

const SUBJECTS: readonly IndicatorSubjectType[] = ['site', 'unit', 'town', 'county'];

/** Provenance: the visits behind each subject's figure (`counted`: the visit met its round's line, for 达标率). */
const visitRecords =
  (counted: RawBuilder<boolean>) =>
  (q: IndicatorQuery): RawBuilder<IndicatorRecord> => sql`
    select ${subjectOf(q.subjectType)} as subject_id, 'visit' as record_type, v.id as record_id,
      s.name || ' ' || to_char(v.visited_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as label, ${counted} as counted
    from inspection_visits v
    join inspection_rounds ir on ir.id = v.round_id
    join sites s on s.id = v.site_id
    join regions r on r.id = s.region_id
    ${rollupJoin(q.subjectType)}
    where v.visited_at >= ${q.from} and v.visited_at < ${q.to}
      and v.passed + v.failed > 0
      and ${subjectOf(q.subjectType)} is not null
      and ${roundPublishedSql(sql.ref('v.round_id'))}`;

/** The period's visits per subject: one statement for 得分率 and 达标率 of a subject type (a family). */
const VISITS: IndicatorFamily = {
  key: 'inspections.visits',
  sql: (q) => sql`
    select x.subject_id, sum(x.rate)::float8 as rate_sum, count(*)::float8 as visits,
      (count(*) filter (where x.rate >= x.threshold))::float8 as passed
    from (${visits(q)}) x where x.subject_id is not null group by x.subject_id`,
};

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
  family: { of: VISITS, value: sql`f.rate_sum / nullif(f.visits, 0)`, numerator: sql`f.rate_sum`, denominator: sql`f.visits` },
  records: visitRecords(sql`true`),
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
  family: { of: VISITS, value: sql`f.passed / nullif(f.visits, 0)`, numerator: sql`f.passed`, denominator: sql`f.visits` },
  records: visitRecords(sql`${scoreRateSql('v')} >= ir.pass_threshold`),
});

/**
 * 暗访问题数: problems a covert round found in the period at the sites a unit is 包保 for, a town or county contains,
 * or at the site itself — counted only once the round is released (before that it is no figure for anyone).
 */
const covertFindings = (q: IndicatorQuery) => sql`
  select ${subjectOf(q.subjectType)} as subject_id, p.id, p.code
  from problems p
  join inspection_rounds ir on ir.id = p.round_id
  join sites s on s.id = p.site_id
  join regions r on r.id = s.region_id
  ${rollupJoin(q.subjectType)}
  where ir.is_covert and ir.released_at is not null
    and p.created_at >= ${q.from} and p.created_at < ${q.to}`;

defineIndicator({
  code: 'inspections.covert_findings',
  name: '暗访问题数',
  unit: '件',
  direction: 'lower',
  subjectTypes: SUBJECTS,
  decimals: 0,
  zeroWhenEmpty: true,
  description: '统计期内暗访（发布后）在本单位包保点位、本辖区点位发现的问题数',
  sql: (q) => sql`
    select x.subject_id, count(*)::float8 as numerator, null::float8 as denominator, count(*)::float8 as value
    from (${covertFindings(q)}) x where x.subject_id is not null group by x.subject_id`,
  records: (q) => sql`
    select x.subject_id, 'problem' as record_type, x.id as record_id, x.code as label, true as counted
    from (${covertFindings(q)}) x where x.subject_id is not null`,
});
