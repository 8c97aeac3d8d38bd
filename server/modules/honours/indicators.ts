/**
 * 好人之城 indicators for the evaluation catalogue (listed by modules/indicators/catalog.ts). A nomination counts for the
 * town (county) of its nominating unit, or of its selection's region when the public or an office nominated it.
 *
 * 发布好人人数 (honours.published_people): winners of selections published in the period.
 * 好人推荐数 (honours.nominations): nominations submitted in the period (forwarded ones not counted again).
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

const level = (t: IndicatorSubjectType) => (t === 'town' ? 'town' : 'county');
const subjectOf = (t: IndicatorSubjectType, path: RawBuilder<string>) => ancestorAtLevelSql(path, level(t));
/** Where a nomination `n` of selection `s` (region `r`) counts: its unit's region, else the selection's. */
const placeSql = sql<string>`coalesce((select ur.path from units u join regions ur on ur.id = u.region_id where u.id = n.nominating_unit_id), r.path)`;

defineIndicator({
  code: 'honours.published_people',
  name: '发布好人人数',
  unit: '人',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '统计期内发布的好人榜、道德模范等评选的当选人数（按推荐单位所在乡镇或区县；群众推荐按评选所在地区）',
  sql: (q: IndicatorQuery) => sql`
    select x.subject_id, count(*)::float8 as numerator, null::float8 as denominator, count(*)::float8 as value
    from (select ${subjectOf(q.subjectType, placeSql)} as subject_id
          from honour_nominations n join honour_selections s on s.id = n.selection_id join regions r on r.id = s.region_id
          where n.is_winner and s.state = 'published' and s.published_at >= ${q.from} and s.published_at < ${q.to}
            and s.published_at < ${q.asOf}) x
    where x.subject_id is not null
    group by x.subject_id`,
});

defineIndicator({
  code: 'honours.nominations',
  name: '好人推荐数',
  unit: '人',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '统计期内单位和群众向好人榜、道德模范等评选推荐的人次（推送上级的不重复计；按推荐单位所在乡镇或区县）',
  sql: (q: IndicatorQuery) => sql`
    select x.subject_id, count(*)::float8 as numerator, null::float8 as denominator, count(*)::float8 as value
    from (select ${subjectOf(q.subjectType, placeSql)} as subject_id
          from honour_nominations n join honour_selections s on s.id = n.selection_id join regions r on r.id = s.region_id
          where n.source <> 'forwarded' and n.created_at >= ${q.from} and n.created_at < ${q.to} and n.created_at < ${q.asOf}) x
    where x.subject_id is not null
    group by x.subject_id`,
});
