/** 期次 arithmetic, worked by hand. Beijing midnight is 16:00 UTC the day before. */
import { describe, expect, it } from 'vitest';
import {
  firstMonth,
  formatPeriod,
  parsePeriod,
  periodCodeSchema,
  periodContains,
  periodEnd,
  periodKind,
  periodLabel,
  periodOf,
  periodOfMonth,
  periodStart,
  previousPeriod,
} from './period';

describe('parse and format', () => {
  it('reads the four kinds and writes them back unchanged', () => {
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, index: 1 });
    expect(parsePeriod('2026-H2')).toEqual({ kind: 'half', year: 2026, index: 2 });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, index: 11 });
    for (const code of ['2026', '2026-H1', '2026-Q1', '2026-01', '2026-12']) expect(formatPeriod(parsePeriod(code)!)).toBe(code);
  });
  it('refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-Q5', '2026-Q0', '2026-H3', '26', '2026-11-01', ' 2026', '2026-q4', '']) {
      expect(parsePeriod(bad), bad).toBeNull();
      expect(periodCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(periodCodeSchema.safeParse('2026-11').success).toBe(true);
  });
  it('names the kind of a code', () => {
    expect([periodKind('2026'), periodKind('2026-H1'), periodKind('2026-Q3'), periodKind('2026-07')]).toEqual([
      'year',
      'half',
      'quarter',
      'month',
    ]);
  });
});

describe('labels in Chinese', () => {
  it('writes 2026年11月, 2026年第4季度, 2026年下半年, 2026年', () => {
    expect(periodLabel('2026-11')).toBe('2026年11月');
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    expect(periodLabel('2026')).toBe('2026年');
  });
});

describe('start and end in Beijing time', () => {
  it('starts at local midnight of the first day and ends (exclusive) at local midnight after the last', () => {
    expect(periodStart('2026-11')).toEqual(new Date('2026-10-31T16:00:00Z'));
    expect(periodEnd('2026-11')).toEqual(new Date('2026-11-30T16:00:00Z'));
    // December's end is the new year's first midnight.
    expect(periodEnd('2026-12')).toEqual(new Date('2027-01-01T00:00:00+08:00'));
    expect(periodStart('2026-Q4')).toEqual(new Date('2026-10-01T00:00:00+08:00'));
    expect(periodEnd('2026-Q4')).toEqual(new Date('2027-01-01T00:00:00+08:00'));
    expect(periodStart('2026-H2')).toEqual(new Date('2026-07-01T00:00:00+08:00'));
    expect(periodEnd('2026-H1')).toEqual(new Date('2026-07-01T00:00:00+08:00'));
    expect(periodStart('2026')).toEqual(new Date('2026-01-01T00:00:00+08:00'));
    expect(periodEnd('2026')).toEqual(new Date('2027-01-01T00:00:00+08:00'));
    // February of a common year: 28 days.
    expect(periodEnd('2026-02').getTime() - periodStart('2026-02').getTime()).toBe(28 * 86_400_000);
  });
  it('contains exactly [start, end)', () => {
    expect(periodContains('2026-11', new Date('2026-11-01T00:00:00+08:00'))).toBe(true);
    expect(periodContains('2026-11', new Date('2026-10-31T23:59:59+08:00'))).toBe(false);
    // 2026-11-30 23:59 Beijing is 15:59 UTC on the 30th: still November.
    expect(periodContains('2026-11', new Date('2026-11-30T15:59:59Z'))).toBe(true);
    // 2026-12-01 00:00 Beijing (16:00 UTC on Nov 30th, still November in UTC) is December.
    expect(periodContains('2026-11', new Date('2026-11-30T16:00:00Z'))).toBe(false);
    expect(periodContains('2026-Q4', new Date('2026-12-31T23:00:00+08:00'))).toBe(true);
  });
  it('finds the period of an instant by the Beijing calendar, not the UTC one', () => {
    // 2026-06-30T17:00Z is 1 July 01:00 in Beijing: July, Q3, H2.
    const at = new Date('2026-06-30T17:00:00Z');
    expect(formatPeriod(periodOf('month', at))).toBe('2026-07');
    expect(formatPeriod(periodOf('quarter', at))).toBe('2026-Q3');
    expect(formatPeriod(periodOf('half', at))).toBe('2026-H2');
    expect(formatPeriod(periodOf('year', new Date('2026-12-31T16:30:00Z')))).toBe('2027');
  });
});

describe('previous period and months', () => {
  it('steps back within the kind, across the year boundary', () => {
    expect(formatPeriod(previousPeriod('2026-11'))).toBe('2026-10');
    expect(formatPeriod(previousPeriod('2026-01'))).toBe('2025-12');
    expect(formatPeriod(previousPeriod('2026-Q1'))).toBe('2025-Q4');
    expect(formatPeriod(previousPeriod('2026-H1'))).toBe('2025-H2');
    expect(formatPeriod(previousPeriod('2026-H2'))).toBe('2026-H1');
    expect(formatPeriod(previousPeriod('2026'))).toBe('2025');
  });
  it('knows the first month of each kind and the period holding a month', () => {
    expect([
      firstMonth(parsePeriod('2026-Q4')!),
      firstMonth(parsePeriod('2026-H2')!),
      firstMonth(parsePeriod('2026')!),
      firstMonth(parsePeriod('2026-11')!),
    ]).toEqual([10, 7, 1, 11]);
    expect(formatPeriod(periodOfMonth('quarter', 2026, 9))).toBe('2026-Q3');
    expect(formatPeriod(periodOfMonth('quarter', 2026, 10))).toBe('2026-Q4');
    expect(formatPeriod(periodOfMonth('half', 2026, 6))).toBe('2026-H1');
  });
});
