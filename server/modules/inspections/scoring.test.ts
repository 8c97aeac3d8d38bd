/** 测评 scores of one visit: 得分率 = passed / applicable (不适用 leaves the denominator), 扣分制 = 100 − failed points. */
import { describe, expect, it } from 'vitest';
import { scoreVisit, type Observation } from './scoring';

const pass = (points = 1): Observation => ({ verdict: 'pass', points });
const fail = (points = 1): Observation => ({ verdict: 'fail', points });
const na = (points = 1): Observation => ({ verdict: 'na', points });

describe('scoreVisit', () => {
  it('counts verdicts and divides passes by applicable observations only', () => {
    // 2 pass, 1 fail (1.5 points), 1 不适用 (3 points): applicable = 3, rate = 2/3 = 0.66666… → 0.6667;
    // deduction = 100 − 1.5 = 98.5 (the 不适用 standard's 3 points are not deducted, passes add nothing).
    expect(scoreVisit([pass(2), pass(1), fail(1.5), na(3)])).toEqual({
      passed: 2,
      failed: 1,
      notApplicable: 1,
      scoreRate: 0.6667,
      deductionScore: 98.5,
    });
  });
  it('gives 1 and 100 when everything applicable passed', () => {
    // 3 pass + 2 不适用 → 3/3 = 1; nothing failed → 100.
    expect(scoreVisit([pass(), pass(), pass(), na(), na()])).toEqual({
      passed: 3,
      failed: 0,
      notApplicable: 2,
      scoreRate: 1,
      deductionScore: 100,
    });
  });
  it('gives 0 and 100 − all points when everything failed', () => {
    // 0/2 = 0; 100 − (2 + 3) = 95.
    expect(scoreVisit([fail(2), fail(3)])).toEqual({ passed: 0, failed: 2, notApplicable: 0, scoreRate: 0, deductionScore: 95 });
  });
  it('has no 得分率 (null, not 0 or NaN) when nothing applied', () => {
    // All 不适用: the denominator is 0, so there is no rate; no failure, so 扣分制 stays at 100.
    expect(scoreVisit([na(2), na(5)])).toEqual({ passed: 0, failed: 0, notApplicable: 2, scoreRate: null, deductionScore: 100 });
    expect(scoreVisit([])).toEqual({ passed: 0, failed: 0, notApplicable: 0, scoreRate: null, deductionScore: 100 });
  });
  it('rounds the rate to 4 decimals and the score to 2', () => {
    // 1/3 = 0.33333… → 0.3333; 1/6 = 0.1666… → 0.1667 (half up at the 5th decimal).
    expect(scoreVisit([pass(), fail(0), fail(0)]).scoreRate).toBe(0.3333);
    expect(scoreVisit([pass(), fail(0), fail(0), fail(0), fail(0), fail(0)]).scoreRate).toBe(0.1667);
    // 0.1 + 0.2 = 0.30000000000000004 in floating point; 100 − that = 99.69999999999999 → 99.7.
    expect(scoreVisit([fail(0.1), fail(0.2)]).deductionScore).toBe(99.7);
    // 1/3 point three times: 100 − 1 = 99 despite 0.333… arithmetic.
    expect(scoreVisit([fail(1 / 3), fail(1 / 3), fail(1 / 3)]).deductionScore).toBe(99);
  });
  it('never goes below 0 under 扣分制', () => {
    // 60 + 50 = 110 points failed: 100 − 110 = −10 → floored at 0.
    expect(scoreVisit([fail(60), fail(50), pass(10)]).deductionScore).toBe(0);
  });
  it('treats a failed standard worth 0 points (a 负面清单 item) as a failure that deducts nothing', () => {
    expect(scoreVisit([pass(2), fail(0)])).toEqual({ passed: 1, failed: 1, notApplicable: 0, scoreRate: 0.5, deductionScore: 100 });
  });
});
