/** The pure rules of projects: 倒排工期 from the hand-over date, milestone order, the outline. */
import { describe, expect, it } from 'vitest';
import { outlineAreaM2 } from '../../../common/contracts/project-outline';
import { AppError } from '../../platform/errors';
import { addDays, checkGivenMilestones, normaliseOutline, planMilestones } from './project-checks';

const dates = (plan: ReturnType<typeof planMilestones>) => plan.map((m) => m.plannedDate);

describe('projects: planning milestones back from the hand-over date', () => {
  it('plans 150/120/90/30/10/0 days before 交账', () => {
    expect(dates(planMilestones('2027-06-30', '2026-12-09'))).toEqual([
      '2027-01-31',
      '2027-03-02',
      '2027-04-01',
      '2027-05-31',
      '2027-06-20',
      '2027-06-30',
    ]);
  });

  it('never plans before a year ago (today − 365): a late-registered project starts from there', () => {
    // floor 2025-12-09; 立项 2025-08-04, 设计 09-03, 开工 10-03, 主体完工 12-02 fall before it.
    expect(dates(planMilestones('2026-01-01', '2026-12-09'))).toEqual([
      '2025-12-09',
      '2025-12-09',
      '2025-12-09',
      '2025-12-09',
      '2025-12-22',
      '2026-01-01',
    ]);
    // A hand-over longer than a year ago: everything on the hand-over day.
    expect(new Set(dates(planMilestones('2025-06-01', '2026-12-09')))).toEqual(new Set(['2025-06-01']));
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-20', -150)).toBe('2026-07-23');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('projects: given milestones and outlines', () => {
  const six = (planned: string[], actual: Array<string | null> = []) =>
    (['approval', 'design', 'start', 'structure', 'acceptance', 'handover'] as const).map((kind, i) => ({
      kind,
      plannedDate: planned[i],
      actualDate: actual[i] ?? null,
    }));
  const ok = ['2026-07-01', '2026-08-01', '2026-09-01', '2026-11-01', '2026-12-01', '2026-12-20'];
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(422);
      return (e as AppError).message;
    }
    throw new Error('not refused');
  };

  it('keeps equal dates, refuses going backwards, a 交账 off the hand-over date and a duplicate kind', () => {
    expect(
      checkGivenMilestones(
        six(['2026-12-20', '2026-12-20', '2026-12-20', '2026-12-20', '2026-12-20', '2026-12-20']),
        '2026-12-20',
        '2026-12-09',
      ),
    ).toHaveLength(6);
    expect(refusal(() => checkGivenMilestones(six([ok[0], ok[2], ok[1], ok[3], ok[4], ok[5]]), '2026-12-20', '2026-12-09'))).toContain(
      '开工',
    );
    expect(refusal(() => checkGivenMilestones(six(ok), '2026-12-21', '2026-12-09'))).toContain('交账');
    const dup = six(ok);
    dup[1] = { ...dup[0] };
    expect(refusal(() => checkGivenMilestones(dup, '2026-12-20', '2026-12-09'))).toContain('重复');
  });

  it('closes an open ring, keeps a closed one, refuses a line and repeated points', () => {
    const square: Array<[number, number]> = [
      [114, 30],
      [114.01, 30],
      [114.01, 30.01],
    ];
    expect(normaliseOutline(square)).toEqual([...square, square[0]]);
    expect(normaliseOutline([...square, square[0]])).toEqual([...square, square[0]]);
    expect(normaliseOutline(null)).toBeNull();
    expect(
      refusal(() =>
        normaliseOutline([
          [114, 30],
          [114.01, 30.01],
          [114.02, 30.02],
        ]),
      ),
    ).toContain('直线');
    expect(
      refusal(() =>
        normaliseOutline([
          [114, 30],
          [114, 30],
          [114.01, 30.01],
          [114, 30],
        ]),
      ),
    ).toContain('3 个不同的点');
  });

  it('refuses a point outside China (a swapped [lat, lng] too), a bow-tie and more than 500 points', () => {
    expect(
      refusal(() =>
        normaliseOutline([
          [30, 114],
          [30.01, 114],
          [30.01, 114.01],
        ]),
      ),
    ).toContain('第 1 个点不在中国境内');
    expect(
      refusal(() =>
        normaliseOutline([
          [114, 30],
          [114.01, 30],
          [-0.1, 51.5],
        ]),
      ),
    ).toContain('第 3 个点不在中国境内');
    // 0,0 → 1,1 → 1,0 → 0,1 crosses itself.
    expect(
      refusal(() =>
        normaliseOutline([
          [114, 30],
          [114.01, 30.01],
          [114.01, 30],
          [114, 30.01],
        ]),
      ),
    ).toContain('边不能相互交叉');
    const circle = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => [114 + 0.01 * Math.cos((2 * Math.PI * i) / n), 30 + 0.01 * Math.sin((2 * Math.PI * i) / n)] as [number, number],
      );
    expect(normaliseOutline(circle(500))).toHaveLength(501);
    expect(refusal(() => normaliseOutline(circle(501)))).toContain('最多 500 个点');
  });

  it('measures an outline in square metres', () => {
    // About 100 m × 100 m at 30°N: 0.001038° of longitude, 0.000904° of latitude.
    const area = outlineAreaM2([
      [114, 30],
      [114.001038, 30],
      [114.001038, 30.000904],
      [114, 30.000904],
    ]);
    expect(area).toBeGreaterThan(9_900);
    expect(area).toBeLessThan(10_100);
  });
});
