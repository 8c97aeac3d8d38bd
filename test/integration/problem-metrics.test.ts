/**
 * Loop metrics against a hand-computed example. Unit A gets five problems, unit B one, all
 * dispatched at T0; metrics are read at T0 + 10 days.
 *   P1 normal (7 d): rectified +2 d, passed                → closed on time, 48 h
 *   P2 normal: rectified +1 d, failed, rectified +3 d, passed → closed on time, reworked, 72 h
 *   P3 normal: extension +10 d approved, rectified +9 d, passed → closed, extended, 216 h
 *   P4 normal: acknowledged, never rectified               → due, overdue
 *   P5 urgent (24 h): rectified +2 d, passed                → closed late (overdue), 48 h
 *   P6 (unit B) normal: never acknowledged                  → due, overdue
 * Unit A: 派遣 5, 结案 4, 应结案 5 → 结案率 0.8; 按期 2 / (5 − 1 extended) = 0.5;
 *         返工 1 / 4 verified = 0.25; 延期 1 / 5 = 0.2; 超期 2 (P4 open, P5 late); 平均整改时长 96 h.
 * Unit B: 派遣 1, 结案 0, 应结案 1 → 结案率 0; 按期 0 / 1 = 0; 返工率 none; 超期 1.
 * A relapse of P1 afterwards adds one 派遣 and one 反弹 to unit A.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, report, uploadPhoto } from '../support/problems';

let t: Tenant;
let office: Client;
let unit: Client;
let unit2: Client;
let photo: string;
let from: Date;
let p1: string;

const DAY = 24 * 60;

describe(`problem metrics (${engineName})`, () => {
  beforeAll(async () => {
    t = await createTenant();
    [office, unit, unit2] = await Promise.all([t.asScript('office'), t.asScript('unit'), t.asScript('unit2')]);
    photo = await uploadPhoto(unit);
  });

  it('computes the GB/T 30428 rates per unit as worked out by hand', async () => {
    const { clock } = await getHarness();
    from = new Date(clock.now().getTime() - 3600_000);
    const make = async (unitId: string, severity = 'normal') => {
      const p = await report(office, t.countyId, { severity });
      await act(office, p.id, 'accept');
      await act(office, p.id, 'dispatch', { unitId });
      return p.id as string;
    };
    p1 = await make(t.unitAId);
    const p2 = await make(t.unitAId);
    const p3 = await make(t.unitAId);
    const p4 = await make(t.unitAId);
    const p5 = await make(t.unitAId, 'urgent');
    const p6 = await make(t.unitBId);
    void p6;
    for (const id of [p1, p2, p3, p4, p5]) await act(unit, id, 'acknowledge');
    await act(unit, p3, 'request_extension', { days: 10, reason: '涉及管网改造' });
    await act(office, p3, 'approve_extension');

    const rectify = (id: string) => act(unit, id, 'submit_rectification', { measures: '已整改', photoIds: [photo] });
    const pass = (id: string) => act(office, id, 'verify', { passed: true });
    clock.advanceMinutes(1 * DAY);
    await rectify(p2);
    await act(office, p2, 'verify', { passed: false, comment: '未彻底清理' });
    clock.advanceMinutes(1 * DAY); // T0 + 2 d
    await rectify(p1);
    await pass(p1);
    await rectify(p5);
    await pass(p5);
    clock.advanceMinutes(1 * DAY); // T0 + 3 d
    await rectify(p2);
    await pass(p2);
    clock.advanceMinutes(6 * DAY); // T0 + 9 d
    await rectify(p3);
    await pass(p3);
    clock.advanceMinutes(1 * DAY); // T0 + 10 d

    const to = new Date(from.getTime() + 30 * DAY * 60_000);
    const res = await office.get(`/api/problems/metrics?groupBy=unit&from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(res.status).toBe(200);
    const byUnit = new Map(res.body.items.map((r: { groupId: string }) => [r.groupId, r]));
    expect(byUnit.get(t.unitAId)).toEqual({
      groupId: t.unitAId,
      groupName: `城管局${t.tag}`,
      dispatched: 5,
      closed: 4,
      due: 5,
      closeRate: 0.8,
      closedOnTime: 2,
      onTimeRate: 0.5,
      reworked: 1,
      reworkRate: 0.25,
      extended: 1,
      extensionRate: 0.2,
      overdue: 2,
      relapses: 0,
      avgRectifyHours: 96,
    });
    expect(byUnit.get(t.unitBId)).toMatchObject({
      dispatched: 1,
      closed: 0,
      due: 1,
      closeRate: 0,
      onTimeRate: 0,
      reworkRate: null,
      extensionRate: 0,
      overdue: 1,
      avgRectifyHours: null,
    });

    const towns = await office.get(`/api/problems/metrics?groupBy=region&from=${from.toISOString()}&to=${to.toISOString()}`);
    // All six problems sit in the county itself (no town), so they group under the county.
    expect(towns.body.items).toEqual([expect.objectContaining({ groupId: t.countyId, dispatched: 6, closed: 4 })]);
  });

  it('counts a relapse found on re-check', async () => {
    const inspector = await t.asScript('inspector');
    await act(inspector, p1, 'reopen', { reason: '回头看发现反弹' });
    const { clock } = await getHarness();
    const to = new Date(from.getTime() + 30 * DAY * 60_000);
    const res = await office.get(`/api/problems/metrics?groupBy=unit&from=${from.toISOString()}&to=${to.toISOString()}`);
    const a = res.body.items.find((r: { groupId: string }) => r.groupId === t.unitAId);
    expect(a).toMatchObject({ dispatched: 6, relapses: 1, closed: 4 });
    void clock;
  });

  it('is for the office and leaders only, and checks the period', async () => {
    expect((await unit2.get(`/api/problems/metrics?from=2026-11-01&to=2026-12-01`)).status).toBe(403);
    expect((await office.get(`/api/problems/metrics?from=2026-12-01&to=2026-11-01`)).status).toBe(400);
    const leader = await t.asScript('leader');
    expect((await leader.get(`/api/problems/metrics?from=2026-11-01&to=2026-12-01`)).status).toBe(200);
  });
});
