/** The holiday calendar: the shipped file expands to the days it means; the database's days replace it in memory. */
import { afterAll, describe, expect, it } from 'vitest';
import { daysOfFile, isWorkingDay, readHolidayFile, useCalendarDays } from './calendar';

const bj = (day: string) => new Date(`${day}T12:00:00+08:00`);

describe('the shipped 2026 file', () => {
  const days = daysOfFile(readHolidayFile());
  const off = days.filter((d) => d.kind === 'holiday').map((d) => d.day);
  const worked = days.filter((d) => d.kind === 'workday').map((d) => d.day);

  it('has the days off of the 2026 notice, from–to inclusive', () => {
    // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days off.
    expect(off).toHaveLength(33);
    expect(off.filter((d) => d.startsWith('2026-10'))).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(off.filter((d) => d.startsWith('2026-02'))).toHaveLength(9);
    expect(new Set(off).size).toBe(off.length);
  });
  it('has the weekend days worked instead, each on a Saturday or Sunday', () => {
    expect(worked.sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of worked) expect([0, 6], d).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });
});

describe('isWorkingDay', () => {
  afterAll(() => useCalendarDays(daysOfFile(readHolidayFile())));

  it('follows the calendar, then Monday–Friday', () => {
    expect(isWorkingDay(bj('2026-10-01'))).toBe(false); // 国庆, a Thursday
    expect(isWorkingDay(bj('2026-10-10'))).toBe(true); // 调休, a Saturday
    expect(isWorkingDay(bj('2026-10-11'))).toBe(false); // an ordinary Sunday
    expect(isWorkingDay(bj('2026-10-12'))).toBe(true); // an ordinary Monday
  });
  it('uses what the database holds once loaded (a local edit wins over the file)', () => {
    useCalendarDays([{ day: '2026-11-20', kind: 'holiday' }]);
    expect(isWorkingDay(bj('2026-11-20'))).toBe(false);
    // The file's days are no longer assumed: the table is the calendar.
    expect(isWorkingDay(bj('2026-10-01'))).toBe(true);
  });
});
