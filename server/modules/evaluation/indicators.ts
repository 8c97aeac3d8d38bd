/**
 * 人工评分 on the indicator seam: what the office enters for a subject and a month (evaluation_manual_scores, with its
 * reason and attachment) — manual.score (a score, e.g. 领导小组评议) and manual.bonus (加分事项: the number of items, e.g.
 * 获市级以上表彰). The newest entry per subject and period is the value.
 */
import { sql } from 'kysely';
import { formatPeriod } from '../../../common/period';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';

const entries = (code: string, q: IndicatorQuery) => sql`
  select m.id, m.subject_id, m.value, m.reason from evaluation_manual_scores m
  where m.code = ${code} and m.subject_type = ${q.subjectType} and m.period = ${formatPeriod(q.period)}`;

defineIndicator({
  code: 'manual.score',
  name: '人工评分',
  unit: '分',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'site', 'county'],
  decimals: 2,
  // Not entered is not full marks: the office must enter it (the run page lists the subjects still missing one).
  whenNothingMeasured: 'none',
  description: '创建办按月录入的评分（如领导小组评议），附评分理由和依据材料；未录入的不得分',
  sql: (q) =>
    sql`select e.subject_id, e.value::float8 as numerator, null::float8 as denominator, e.value::float8 as value from (${entries('manual.score', q)}) e`,
  records: (q) =>
    sql`select e.subject_id, 'manual_score' as record_type, e.id as record_id, e.reason as label, true as counted from (${entries('manual.score', q)}) e`,
});

defineIndicator({
  code: 'manual.bonus',
  name: '加分事项',
  unit: '件',
  direction: 'higher',
  subjectTypes: ['unit', 'town', 'site', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '创建办按月录入的加分事项件数（如获市级以上表彰），附理由和依据材料',
  sql: (q) =>
    sql`select e.subject_id, e.value::float8 as numerator, null::float8 as denominator, e.value::float8 as value from (${entries('manual.bonus', q)}) e`,
  records: (q) =>
    sql`select e.subject_id, 'manual_score' as record_type, e.id as record_id, e.reason as label, true as counted from (${entries('manual.bonus', q)}) e`,
});
