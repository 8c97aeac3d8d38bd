/**
 * 材料完整率: of the material-review standards a unit leads or answers for (任务分解) in the newest standards version
 * of each active campaign, the share with evidence for the period passed by the office — the 已通过 share of the
 * completeness view (repository.ts) for that period. Per unit, and per town and county by the unit's region.
 */
import { sql } from 'kysely';
import { formatPeriod } from '../../../common/period';
import { defineIndicator } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { materialObligationsSql } from './repository';

/** The newest standards version of every active campaign. */
const CURRENT_VERSIONS = sql`select distinct on (cv.campaign_id) cv.id from standard_versions cv join campaigns cc on cc.id = cv.campaign_id where cc.status = 'active' order by cv.campaign_id, cv.created_at desc, cv.id`;

defineIndicator({
  code: 'materials.completeness_rate',
  name: '材料完整率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'county'],
  decimals: 4,
  description: '现行测评体系中本单位牵头或负责的材料审核类标准，已审核通过的 ÷ 应报的（按期次）',
  sql: (q) => {
    const subject =
      q.subjectType === 'unit' ? sql`o.unit_id` : ancestorAtLevelSql(sql.ref('mr.path'), q.subjectType === 'town' ? 'town' : 'county');
    return sql`
      select x.subject_id, count(*) filter (where x.passed)::float8 as numerator, count(*)::float8 as denominator,
        count(*) filter (where x.passed)::float8 / count(*) as value
      from (
        select distinct ${subject} as subject_id, o.standard_id, o.unit_id,
          exists (select 1 from material_submissions ms where ms.standard_id = o.standard_id and ms.unit_id = o.unit_id
                  and ms.status = 'passed' and ms.period = ${formatPeriod(q.period)}) as passed
        from (${materialObligationsSql(sql`s.version_id in (${CURRENT_VERSIONS})`)}) o
        join units mu on mu.id = o.unit_id join regions mr on mr.id = mu.region_id
      ) x
      where x.subject_id is not null
      group by x.subject_id`;
  },
  records: (q) => {
    const subject =
      q.subjectType === 'unit' ? sql`o.unit_id` : ancestorAtLevelSql(sql.ref('mr.path'), q.subjectType === 'town' ? 'town' : 'county');
    // Each obligation: the period's submission when there is one (counted when passed), else the standard still owed.
    return sql`
      select distinct ${subject} as subject_id,
        case when ms.id is null then 'standard' else 'material' end as record_type,
        coalesce(ms.id, o.standard_id) as record_id,
        st.code || ' ' || mu.name || case when ms.id is null then '（未报送）' else '' end as label,
        coalesce(ms.status = 'passed', false) as counted
      from (${materialObligationsSql(sql`s.version_id in (${CURRENT_VERSIONS})`)}) o
      join standards st on st.id = o.standard_id
      join units mu on mu.id = o.unit_id join regions mr on mr.id = mu.region_id
      left join lateral (select m.id, m.status from material_submissions m where m.standard_id = o.standard_id and m.unit_id = o.unit_id
                         and m.period = ${formatPeriod(q.period)} order by (m.status = 'passed') desc, m.id limit 1) ms on true
      where ${subject} is not null`;
  },
});
