/**
 * Computing a run: every subject's indicator values through the registry — one SQL statement per indicator and
 * subject type for all the subjects of every group that uses it, never one per subject — then points, totals, ranks
 * and lists by the pure rules (rules.ts), consecutive black-list months against the previous month's published run
 * of the same scheme, and the provenance of every value (the indicator's `records` SQL, copied in one INSERT … SELECT
 * per indicator). A covert round's findings count only after release: the indicators' own SQL sees to that.
 */
import { sql } from 'kysely';
import type { EvaluationGroup, EvaluationRule } from '../../../common/contracts/evaluation';
import type { EvaluationProposal } from '../../../common/evaluation-workflow';
import { formatPeriod, parsePeriod, previousPeriod } from '../../../common/period';
import type { IndicatorSubjectType } from '../../../common/indicators';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { indicatorQuery, type IndicatorDef, type IndicatorFamily } from '../../platform/indicators';
import { resolveIndicator } from './catalog';
import type { SchemeRow } from './repository';
import { pointsFor, proposalFor, rankGroup, round2 } from './rules';
import { groupSubjects, type Subject } from './subjects';

interface Measured {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface ComputedValue extends Measured {
  position: number;
  code: string;
  points: number;
  vetoed: boolean;
}

export interface ComputedRow {
  groupIndex: number;
  groupName: string;
  subjectType: IndicatorSubjectType;
  subjectId: string;
  subjectName: string;
  computedScore: number;
  adjustment: number;
  score: number;
  rank: number;
  list: 'red' | 'black' | null;
  veto: boolean;
  blackStreak: number;
  proposal: EvaluationProposal | null;
  values: ComputedValue[];
}

/** One indicator for many subjects: one statement. Missing subjects read as "nothing measured" (or 0 for counts). */
export async function measure(tx: Tx, def: IndicatorDef, subjectType: IndicatorSubjectType, ids: string[], period: string, now: Date) {
  const q = indicatorQuery(parsePeriod(period)!, subjectType, now);
  const value = def.zeroWhenEmpty ? sql`coalesce(v.value, 0)` : sql`v.value`;
  const { rows } = await sql<{ subject_id: string } & Measured>`
    with v as (${def.sql(q)})
    select s.id as subject_id, round((${value})::numeric, ${sql.lit(def.decimals)})::float8 as value,
      v.numerator::float8 as numerator, v.denominator::float8 as denominator
    from unnest(${ids}::text[]) as s(id)
    left join v on v.subject_id::text = s.id`.execute(tx);
  return new Map(rows.map((r) => [r.subject_id, { value: r.value, numerator: r.numerator, denominator: r.denominator }]));
}

/**
 * The members of one indicator family for many subjects: one statement (the family's SQL once, each member's figures
 * read from its row). Returns one map per member, in order.
 */
export async function measureFamily(
  tx: Tx,
  family: IndicatorFamily,
  members: IndicatorDef[],
  subjectType: IndicatorSubjectType,
  ids: string[],
  period: string,
  now: Date,
): Promise<Array<Map<string, Measured>>> {
  const q = indicatorQuery(parsePeriod(period)!, subjectType, now);
  const cols = members.map((d, i) => {
    const m = d.family!;
    const value = d.zeroWhenEmpty ? sql`coalesce(${m.value}, 0)` : m.value;
    return sql`round((${value})::numeric, ${sql.lit(d.decimals)})::float8 as ${sql.ref(`v${i}`)},
      (${m.numerator})::float8 as ${sql.ref(`n${i}`)}, (${m.denominator})::float8 as ${sql.ref(`d${i}`)}`;
  });
  const { rows } = await sql<Record<string, number | null> & { subject_id: string }>`
    with f0 as (${family.sql(q)})
    select s.id as subject_id, ${sql.join(cols)}
    from unnest(${ids}::text[]) as s(id)
    left join f0 f on f.subject_id::text = s.id`.execute(tx);
  return members.map(
    (_, i) => new Map(rows.map((r) => [r.subject_id, { value: r[`v${i}`], numerator: r[`n${i}`], denominator: r[`d${i}`] }])),
  );
}

/** Black-list months in a row up to the previous month, by subject (from that month's published run of the family). */
async function previousStreaks(tx: Tx, schemeKey: string, period: string): Promise<Map<string, number>> {
  const prev = formatPeriod(previousPeriod(period));
  const rows = await tx
    .selectFrom('evaluation_results as er')
    .innerJoin('evaluation_runs as e', 'e.id', 'er.run_id')
    .select(['er.subject_id', 'er.black_streak'])
    .where('e.scheme_key', '=', schemeKey)
    .where('e.period', '=', prev)
    .where('e.state', '=', 'published')
    .where('er.list', '=', 'black')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.subject_id, Math.max(out.get(r.subject_id) ?? 0, r.black_streak));
  return out;
}

