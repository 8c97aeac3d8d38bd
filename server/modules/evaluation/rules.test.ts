/** The scheme's pure rules: points per rule type and direction, ranks with ties, red and black lists, proposals. */
import { describe, expect, it } from 'vitest';
import type { EvaluationRule } from '../../../common/contracts/evaluation';
import { maxPoints, pointsFor, proposalFor, rankGroup, ruleProblem } from './rules';

describe('points per rule', () => {
  it('linear: 0 at the floor, the weight at the ceiling, straight between; reversed for lower-is-better', () => {
    const rule = { type: 'linear', floor: 0.5, ceiling: 1 } as const;
    expect(pointsFor(rule, 40, 'higher', 0.5).points).toBe(0);
    expect(pointsFor(rule, 40, 'higher', 0.75).points).toBe(20);
    expect(pointsFor(rule, 40, 'higher', 1).points).toBe(40);
    expect(pointsFor(rule, 40, 'higher', 0.2).points).toBe(0); // below the floor
    expect(pointsFor(rule, 40, 'higher', 1.3).points).toBe(40); // above the ceiling
    // 返工率 (lower is better): 0.5 or less earns everything, 1 nothing, 0.6 → 40 × (1 − 0.2) = 32.
    expect(pointsFor(rule, 40, 'lower', 0.5).points).toBe(40);
    expect(pointsFor(rule, 40, 'lower', 0.6).points).toBe(32);
    expect(pointsFor(rule, 40, 'lower', 1).points).toBe(0);
    // Nothing measured: no failures to count, the full weight.
    expect(pointsFor(rule, 40, 'higher', null).points).toBe(40);
    // A figure that had to be supplied (人工评分 never entered) earns nothing, whatever the rule.
    expect(pointsFor(rule, 40, 'higher', null, 'none').points).toBe(0);
    expect(pointsFor({ type: 'grade', bands: [{ min: 90, points: 30 }] }, 30, 'higher', null, 'none').points).toBe(0);
    expect(pointsFor(rule, 40, 'higher', 1, 'none').points).toBe(40);
  });

  it('grade: the best band reached; for lower-is-better a band min reads "at most"', () => {
    const rule: EvaluationRule = {
      type: 'grade',
      bands: [
        { min: 60, points: 10 },
        { min: 90, points: 30 },
        { min: 75, points: 20 },
      ],
    };
    expect(pointsFor(rule, 30, 'higher', 95).points).toBe(30);
    expect(pointsFor(rule, 30, 'higher', 90).points).toBe(30);
    expect(pointsFor(rule, 30, 'higher', 89.99).points).toBe(20);
    expect(pointsFor(rule, 30, 'higher', 65).points).toBe(10);
    expect(pointsFor(rule, 30, 'higher', 59).points).toBe(0);
    const counts: EvaluationRule = {
      type: 'grade',
      bands: [
        { min: 0, points: 10 },
        { min: 2, points: 6 },
        { min: 5, points: 2 },
      ],
    };
    expect(pointsFor(counts, 10, 'lower', 0).points).toBe(10);
    expect(pointsFor(counts, 10, 'lower', 1).points).toBe(6);
    expect(pointsFor(counts, 10, 'lower', 5).points).toBe(2);
    expect(pointsFor(counts, 10, 'lower', 7).points).toBe(0);
  });

  it('deduction: the weight less per item, at most the cap', () => {
    const rule = { type: 'deduction', per: 0.5, cap: 10 } as const;
    expect(pointsFor(rule, 20, 'lower', 0).points).toBe(20);
    expect(pointsFor(rule, 20, 'lower', 3).points).toBe(18.5);
    expect(pointsFor(rule, 20, 'lower', 20).points).toBe(10);
    expect(pointsFor(rule, 20, 'lower', 100).points).toBe(10); // 每件扣 0.5 分，最多扣 10 分
    expect(pointsFor(rule, 20, 'lower', null).points).toBe(20);
  });

  it('bonus: per item up to the cap, the weight unused', () => {
    const rule = { type: 'bonus', per: 2, cap: 3 } as const;
    expect(pointsFor(rule, 1, 'higher', 0).points).toBe(0);
    expect(pointsFor(rule, 1, 'higher', 1).points).toBe(2);
    expect(pointsFor(rule, 1, 'higher', 2).points).toBe(3);
    expect(pointsFor(rule, 1, 'higher', null).points).toBe(0);
    expect(maxPoints(rule, 1)).toBe(3);
  });

  it('veto: reached on the bad side of the threshold, never by "nothing measured"', () => {
    expect(pointsFor({ type: 'veto' }, 1, 'lower', 0)).toEqual({ points: 0, vetoed: false });
    expect(pointsFor({ type: 'veto' }, 1, 'lower', 1)).toEqual({ points: 0, vetoed: true });
    expect(pointsFor({ type: 'veto', threshold: 3 }, 1, 'lower', 2).vetoed).toBe(false);
    expect(pointsFor({ type: 'veto', threshold: 3 }, 1, 'lower', 3).vetoed).toBe(true);
    expect(pointsFor({ type: 'veto', threshold: 0.6 }, 1, 'higher', 0.59).vetoed).toBe(true);
    expect(pointsFor({ type: 'veto', threshold: 0.6 }, 1, 'higher', 0.6).vetoed).toBe(false);
    expect(pointsFor({ type: 'veto' }, 1, 'lower', null).vetoed).toBe(false);
  });
});

