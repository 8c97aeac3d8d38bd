/** The sweep's thresholds as region-scoped data: nearest region wins, the shipped default otherwise. */
import { describe, expect, it } from 'vitest';
import { fakeDb } from '../../../test/support/fake-db';
import { escalationThresholds, formatHours } from './escalation-thresholds';

const rows = [
  { region_id: null, remind_before_hours: 24, escalate_after_hours: 72 },
  { region_id: 'k', remind_before_hours: 48, escalate_after_hours: 24 },
];

describe('escalationThresholds', () => {
  it("a county's row applies to its towns; another county and no region get the shipped default", async () => {
    const db = fakeDb(() => rows).db;
    expect(await escalationThresholds(db, '/c/k/t/')).toEqual({ remindBeforeHours: 48, escalateAfterHours: 24, regionId: 'k' });
    expect(await escalationThresholds(db, '/c/other/')).toEqual({ remindBeforeHours: 24, escalateAfterHours: 72, regionId: null });
    expect(await escalationThresholds(db, null)).toEqual({ remindBeforeHours: 24, escalateAfterHours: 72, regionId: null });
  });
  it('falls back to 24 h / 72 h when even the default row is missing', async () => {
    expect(await escalationThresholds(fakeDb().db, '/c/k/')).toEqual({ remindBeforeHours: 24, escalateAfterHours: 72, regionId: null });
  });
});

describe('formatHours', () => {
  it('says whole days as days, anything else in hours', () => {
    expect(formatHours(72)).toBe('3 日');
    expect(formatHours(24)).toBe('1 日');
    expect(formatHours(30)).toBe('30 小时');
  });
});
