/**
 * 考核指标: the counts are SQL (one query over the cohort first dispatched in the period; tested against a
 * hand-computed example in test/integration/problem-metrics.test.ts on both engines). What runs in Node is the
 * rates from those counts, their rounding, the null for an empty denominator, and "as of min(to, now)"; tested here
 * with the query answered by a fake database.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fakeDb } from '../../../test/support/fake-db';
import { problemMetrics, type ProblemCounts } from './metrics';

/** The counts one cohort statement returns (the fake database answers them). */
type Counts = ProblemCounts;

const FROM = new Date('2026-11-01T00:00:00+08:00');
const TO = new Date('2026-12-01T00:00:00+08:00');

async function metricsFor(counts: Counts, opts: { now?: Date; groupBy?: 'unit' | 'region' } = {}) {
  const { db, queries } = fakeDb(() => [{ group_id: 'uA', group_name: '城管局', ...counts }]);
  const rows = await problemMetrics(db, {
    groupBy: opts.groupBy ?? 'unit',
    from: FROM,
    to: TO,
    now: opts.now ?? new Date('2026-11-20T00:00:00+08:00'),
    scope: sql<boolean>`true`,
  });
  // The cohort statement, after the transaction's `set local enable_indexscan = off` (a bitmap over the cohort).
  const at = queries.findIndex((q) => q.sql.startsWith('select k.*'));
  expect(queries.slice(0, at).map((q) => q.sql)).toContain('set local enable_indexscan = off');
  return { row: rows[0], queries: queries.slice(at) };
}

const base: Counts = {
  dispatched: 0,
  closed: 0,
  due: 0,
  closed_on_time: 0,
  due_extended: 0,
  verified: 0,
  reworked: 0,
  extended: 0,
  overdue: 0,
  relapses: 0,
  avg_hours: null,
};

describe('problemMetrics rates', () => {
  it('computes the GB/T 30428 rates from the counts (unit A of the integration example)', async () => {
    // 派遣 5, 结案 4, 应结案 5 → 结案率 4/5 = 0.8; 按期 2 / (应结案 5 − extended-and-due 1) = 0.5;
    // 返工 1 / verified 4 = 0.25; 延期 1 / 派遣 5 = 0.2; mean 96.04 h → 96 (one decimal).
    const { row } = await metricsFor({
      dispatched: 5,
      closed: 4,
      due: 5,
      closed_on_time: 2,
      due_extended: 1,
      verified: 4,
      reworked: 1,
      extended: 1,
      overdue: 2,
      relapses: 0,
      avg_hours: 96.04,
    });
    expect(row).toEqual({
      groupId: 'uA',
      groupName: '城管局',
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
  });

  it('has no rate (null, not 0) where the denominator is empty', async () => {
    // Nothing due, nothing verified, nothing dispatched → every rate null; no closure → no mean.
    const { row } = await metricsFor(base);
    expect(row).toMatchObject({ closeRate: null, onTimeRate: null, reworkRate: null, extensionRate: null, avgRectifyHours: null });
    // 3 due, all 3 extended: 按期结案率's denominator 3 − 3 = 0 → null, while 结案率 is 1/3.
    const { row: allExtended } = await metricsFor({ ...base, dispatched: 3, due: 3, closed: 1, due_extended: 3, extended: 3 });
    expect(allExtended).toMatchObject({ closeRate: 0.3333, onTimeRate: null, extensionRate: 1 });
  });

  it('gives 0 (not null) when the denominator has problems and the numerator none', async () => {
    // Unit B of the integration example: 派遣 1, 应结案 1, nothing closed or extended.
    const { row } = await metricsFor({ ...base, dispatched: 1, due: 1, overdue: 1 });
    expect(row).toMatchObject({ closeRate: 0, onTimeRate: 0, reworkRate: null, extensionRate: 0 });
  });

  it('rounds rates to 4 decimals and hours to 1', async () => {
    // 2/3 = 0.66666… → 0.6667; 1/6 = 0.1666… → 0.1667; 1/7 = 0.142857… → 0.1429; 10.25 h → 10.3; 47.94 h → 47.9.
    const { row } = await metricsFor({
      ...base,
      dispatched: 7,
      due: 3,
      closed: 2,
      closed_on_time: 1,
      due_extended: 0,
      verified: 6,
      reworked: 1,
      extended: 1,
      avg_hours: 10.25,
    });
    expect(row).toMatchObject({ closeRate: 0.6667, onTimeRate: 0.3333, reworkRate: 0.1667, extensionRate: 0.1429, avgRectifyHours: 10.3 });
    expect((await metricsFor({ ...base, avg_hours: 47.94 })).row.avgRectifyHours).toBe(47.9);
  });
});

describe('problemMetrics period', () => {
  it('counts as of now inside the period and as of its end after it', async () => {
    // The query binds from, to, and the "as of" instant; before the period ends "as of" is now, afterwards it is `to`.
    const during = new Date('2026-11-20T00:00:00+08:00');
    const { queries: q1 } = await metricsFor(base, { now: during });
    // 应结案, 按期's extended-and-due, and 超期 each compare the deadline with "as of": three bindings of `now`.
    expect(q1[0].parameters.filter((p) => p instanceof Date && p.getTime() === during.getTime())).toHaveLength(3);
    const after = new Date('2027-01-10T00:00:00+08:00');
    const { queries: q2 } = await metricsFor(base, { now: after });
    expect(q2[0].parameters).not.toContainEqual(after);
    // The cohort is first dispatched in [from, to).
    const m = /first_dispatched_at >= \$(\d+) and p\.first_dispatched_at < \$(\d+)/.exec(q2[0].sql);
    expect(m).not.toBeNull();
    expect([q2[0].parameters[Number(m![1]) - 1], q2[0].parameters[Number(m![2]) - 1]]).toEqual([FROM, TO]);
  });
  it('groups by the unit or by the town', async () => {
    expect((await metricsFor(base, { groupBy: 'unit' })).queries[0].sql).toContain('select p.unit_id as group_id');
    // By town: the cohort is counted per region, then each region's row goes to its town through the one region
    // roll-up (platform/region-rollup.ts).
    const byTown = (await metricsFor(base, { groupBy: 'region' })).queries[0].sql;
    expect(byTown).toContain('select p.region_id as group_id');
    expect(byTown).toMatch(/select coalesce\(\(select anc\.id from regions anc[\s\S]*anc\.level = \$\d+ limit 1\), rr\.id\) as group_id/);
    expect(byTown).toContain('join regions rr on rr.id = x.group_id');
  });
});
