/**
 * 预测测评得分 — the estimator, as pure functions (the SQL that feeds it is in repository.ts).
 *
 * What is estimated: the 实地考察 part of the campaign's 测评体系 (standards with method `field`, not on the 负面清单,
 * each with its 分值 and the site types it is checked at). In the real 测评 a field standard earns its 分值 × its
 * 达标率 over the sites sampled for it (符合 ÷ 适用 observations), so the county's expected field score is
 *
 *   E = Σ_standards 分值_s × Σ_types w_st × p_st
 *
 * - p_st: the probability that a randomly sampled site of type t passes standard s. Estimated from the checklist
 *   results of the latest N published rounds (open rounds, covert rounds after release; 回头看 rounds left out: they
 *   revisit known failures) with a three-level Beta shrinkage (prior strength κ = 2 observations):
 *     g    = (Σpass + 1) / (Σobs + 2)                      every field observation, Beta(1,1) prior
 *     m_s  = (pass_s + κ·g) / (obs_s + κ)                  the standard at every site type, shrunk toward g
 *     p_st ~ Beta(pass_st + κ·m_s, fail_st + κ·(1 − m_s))  the cell, shrunk toward its standard
 *   so a cell with no observations gets its standard's rate, a standard with none the county's overall rate, and an
 *   empty county ½.
 * - w_st: how often type t is sampled among the standard's types — the share of the rounds' sampled sites (round
 *   sites) of type t among those of the standard's types; when none of its types was sampled, the share of the
 *   county's registered sites; equal shares when it has none of those either.
 * - The band: an 80 % interval (10th–90th percentile) of Monte Carlo draws with a seeded PRNG (same data → same band).
 *   Each draw goes down the three levels — the county's rate g* ~ Beta(pass + 1, fail + 1), each standard's m* given
 *   g*, each cell's p given m* (same means as above) — so cells sharing a standard or the county move together, and
 *   then adds the luck of the sample: X ~ Binomial(k_t, p) with k_t the typical number of sites of type t in one round.
 *   It covers what we do not know about the rates and which sites the 测评 happens to visit; a site that fails several
 *   standards at once (one dirty market) is not modelled, so the band may still be a little narrow.
 * - Grade (GB/T 30428 style on the share of full marks): A ≥ 90, B ≥ 75, C ≥ 60, D below.
 * - 数据不足: fewer than 10 sites visited in the rounds, or standards with at least 10 observations carry less than
 *   half of the full marks.
 *
 * 对标补短 (priority list), one row per (standard, site type) with w_st > 0:
 * - points at stake = 分值 × w_st × (1 − p_st);
 * - the open problems mapping to it (problems of that standard's code at sites of that type, not closed or rejected;
 *   unreleased covert findings never count): count, distinct sites, oldest, overdue;
 * - expected gain if they were fixed: the share q = (sites with an open problem) ÷ (active sites of that type in the
 *   county) would pass instead of fail, so p rises by q (at most to 1): gain = 分值 × w_st × min(q, 1 − p_st).
 * Sorted by gain, then points at stake.
 */
import { prng, seedFrom } from '../inspections/sample-sites';

/** Prior strength κ (in observations) of the shrinkage toward the standard's and the county's rate. */
export const PRIOR_STRENGTH = 2;
/** Monte Carlo draws for the band. */
export const DRAWS = 1000;
/** The band's coverage (10th–90th percentile). */
export const BAND_LEVEL = 0.8;
/** Below this many observations a figure is 数据不足. */
export const MIN_OBSERVATIONS = 10;

export type Grade = 'A' | 'B' | 'C' | 'D';

/** GB/T 30428 grade of a percentage (0–100). */
export function gradeOf(percent: number): Grade {
  return percent >= 90 ? 'A' : percent >= 75 ? 'B' : percent >= 60 ? 'C' : 'D';
}

export interface FieldStandard {
  id: string;
  code: string;
  text: string;
  points: number;
  /** 测评项目 (level-1 item) name. */
  itemName: string;
  siteTypes: string[];
}