describe('ranking a group', () => {
  const e = (name: string, score: number, veto = false) => ({ item: name, score, veto });

  it('ties share a rank (1, 1, 3), vetoed subjects rank last and go on the black list', () => {
    const out = rankGroup([e('甲', 80), e('乙', 95), e('丙', 95), e('丁', 100, true), e('戊', 60)], 1, 1);
    const by = Object.fromEntries(out.map((r) => [r.item, r]));
    expect(by['乙']).toMatchObject({ rank: 1, list: 'red' });
    expect(by['丙']).toMatchObject({ rank: 1, list: 'red' }); // a tie at the edge of the red list is on it
    expect(by['甲']).toMatchObject({ rank: 3, list: null });
    expect(by['戊']).toMatchObject({ rank: 4, list: 'black' }); // bottom 1 of those not vetoed
    expect(by['丁']).toMatchObject({ rank: 5, list: 'black', veto: true }); // 一票否决: below everyone, whatever the score
  });

  it('a tie at the edge joins a list only while the list stays within half of the group (or N)', () => {
    // 20 units: one at 102, nineteen tied at 100. Bottom 5 would be all nineteen: none of them is singled out.
    const many = [e('城管局', 102), ...Array.from({ length: 19 }, (_, i) => e(`单位${i}`, 100))];
    const out = rankGroup(many, 5, 5);
    expect(out.filter((r) => r.list === 'black')).toEqual([]);
    expect(out.find((r) => r.item === '城管局')).toMatchObject({ rank: 1, list: 'red' });
    // Three of four tied at the top with a red list of 1: a majority, so no red list; the last one is still black.
    const top = rankGroup([e('甲', 100), e('乙', 100), e('丙', 100), e('丁', 70)], 1, 1);
    expect(top.map((r) => [r.item, r.rank, r.list])).toEqual([
      ['甲', 1, null],
      ['乙', 1, null],
      ['丙', 1, null],
      ['丁', 4, 'black'],
    ]);
    // N larger than half is the office's choice: the list may hold N (and a tie that fits within N).
    const wide = rankGroup([e('甲', 90), e('乙', 80), e('丙', 80), e('丁', 60)], 3, 0);
    expect(wide.filter((r) => r.list === 'red').map((r) => r.item)).toEqual(['甲', '乙', '丙']);
    // Levels are taken whole from the end: a tie that does not fit stops the list there.
    const stop = rankGroup([e('甲', 90), e('乙', 80), e('丙', 80), e('丁', 80), e('戊', 60), e('己', 50)], 2, 0);
    expect(stop.filter((r) => r.list === 'red').map((r) => r.item)).toEqual(['甲']);
  });

  it('ties at the bottom are all on the black list; the lowest scores are never red, however small the group', () => {
    const out = rankGroup([e('甲', 70), e('乙', 50), e('丙', 50)], 2, 1);
    expect(out.map((r) => [r.item, r.rank, r.list])).toEqual([
      ['甲', 1, 'red'],
      ['乙', 2, 'black'],
      ['丙', 2, 'black'],
    ]);
    const wide = rankGroup([e('甲', 70), e('乙', 50), e('丙', 50)], 2, 0);
    expect(wide.map((r) => [r.item, r.rank, r.list])).toEqual([
      ['甲', 1, 'red'],
      ['乙', 2, null],
      ['丙', 2, null],
    ]);
    const two = rankGroup([e('甲', 70), e('乙', 50), e('丙', 50)], 1, 1);
    expect(two.map((r) => [r.item, r.rank, r.list])).toEqual([
      ['甲', 1, 'red'],
      ['乙', 2, 'black'],
      ['丙', 2, 'black'],
    ]);
  });

  it('scores equal to 2 decimals tie', () => {
    const out = rankGroup([e('甲', 80.001), e('乙', 80.004)], 0, 0);
    expect(out.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('a group that all scored the same lists nobody (a month with nothing measured), a veto still goes black', () => {
    const out = rankGroup([e('甲', 100), e('乙', 100), e('丙', 100), e('丁', 100, true)], 5, 5);
    expect(out.map((r) => [r.item, r.rank, r.list])).toEqual([
      ['甲', 1, null],
      ['乙', 1, null],
      ['丙', 1, null],
      ['丁', 4, 'black'],
    ]);
  });

  it('no lists when N is 0', () => {
    expect(rankGroup([e('甲', 1), e('乙', 2)], 0, 0).every((r) => r.list === null)).toBe(true);
  });
});

describe('proposals and rule checks', () => {
  const thresholds = [
    { streak: 2, action: 'interview' },
    { streak: 3, action: 'accountability' },
  ] as const;
  it('the second black-list month in a row proposes 约谈, the third and later 问责', () => {
    expect(proposalFor(0, thresholds)).toBeNull();
    expect(proposalFor(1, thresholds)).toBeNull();
    expect(proposalFor(2, thresholds)).toBe('interview');
    expect(proposalFor(3, thresholds)).toBe('accountability');
    expect(proposalFor(7, thresholds)).toBe('accountability');
  });

  it('refuses unusable rules with a Chinese reason', () => {
    expect(ruleProblem({ type: 'linear', floor: 1, ceiling: 1 }, 10)).toContain('下限');
    expect(ruleProblem({ type: 'deduction', per: 0, cap: 5 }, 10)).toContain('每件扣分');
    expect(ruleProblem({ type: 'deduction', per: 1, cap: 15 }, 10)).toContain('不能超过该项权重');
    expect(ruleProblem({ type: 'grade', bands: [{ min: 1, points: 20 }] }, 10)).toContain('档位得分');
    expect(
      ruleProblem(
        {
          type: 'grade',
          bands: [
            { min: 1, points: 2 },
            { min: 1, points: 3 },
          ],
        },
        10,
      ),
    ).toContain('重复');
    expect(ruleProblem({ type: 'bonus', per: 1, cap: 0 }, 10)).toContain('加分上限');
    expect(ruleProblem({ type: 'linear', floor: 0, ceiling: 1 }, 10)).toBeNull();
  });
});
