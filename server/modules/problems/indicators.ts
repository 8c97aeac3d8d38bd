/**
 * The problem loop's indicators (GB/T 30428 rates, see metrics.ts for the definitions), registered on the indicator
 * seam for units (the responsible unit), towns and counties (where the problem is). The cohort is every problem first
 * dispatched in the period; a finding of a covert round counts only once the round is released.
 */
import { sql } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
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
