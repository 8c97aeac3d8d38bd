/** 好人之城 rules: the schedule, phases on a Beijing day, scores by weights, the suspicious-pattern rules, UA families. */
import { describe, expect, it } from 'vitest';
import {
  beijingDay,
  defaultWinners,
  describeEvidence,
  finalScore,
  gapStats,
  hasBurst,
  isMachineRegular,
  quotaExceeded,
  quotaProblem,
  scheduleProblem,
  selectionPhase,
  SUSPICION_THRESHOLDS,
  userAgentFamily,
  voteScore,
} from './honours';

const S = {
  nominationStartsOn: '2026-11-01',
  nominationEndsOn: '2026-11-07',
  votingStartsOn: '2026-11-10',
  votingEndsOn: '2026-11-23',
  publishOn: '2026-11-25',
};
const at = (base: string, seconds: number[]) => seconds.map((s) => new Date(Date.parse(base) + s * 1000));

describe('honours schedule', () => {
  it('accepts 14–28 voting days and refuses shorter, longer or out-of-order schedules', () => {
    expect(scheduleProblem(S)).toBeNull();
    expect(scheduleProblem({ ...S, votingEndsOn: '2026-12-07', publishOn: '2026-12-08' })).toBeNull(); // 28 days
    expect(scheduleProblem({ ...S, votingEndsOn: '2026-11-22' })).toContain('当前为 13 天');
    expect(scheduleProblem({ ...S, votingEndsOn: '2026-12-08', publishOn: '2026-12-09' })).toContain('当前为 29 天');
    expect(scheduleProblem({ ...S, votingStartsOn: '2026-11-07' })).toContain('推荐截止后');
    expect(scheduleProblem({ ...S, publishOn: '2026-11-20' })).toContain('发布日期');
  });

  it('names the phase by the Beijing day (UTC 16:30 is the next day in Beijing)', () => {
    expect(beijingDay(new Date('2026-11-09T16:30:00Z'))).toBe('2026-11-10');
    const s = { ...S, state: 'open' as const };
    expect(selectionPhase(s, '2026-10-31')).toBe('upcoming');
    expect(selectionPhase(s, '2026-11-07')).toBe('nominating');
    expect(selectionPhase(s, '2026-11-08')).toBe('verifying');
    expect(selectionPhase(s, beijingDay(new Date('2026-11-09T16:30:00Z')))).toBe('voting');
    expect(selectionPhase(s, '2026-11-24')).toBe('reviewing');
    expect(selectionPhase({ ...s, state: 'published' }, '2026-11-05')).toBe('published');
  });

  it('combines vote and review scores by the weights', () => {
    expect(voteScore(50, 200)).toBe(25);
    expect(voteScore(0, 0)).toBe(0);
    expect(finalScore(25, 90, { vote: 0.4, review: 0.6 })).toBe(64);
    expect(finalScore(100, null, { vote: 0.4, review: 0.6 })).toBe(40);
  });
});

describe('suspicious-vote rules', () => {
  it('finds a burst of N votes inside the window and not a spread of the same votes', () => {
    const rule = SUSPICION_THRESHOLDS.address_burst;
    expect(hasBurst(at('2026-11-12T08:00:00Z', [0, 30, 60, 90, 120]), rule)).toBe(true);
    expect(hasBurst(at('2026-11-12T08:00:00Z', [0, 200, 400, 601, 800]), rule)).toBe(false);
    expect(hasBurst(at('2026-11-12T08:00:00Z', [0, 30, 60, 90]), rule)).toBe(false);
  });

  it('calls votes machine-regular when the gaps barely vary, people not', () => {
    const script = at('2026-11-12T09:00:00Z', [0, 15, 30, 45, 60, 75]);
    expect(gapStats(script)).toMatchObject({ gaps: 5, meanSeconds: 15, cv: 0 });
    expect(isMachineRegular(script)).toBe(true);
    const jitter = at('2026-11-12T09:00:00Z', [0, 15, 31, 45, 61, 75]);
    expect(isMachineRegular(jitter)).toBe(true); // cv ≈ 0.05
    const people = at('2026-11-12T09:00:00Z', [0, 40, 52, 170, 185, 300]);
    expect(gapStats(people)!.cv).toBeGreaterThan(0.5);
    expect(isMachineRegular(people)).toBe(false);
    // Regular but slow (one an hour) is a timetable, not a burst.
    expect(isMachineRegular(at('2026-11-12T09:00:00Z', [0, 3600, 7200, 10800, 14400, 18000]))).toBe(false);
    expect(isMachineRegular(script.slice(0, 5))).toBe(false); // too few votes
  });

  it('describes the evidence in Chinese with the numbers', () => {
    expect(describeEvidence('address_burst', { count: 6, windowSeconds: 600, threshold: 5 })).toBe(
      '同一网络地址 10 分钟内投票 6 次（阈值 5 次）',
    );
    expect(describeEvidence('regular_interval', { votes: 6, meanGapSeconds: 15, stddevSeconds: 0, cv: 0, threshold: 0.15 })).toContain(
      '间隔平均 15.0 秒',
    );
  });

  it('keeps only the browser family of a user agent', () => {
    expect(userAgentFamily('Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.49')).toBe('WeChat');
    expect(userAgentFamily('python-requests/2.31.0')).toBe('Python');
    expect(userAgentFamily('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36')).toBe('HeadlessChrome');
    expect(userAgentFamily('Mozilla/5.0 (Linux; Android 14) Chrome/124.0 Mobile Safari/537.36')).toBe('Chrome');
    expect(userAgentFamily('')).toBe('unknown');
  });
});

