/**
 * 慈善之家's indicators, by the town (or county) where a project is carried out:
 * - charity.active_projects: projects under way in the period (their period meets it, not 筹备中);
 * - charity.donations: donations dated in the period (money and goods at their estimated value, 元); an entry that was
 *   corrected counts by its correction;
 * - charity.complete_ledger_rate: of the projects under way, the share whose public ledger is complete — at least one
 *   entry dated in the period, and every spending entry (still counting) carries a receipt.
 * Dates are the county's calendar days (Beijing time).
 */
import { sql, type RawBuilder } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { defineIndicator, type IndicatorQuery } from '../../platform/indicators';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

function subjectOf(type: IndicatorSubjectType): RawBuilder<string | null> {
  return type === 'town' || type === 'county' ? ancestorAtLevelSql(sql.ref('g.path'), type) : sql`null::uuid`;
}

/** The period's first and last calendar day in Beijing time. */
const days = (q: IndicatorQuery) => ({
  first: sql`(${q.from}::timestamptz at time zone 'Asia/Shanghai')::date`,
  end: sql`(${q.to}::timestamptz at time zone 'Asia/Shanghai')::date`,
});

/**
 * An entry `e` that still counts (no correction replaces it). Ledgers are often written up after the day, so an entry
 * counts for the period of its date whenever it was written: the value is the ledger as it stands.
 */
const live = () => sql`not exists (select 1 from charity_ledger_entries c where c.corrects_id = e.id)`;

/** Projects `p` (region `g`) under way in the period. */
const UNDER_WAY = (q: IndicatorQuery) => {
  const d = days(q);
  return sql`charity_projects p join regions g on g.id = p.region_id
    where p.status <> 'preparing' and p.starts_on < ${d.end} and (p.ends_on is null or p.ends_on >= ${d.first})`;
};

defineIndicator({
  code: 'charity.active_projects',
  name: '在实施慈善项目数',
  unit: '件',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 0,
  zeroWhenEmpty: true,
  description: '项目期与统计期有交集、且不处于“筹备中”的慈善项目数（按项目实施地所在乡镇或区县）',
  sql: (q) => sql`
    select x.subject_id, count(*)::float8 as numerator, null::float8 as denominator, count(*)::float8 as value
    from (select ${subjectOf(q.subjectType)} as subject_id from ${UNDER_WAY(q)}) x
    where x.subject_id is not null group by x.subject_id`,
});

defineIndicator({
  code: 'charity.donations',
  name: '慈善捐赠额',
  unit: '元',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 2,
  zeroWhenEmpty: true,
  description:
    '统计期内（按捐赠日期）记入慈善项目公开台账的捐赠金额合计，物资按估值计，已更正的条目按更正后的金额（元，按项目实施地所在乡镇或区县）',
  sql: (q) => {
    const d = days(q);
    return sql`
      select x.subject_id, sum(x.fen)::float8 / 100 as numerator, null::float8 as denominator, sum(x.fen)::float8 / 100 as value
      from (select ${subjectOf(q.subjectType)} as subject_id, e.amount_fen as fen
            from charity_ledger_entries e join charity_projects p on p.id = e.project_id join regions g on g.id = p.region_id
            where e.kind = 'donation' and e.occurred_on >= ${d.first} and e.occurred_on < ${d.end} and ${live()}) x
      where x.subject_id is not null group by x.subject_id`;
  },
});

defineIndicator({
  code: 'charity.complete_ledger_rate',
  name: '慈善项目公开台账完整率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['town', 'county'],
  decimals: 1,
  description:
    '在实施的慈善项目中，公开台账完整的比例：统计期内至少记有一条台账（按日期），且每一条有效的支出都附有票据（按项目实施地所在乡镇或区县）',
  sql: (q) => {
    const d = days(q);
    return sql`
      select x.subject_id, count(*) filter (where x.complete)::float8 as numerator, count(*)::float8 as denominator,
        count(*) filter (where x.complete)::float8 / count(*) as value
      from (select ${subjectOf(q.subjectType)} as subject_id,
              exists (select 1 from charity_ledger_entries e where e.project_id = p.id
                      and e.occurred_on >= ${d.first} and e.occurred_on < ${d.end} and ${live()})
              and not exists (select 1 from charity_ledger_entries e where e.project_id = p.id and e.kind = 'spending'
                      and ${live()} and not exists (select 1 from charity_entry_receipts er where er.entry_id = e.id)) as complete
            from ${UNDER_WAY(q)}) x
      where x.subject_id is not null group by x.subject_id`;
  },
});
