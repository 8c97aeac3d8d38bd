/**
 * The estimator on the hand-computed example of test/integration/prediction.test.ts (κ = 2):
 * standards A (4 分, 农贸市场 M + 公园 K), B (2 分, M), C (4 分, K); round 1 visited M1, M2, K1:
 *   A: M1 pass, M2 pass, K1 fail · B: M1 fail, M2 pass · C: K1 pass → 4 pass of 6: g = 5/8.
 *   m_A = (2 + 5/4)/5 = 13/20, m_B = (1 + 5/4)/4 = 9/16, m_C = (1 + 5/4)/3 = 3/4.
 *   p_AM = (2 + 13/10)/4 = 33/40, p_AK = (0 + 13/10)/3 = 13/30, p_BM = (1 + 9/8)/4 = 17/32, p_CK = (1 + 3/2)/3 = 5/6.
 *   weights of A: M 2/3, K 1/3 (sampled 2 : 1). E = 4·(2/3·33/40 + 1/3·13/30) + 2·17/32 + 4·5/6 = 1033/144 ≈ 7.1736.
 *   Open problems at M1 (B) and K1 (A), 2 registered sites of each type:
 *   gains: BM 2·min(1/2, 15/32) = 15/16, AK 4·1/3·min(1/2, 17/30) = 2/3, CK 0, AM 0; at stake CK 2/3 > AM 7/15.
 */
import { describe, expect, it } from 'vitest';
import {
  betaDraw,
  cellKey,
  estimate,
  gradeOf,
  posteriors,
  quantile,
  typeWeights,
  type EstimateInput,
  type FieldStandard,
} from './estimate';
import { prng } from '../inspections/sample-sites';

const std = (code: string, points: number, siteTypes: string[], itemName = '和谐宜居的生活环境'): FieldStandard => ({
  id: code,
  code,
  text: `标准${code}`,
  points,
  itemName,
  siteTypes,
});

const example = (): EstimateInput => ({
  standards: [std('A', 4, ['M', 'K']), std('B', 2, ['M']), std('C', 4, ['K'], '健康向上的人文环境')],
  observations: new Map([
    [cellKey('A', 'M'), { passed: 2, failed: 0 }],
    [cellKey('A', 'K'), { passed: 0, failed: 1 }],
    [cellKey('B', 'M'), { passed: 1, failed: 1 }],
    [cellKey('C', 'K'), { passed: 1, failed: 0 }],
  ]),
  problems: new Map([
    [cellKey('B', 'M'), { count: 1, sites: 1, overdue: 0, oldest: new Date('2026-11-02T00:00:00Z') }],
    [cellKey('A', 'K'), { count: 1, sites: 1, overdue: 1, oldest: new Date('2026-11-03T00:00:00Z') }],
  ]),
  siteTypes: new Map([
    ['M', { sampled: 2, registered: 2, name: '农贸市场', sort: 1 }],
    ['K', { sampled: 1, registered: 2, name: '公园', sort: 2 }],
  ]),
  rounds: 1,
  visits: 3,
});