describe('default winners', () => {
  const c = (candidateId: string, categoryCode: string, rank: number) => ({ candidateId, categoryCode, rank });
  // 助人为乐 holds the top three places of the ranking.
  const ranking = [c('f', 'honest', 6), c('a', 'help', 1), c('b', 'help', 2), c('c', 'help', 3), c('d', 'brave', 4), c('e', 'filial', 5)];

  it('lets the categories take turns by rank instead of taking the top N overall', () => {
    expect(defaultWinners(ranking, 3)).toEqual(['a', 'd', 'e']);
    expect(defaultWinners(ranking, 5)).toEqual(['a', 'd', 'e', 'f', 'b']);
  });

  it('takes everyone when there are fewer candidates than places, and nobody for no places', () => {
    expect(defaultWinners(ranking, 10)).toEqual(['a', 'd', 'e', 'f', 'b', 'c']);
    expect(defaultWinners(ranking, 0)).toEqual([]);
    expect(defaultWinners([], 3)).toEqual([]);
  });

  it('is the top N when there is one category', () => {
    expect(defaultWinners([c('x', 'help', 2), c('y', 'help', 1), c('z', 'help', 3)], 2)).toEqual(['y', 'x']);
  });

  it('leaves a category out of the turns once it has its quota; the others share the rest', () => {
    // 助人为乐 may have one: its second and third candidates give way to the next categories' and then to nobody.
    expect(defaultWinners(ranking, 6, { help: 1 })).toEqual(['a', 'd', 'e', 'f']);
    expect(defaultWinners(ranking, 6, { help: 2, brave: 1 })).toEqual(['a', 'd', 'e', 'f', 'b']);
    // A quota larger than the category's candidates changes nothing.
    expect(defaultWinners(ranking, 5, { filial: 3 })).toEqual(defaultWinners(ranking, 5));
  });
});

describe('category quotas', () => {
  const cats = ['help', 'brave', 'honest'];

  it("accepts quotas of the selection's categories in whole numbers that fit in its number", () => {
    expect(quotaProblem({}, cats, 10)).toBeNull();
    expect(quotaProblem({ help: 3, brave: 2 }, cats, 5)).toBeNull();
  });

  it('refuses another category, a quota under 1 or fractional, and quotas over the number in total', () => {
    expect(quotaProblem({ filial: 1 }, cats, 10)).toBe('分类名额所属类别不在本次评选的类别中：filial');
    expect(quotaProblem({ help: 0 }, cats, 10)).toBe('分类名额须为不小于 1 的整数');
    expect(quotaProblem({ help: 1.5 }, cats, 10)).toBe('分类名额须为不小于 1 的整数');
    expect(quotaProblem({ help: 4, brave: 3 }, cats, 6)).toBe('分类名额合计 7 名，超过评选名额 6 名');
  });

  it('names the first category whose winners exceed its quota', () => {
    expect(quotaExceeded(['help', 'brave', 'help'], { help: 2 })).toBeNull();
    expect(quotaExceeded(['help', 'brave', 'help', 'help'], { help: 2, brave: 1 })).toEqual({ categoryCode: 'help', chosen: 3, quota: 2 });
    expect(quotaExceeded(['brave', 'brave'], { help: 2 })).toBeNull(); // no quota: only the selection's number bounds it
  });
});
