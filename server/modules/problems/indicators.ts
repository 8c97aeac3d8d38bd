/**
 * The problem loop's indicators (GB/T 30428 rates, see metrics.ts for the definitions), registered on the indicator
 * seam for units (the responsible unit), towns and counties (where the problem is). The cohort is every problem first
 * dispatched in the period; a finding of a covert round counts only once the round is released.
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorFamily, type IndicatorQuery, type IndicatorRecord } from '../../platform/indicators';
import { regionRollupSql } from '../../platform/region-rollup';
import { roundPublishedSql } from '../../platform/visibility';
import { PROBLEM_RATES, problemCountsSql, sumSql, type CountSum, type ProblemRate } from './metrics';

const SUBJECTS: readonly IndicatorSubjectType[] = ['unit', 'town', 'county'];

/** The cohort's counts per subject of the query's type. */
const counts = (q: IndicatorQuery) =>
  problemCountsSql({
    by: q.subjectType === 'unit' ? 'unit' : q.subjectType === 'town' ? 'town' : 'county',
    from: q.from,
    to: q.to,
    asOf: q.asOf,
    where: roundPublishedSql(sql.ref('p.round_id')),
  });

/**
 * Provenance: the cohort's problems per subject (the same cohort as `problemCountsSql`), each marked `counted` when it
 * is in the figure's numerator (`counted` is SQL over the cohort row `c`: is_closed, deadline, rectified_at …).
 */
const cohortRecords =
  (counted: (q: IndicatorQuery) => RawBuilder<boolean>) =>
  (q: IndicatorQuery): RawBuilder<IndicatorRecord> => {
    const byUnit = q.subjectType === 'unit';
    const level = q.subjectType === 'town' ? 'town' : 'county';
    return sql`
      with ${byUnit ? sql`` : sql`region_up as materialized (${regionRollupSql(level)}),`}
      c as (
        select ${byUnit ? sql`p.unit_id` : sql`rt.rollup_id`} as subject_id, p.id, p.code, p.state, p.closed_at, p.deadline,
          p.rectified_at, p.extension_count, p.verify_count, p.rework_count, p.relapsed_from,
          (p.state = 'closed' and p.closed_at < ${q.to}) as is_closed
        from problems p
        join regions r on r.id = p.region_id
        ${byUnit ? sql`` : sql`join region_up rt on rt.region_id = r.id`}
        where p.first_dispatched_at >= ${q.from} and p.first_dispatched_at < ${q.to}
          and p.unit_id is not null and ${roundPublishedSql(sql.ref('p.round_id'))}
      )
      select c.subject_id, 'problem' as record_type, c.id as record_id, c.code as label, coalesce(${counted(q)}, false) as counted
      from c`;
  };

/** What puts a cohort problem in each rate's numerator (the same conditions as problemCountsSql). */
const IN_NUMERATOR: Record<ProblemRate, (q: IndicatorQuery) => RawBuilder<boolean>> = {
  closeRate: () => sql`c.is_closed`,
  onTimeRate: () => sql`(c.is_closed and c.extension_count = 0 and c.rectified_at <= c.deadline)`,
  reworkRate: () => sql`c.rework_count > 0`,
  extensionRate: () => sql`c.extension_count > 0`,
  overdueRate: (q) => sql`((c.state in ('dispatched', 'rectifying') and c.deadline < ${q.asOf}) or c.rectified_at > c.deadline)`,
  relapseRate: () => sql`c.relapsed_from is not null`,
  avgRectifyHours: () => sql`c.is_closed`,
};

/** The cohort's counts per subject: one statement for every problem indicator of a subject type (a family). */
const COHORT: IndicatorFamily = {
  key: 'problems.cohort',
  sql: (q) => sql`select k.group_id as subject_id, k.* from (${counts(q)}) k`,
};

/** A rate: numerator / denominator from PROBLEM_RATES. */
function rate(
  code: string,
  name: string,
  key: ProblemRate,
  o: { direction: 'higher' | 'lower'; unit?: '%' | '小时'; decimals?: number; description: string },
) {
  const { numerator, denominator } = PROBLEM_RATES[key] as { numerator: CountSum; denominator: CountSum };
  defineIndicator({
    code,
    name,
    unit: o.unit ?? '%',
    direction: o.direction,
    subjectTypes: SUBJECTS,
    decimals: o.decimals ?? 4,
    description: o.description,
    sql: (q) => sql`
      select k.group_id as subject_id, ${sumSql(numerator, 'k')}::float8 as numerator, ${sumSql(denominator, 'k')}::float8 as denominator,
        ${sumSql(numerator, 'k')}::float8 / nullif(${sumSql(denominator, 'k')}, 0) as value
      from (${counts(q)}) k`,
    family: {
      of: COHORT,
      value: sql`${sumSql(numerator, 'f')}::float8 / nullif(${sumSql(denominator, 'f')}, 0)`,
      numerator: sql`${sumSql(numerator, 'f')}`,
      denominator: sql`${sumSql(denominator, 'f')}`,
    },
    records: cohortRecords(IN_NUMERATOR[key]),
  });
}

/** A count of the cohort (件). */
function count(code: string, name: string, column: 'overdue' | 'relapses', description: string, direction: 'higher' | 'lower') {
  defineIndicator({
    code,
    name,
    unit: '件',
    direction,
    subjectTypes: SUBJECTS,
    decimals: 0,
    zeroWhenEmpty: true,
    description,
    sql: (q) =>
      sql`select k.group_id as subject_id, k.${sql.ref(column)}::float8 as numerator, null::float8 as denominator, k.${sql.ref(column)}::float8 as value from (${counts(q)}) k`,
    family: { of: COHORT, value: sql`f.${sql.ref(column)}`, numerator: sql`f.${sql.ref(column)}`, denominator: sql`null` },
    records: cohortRecords(IN_NUMERATOR[column === 'overdue' ? 'overdueRate' : 'relapseRate']),
  });
}

rate('problems.close_rate', '结案率', 'closeRate', {
  direction: 'higher',
  description: '结案数 ÷ 应结案数（已结案或已过处置时限），统计期内首次派遣的问题',
});
rate('problems.on_time_rate', '按期结案率', 'onTimeRate', {
  direction: 'higher',
  description: '未延期且按时整改结案数 ÷（应结案数 − 其中经批准延期的）',
});
rate('problems.rework_rate', '返工率', 'reworkRate', { direction: 'lower', description: '核查不通过至少一次的问题数 ÷ 经过核查的问题数' });
rate('problems.extension_rate', '延期率', 'extensionRate', { direction: 'lower', description: '经批准延期的问题数 ÷ 派遣数' });
rate('problems.overdue_rate', '超期率', 'overdueRate', { direction: 'lower', description: '超期数（逾期未整改或逾期整改）÷ 派遣数' });
rate('problems.relapse_rate', '反弹率', 'relapseRate', { direction: 'lower', description: '回头看发现反弹而重新立案的问题数 ÷ 派遣数' });
rate('problems.avg_rectify_hours', '平均整改时长', 'avgRectifyHours', {
  direction: 'lower',
  unit: '小时',
  decimals: 1,
  description: '已结案问题从首次派遣到结案的平均小时数',
});
count('problems.overdue', '超期数', 'overdue', '逾期未整改或逾期整改的问题数', 'lower');
count('problems.relapses', '反弹数', 'relapses', '回头看发现反弹而重新立案的问题数', 'lower');
