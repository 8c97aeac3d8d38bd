/**
 * Standings over time: a subject's trend across the published months it may be seen in (with what cost it points in
 * the latest), and a scheme family's 季度/半年/年度 roll-up — its published months combined by the scheme's rule
 * (average or sum), plus the year's 年度加减分事项, ranked per group (ties share a rank).
 *
 * Who sees what: a subject's published months follow the published rankings (everyone placed in the campaign's region
 * — visibleRunSql); a roll-up is the office's, leaders' and task force's (it carries the year's items as they are being
 * entered), and a unit's head or liaison sees its own rows of it. Anyone else: 404.
 */
import { formatPeriod, firstMonth, MONTHS, parsePeriod, periodLabel } from '../../../common/period';
import { ROLLUP_METHOD_LABELS } from '../../../common/contracts/evaluation-standings';
import type { EvaluationGroup, EvaluationRule } from '../../../common/contracts/evaluation';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { visibleRunSql } from './access';
import { resolveIndicator } from './catalog';
import { actsForUnit, mayReadAll } from './policy';
import { findScheme } from './repository';
import { maxPoints, rankGroup, round2 } from './rules';
import { annualItems, publishedMonthsOf, publishedRowsOf, subjectValues } from './standings-repository';

export async function readSubjectHistory(ctx: Ctx, subjectId: string) {
  const rows = await publishedRowsOf(ctx.db, subjectId, visibleRunSql(ctx.actor));
  if (!rows.length) throw notFound('考核对象');
  const families = new Map<string, typeof rows>();
  for (const r of rows) families.set(r.scheme_key, [...(families.get(r.scheme_key) ?? []), r]);
  const out = [];
  for (const [key, months] of families) {
    const last = months[months.length - 1];
    const group = (last.groups as EvaluationGroup[])[last.group_index];
    const values = await subjectValues(ctx.db, last.run_id, last.group_index, subjectId);
    const indicators = values
      .map((v) => {
        const entry = group?.indicators[v.position];
        const def = resolveIndicator(v.code);
        const max = entry ? maxPoints(entry.rule as EvaluationRule, entry.weight) : v.points;
        return {
          code: v.code,
          name: def?.name ?? v.code,
          unit: def?.unit ?? '分',
          value: v.value,
          points: v.points,
          maxPoints: max,
          lost: round2(Math.max(0, max - v.points)),
          vetoed: v.vetoed,
        };
      })
      .sort((a, b) => Number(b.vetoed) - Number(a.vetoed) || b.lost - a.lost);
    out.push({
      schemeKey: key,
      schemeId: last.scheme_id,
      schemeName: last.scheme_name,
      campaignName: last.campaign_name,
      months: months.map((m) => ({
        period: m.period,
        periodLabel: periodLabel(m.period),
        runId: m.run_id,
        revision: m.revision,
        groupName: m.group_name,
        score: m.score,
        rank: m.rank,
        groupSize: m.group_size,
        list: m.list,
        proposal: m.proposal,
      })),
      latest: { runId: last.run_id, period: last.period, groupName: last.group_name, indicators },
    });
  }
  return { subjectId, subjectName: rows[rows.length - 1].subject_name, subjectType: rows[0].subject_type, families: out };
}

/** The months (YYYY-MM) of a quarter, half or year. */
export function monthsOf(code: string): { first: string; last: string; count: number; year: number; kind: string } {
  const p = parsePeriod(code);
  if (!p || p.kind === 'month')
    throw new AppError('unprocessable', 'period：汇总期次须为季度、半年或年度，如 2026-Q4、2026', { field: 'period' });
  const start = firstMonth(p);
  const month = (m: number) => formatPeriod({ kind: 'month', year: p.year, index: m });
  return { first: month(start), last: month(start + MONTHS[p.kind] - 1), count: MONTHS[p.kind], year: p.year, kind: p.kind };
}

export async function readRollup(ctx: Ctx, schemeId: string, periodCode: string) {
  const scheme = await findScheme(ctx.db, schemeId);
  if (!scheme) throw notFound('考核方案');
  const all = mayReadAll(ctx.actor, scheme);
  const range = monthsOf(periodCode);
  const { months, rows } = await publishedMonthsOf(ctx.db, scheme.scheme_key, range.first, range.last);
  const own = all ? rows : rows.filter((r) => r.subject_type === 'unit' && actsForUnit(ctx.actor, r.subject_id));
  if (!all && !own.length) throw notFound('考核方案');
  const items = range.kind === 'year' ? await annualItems(ctx.db, scheme.scheme_key, range.year) : [];
  const annual = new Map<string, number>();
  for (const i of items) annual.set(i.subject_id, round2((annual.get(i.subject_id) ?? 0) + i.points));

  // Ranks are computed over every subject of the group (a unit reading its own row still sees its real rank).
  const groups: Array<{ name: string; subjectType: (typeof rows)[number]['subject_type']; rows: typeof rows }> = [];
  for (const r of rows) {
    const g = groups.find((x) => x.name === r.group_name);
    if (g) g.rows.push(r);
    else groups.push({ name: r.group_name, subjectType: r.subject_type, rows: [r] });
  }
  const visible = new Set(own.map((r) => `${r.group_name}|${r.subject_id}`));
  const method = scheme.rollup_method;
  return {
    schemeKey: scheme.scheme_key,
    schemeName: scheme.name,
    period: periodCode,
    periodLabel: periodLabel(periodCode),
    method,
    methodLabel: ROLLUP_METHOD_LABELS[method],
    publishedMonths: months,
    monthsInPeriod: range.count,
    groups: groups
      .map((g) => {
        const scored = g.rows.map((r) => {
          const combined = round2(method === 'sum' ? r.total : r.average);
          const annualPoints = annual.get(r.subject_id) ?? 0;
          return { item: { r, combined, annualPoints }, score: round2(combined + annualPoints), veto: false };
        });
        const ranked = rankGroup(scored, 0, 0).sort(
          (a, b) => a.rank - b.rank || a.item.r.subject_name.localeCompare(b.item.r.subject_name),
        );
        return {
          name: g.name,
          subjectType: g.subjectType,
          items: ranked
            .filter((x) => visible.has(`${g.name}|${x.item.r.subject_id}`))
            .map((x) => ({
              subjectId: x.item.r.subject_id,
              subjectName: x.item.r.subject_name,
              months: x.item.r.months,
              combined: x.item.combined,
              annualPoints: x.item.annualPoints,
              total: x.score,
              rank: x.rank,
              redMonths: x.item.r.red_months,
              blackMonths: x.item.r.black_months,
            })),
        };
      })
      .filter((g) => g.items.length),
  };
}
