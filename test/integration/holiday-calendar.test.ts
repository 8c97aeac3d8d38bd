/**
 * The holiday calendar end to end: loaded as reference data into calendar_days, and used by the loop when a county's
 * 整改时限 counts working days. 国庆 2026: Thu 1 – Wed 7 Oct are days off, Sat 10 Oct is worked (调休).
 */
import { describe, expect, it } from 'vitest';
import { createTenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report } from '../support/problems';

describe(`holiday calendar (${engineName})`, () => {
  it('is loaded from the shipped file: 国庆 days off and the 调休 Saturday', async () => {
    const { database } = await getHarness();
    const rows = await database.db
      .selectFrom('calendar_days')
      .selectAll()
      .where('day', 'in', ['2026-10-01', '2026-10-07', '2026-10-10', '2026-02-14'])
      .orderBy('day')
      .execute();
    expect(rows.map((r) => [r.day, r.kind, r.name])).toEqual([
      ['2026-02-14', 'workday', '春节调休上班'],
      ['2026-10-01', 'holiday', '国庆节'],
      ['2026-10-07', 'holiday', '国庆节'],
      ['2026-10-10', 'workday', '国庆节调休上班'],
    ]);
    expect(rows[0].source).toContain('国务院办公厅');
  });

  it('a working-day deadline dispatched before 国庆 skips the holiday, and an extension counts the 调休 Saturday', async () => {
    const { clock } = await getHarness();
    const t = await createTenant();
    const restore = clock.now();
    clock.set(new Date('2026-09-30T10:00:00+08:00')); // Wed 30 Sep 10:00 Beijing
    try {
      const office = await t.as('office');
      const unit = await t.as('unit');
      const set = await office.request('PUT', `/api/problem-settings/regions/${t.countyId}/deadlines/urgent`, {
        hours: 24,
        workingDays: true,
        version: null,
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      const p = await report(office, t.townAId, { severity: 'urgent' });
      await act(office, p.id, 'accept');
      const dispatched = await act(office, p.id, 'dispatch', { unitId: t.unitAId });
      // One working day from Wed 30 Sep: 1–7 Oct are off → Thu 8 Oct 10:00 (not Thu 1 Oct).
      expect(new Date(dispatched.deadline).toISOString()).toBe(new Date('2026-10-08T10:00:00+08:00').toISOString());
      await act(unit, p.id, 'acknowledge');
      await act(unit, p.id, 'request_extension', { days: 2, reason: '节后备料' });
      const approved = await act(office, p.id, 'approve_extension');
      // Two more working days from Thu 8 Oct: Fri 9 (1), Sat 10 Oct worked by 调休 (2) → Sat 10 Oct 10:00.
      expect(new Date(approved.deadline).toISOString()).toBe(new Date('2026-10-10T10:00:00+08:00').toISOString());
    } finally {
      // Later files in this worker expect the clock where it was.
      clock.set(restore);
    }
  });
});