export interface Observations {
  passed: number;
  failed: number;
}

export interface OpenProblems {
  count: number;
  sites: number;
  overdue: number;
  oldest: Date | null;
}

export interface SiteTypeFacts {
  /** Sampled sites of this type over the rounds used (inspection_round_sites). */
  sampled: number;
  /** Active sites of this type in the county's registry. */
  registered: number;
  name: string;
  sort: number;
}

export interface EstimateInput {
  standards: FieldStandard[];
  /** Observations by `${standardCode}|${siteType}`. */
  observations: Map<string, Observations>;
  /** Open problems by `${standardCode}|${siteType}`. */
  problems: Map<string, OpenProblems>;
  siteTypes: Map<string, SiteTypeFacts>;
  /** Rounds used. */
  rounds: number;
  /** Sites visited over those rounds. */
  visits: number;
  /** Seed for the band's PRNG. */
  seed?: string;
  draws?: number;
}

export const cellKey = (code: string, siteType: string) => `${code}|${siteType}`;

export interface Cell {
  standard: FieldStandard;
  siteType: string;
  weight: number;
  passed: number;
  failed: number;
  /** Posterior Beta(a, b). */
  a: number;
  b: number;
  p: number;
  atStake: number;
  gain: number;
  problems: OpenProblems;
}

export interface Estimate {
  expected: number;
  low: number;
  high: number;
  fullMarks: number;
  percent: number;
  grade: Grade;
  lowGrade: Grade;
  highGrade: Grade;
  observations: number;
  visits: number;
  rounds: number;
  /** Share of full marks carried by standards with at least MIN_OBSERVATIONS observations. */
  coverage: number;
  insufficient: boolean;
  byItem: Array<{ name: string; fullMarks: number; expected: number; standards: number; observations: number }>;
  bySiteType: Array<{
    code: string;
    name: string;
    sampled: number;
    registered: number;
    observations: number;
    fullMarks: number;
    expected: number;
  }>;
  cells: Cell[];
}

const NO_PROBLEMS: OpenProblems = { count: 0, sites: 0, overdue: 0, oldest: null };

/**
 * The weight of each of a standard's site types: its share of the rounds' sampled sites of those types; when none was
 * sampled, its share of the registered sites; when there are none either, equal shares.
 */
export function typeWeights(siteTypes: string[], sampled: (t: string) => number, registered?: (t: string) => number): Map<string, number> {
  const types = [...new Set(siteTypes)];
  for (const count of registered ? [sampled, registered] : [sampled]) {
    const total = types.reduce((s, t) => s + count(t), 0);
    if (total > 0) return new Map(types.map((t) => [t, count(t) / total]));
  }
  return new Map(types.map((t) => [t, 1 / types.length]));
}

/** Posterior means and Beta parameters of every (standard, site type) cell (the three-level shrinkage). */
export function posteriors(
  standards: FieldStandard[],
  observations: Map<string, Observations>,
  kappa = PRIOR_STRENGTH,
): Map<string, { a: number; b: number; p: number; passed: number; failed: number }> {
  const obs = (s: FieldStandard, t: string) => observations.get(cellKey(s.code, t)) ?? { passed: 0, failed: 0 };
  let pass = 0;
  let all = 0;
  const seen = new Set<string>();
  for (const s of standards)
    for (const t of new Set(s.siteTypes)) {
      const k = cellKey(s.code, t);
      if (seen.has(k)) continue;
      seen.add(k);
      const o = obs(s, t);
      pass += o.passed;
      all += o.passed + o.failed;
    }
  const g = (pass + 1) / (all + 2);
  const out = new Map<string, { a: number; b: number; p: number; passed: number; failed: number }>();
  for (const s of standards) {
    const types = [...new Set(s.siteTypes)];
    const ps = types.reduce((n, t) => n + obs(s, t).passed, 0);
    const ns = types.reduce((n, t) => n + obs(s, t).passed + obs(s, t).failed, 0);
    const m = (ps + kappa * g) / (ns + kappa);
    for (const t of types) {
      const o = obs(s, t);
      const a = o.passed + kappa * m;
      const b = o.failed + kappa * (1 - m);
      out.set(cellKey(s.code, t), { a, b, p: a / (a + b), passed: o.passed, failed: o.failed });
    }
  }
  return out;
}

