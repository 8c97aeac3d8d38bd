/**
 * The indicator registry's own rules: what a definition must have, the query of a period ("as of" never past its end),
 * and the statement indicatorValues wraps around a definition (subjects in scope, direction, counts as 0, rounding).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../common/period';
import { fakeDb } from '../../test/support/fake-db';
import type { Actor } from './actor';
import {
  defineIndicator,
  findIndicator,
  indicatorMeta,
  indicatorQuery,
  indicatorValues,
  listIndicators,
  type IndicatorDef,
} from './indicators';
import { definePolicy } from './policy';

definePolicy('indicatortest', { read: ['office'] });

const office: Actor = {
  id: 'u1',
  username: 'office',
  name: '创建办',
  unitId: null,
  regionId: null,
  mustChangePassword: false,
  isDemo: false,
  via: 'session',
  grants: [{ role: 'office', scopeType: 'region', scopeId: 'c', regionPath: '/city/c/' }],
};

const def = (over: Partial<IndicatorDef> = {}): IndicatorDef => ({
  code: 'unittest.rate',
  name: '测试率',
  unit: '%',
  direction: 'higher',
  subjectTypes: ['unit', 'town'],
  decimals: 4,
  description: '测试',
  sql: () => sql`select 'x' as subject_id, 1::float8 as numerator, 3::float8 as denominator, 1::float8 / 3 as value`,
  ...over,
});

describe('defineIndicator', () => {
  it('registers once per code, as module.name, with at least one subject type', () => {
    const d = defineIndicator(def({ code: 'unittest.once' }));
    expect(findIndicator('unittest.once')).toBe(d);
    expect(listIndicators().map((i) => i.code)).toContain('unittest.once');
    expect(() => defineIndicator(def({ code: 'unittest.once' }))).toThrow(/twice/);
    expect(() => defineIndicator(def({ code: 'NoModule' }))).toThrow(/module\.name/);
    expect(() => defineIndicator(def({ code: 'unittest.none', subjectTypes: [] }))).toThrow(/no subject type/);
    expect(indicatorMeta(d)).toEqual({
      code: 'unittest.once',
      name: '测试率',
      unit: '%',
      direction: 'higher',
      subjectTypes: ['unit', 'town'],
      module: 'unittest',
      description: '测试',
      decimals: 4,
    });
  });
});

describe('indicatorQuery', () => {
  it('spans the period in Beijing time and counts as of now inside it, as of its end after it', () => {
    const nov = parsePeriod('2026-11')!;
    const during = indicatorQuery(nov, 'unit', new Date('2026-11-20T00:00:00+08:00'));
    expect(during).toMatchObject({
      from: new Date('2026-11-01T00:00:00+08:00'),
      to: new Date('2026-12-01T00:00:00+08:00'),
      asOf: new Date('2026-11-20T00:00:00+08:00'),
      subjectType: 'unit',
    });
    expect(indicatorQuery(nov, 'town', new Date('2027-02-01T00:00:00Z')).asOf).toEqual(new Date('2026-12-01T00:00:00+08:00'));
  });
});

describe('indicatorValues', () => {
  const q = indicatorQuery(parsePeriod('2026-11')!, 'unit', new Date('2026-11-20T00:00:00+08:00'));

  it('joins the subjects in the reader’s scope and region, best first, rounded in SQL', async () => {
    const { db, queries } = fakeDb(() => [{ subject_id: 'uA', subject_name: '城管局', value: 0.3333, numerator: 1, denominator: 3 }]);
    const rows = await indicatorValues(db, def({ code: 'unittest.values' }), q, {
      actor: office,
      permission: 'indicatortest.read',
      regionPath: '/city/c/t/',
    });
    expect(rows).toEqual([{ subjectId: 'uA', subjectName: '城管局', value: 0.3333, numerator: 1, denominator: 3 }]);
    const { sql: text, parameters } = queries[0];
    expect(text).toContain('from units su join regions sr');
    expect(text).toContain('round((v.value)::numeric, 4)');
    expect(text).toMatch(/order by 3 desc nulls last/);
    // The grant's subtree and the asked region both bind as path prefixes.
    expect(parameters).toContain('/city/c/%');
    expect(parameters).toContain('/city/c/t/%');
  });

  it('orders lower-is-better ascending, counts empty subjects as 0, and measures towns from the region tree', async () => {
    const { db, queries } = fakeDb(() => []);
    await indicatorValues(
      db,
      def({ code: 'unittest.count', direction: 'lower', decimals: 0, zeroWhenEmpty: true }),
      { ...q, subjectType: 'town' },
      { actor: office, permission: 'indicatortest.read' },
    );
    expect(queries[0].sql).toMatch(/order by 3 asc nulls last/);
    expect(queries[0].sql).toContain('round((coalesce(v.value, 0))::numeric, 0)');
    expect(queries[0].sql).toContain('from regions sr where sr.level = $');
    expect(queries[0].parameters).toContain('town');
  });

  it('sees nothing without a grant, and refuses a subject type the indicator does not measure', async () => {
    const { db, queries } = fakeDb(() => []);
    const nobody: Actor = { ...office, grants: [] };
    await indicatorValues(db, def({ code: 'unittest.scope' }), q, { actor: nobody, permission: 'indicatortest.read' });
    expect(queries[0].sql).toMatch(/where false and true/);
    await expect(
      indicatorValues(
        db,
        def({ code: 'unittest.site' }),
        { ...q, subjectType: 'site' },
        { actor: office, permission: 'indicatortest.read' },
      ),
    ).rejects.toThrow(/does not measure/);
  });
});
