import { describe, expect, it } from 'vitest';
import {
  codeWindow,
  distanceMetres,
  hoursToNextStar,
  placesText,
  isValidIdNumber,
  maskIdNumber,
  secondsLeftInWindow,
  serviceMinutes,
  starLevel,
  starText,
} from './volunteers';

describe('volunteer rules', () => {
  it('checks the ID number check character (GB 11643) and masks it', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100２X')).toBe(false);
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('gives stars by certified hours at the national defaults (100/300/600/1000/1500)', () => {
    expect(starLevel(99 * 60 + 59)).toBe(0);
    expect(starLevel(100 * 60)).toBe(1);
    expect(starLevel(299 * 60)).toBe(1);
    expect(starLevel(300 * 60)).toBe(2);
    expect(starLevel(1500 * 60)).toBe(5);
    expect(starLevel(120 * 60, [50, 100, 200, 400, 800])).toBe(2);
    expect(hoursToNextStar(80 * 60)).toBe(20);
    expect(hoursToNextStar(1600 * 60)).toBeNull();
    expect(starText(2)).toBe('★★ 二星志愿者');
    expect(starText(0)).toBe('未评星');
  });

  it('counts service minutes only inside the activity time', () => {
    const a = { startsAt: new Date('2026-12-12T01:00:00Z'), endsAt: new Date('2026-12-12T04:00:00Z') };
    expect(serviceMinutes(a, new Date('2026-12-12T00:30:00Z'), new Date('2026-12-12T05:00:00Z'))).toBe(180);
    expect(serviceMinutes(a, new Date('2026-12-12T01:20:00Z'), new Date('2026-12-12T03:05:30Z'))).toBe(105);
    expect(serviceMinutes(a, new Date('2026-12-12T04:10:00Z'), new Date('2026-12-12T05:00:00Z'))).toBe(0);
  });

  it('measures distance in metres and rotates the code window every 30 s', () => {
    // 0.001° of latitude is about 111 m.
    expect(Math.round(distanceMetres({ lat: 30, lng: 114 }, { lat: 30.001, lng: 114 }))).toBe(111);
    expect(distanceMetres({ lat: 30, lng: 114 }, { lat: 30, lng: 114 })).toBe(0);
    const t = new Date('2026-12-12T01:00:00Z');
    expect(codeWindow(new Date(t.getTime() + 29_999))).toBe(codeWindow(t));
    expect(codeWindow(new Date(t.getTime() + 30_000))).toBe(codeWindow(t) + 1);
    expect(secondsLeftInWindow(t)).toBe(30);
    expect(secondsLeftInWindow(new Date(t.getTime() + 12_000))).toBe(18);
  });
});

describe('placesText', () => {
  it('says the places left of the capacity, and that a full activity still takes the waiting list', () => {
    expect(placesText({ capacity: 10, taken: 3 })).toBe('还剩 7 个名额（共 10 个）');
    expect(placesText({ capacity: 2, taken: 2 })).toBe('名额已满，可报名候补');
    expect(placesText({ capacity: 2, taken: 5 })).toBe('名额已满，可报名候补');
  });
});
