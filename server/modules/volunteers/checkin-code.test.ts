/** The rotating check-in code: its form, its mac, and that a changed window, activity or secret breaks it. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkinCode, macMatches, newCheckinSecret, parseCheckinCode } from './checkin-code';

describe('check-in code', () => {
  const secret = newCheckinSecret();
  const activityId = crypto.randomUUID();

  it('reads back what it wrote, and the mac holds only for the same secret, activity and window', () => {
    const code = checkinCode(secret, activityId, 59_000_123);
    expect(code).toMatch(/^CCV1\.[0-9a-f-]{36}\.59000123\.[A-Za-z0-9_-]{22}$/);
    const parsed = parseCheckinCode(code)!;
    expect(parsed).toMatchObject({ activityId, window: 59_000_123 });
    expect(macMatches(secret, parsed)).toBe(true);
    expect(macMatches(newCheckinSecret(), parsed)).toBe(false);
    expect(macMatches(secret, { ...parsed, window: parsed.window + 1 })).toBe(false);
    expect(macMatches(secret, { ...parsed, activityId: crypto.randomUUID() })).toBe(false);
    expect(macMatches(secret, { ...parsed, mac: parsed.mac.slice(0, 16) })).toBe(false);
  });

  it('codes of neighbouring windows differ', () => {
    expect(checkinCode(secret, activityId, 1)).not.toBe(checkinCode(secret, activityId, 2));
  });

  it('refuses what is not a code of ours', () => {
    for (const bad of [
      '',
      'CCV1',
      `CCV2.${activityId}.1.${'a'.repeat(22)}`,
      `CCV1.not-a-uuid.1.${'a'.repeat(22)}`,
      `CCV1.${activityId}.x.${'a'.repeat(22)}`,
      `CCV1.${activityId}.1.short`,
    ])
      expect(parseCheckinCode(bad)).toBeNull();
  });
});
