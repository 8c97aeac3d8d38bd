import { describe, expect, it } from 'vitest';
import { parseExifTime } from './read-exif';

describe('parseExifTime', () => {
  it('reads EXIF local time as Beijing time unless the photo names its offset', () => {
    expect(parseExifTime('2024:05:01 10:30:00')?.toISOString()).toBe('2024-05-01T02:30:00.000Z');
    expect(parseExifTime('2024:05:01 10:30:00', '+02:00')?.toISOString()).toBe('2024-05-01T08:30:00.000Z');
    expect(parseExifTime('2024:05:01 10:30:00', 'garbage')?.toISOString()).toBe('2024-05-01T02:30:00.000Z');
  });

  it('rejects blank, zeroed and impossible values instead of rolling them over', () => {
    for (const v of [
      '',
      '0000:00:00 00:00:00',
      '2024:02:30 10:00:00',
      '2023:02:29 10:00:00',
      '2024:13:01 10:00:00',
      '2024:05:01 24:00:00',
      42,
      null,
    ]) {
      expect(parseExifTime(v)).toBeNull();
    }
    expect(parseExifTime('2024:02:29 10:00:00')?.toISOString()).toBe('2024-02-29T02:00:00.000Z');
  });
});
