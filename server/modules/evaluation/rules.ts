/**
 * The scheme's rules as pure functions (no database): an indicator value → points, a subject's points → its total,
 * a group's totals → ranks (ties share a rank: 1, 1, 3; vetoed subjects after everyone else) and the red and black
 * lists (top N; bottom N plus every veto). Rules are data (common/contracts/evaluation.ts); nothing is evaluated as
 * code.
 *
 * Points are on the indicator's weight:
 * - linear: 0 at the floor, the full weight at the ceiling, straight in between; for a lower-is-better indicator the
 *   other way round (the floor earns the full weight, the ceiling nothing);
 * - grade: the points of the best band reached — higher-is-better: the band with the largest `min` ≤ value;
 *   lower-is-better: `min` reads "at most", the band with the smallest `min` ≥ value; no band reached → 0;
 * - deduction: the weight less `per` for each item, at most `cap` taken;
 * - bonus: `per` for each item, at most `cap`, on top of the weighted points (the weight is not used);
 * - veto: no points; the subject is vetoed when the value reaches the threshold on the bad side (default 1 for a
 *   lower-is-better count: any one item).
 * A value with nothing measured (null: an empty denominator) earns the full weight for linear, grade and deduction (no
 * failures to count) — unless the indicator says a missing figure earns nothing (`whenNothingMeasured: 'none'`, e.g. a
 * 人工评分 never entered) — nothing for a bonus, and never vetoes.
 */
import type { IndicatorDirection } from '../../../common/indicators';
import type { EvaluationRule } from '../../../common/contracts/evaluation';

/** Rounds to 2 decimals (scores), exact for the figures a scheme produces. */
export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

export interface PointsResult {
  points: number;
  vetoed: boolean;
}

/** Points of one indicator value under its rule and weight. */
export function pointsFor(
  rule: EvaluationRule,
  weight: number,
  direction: IndicatorDirection,
  value: number | null,
  whenNothingMeasured: 'full' | 'none' = 'full',
): PointsResult {
  if (value === null && whenNothingMeasured === 'none') return { points: 0, vetoed: false };
  switch (rule.type) {
    case 'linear': {
      if (value === null) return { points: round2(weight), vetoed: false };
      const span = rule.ceiling - rule.floor;
      let f = span > 0 ? (value - rule.floor) / span : 0;
      f = Math.min(1, Math.max(0, f));
      if (direction === 'lower') f = 1 - f;
      return { points: round2(weight * f), vetoed: false };
    }
    case 'grade': {
      if (value === null) return { points: round2(weight), vetoed: false };
      const bands = [...rule.bands];
      const reached =
        direction === 'higher'
          ? bands.filter((b) => value >= b.min).sort((a, b) => b.min - a.min)[0]
          : bands.filter((b) => value <= b.min).sort((a, b) => a.min - b.min)[0];
      return { points: round2(reached ? reached.points : 0), vetoed: false };
    }
    case 'deduction': {
      const items = value ?? 0;
      return { points: round2(weight - Math.min(rule.cap, rule.per * Math.max(0, items))), vetoed: false };
    }
    case 'bonus': {
      const items = value ?? 0;
      return { points: round2(Math.min(rule.cap, rule.per * Math.max(0, items))), vetoed: false };
    }
    case 'veto': {
      if (value === null) return { points: 0, vetoed: false };
      const threshold = rule.threshold ?? (direction === 'lower' ? 1 : 0);
      const vetoed = direction === 'lower' ? value >= threshold : value < threshold;
      return { points: 0, vetoed };
    }
  }
}

/** The most a rule can give (for the scheme's full marks and checks). */
export function maxPoints(rule: EvaluationRule, weight: number): number {
  switch (rule.type) {
    case 'linear':
    case 'deduction':
      return weight;
    case 'grade':
      return Math.max(0, ...rule.bands.map((b) => b.points));
    case 'bonus':
      return rule.cap;
    case 'veto':
      return 0;
  }
}

export interface Ranked<T> {
  item: T;
  score: number;
  veto: boolean;
  rank: number;
  list: 'red' | 'black' | null;
}

/**
 * Ranks a group. Non-vetoed subjects by score, best first; equal scores (to 2 decimals) share a rank (1, 1, 3);
 * vetoed subjects follow, ranked among themselves the same way after everyone else. Red list: the non-vetoed subjects
 * whose rank is within the top `red` (ties at the edge included) and who score above the group's lowest. Black list:
 * every vetoed subject, and the non-vetoed subjects within the bottom `black` counted the same way from below who
 * score below the group's highest — unless already on the red list. All equal: neither list (vetoes aside).
 *
 * A list singles out a few: a tie at its edge joins it only while the list stays within half of the group (rounded
 * up) or within N, whichever is larger. When 19 of 20 units tie just below one that scored 2 points more, none of the
 * 19 is "bottom 5"; when two of three tie for last, both are.
 */