/* ---------------------------------------------------------------- random draws */

/** A standard normal draw (Box–Muller). */
function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A Gamma(shape, 1) draw (Marsaglia–Tsang; shape < 1 boosted). */
export function gammaDraw(shape: number, rand: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, rand) * Math.pow(Math.max(rand(), 1e-12), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw. */
export function betaDraw(a: number, b: number, rand: () => number): number {
  const x = gammaDraw(a, rand);
  const y = gammaDraw(b, rand);
  return x + y > 0 ? x / (x + y) : 0.5;
}

/** The q-quantile of sorted values (linear between neighbours). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* ---------------------------------------------------------------- the estimate */

/**
 * Monte Carlo scores: per draw the county's rate g* ~ Beta(pass + 1, fail + 1), each standard's m* ~ Beta(pass_s +
 * κ·g*, fail_s + κ·(1 − g*)), each cell's p ~ Beta(pass_st + κ·m*, fail_st + κ·(1 − m*)) — the same means as the
 * point estimate, with the uncertainty of the upper levels shared by the cells below them — and then X ~ Binomial(k_t,
 * p) sites passing out of the k_t a round typically samples of that type.
 */
function drawScores(cells: Cell[], input: EstimateInput, facts: (t: string) => SiteTypeFacts | undefined, kappa = PRIOR_STRENGTH) {
  const rand = prng(seedFrom(input.seed ?? 'prediction'));
  const draws = input.draws ?? DRAWS;
  const perRound = (t: string) => Math.max(1, Math.round((facts(t)?.sampled ?? 0) / Math.max(1, input.rounds)));
  const byStandard = new Map<string, { passed: number; failed: number; cells: Array<Cell & { k: number }> }>();
  let passed = 0;
  let failed = 0;
  for (const c of cells) {
    const g = byStandard.get(c.standard.code) ?? { passed: 0, failed: 0, cells: [] };
    g.passed += c.passed;
    g.failed += c.failed;
    g.cells.push({ ...c, k: perRound(c.siteType) });
    byStandard.set(c.standard.code, g);
    passed += c.passed;
    failed += c.failed;
  }
  const groups = [...byStandard.values()];
  // The same data gives the same draws: answer a repeated read (the page, then its export) from memory.
  const key = JSON.stringify([
    input.seed ?? 'prediction',
    draws,
    groups.map((s) => s.cells.map((c) => [c.standard.code, c.siteType, c.standard.points, c.weight, c.k, c.passed, c.failed])),
  ]);
  const known = DRAWN.get(key);
  if (known) return known;
  const scores: number[] = [];
  for (let d = 0; d < draws; d++) {
    const g = betaDraw(passed + 1, failed + 1, rand);
    let score = 0;
    for (const s of groups) {
      const m = betaDraw(s.passed + kappa * g, s.failed + kappa * (1 - g), rand);
      for (const c of s.cells) {
        const p = betaDraw(c.passed + kappa * m, c.failed + kappa * (1 - m), rand);
        let x = 0;
        for (let i = 0; i < c.k; i++) if (rand() < p) x++;
        score += c.standard.points * c.weight * (x / c.k);
      }
    }
    scores.push(score);
  }
  if (DRAWN.size >= 32) DRAWN.delete(DRAWN.keys().next().value!);
  DRAWN.set(key, scores);
  return scores;
}

/** The last few sets of draws by their inputs (a small cache: each set costs tens of milliseconds to a second). */
const DRAWN = new Map<string, number[]>();

export function estimate(input: EstimateInput): Estimate {
  const facts = (t: string) => input.siteTypes.get(t);
  const post = posteriors(input.standards, input.observations);
  const cells: Cell[] = [];
  const byItem = new Map<string, { name: string; fullMarks: number; expected: number; standards: number; observations: number }>();
  const byType = new Map<string, { fullMarks: number; expected: number; observations: number }>();
  let expected = 0;
  let fullMarks = 0;
  let covered = 0;
  let observations = 0;

  for (const s of input.standards) {
    const weights = typeWeights(
      s.siteTypes,
      (t) => facts(t)?.sampled ?? 0,
      (t) => facts(t)?.registered ?? 0,
    );
    let rate = 0;
    let n = 0;
    for (const [t, w] of weights) {
      const c = post.get(cellKey(s.code, t))!;
      rate += w * c.p;
      n += c.passed + c.failed;
      const problems = input.problems.get(cellKey(s.code, t)) ?? NO_PROBLEMS;
      const registered = facts(t)?.registered ?? 0;
      const q = registered > 0 ? Math.min(1, problems.sites / registered) : 0;
      const typeRow = byType.get(t) ?? { fullMarks: 0, expected: 0, observations: 0 };
      typeRow.fullMarks += s.points * w;
      typeRow.expected += s.points * w * c.p;
      typeRow.observations += c.passed + c.failed;
      byType.set(t, typeRow);
      if (w > 0)
        cells.push({
          standard: s,
          siteType: t,
          weight: w,
          passed: c.passed,
          failed: c.failed,
          a: c.a,
          b: c.b,
          p: c.p,
          atStake: s.points * w * (1 - c.p),
          gain: s.points * w * Math.min(q, 1 - c.p),
          problems,
        });
    }
    expected += s.points * rate;
    fullMarks += s.points;
    observations += n;
    if (n >= MIN_OBSERVATIONS) covered += s.points;
    const item = byItem.get(s.itemName) ?? { name: s.itemName, fullMarks: 0, expected: 0, standards: 0, observations: 0 };
    item.fullMarks += s.points;
    item.expected += s.points * rate;
    item.standards += 1;
    item.observations += n;
    byItem.set(s.itemName, item);
  }

  // The band: draws through the three levels (county → standard → cell, so cells that share a standard or the county
  // move together), then the luck of a round's sample of k_t sites of each type.
  const scores = drawScores(cells, input, facts);
  scores.sort((a, b) => a - b);
  const tail = (1 - BAND_LEVEL) / 2;
  const low = cells.length ? quantile(scores, tail) : 0;
  const high = cells.length ? quantile(scores, 1 - tail) : 0;
  const pct = (x: number) => (fullMarks > 0 ? (x / fullMarks) * 100 : 0);
  const coverage = fullMarks > 0 ? covered / fullMarks : 0;

  cells.sort(
    (x, y) =>
      y.gain - x.gain ||
      y.atStake - x.atStake ||
      (x.standard.code < y.standard.code ? -1 : x.standard.code > y.standard.code ? 1 : 0) ||
      (facts(x.siteType)?.sort ?? 0) - (facts(y.siteType)?.sort ?? 0),
  );
  return {
    expected,
    low,
    high,
    fullMarks,
    percent: pct(expected),
    grade: gradeOf(pct(expected)),
    lowGrade: gradeOf(pct(low)),
    highGrade: gradeOf(pct(high)),
    observations,
    visits: input.visits,
    rounds: input.rounds,
    coverage,
    insufficient: input.visits < MIN_OBSERVATIONS || coverage < 0.5,
    byItem: [...byItem.values()],
    bySiteType: [...byType.entries()]
      .map(([code, r]) => ({
        code,
        name: facts(code)?.name ?? code,
        sampled: facts(code)?.sampled ?? 0,
        registered: facts(code)?.registered ?? 0,
        ...r,
      }))
      .sort((x, y) => (facts(x.code)?.sort ?? 0) - (facts(y.code)?.sort ?? 0)),
    cells,
  };
}
