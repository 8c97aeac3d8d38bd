/** The pure parts of the patrol day rule: month windows in Beijing days, labels, rates, distances. */
import { describe, expect, it } from 'vitest';
import { beijingMonth, monthLabel, monthWindow, rateOf } from './days';
import { distanceMetres } from './distance';

describe('patrol days', () => {
  it('a month is its Beijing days, today is the Beijing day of now', () => {
    // 2026-12-31 17:00 UTC is already 1 January 2027 in Beijing.
    const now = new Date('2026-12-31T17:00:00Z');
    expect(beijingMonth(now)).toBe('2027-01');
    expect(monthWindow('2026-12', now)).toEqual({ from: '2026-12-01', to: '2026-12-31', today: '2027-01-01' });
    expect(monthWindow('2028-02', now)).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthWindow('2026-02', now).to).toBe('2026-02-28');
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it('rates round to four decimals and are null without required days', () => {
    expect(rateOf({ required: 7, done: 4 })).toBe(0.5714);
    expect(rateOf({ required: 0, done: 0 })).toBeNull();
    expect(rateOf({ required: 3, done: 3 })).toBe(1);
  });

  it('distances on the ground (haversine)', () => {
    expect(distanceMetres({ lat: 39.2, lng: 116.3 }, { lat: 39.2, lng: 116.3 })).toBe(0);
    // 0.001° of latitude ≈ 111 m.
    expect(Math.round(distanceMetres({ lat: 39.2, lng: 116.3 }, { lat: 39.201, lng: 116.3 }))).toBe(111);
  });
});
