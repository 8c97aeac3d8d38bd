/**
 * The public side's indicators (issue 11; the sanitary-city standard wants 群众反映问题解决率 ≥ 90 %), registered on the
 * indicator seam for towns and counties (where the problem is; a problem filed on the county itself counts for the
 * county only). Aggregated in SQL.
 *
 * 群众满意度 (public.satisfaction_rate): of the citizen reports (随手拍) rated in the period (rated_at in [from, asOf)),
 *   those rated 满意 or 基本满意 ÷ all rated. A report merged into another problem counts where the surviving problem is
 *   (the citizen followed it and rated its outcome).
 * 群众反映问题解决率 (public.resolution_rate): of the problems from the public sources (随手拍, Open311, 12345) that the
 *   office accepted (受理; not 待受理, not 不予受理/merged) and whose 办理时限 (deadline) falls in the period
 *   ([from, asOf)), those closed (已结案) before asOf and still closed ÷ all of them. A problem not yet dispatched has
 *   no deadline and counts once it has one.
 */
import { sql } from 'kysely';
import { PUBLIC_SOURCES } from '../../../common/public-reports';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { regionRollupSql } from '../../platform/region-rollup';
import { roundPublishedSql } from '../../platform/visibility';

const SUBJECTS = ['town', 'county'] as const;

/** The rollup of every region to the query's level (town or county), as a CTE `region_up`. */
const rollup = (q: IndicatorQuery) => regionRollupSql(q.subjectType === 'town' ? 'town' : 'county');

defineIndicator({
  code: 'public.satisfaction_rate',
  name: '群众满意度',
  unit: '%',
  direction: 'higher',
  subjectTypes: SUBJECTS,
  decimals: 4,
  description:
    '统计期内（截至统计时点）群众对随手拍办理结果作出的评价中，“满意”与“基本满意”的件数 ÷ 评价总件数（按问题所在乡镇、县区；合并办理的按存续问题所在地）',
  sql: (q) => sql`
    with region_up as materialized (${rollup(q)})
    select ru.rollup_id as subject_id,
      count(*) filter (where cr.rating in ('satisfied', 'basically'))::float8 as numerator,
      count(*)::float8 as denominator,
      count(*) filter (where cr.rating in ('satisfied', 'basically'))::float8 / count(*) as value
    from citizen_reports cr
    join problems p on p.id = cr.problem_id
    join region_up ru on ru.region_id = p.region_id
    where cr.rated_at >= ${q.from} and cr.rated_at < ${q.asOf}
    group by ru.rollup_id`,
});

defineIndicator({
  code: 'public.resolution_rate',
  name: '群众反映问题解决率',
  unit: '%',
  direction: 'higher',
  subjectTypes: SUBJECTS,
  decimals: 4,
  description:
    '办理时限在统计期内（截至统计时点）的已受理群众来源问题（随手拍、Open311、12345 热线；不含待受理、不予受理和合并的）中，统计时点前已结案且仍为已结案的件数 ÷ 该类问题总件数（按问题所在乡镇、县区）',
  sql: (q) => sql`
    with region_up as materialized (${rollup(q)})
    select ru.rollup_id as subject_id,
      count(*) filter (where p.state = 'closed' and p.closed_at < ${q.asOf})::float8 as numerator,
      count(*)::float8 as denominator,
      count(*) filter (where p.state = 'closed' and p.closed_at < ${q.asOf})::float8 / count(*) as value
    from problems p
    join region_up ru on ru.region_id = p.region_id
    where p.source in (${sql.join([...PUBLIC_SOURCES])})
      and p.accepted_at is not null and p.state not in ('pending', 'rejected')
      and p.deadline >= ${q.from} and p.deadline < ${q.asOf}
      and ${roundPublishedSql(sql.ref('p.round_id'))}
    group by ru.rollup_id`,
});