/**
 * The adjustments answered objections made to a run (by group and subject), which a revision of it keeps: a
 * recomputation corrects the figures, it does not undo the office's answers.
 */
export async function adjustmentsOf(tx: Tx, runId: string): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('evaluation_results')
    .select(['group_index', 'subject_id', 'adjustment'])
    .where('run_id', '=', runId)
    .where('adjustment', '!=', 0)
    .execute();
  return new Map(rows.map((r) => [`${r.group_index}|${r.subject_id}`, r.adjustment]));
}

/**
 * Computes and stores the run's results, values and provenance (in the caller's transaction). `carried` adjustments
 * (a revision's, from the run it revises) are added to the computed scores before ranking.
 */
export async function computeRun(
  ctx: Ctx,
  tx: Tx,
  runId: string,
  scheme: SchemeRow,
  period: string,
  carried: Map<string, number> = new Map(),
): Promise<ComputedRow[]> {
  const now = ctx.clock.now();
  const groups = scheme.groups as EvaluationGroup[];
  const subjects: Subject[][] = [];
  for (const g of groups) subjects.push(await groupSubjects(tx, g, scheme.region_path));

  // Each (indicator, subject type) once, for the union of the subjects of every group that uses it.
  const needs = new Map<string, { def: IndicatorDef; type: IndicatorSubjectType; ids: Set<string> }>();
  groups.forEach((g, gi) => {
    for (const entry of g.indicators) {
      const def = resolveIndicator(entry.code);
      if (!def) throw new Error(`evaluation: indicator ${entry.code} is no longer registered`);
      const key = `${def.code}|${g.subjectType}`;
      const need = needs.get(key) ?? { def, type: g.subjectType, ids: new Set<string>() };
      subjects[gi].forEach((s) => need.ids.add(s.id));
      needs.set(key, need);
    }
  });
  // Indicators of one family (the problem cohort's counts, the period's visits) share one statement per subject type.
  const measured = new Map<string, Map<string, Measured>>();
  const families = new Map<
    string,
    { family: IndicatorFamily; type: IndicatorSubjectType; members: Array<{ key: string; def: IndicatorDef }>; ids: Set<string> }
  >();
  for (const [key, need] of needs) {
    if (!need.ids.size) continue;
    if (need.def.family) {
      const fk = `${need.def.family.of.key}|${need.type}`;
      const f = families.get(fk) ?? { family: need.def.family.of, type: need.type, members: [], ids: new Set<string>() };
      f.members.push({ key, def: need.def });
      need.ids.forEach((id) => f.ids.add(id));
      families.set(fk, f);
    } else measured.set(key, await measure(tx, need.def, need.type, [...need.ids], period, now));
  }
  for (const f of families.values()) {
    const maps = await measureFamily(
      tx,
      f.family,
      f.members.map((m) => m.def),
      f.type,
      [...f.ids],
      period,
      now,
    );
    f.members.forEach((m, i) => measured.set(m.key, maps[i]));
  }

  const streaks = await previousStreaks(tx, scheme.scheme_key, period);
  const out: ComputedRow[] = [];
  groups.forEach((g, gi) => {
    const scored = subjects[gi].map((s) => {
      let veto = false;
      let total = 0;
      const values: ComputedValue[] = g.indicators.map((entry, position) => {
        const def = resolveIndicator(entry.code)!;
        const m = measured.get(`${def.code}|${g.subjectType}`)?.get(s.id) ?? { value: null, numerator: null, denominator: null };
        const p = pointsFor(entry.rule as EvaluationRule, entry.weight, def.direction, m.value, def.whenNothingMeasured);
        veto ||= p.vetoed;
        total += p.points;
        return { position, code: entry.code, ...m, points: p.points, vetoed: p.vetoed };
      });
      const adjustment = carried.get(`${gi}|${s.id}`) ?? 0;
      return { item: { s, values, computed: round2(total), adjustment }, score: round2(total + adjustment), veto };
    });
    for (const r of rankGroup(scored, scheme.red_count, scheme.black_count)) {
      const streak = r.list === 'black' ? (streaks.get(r.item.s.id) ?? 0) + 1 : 0;
      out.push({
        groupIndex: gi,
        groupName: g.name,
        subjectType: g.subjectType,
        subjectId: r.item.s.id,
        subjectName: r.item.s.name,
        computedScore: r.item.computed,
        adjustment: r.item.adjustment,
        score: r.score,
        rank: r.rank,
        list: r.list,
        veto: r.veto,
        blackStreak: streak,
        proposal: proposalFor(streak, scheme.escalation),
        values: r.item.values,
      });
    }
  });

  if (out.length) {
    // One INSERT … SELECT FROM unnest(arrays) per table: a city-scale run stores ~22 000 rows and ~58 000 values, which
    // as multi-row VALUES would be dozens of statements with tens of thousands of parameters.
    const col = <T>(f: (r: ComputedRow) => T) => out.map(f);
    await sql`
      insert into evaluation_results (run_id, group_index, group_name, subject_type, subject_id, subject_name, computed_score,
        adjustment, score, rank, list, veto, black_streak, proposal)
      select ${runId}::uuid, x.* from unnest(${col((r) => r.groupIndex)}::int[], ${col((r) => r.groupName)}::text[],
        ${col((r) => r.subjectType)}::text[], ${col((r) => r.subjectId)}::uuid[], ${col((r) => r.subjectName)}::text[],
        ${col((r) => r.computedScore)}::float8[], ${col((r) => r.adjustment)}::float8[], ${col((r) => r.score)}::float8[],
        ${col((r) => r.rank)}::int[], ${col((r) => r.list)}::text[], ${col((r) => r.veto)}::bool[],
        ${col((r) => r.blackStreak)}::int[], ${col((r) => r.proposal)}::text[]) as x`.execute(tx);
    const values = out.flatMap((r) => r.values.map((v) => ({ r, v })));
    const vcol = <T>(f: (x: { r: ComputedRow; v: ComputedValue }) => T) => values.map(f);
    await sql`
      insert into evaluation_values (run_id, group_index, subject_id, position, code, value, numerator, denominator, points, vetoed)
      select ${runId}::uuid, x.* from unnest(${vcol((x) => x.r.groupIndex)}::int[], ${vcol((x) => x.r.subjectId)}::uuid[],
        ${vcol((x) => x.v.position)}::int[], ${vcol((x) => x.v.code)}::text[], ${vcol((x) => x.v.value)}::float8[],
        ${vcol((x) => x.v.numerator)}::float8[], ${vcol((x) => x.v.denominator)}::float8[], ${vcol((x) => x.v.points)}::float8[],
        ${vcol((x) => x.v.vetoed)}::bool[]) as x`.execute(tx);
  }
  return out;
}

