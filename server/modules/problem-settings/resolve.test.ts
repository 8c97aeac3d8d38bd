/**
 * Region-scoped configuration: a setting belongs to a region or is the global default (region_id null); the value
 * at a region is the nearest ancestor's (itself first). Paths are materialised: '/city/county/town/'.
 */
import { describe, expect, it } from 'vitest';
import { fakeDb } from '../../../test/support/fake-db';
import { nearest, pathIds, resolveDeadlinePolicies, resolveDispatchRule } from './resolve';

describe('pathIds', () => {
  it('lists the regions on a path nearest first', () => {
    expect(pathIds('/city/county/town/')).toEqual(['town', 'county', 'city']);
    expect(pathIds('/city/')).toEqual(['city']);
  });
  it('gives nothing for no path, the root, or an empty string', () => {
    expect(pathIds(null)).toEqual([]);
    expect(pathIds(undefined)).toEqual([]);
    expect(pathIds('')).toEqual([]);
    expect(pathIds('/')).toEqual([]);
  });
});

describe('nearest', () => {
  const rows = [
    { region_id: null, v: 'global' },
    { region_id: 'city', v: 'city' },
    { region_id: 'county', v: 'county' },
    { region_id: 'other', v: 'another county' },
  ];
  it('takes the region itself first, then each ancestor upward', () => {
    expect(nearest('/city/county/', rows)?.v).toBe('county');
    // A town with no setting of its own inherits its county's.
    expect(nearest('/city/county/town/', rows)?.v).toBe('county');
    // Another town of the city under a county with no setting inherits the city's.
    expect(nearest('/city/county2/town/', rows)?.v).toBe('city');
  });
  it('falls back to the global default, and to nothing when there is none', () => {
    expect(nearest('/elsewhere/x/', rows)?.v).toBe('global');
    expect(nearest(null, rows)?.v).toBe('global');
    expect(
      nearest(
        '/elsewhere/',
        rows.filter((r) => r.region_id !== null),
      ),
    ).toBeUndefined();
  });
  it("never takes a sibling's or a descendant's setting", () => {
    // 'other' is a sibling county; 'county' is below the city: at the city itself only city/global apply.
    expect(nearest('/city/', rows)?.v).toBe('city');
    expect(nearest('/city/other2/', [{ region_id: 'other', v: 'x' }])).toBeUndefined();
  });
  it('does not depend on the order of the rows', () => {
    expect(nearest('/city/county/town/', [...rows].reverse())?.v).toBe('county');
  });
});

describe('resolveDeadlinePolicies', () => {
  it('gives each severity its nearest value and says where it comes from', async () => {
    // Global: normal 168 h, urgent 24 h. City sets urgent 48 h; county sets normal 120 working hours.
    const { db, queries } = fakeDb((sql) => {
      if (sql.includes('from "problem_deadline_policies"'))
        return [
          { severity: 'normal', hours: 168, working_days: false, version: 1 },
          { severity: 'urgent', hours: 24, working_days: false, version: 2 },
        ];
      if (sql.includes('from "region_deadline_policies"'))
        return [
          { region_id: 'city', severity: 'urgent', hours: '48', working_days: false, version: 1 },
          { region_id: 'county', severity: 'normal', hours: 120, working_days: true, version: 3 },
        ];
    });
    const got = await resolveDeadlinePolicies(db, '/city/county/town/');
    expect(got).toEqual([
      { severity: 'normal', hours: 120, working_days: true, version: 3, region_id: 'county' },
      { severity: 'urgent', hours: 48, working_days: false, version: 1, region_id: 'city' },
    ]);
    // Only the regions on the path are asked for, nearest first.
    expect(queries[1].parameters).toEqual(['town', 'county', 'city']);
  });
  it('uses the global defaults alone without a path (and does not ask for regional rows)', async () => {
    const { db, queries } = fakeDb((sql) =>
      sql.includes('"problem_deadline_policies"') ? [{ severity: 'normal', hours: 168, working_days: false, version: 1 }] : [],
    );
    expect(await resolveDeadlinePolicies(db, null)).toEqual([
      { severity: 'normal', hours: 168, working_days: false, version: 1, region_id: null },
    ]);
    expect(queries).toHaveLength(1);
  });
});

describe('resolveDispatchRule', () => {
  /** Rules as the query returns them (active units only; the query filters by category and path). */
  const rule = (id: string, region_id: string | null, category_code: string | null) => ({
    id,
    unit_id: `u-${id}`,
    unit_name: id,
    region_id,
    category_code,
  });
  const dbWith = (rules: ReturnType<typeof rule>[], parent: string | null = 'E01') =>
    fakeDb((sql) => {
      if (sql.includes('from "problem_categories"')) return [{ parent_code: parent }];
      if (sql.includes('from "dispatch_rules"')) return rules;
    }).db;

  it('prefers the minor class over the major class over a region-only rule, whatever the regions', async () => {
    // A global rule for the minor class E0102 beats the town's rule for the major E01 and the town's catch-all.
    const db = dbWith([rule('town-any', 'town', null), rule('town-major', 'town', 'E01'), rule('global-minor', null, 'E0102')]);
    expect((await resolveDispatchRule(db, 'E0102', '/city/county/town/'))?.id).toBe('global-minor');
  });
  it('within a tier takes the nearest region', async () => {
    const db = dbWith([rule('city-major', 'city', 'E01'), rule('county-major', 'county', 'E01'), rule('global-major', null, 'E01')]);
    expect((await resolveDispatchRule(db, 'E0102', '/city/county/town/'))?.id).toBe('county-major');
  });
  it('falls back to a region-only rule, then to none', async () => {
    expect((await resolveDispatchRule(dbWith([rule('county-any', 'county', null)]), 'E0102', '/city/county/'))?.id).toBe('county-any');
    expect(await resolveDispatchRule(dbWith([]), 'E0102', '/city/county/')).toBeNull();
  });
  it('treats a major class code as its own major (no parent)', async () => {
    const db = dbWith([rule('any', null, null), rule('major', null, 'E01')], null);
    expect((await resolveDispatchRule(db, 'E01', '/city/'))?.id).toBe('major');
  });
});