describe('prediction estimator', () => {
  it('grades as GB/T 30428: A ≥ 90, B ≥ 75, C ≥ 60, D below', () => {
    expect([90, 89.99, 75, 74.9, 60, 59.9, 0].map(gradeOf)).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('weights site types by how often they are sampled, else by the registry, else equally', () => {
    expect([...typeWeights(['M', 'K'], (t) => (t === 'M' ? 2 : 1))]).toEqual([
      ['M', 2 / 3],
      ['K', 1 / 3],
    ]);
    expect([...typeWeights(['M', 'K'], () => 0)]).toEqual([
      ['M', 0.5],
      ['K', 0.5],
    ]);
    // Nothing sampled: by the registry (3 markets, 1 park); nothing registered either: equal.
    expect([
      ...typeWeights(
        ['M', 'K'],
        () => 0,
        (t) => (t === 'M' ? 3 : 1),
      ),
    ]).toEqual([
      ['M', 0.75],
      ['K', 0.25],
    ]);
    expect([
      ...typeWeights(
        ['M', 'K'],
        () => 0,
        () => 0,
      ),
    ]).toEqual([
      ['M', 0.5],
      ['K', 0.5],
    ]);
  });

  it('shrinks each cell toward its standard and the standard toward the county (hand-computed)', () => {
    const e = example();
    const p = posteriors(e.standards, e.observations);
    expect(p.get(cellKey('A', 'M'))!.p).toBeCloseTo(33 / 40, 12);
    expect(p.get(cellKey('A', 'K'))!.p).toBeCloseTo(13 / 30, 12);
    expect(p.get(cellKey('B', 'M'))!.p).toBeCloseTo(17 / 32, 12);
    expect(p.get(cellKey('C', 'K'))!.p).toBeCloseTo(5 / 6, 12);
    // Beta parameters: pass + κ·m, fail + κ·(1 − m).
    expect(p.get(cellKey('A', 'K'))).toMatchObject({ passed: 0, failed: 1 });
    expect(p.get(cellKey('A', 'K'))!.a).toBeCloseTo(1.3, 12);
    expect(p.get(cellKey('A', 'K'))!.b).toBeCloseTo(1 + 0.7, 12);
    // No data anywhere: ½.
    expect(posteriors([std('X', 1, ['M'])], new Map()).get(cellKey('X', 'M'))!.p).toBe(0.5);
  });

  it('expected score, grade, breakdowns and the priority order (hand-computed)', () => {
    const e = estimate(example());
    expect(e.expected).toBeCloseTo(1033 / 144, 10);
    expect(e.fullMarks).toBe(10);
    expect(e.percent).toBeCloseTo(103300 / 1440, 8);
    expect(e.grade).toBe('C');
    expect(e.observations).toBe(6);
    expect(e.insufficient).toBe(true); // 3 visits, no standard with 10 observations
    expect(e.coverage).toBe(0);
    expect(e.cells.map((c) => `${c.standard.code}|${c.siteType}`)).toEqual(['B|M', 'A|K', 'C|K', 'A|M']);
    const [bm, ak, ck, am] = e.cells;
    expect(bm.gain).toBeCloseTo(15 / 16, 12);
    expect(bm.atStake).toBeCloseTo(15 / 16, 12);
    expect(ak.gain).toBeCloseTo(2 / 3, 12);
    expect(ak.atStake).toBeCloseTo(34 / 45, 12);
    expect(ak.problems).toMatchObject({ count: 1, overdue: 1 });
    expect(ck.gain).toBe(0);
    expect(ck.atStake).toBeCloseTo(2 / 3, 12);
    expect(am.atStake).toBeCloseTo(7 / 15, 12);
    expect(e.byItem).toEqual([
      {
        name: '和谐宜居的生活环境',
        fullMarks: 6,
        expected: expect.closeTo(4 * (0.55 + 13 / 90) + 17 / 16, 10),
        standards: 2,
        observations: 5,
      },
      { name: '健康向上的人文环境', fullMarks: 4, expected: expect.closeTo(10 / 3, 10), standards: 1, observations: 1 },
    ]);
    const m = e.bySiteType.find((t) => t.code === 'M')!;
    expect(m.fullMarks).toBeCloseTo(4 * (2 / 3) + 2, 12);
    expect(m.expected).toBeCloseTo(4 * (2 / 3) * (33 / 40) + 2 * (17 / 32), 12);
  });

  it('the band holds the expected score, stays within 0 and full marks, and is the same for the same data', () => {
    const a = estimate(example());
    const b = estimate(example());
    expect(a.low).toBeLessThan(a.expected);
    expect(a.high).toBeGreaterThan(a.expected);
    expect(a.low).toBeGreaterThanOrEqual(0);
    expect(a.high).toBeLessThanOrEqual(10);
    expect([b.low, b.high]).toEqual([a.low, a.high]);
    // More data of the same kind narrows it.
    const more = example();
    for (const [k, o] of more.observations) more.observations.set(k, { passed: o.passed * 20, failed: o.failed * 20 });
    more.visits = 60;
    more.rounds = 20;
    more.siteTypes = new Map([...more.siteTypes].map(([k, v]) => [k, { ...v, sampled: v.sampled * 20 }]));
    const narrow = estimate(more);
    expect(narrow.high - narrow.low).toBeLessThan(a.high - a.low);
  });

  it('an empty campaign: nothing to score, 数据不足', () => {
    const e = estimate({ standards: [], observations: new Map(), problems: new Map(), siteTypes: new Map(), rounds: 0, visits: 0 });
    expect(e).toMatchObject({ expected: 0, low: 0, high: 0, fullMarks: 0, percent: 0, grade: 'D', insufficient: true, cells: [] });
  });

  it('Beta draws have the right mean; quantiles interpolate', () => {
    const rand = prng(7);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += betaDraw(1.3, 1.7, rand);
    expect(s / 20000).toBeCloseTo(1.3 / 3, 2);
    expect(quantile([0, 10], 0.1)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});