/**
 * Re-ranks one group of a run after an objection changed a score (adjustments stay; lists and proposals follow the
 * new ranks). Pure rules; the stored rows are rewritten in the caller's transaction.
 */
export async function rerankGroup(
  tx: Tx,
  runId: string,
  groupIndex: number,
  red: number,
  black: number,
  escalation: SchemeRow['escalation'],
) {
  const rows = await tx
    .selectFrom('evaluation_results as er')
    .innerJoin('evaluation_runs as e', 'e.id', 'er.run_id')
    .select(['er.subject_id', 'er.score', 'er.veto', 'er.black_streak', 'e.scheme_key', 'e.period'])
    .where('er.run_id', '=', runId)
    .where('er.group_index', '=', groupIndex)
    .execute();
  if (!rows.length) return;
  const streaks = await previousStreaks(tx, rows[0].scheme_key, rows[0].period);
  for (const r of rankGroup(
    rows.map((x) => ({ item: x, score: x.score, veto: x.veto })),
    red,
    black,
  )) {
    const streak = r.list === 'black' ? (streaks.get(r.item.subject_id) ?? 0) + 1 : 0;
    await tx
      .updateTable('evaluation_results')
      .set({ rank: r.rank, list: r.list, black_streak: streak, proposal: proposalFor(streak, escalation) })
      .where('run_id', '=', runId)
      .where('group_index', '=', groupIndex)
      .where('subject_id', '=', r.item.subject_id)
      .execute();
  }
}