export function rankGroup<T>(entries: Array<{ item: T; score: number; veto: boolean }>, red: number, black: number): Ranked<T>[] {
  // Scores to 2 decimals, best first; ranks and counts from the sorted order (n log n: a group may be 20 000 sites).
  const rounded = entries.map((e) => ({ ...e, score: round2(e.score) }));
  const ok = rounded.filter((e) => !e.veto).sort((a, b) => b.score - a.score);
  const vetoed = rounded.filter((e) => e.veto).sort((a, b) => b.score - a.score);
  /** Score → rank (1 + how many score strictly more), for a list sorted best first. */
  const ranksOf = (list: typeof ok, offset: number) => {
    const ranks = new Map<number, number>();
    list.forEach((e, i) => {
      if (!ranks.has(e.score)) ranks.set(e.score, offset + i + 1);
    });
    return ranks;
  };
  const okRanks = ranksOf(ok, 0);
  const vetoRanks = ranksOf(vetoed, ok.length);
  // Tie levels: each distinct score with how many hold it and how many score strictly less.
  const levels = new Map<number, { tied: number; below: number }>();
  for (const e of ok) levels.set(e.score, { tied: (levels.get(e.score)?.tied ?? 0) + 1, below: 0 });
  let below = 0;
  for (const [score, level] of [...levels].sort((a, b) => a[0] - b[0])) {
    level.below = below;
    below += level.tied;
    levels.set(score, level);
  }
  const highest = ok.length ? ok[0].score : 0;
  const lowest = ok.length ? ok[ok.length - 1].score : 0;
  // A list singles a subject out against the others: the red list only those who beat someone, the black list only
  // those someone beat. A group that all scored the same (a month with nothing measured) lists nobody, and the
  // lowest scores are never on the red list however small the group.
  const redCut = listCut(
    levels,
    (s) => red > 0 && okRanks.get(s)! <= red && s > lowest,
    (a, b) => b - a,
    red,
    entries.length,
  );
  const blackCut = listCut(
    levels,
    (s) => black > 0 && 1 + levels.get(s)!.below <= black && s < highest,
    (a, b) => a - b,
    black,
    entries.length,
  );
  const out: Ranked<T>[] = [];
  for (const e of ok) {
    const list: 'red' | 'black' | null = redCut.has(e.score) ? 'red' : blackCut.has(e.score) ? 'black' : null;
    out.push({ item: e.item, score: e.score, veto: false, rank: okRanks.get(e.score)!, list });
  }
  for (const e of vetoed) out.push({ item: e.item, score: e.score, veto: true, rank: vetoRanks.get(e.score)!, list: 'black' });
  return out;
}

/**
 * The scores on a list: the candidate score levels taken from the list's end (best first for red, worst first for
 * black), each tie level whole, while the list stays within max(N, ⌈group size / 2⌉); a level that would take it past
 * stays off, and so does everything after it.
 */
function listCut(
  levels: Map<number, { tied: number }>,
  candidate: (s: number) => boolean,
  order: (a: number, b: number) => number,
  n: number,
  size: number,
) {
  const limit = Math.max(n, Math.ceil(size / 2));
  const out = new Set<number>();
  let count = 0;
  for (const level of [...levels.keys()].filter(candidate).sort(order)) {
    const tied = levels.get(level)!.tied;
    if (count + tied > limit) break;
    out.add(level);
    count += tied;
  }
  return out;
}

/** The proposal a run of consecutive black-list months reaches (the highest threshold met), or null. */
export function proposalFor<A extends string>(streak: number, thresholds: ReadonlyArray<{ streak: number; action: A }>): A | null {
  const met = thresholds.filter((t) => streak >= t.streak).sort((a, b) => b.streak - a.streak)[0];
  return met ? met.action : null;
}

/** Checks a rule against its weight; returns the Chinese reason it is unusable, or null. */
export function ruleProblem(rule: EvaluationRule, weight: number): string | null {
  const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));
  switch (rule.type) {
    case 'linear':
      if (!finite(rule.floor, rule.ceiling)) return '下限和上限须为数字';
      return rule.floor < rule.ceiling ? null : '线性计分的下限（floor）须小于上限（ceiling）';
    case 'deduction':
      if (!(rule.per > 0)) return '每件扣分（per）须大于 0';
      if (!(rule.cap >= 0)) return '扣分上限（cap）不能为负';
      return rule.cap <= weight ? null : '扣分上限（cap）不能超过该项权重';
    case 'grade': {
      const mins = rule.bands.map((b) => b.min);
      if (new Set(mins).size !== mins.length) return '评分档位的起点（min）不能重复';
      const bad = rule.bands.find((b) => !(b.points >= 0 && b.points <= weight));
      return bad ? '档位得分（points）须在 0 到该项权重之间' : null;
    }
    case 'bonus':
      if (!(rule.per > 0)) return '每件加分（per）须大于 0';
      return rule.cap > 0 ? null : '加分上限（cap）须大于 0';
    case 'veto':
      return rule.threshold === undefined || Number.isFinite(rule.threshold) ? null : '否决阈值须为数字';
  }
}
