/**
 * 问卷调查's indicators: 知晓率, 支持率, 参与率 and 满意度 per town and per county — over the eligible, not voided
 * interviews (入户/拦截; public-link answers are not a sample and never count) of the closed waves whose last day falls
 * in the period, by the respondent's town. Numerator Σ counted items, denominator Σ valid items (common/surveys.ts);
 * one shared query computes all four (an IndicatorFamily).
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { SURVEY_RATE_LABELS, type SurveyRate } from '../../../common/surveys';
import { defineIndicator, type IndicatorFamily, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { beijingDay } from '../calendar/calendar';

const RATES: SurveyRate[] = ['awareness', 'support', 'participation', 'satisfaction'];

function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  return type === 'town' || type === 'county' ? ancestorAtLevelSql(sql.ref('g.path'), type) : sql`null::uuid`;
}

/** The items of the period's interviews: (subject_id, rate, valid, counted). */
function itemsSql(q: IndicatorQuery) {
  const from = beijingDay(q.from);
  const to = beijingDay(q.to.getTime() - 1);
  return sql`
    select ${subjectOf(q.subjectType)} as subject_id, i.rate, i.valid, i.counted
    from survey_waves w
    join survey_responses r on r.wave_id = w.id
    join survey_response_items i on i.response_id = r.id
    join regions g on g.id = r.town_id
    where w.state = 'closed' and w.ends_on between ${from}::date and ${to}::date
      and r.mode = 'interview' and r.eligible and r.review is distinct from 'voided'`;
}

const family: IndicatorFamily = {
  key: 'surveys.rates',
  sql: (q) => sql<{ subject_id: string }>`
    select x.subject_id,
      ${sql.join(
        RATES.map(
          (r) =>
            sql`(count(*) filter (where x.rate = ${r} and x.counted))::float8 as ${sql.ref(`${r}_num`)},
              (count(*) filter (where x.rate = ${r} and x.valid))::float8 as ${sql.ref(`${r}_den`)}`,
        ),
      )}
    from (${itemsSql(q)}) x
    where x.subject_id is not null
    group by x.subject_id`,
};

const DESCRIPTIONS: Record<SurveyRate, string> = {
  awareness:
    '统计期内结束的问卷调查中，本地合格且未作废的入户/拦截访问答卷，知晓类题目（含应知应会题）答对或回答“知道”的题次 ÷ 有效作答题次',
  support: '统计期内结束的问卷调查中，本地合格且未作废的入户/拦截访问答卷，回答“支持”“比较支持”的题次 ÷ 有效作答题次（“不清楚”不计入）',
  participation: '统计期内结束的问卷调查中，本地合格且未作废的入户/拦截访问答卷，参与类题目选择了计入选项的题次 ÷ 有效作答题次',
  satisfaction:
    '统计期内结束的问卷调查中，本地合格且未作废的入户/拦截访问答卷，回答“满意”“基本满意”的题次 ÷ 有效作答题次（“不清楚”不计入）',
};

for (const rate of RATES) {
  const num = sql.ref(`f.${rate}_num`);
  const den = sql.ref(`f.${rate}_den`);
  defineIndicator({
    code: `surveys.${rate}`,
    name: `群众${SURVEY_RATE_LABELS[rate]}`,
    unit: '%',
    direction: 'higher',
    subjectTypes: ['town', 'county'],
    decimals: 4,
    description: DESCRIPTIONS[rate],
    sql: (q) => sql`
      select x.subject_id, sum(x.counted::int)::float8 as numerator, sum(x.valid::int)::float8 as denominator,
        sum(x.counted::int)::float8 / nullif(sum(x.valid::int), 0) as value
      from (${itemsSql(q)}) x
      where x.subject_id is not null and x.rate = ${rate}
      group by x.subject_id
      having sum(x.valid::int) > 0`,
    family: {
      of: family,
      value: sql`${num} / nullif(${den}, 0)`,
      numerator: sql`${num}`,
      denominator: sql`${den}`,
    },
  });
}
