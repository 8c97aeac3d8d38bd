/**
 * The indicator seam. A module registers its indicators here (`defineIndicator`): a code, a Chinese name, a unit,
 * which way is better, the subject types it measures (unit, town, county, site), and one SQL statement of the period
 * returning rows (subject_id, value, numerator, denominator) — aggregation in SQL, never loops over rows in Node.
 * `indicatorValues` runs it for one period and subject type, joins the subjects the actor may see (their names, and
 * every subject in scope even where nothing was measured), and orders them best first. The evaluation engine weights
 * registered indicators; it never computes a figure of its own.
 *
 * Values are official figures, the same for everyone who may see the subject: they are computed over all of the
 * subject's records, and a covert round counts only after release (`roundPublishedSql` in visibility.ts) — so an
 * unreleased round moves no indicator, for anyone. Who sees which subjects is the caller's grant scope (`scopeSql`).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { IndicatorDirection, IndicatorMeta, IndicatorSubjectType, IndicatorUnit, IndicatorValue } from '../../common/indicators';
import { periodEnd, periodStart, type Period } from '../../common/period';
import type { Actor } from './actor';
import type { Db } from './db';
import { scopeSql } from './policy';

/** What an indicator's SQL is asked for. */
export interface IndicatorQuery {
  period: Period;
  /** The period as instants: [from, to). */
  from: Date;
  to: Date;
  /** Counts that depend on time ("past its deadline") are taken as of min(to, now). */
  asOf: Date;
  subjectType: IndicatorSubjectType;
}

/** One row an indicator's SQL returns. `value` null means "nothing to measure" (an empty denominator). */
export interface IndicatorRow {
  subject_id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * One record behind a subject's value (provenance): a problem, a visit, a material obligation, a manual score. `counted`
 * says whether it is in the numerator (a closed problem for 结案率) or only in the denominator.
 */
export interface IndicatorRecord {
  subject_id: string;
  record_type: 'problem' | 'visit' | 'material' | 'standard' | 'manual_score';
  record_id: string;
  label: string;
  counted: boolean;
}

/**
 * Indicators computed from one shared query (a family: the problem cohort's counts, the visits of the period): the
 * family's SQL returns one row per subject with every column its members need, and each member says how its figures
 * read from that row (alias `f`). The evaluation engine runs a family once per subject type for all of its members
 * (one statement instead of one per indicator); each member's own `sql` stays as it is for reading it alone.
 */
export interface IndicatorFamily {
  key: string;
  sql(q: IndicatorQuery): RawBuilder<{ subject_id: string }>;
}

/** How a family member's figures read from the family's row `f` (SQL expressions). */
export interface IndicatorFamilyMember {
  of: IndicatorFamily;
  value: RawBuilder<number | null>;
  numerator: RawBuilder<number | null>;
  denominator: RawBuilder<number | null>;
}

export interface IndicatorDef {
  /** `module.name`, stable (the evaluation engine stores weights by code). */
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  subjectTypes: readonly IndicatorSubjectType[];
  /** Decimals the value is rounded to (4 for rates, 1 for hours, 0 for counts). */
  decimals: number;
  /** How it is computed, in Chinese (shown with the figure). */
  description: string;
  /** Counts: a subject with no rows has 0, not "nothing measured". */
  zeroWhenEmpty?: boolean;
  /**
   * What a subject with nothing measured earns in an evaluation scheme: `full` (default — no failures to count, e.g.
   * no problems in the month means nothing was late) or `none` (the figure had to be supplied and was not, e.g. a
   * 人工评分 the office never entered: no points, and the run flags it).
   */
  whenNothingMeasured?: 'full' | 'none';
  /** The SQL: one row per subject of `q.subjectType` with something to measure. */
  sql(q: IndicatorQuery): RawBuilder<IndicatorRow>;
  /** Computed with others from one shared query (see IndicatorFamily); `sql` must give the same figures. */
  family?: IndicatorFamilyMember;
  /** The SQL of its provenance: the records that produced each subject's value (read on demand for one subject). */
  records?(q: IndicatorQuery): RawBuilder<IndicatorRecord>;
}

const registry = new Map<string, IndicatorDef>();

/** Registers an indicator (at module load); a second definition of a code is a programming error. */
export function defineIndicator(def: IndicatorDef): IndicatorDef {
  if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(def.code)) throw new Error(`indicator code must be module.name: ${def.code}`);
  if (registry.has(def.code)) throw new Error(`indicator ${def.code} defined twice`);
  if (!def.subjectTypes.length) throw new Error(`indicator ${def.code} measures no subject type`);
  registry.set(def.code, def);
  return def;
}

