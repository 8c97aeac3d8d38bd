import { describe, expect, it } from 'vitest';
import { beijingDay, beijingYear, formatBeijingMinute } from './beijing';

describe('the Beijing calendar', () => {
  it('turns the day at 16:00 UTC, whatever zone the process runs in', () => {
    expect(beijingDay(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(beijingDay(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
    expect(beijingDay(Date.parse('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
  });
  it('turns the year at Beijing midnight, and formats minutes on the Beijing clock', () => {
    expect(beijingYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
    expect(beijingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(formatBeijingMinute(new Date('2026-12-04T23:30:45Z'))).toBe('2026-12-05 07:30');
  });
});
