/**
 * 处置时限 arithmetic. Calendar used below (Beijing time, November 2026, which has no public holiday, so these cases
 * hold with or without the holiday calendar):
 *   Mon 2 · Tue 3 · Wed 4 · Thu 5 · Fri 6 · Sat 7 · Sun 8 · Mon 9 · Tue 10 · Wed 11 · … · Wed 18 · Thu 19 · Fri 20
 */
import { describe, expect, it } from 'vitest';
import { fakeDb } from '../../../test/support/fake-db';
import { addAllowance, computeDeadline, deadlinePolicy } from './deadlines';

/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}:00+08:00`);

describe('addAllowance in calendar hours', () => {
  it('adds the hours as they are, weekends included', () => {
    // Fri 6th 10:00 + 24 h = Sat 7th 10:00: calendar mode never skips a weekend.
    expect(addAllowance(bj('2026-11-06T10:00'), 24, false)).toEqual(bj('2026-11-07T10:00'));
    // 168 h = exactly 7 days: Fri → next Fri, same time.
    expect(addAllowance(bj('2026-11-06T10:00'), 168, false)).toEqual(bj('2026-11-13T10:00'));
    // 6 h from 20:00 crosses midnight into Saturday and stays there.
    expect(addAllowance(bj('2026-11-06T20:00'), 6, false)).toEqual(bj('2026-11-07T02:00'));
  });
  it('adds nothing for zero hours, even on a Sunday', () => {
    expect(addAllowance(bj('2026-11-08T09:00'), 0, false)).toEqual(bj('2026-11-08T09:00'));
  });
});

describe('addAllowance in working days', () => {
  it('skips Saturday and Sunday for each whole day', () => {
    // Fri 6th 10:00 + 1 working day: Sat and Sun do not count → Mon 9th 10:00.
    expect(addAllowance(bj('2026-11-06T10:00'), 24, true)).toEqual(bj('2026-11-09T10:00'));
    // Fri + 3 working days: Mon (1), Tue (2), Wed (3) → Wed 11th.
    expect(addAllowance(bj('2026-11-06T10:00'), 72, true)).toEqual(bj('2026-11-11T10:00'));
    // Thu 5th 18:00 + 2 working days: Fri (1), [Sat, Sun], Mon (2) → Mon 9th 18:00.
    expect(addAllowance(bj('2026-11-05T18:00'), 48, true)).toEqual(bj('2026-11-09T18:00'));
    // Mid-week with no weekend in between: Mon 2nd + 2 working days = Wed 4th.
    expect(addAllowance(bj('2026-11-02T08:00'), 48, true)).toEqual(bj('2026-11-04T08:00'));
  });
  it('counts a 10-day extension as two working weeks', () => {
    // Wed 4th + 10 working days: Thu 5 (1) Fri 6 (2) Mon 9 (3) … Fri 13 (7) Mon 16 (8) Tue 17 (9) Wed 18 (10).
    expect(addAllowance(bj('2026-11-04T09:00'), 240, true)).toEqual(bj('2026-11-18T09:00'));
  });
  it('starts counting from a weekend as from the weekend, not from Monday', () => {
    // Sat 7th 10:00 + 1 working day: Sun (skipped), Mon 9th (1) → Mon 9th 10:00.
    expect(addAllowance(bj('2026-11-07T10:00'), 24, true)).toEqual(bj('2026-11-09T10:00'));
  });
  it('adds the part-day remainder after the whole days and moves a weekend result to Monday', () => {
    // 36 h = 1 day + 12 h. Fri 6th 10:00 → Mon 9th 10:00 (the day) → 22:00 (the 12 h), a Monday.
    expect(addAllowance(bj('2026-11-06T10:00'), 36, true)).toEqual(bj('2026-11-09T22:00'));
    // 6 h from Fri 20:00 crosses midnight to Sat 02:00, a weekend → Sun 02:00 → Mon 9th 02:00.
    expect(addAllowance(bj('2026-11-06T20:00'), 6, true)).toEqual(bj('2026-11-09T02:00'));
    // The same 6 h from Thu 20:00 ends Fri 02:00, a working day, and stays.
    expect(addAllowance(bj('2026-11-05T20:00'), 6, true)).toEqual(bj('2026-11-06T02:00'));
  });
  it('decides weekends by the Beijing calendar day, not the UTC one', () => {
    // Mon 9th 07:00 Beijing is Sun 8th 23:00 UTC. Beijing says Monday: zero hours stay put.
    // (Judged in UTC it would be Sunday and move a day, to Tue 10th 07:00 Beijing.)
    expect(addAllowance(bj('2026-11-09T07:00'), 0, true)).toEqual(bj('2026-11-09T07:00'));
    // Sat 7th 07:00 Beijing is Fri 6th 23:00 UTC. Beijing says Saturday: moves to Mon 9th 07:00.
    expect(addAllowance(bj('2026-11-07T07:00'), 0, true)).toEqual(bj('2026-11-09T07:00'));
    // Sun 8th 23:30 Beijing (15:30 UTC, still Sunday either way) → Mon 9th 23:30.
    expect(addAllowance(bj('2026-11-08T23:30'), 0, true)).toEqual(bj('2026-11-09T23:30'));
    // Fri 6th 23:00 Beijing + 2 h = Sat 01:00 Beijing (Fri 17:00 UTC): a Beijing weekend → Mon 9th 01:00.
    expect(addAllowance(bj('2026-11-06T23:00'), 2, true)).toEqual(bj('2026-11-09T01:00'));
  });
});

describe('computeDeadline', () => {
  it('applies the policy: hours, and working days when the policy counts them', () => {
    const fri = bj('2026-11-06T10:00');
    // Default policy (168 h, calendar) → Fri 13th.
    expect(computeDeadline(fri, { hours: 168, working_days: false })).toEqual(bj('2026-11-13T10:00'));
    // 5 working days from Wed 4th: Thu 5 (1) Fri 6 (2) Mon 9 (3) Tue 10 (4) Wed 11 (5) → Wed 11th.
    expect(computeDeadline(bj('2026-11-04T10:00'), { hours: 120, working_days: true })).toEqual(bj('2026-11-11T10:00'));
    // The same 120 h in calendar time from Wed 4th → Mon 9th.
    expect(computeDeadline(bj('2026-11-04T10:00'), { hours: 120, working_days: false })).toEqual(bj('2026-11-09T10:00'));
    // 24 h urgent from Fri 17:00 in working days → Mon 9th 17:00; in calendar hours → Sat 7th 17:00.
    expect(computeDeadline(bj('2026-11-06T17:00'), { hours: 24, working_days: true })).toEqual(bj('2026-11-09T17:00'));
    expect(computeDeadline(bj('2026-11-06T17:00'), { hours: 24, working_days: false })).toEqual(bj('2026-11-07T17:00'));
  });
});

describe('deadlinePolicy', () => {
  it('falls back to 168 calendar hours when no policy exists for the severity', async () => {
    const { db } = fakeDb();
    expect(await deadlinePolicy(db, 'urgent')).toEqual({ hours: 168, working_days: false });
  });
  it("takes the nearest region's policy over the global one", async () => {
    // Global urgent = 24 h calendar; the county (c) overrides with 48 h working days; the town (t) has none.
    const { db } = fakeDb((sql) => {
      if (sql.includes('"region_deadline_policies"'))
        return [{ region_id: 'c', severity: 'urgent', hours: 48, working_days: true, version: 1 }];
      if (sql.includes('"problem_deadline_policies"')) return [{ severity: 'urgent', hours: '24', working_days: false, version: 1 }];
    });
    expect(await deadlinePolicy(db, 'urgent', '/city/c/t/')).toEqual({ hours: 48, working_days: true });
    // Without a region path only the global default applies (hours as text from the driver become a number).
    expect(await deadlinePolicy(db, 'urgent')).toEqual({ hours: 24, working_days: false });
  });
});

/**
 * The holiday calendar (calendar/data/holidays.json, 国务院办公厅 2026 notice). Around 国庆 2026:
 *   Fri 18 Sep · Sat 19 · Sun 20 Sep (调休上班) · … · Fri 25 – Sun 27 (中秋) · Mon 28 · Tue 29 · Wed 30 ·
 *   Thu 1 Oct – Wed 7 Oct (国庆, days off) · Thu 8 · Fri 9 · Sat 10 Oct (调休上班) · Sun 11 · Mon 12
 * 春节 2026: Sat 14 Feb (调休上班) · Sun 15 – Mon 23 Feb (days off) · Tue 24 · … · Sat 28 Feb (调休上班)
 */
describe('addAllowance over public holidays', () => {
  it('skips the 国庆 week', () => {
    // Wed 30 Sep 10:00 + 1 working day: 1–7 Oct are days off → Thu 8 Oct 10:00.
    expect(addAllowance(bj('2026-09-30T10:00'), 24, true)).toEqual(bj('2026-10-08T10:00'));
    // Tue 29 Sep + 3 working days: Wed 30 (1), [1–7 Oct], Thu 8 (2), Fri 9 (3) → Fri 9 Oct.
    expect(addAllowance(bj('2026-09-29T10:00'), 72, true)).toEqual(bj('2026-10-09T10:00'));
    // In calendar hours the holiday counts like any day: Wed 30 Sep + 24 h = Thu 1 Oct.
    expect(addAllowance(bj('2026-09-30T10:00'), 24, false)).toEqual(bj('2026-10-01T10:00'));
  });
  it('counts a 调休 weekend day as a working day', () => {
    // Fri 9 Oct + 1 working day: Sat 10 Oct is worked (调休) → Sat 10 Oct 10:00, not Mon 12.
    expect(addAllowance(bj('2026-10-09T10:00'), 24, true)).toEqual(bj('2026-10-10T10:00'));
    // Fri 9 Oct + 2 working days: Sat 10 (1), [Sun 11], Mon 12 (2).
    expect(addAllowance(bj('2026-10-09T10:00'), 48, true)).toEqual(bj('2026-10-12T10:00'));
    // Fri 18 Sep + 1 working day: Sat 19 is off, Sun 20 Sep is worked → Sun 20 Sep.
    expect(addAllowance(bj('2026-09-18T10:00'), 24, true)).toEqual(bj('2026-09-20T10:00'));
    // A deadline falling on the 调休 Saturday stays there: Sat 10 Oct 09:00 + 0 h.
    expect(addAllowance(bj('2026-10-10T09:00'), 0, true)).toEqual(bj('2026-10-10T09:00'));
  });
  it('moves a deadline that falls on a holiday to the next working day', () => {
    // Fri 2 Oct 09:00 (国庆) + 0 h → Thu 8 Oct 09:00.
    expect(addAllowance(bj('2026-10-02T09:00'), 0, true)).toEqual(bj('2026-10-08T09:00'));
    // Wed 30 Sep 20:00 + 6 h = Thu 1 Oct 02:00, a holiday → Thu 8 Oct 02:00.
    expect(addAllowance(bj('2026-09-30T20:00'), 6, true)).toEqual(bj('2026-10-08T02:00'));
    // Thu 24 Sep + 1 working day: Fri 25 – Sun 27 are 中秋 → Mon 28 Sep.
    expect(addAllowance(bj('2026-09-24T15:00'), 24, true)).toEqual(bj('2026-09-28T15:00'));
  });
  it('runs a 5-working-day policy across 春节', () => {
    // Fri 13 Feb + 5 working days: Sat 14 (调休, 1), [15–23 Feb], Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5).
    expect(computeDeadline(bj('2026-02-13T10:00'), { hours: 120, working_days: true })).toEqual(bj('2026-02-27T10:00'));
    // + 6: Sat 28 Feb is worked too (6).
    expect(computeDeadline(bj('2026-02-13T10:00'), { hours: 144, working_days: true })).toEqual(bj('2026-02-28T10:00'));
  });
  it('judges a holiday by the Beijing calendar day', () => {
    // Thu 8 Oct 07:00 Beijing is Wed 7 Oct 23:00 UTC (a holiday in UTC terms); Beijing says 8 Oct, a working day.
    expect(addAllowance(bj('2026-10-08T07:00'), 0, true)).toEqual(bj('2026-10-08T07:00'));
  });
  it('counts Monday–Friday in a year the calendar does not list (2027 is not published in the data yet)', () => {
    // Thu 31 Dec 2026 + 1 working day → Fri 1 Jan 2027: 元旦 2027 is not in the data, so it counts as a working day.
    expect(addAllowance(bj('2026-12-31T10:00'), 24, true)).toEqual(bj('2027-01-01T10:00'));
  });
});