/** Every registered indicator, by code. */
export function listIndicators(): IndicatorDef[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** One indicator by code, or undefined. */
export function findIndicator(code: string): IndicatorDef | undefined {
  return registry.get(code);
}

/** The metadata of an indicator as the API shows it. */
export function indicatorMeta(def: IndicatorDef): IndicatorMeta {
  const module = def.code.split('.')[0];
  return {
    code: def.code,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    subjectTypes: [...def.subjectTypes],
    module,
    description: def.description,
    decimals: def.decimals,
  };
}

/** The query for a period as of `now`. */
export function indicatorQuery(period: Period, subjectType: IndicatorSubjectType, now: Date): IndicatorQuery {
  const from = periodStart(period);
  const to = periodEnd(period);
  return { period, from, to, asOf: to < now ? to : now, subjectType };
}

/** The subjects of a type: id, name and the region path and unit that scope them. */
function subjectsSql(type: IndicatorSubjectType): {
  from: RawBuilder<unknown>;
  regionPath: RawBuilder<string>;
  unitId?: RawBuilder<string>;
} {
  switch (type) {
    case 'unit':
      return {
        from: sql`(select su.id, su.name, sr.path from units su join regions sr on sr.id = su.region_id where su.active)`,
        regionPath: sql`subj.path`,
        unitId: sql`subj.id`,
      };
    case 'site':
      return {
        from: sql`(select ss.id, ss.name, sr.path, ss.unit_id from sites ss join regions sr on sr.id = ss.region_id where ss.active)`,
        regionPath: sql`subj.path`,
        unitId: sql`subj.unit_id`,
      };
    case 'town':
    case 'county':
      return { from: sql`(select sr.id, sr.name, sr.path from regions sr where sr.level = ${type})`, regionPath: sql`subj.path` };
  }
}

/**
 * Values of an indicator for every subject of the type that the actor's `permission` covers (and, with
 * `regionPath`, that lies in that region), best first; subjects with nothing measured last.
 */
export async function indicatorValues(
  db: Db,
  def: IndicatorDef,
  q: IndicatorQuery,
  opts: { actor: Actor; permission: string; regionPath?: string | null },
): Promise<IndicatorValue[]> {
  if (!def.subjectTypes.includes(q.subjectType)) throw new Error(`indicator ${def.code} does not measure ${q.subjectType}`);
  const s = subjectsSql(q.subjectType);
  const scope: RawBuilder<SqlBool> = scopeSql(opts.actor, opts.permission, { regionPath: s.regionPath, unitId: s.unitId });
  const inRegion = opts.regionPath ? sql<SqlBool>`subj.path like ${opts.regionPath + '%'}` : sql<SqlBool>`true`;
  const value = def.zeroWhenEmpty ? sql`coalesce(v.value, 0)` : sql`v.value`;
  const order = def.direction === 'higher' ? sql`desc` : sql`asc`;
  const { rows } = await sql<{
    subject_id: string;
    subject_name: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  }>`
    with v as (${def.sql(q)})
    select subj.id::text as subject_id, subj.name as subject_name,
      round((${value})::numeric, ${sql.lit(def.decimals)})::float8 as value,
      v.numerator::float8 as numerator, v.denominator::float8 as denominator
    from ${s.from} subj
    left join v on v.subject_id::text = subj.id::text
    where ${scope} and ${inRegion}
    order by 3 ${order} nulls last, subj.name, subj.id`.execute(db);
  return rows.map((r) => ({
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
  }));
}
