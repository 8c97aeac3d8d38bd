/**
 * Role × endpoint matrix: for every demo role, each endpoint answers as the policy says — allowed (2xx),
 * forbidden (403) or, for a record outside the role's scope, 404. The foundation's endpoints, and the list
 * endpoints of every module (what each role may list at all; what the lists hold is access-sweep.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, TENANT_ACCOUNTS, type Tenant, type TenantAccount } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

const ALL = TENANT_ACCOUNTS;
type Key = TenantAccount;
type Expect = Partial<Record<Key, number>>;

/** Fills every role not named with `rest`. */
function expectAll(named: Record<number, Key[]>, rest: number): Record<Key, number> {
  const out = Object.fromEntries(ALL.map((k) => [k, rest])) as Record<Key, number>;
  for (const [status, keys] of Object.entries(named)) for (const k of keys) out[k] = Number(status);
  return out;
}

interface Case {
  name: string;
  call: (t: Tenant, key: Key, n: number) => Promise<{ method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown }>;
  expect: Record<Key, number>;
}

let t: Tenant;
const unitVersion = async (id: string) => {
  const { database } = await getHarness();
  return (await database.db.selectFrom('units').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
};

const CASES: Case[] = [
  {
    name: 'GET /api/regions',
    call: async () => ({ method: 'GET', url: '/api/regions' }),
    expect: expectAll({ 200: ['admin', 'security', 'office', 'leader', 'taskforce', 'inspector', 'grid', 'volunteer'] }, 403),
  },
  {
    name: 'POST /api/regions',
    call: async (t, _k, n) => ({
      method: 'POST',
      url: '/api/regions',
      body: { parentId: t.countyId, code: `${t.countyCode}${String(500 + n)}`, name: `新区划${n}`, level: 'town' },
    }),
    expect: expectAll({ 201: ['admin'], 403: ['security', 'office', 'leader', 'taskforce', 'inspector'] }, 404),
  },
  {
    name: 'GET /api/units',
    call: async () => ({ method: 'GET', url: '/api/units' }),
    expect: expectAll({ 403: ['auditor', 'volunteer'] }, 200),
  },
  {
    name: 'GET /api/units/:id (unit A)',
    call: async (t) => ({ method: 'GET', url: `/api/units/${t.unitAId}` }),
    expect: expectAll({ 200: ['admin', 'security', 'office', 'leader', 'taskforce', 'inspector', 'unit', 'unithead', 'sitelead'] }, 404),
  },
  {
    name: 'PATCH /api/units/:id contacts (unit A)',
    call: async (t, _k, n) => ({
      method: 'PATCH',
      url: `/api/units/${t.unitAId}`,
      body: { liaisonPhone: `139${String(10000000 + n)}`, version: await unitVersion(t.unitAId) },
    }),
    expect: expectAll(
      { 200: ['admin', 'office', 'unit', 'unithead'], 403: ['security', 'leader', 'taskforce', 'inspector', 'sitelead'] },
      404,
    ),
  },
  {
    name: 'PATCH /api/units/:id name (restructure unit A)',
    call: async (t, _k, n) => ({
      method: 'PATCH',
      url: `/api/units/${t.unitAId}`,
      body: { name: `城管局${t.tag}-${n}`, version: await unitVersion(t.unitAId) },
    }),
    expect: expectAll(
      { 200: ['admin', 'office'], 403: ['security', 'leader', 'taskforce', 'inspector', 'sitelead', 'unit', 'unithead'] },
      404,
    ),
  },
  {
    name: 'POST /api/units',
    call: async (t, k) => ({
      method: 'POST',
      url: '/api/units',
      body: { name: `新单位${t.tag}${k}`, type: 'county_dept', regionId: t.countyId },
    }),
    expect: expectAll({ 201: ['admin', 'office'], 403: ['security', 'leader', 'taskforce', 'inspector'] }, 404),
  },
  {
    name: 'GET /api/units/export',
    call: async () => ({ method: 'GET', url: '/api/units/export' }),
    expect: expectAll({ 200: ['admin', 'office', 'leader'] }, 403),
  },
  {
    name: 'GET /api/users',
    call: async () => ({ method: 'GET', url: '/api/users' }),
    expect: expectAll({ 200: ['security', 'office'] }, 403),
  },
  {
    name: 'POST /api/users',
    call: async (t, k) => ({
      method: 'POST',
      url: '/api/users',
      body: { username: `n${k}${t.tag}`, name: '新用户', roles: [{ role: 'volunteer', scopeId: t.townAId }] },
    }),
    expect: expectAll({ 201: ['security'] }, 403),
  },
  {
    name: 'GET /api/audit-events',
    call: async () => ({ method: 'GET', url: '/api/audit-events?pageSize=5' }),
    expect: expectAll({ 200: ['auditor'] }, 403),
  },
  {
    name: 'GET /api/audit-events/export',
    call: async (t) => ({ method: 'GET', url: `/api/audit-events/export?subjectId=${t.unitAId}` }),
    expect: expectAll({ 200: ['auditor'] }, 403),
  },
  {
    name: 'GET /api/campaigns/:id',
    call: async (t) => ({ method: 'GET', url: `/api/campaigns/${t.campaignId}` }),
    expect: expectAll({ 404: ['auditor'] }, 200),
  },
  {
    name: 'POST /api/campaigns/:id/leading-group',
    call: async (t) => ({
      method: 'POST',
      url: `/api/campaigns/${t.campaignId}/leading-group`,
      body: { name: '周国栋', post: '副县长', groupRole: 'deputy_leader', unitIds: [t.unitAId] },
    }),
    expect: expectAll({ 201: ['admin', 'office', 'taskforce'], 404: ['auditor'] }, 403),
  },
  {
    name: 'POST /api/campaigns',
    call: async (t) => ({
      method: 'POST',
      url: '/api/campaigns',
      body: {
        name: '创建国家卫生县城',
        titleType: 'sanitary_city',
        level: 'national',
        regionId: t.countyId,
        cycleStartYear: 2025,
        cycleEndYear: 2027,
      },
    }),
    expect: expectAll({ 201: ['admin', 'office'], 403: ['security', 'leader', 'taskforce', 'inspector'] }, 404),
  },
  {
    name: 'POST /api/auth/tokens',
    call: async () => ({ method: 'POST', url: '/api/auth/tokens', body: { name: '脚本' } }),
    expect: expectAll({}, 201),
  },

  // Every module's list endpoints.
  ...listCase('/api/home', expectAll({}, 200)),
  ...listCase('/api/regions/tree', expectAll({}, 200)),
  ...listCase('/api/regions/export', expectAll({ 200: ['admin', 'office', 'leader'] }, 403)),
  ...listCase('/api/campaigns', expectAll({ 403: ['auditor'] }, 200)),
  ...listCase('/api/users/export', expectAll({ 200: ['security'] }, 403)),
  // Anyone who may report follows their own reports; 三员 accounts get an empty list.
  ...listCase('/api/problems', expectAll({}, 200)),
  ...listCase('/api/problems/summary', expectAll({}, 200)),
  ...listCase('/api/problems/export', expectAll({ 200: ['office', 'leader', 'taskforce'] }, 403)),
  ...listCase('/api/problems/metrics?from=2026-11-01&to=2026-11-30', expectAll({ 200: ['office', 'leader', 'taskforce'] }, 403)),
  ...listCase('/api/problem-categories', expectAll({}, 200)),
  ...listCase('/api/problem-settings/deadlines', expectAll({ 403: ['admin', 'security', 'auditor', 'grid', 'volunteer'] }, 200)),
  ...listCase('/api/problem-settings/dispatch-rules', expectAll({ 200: ['office'] }, 403)),
  ...listCase('/api/notifications', expectAll({}, 200)),
  ...listCase('/api/sites', expectAll({ 403: ['security', 'auditor', 'volunteer'] }, 200)),
  ...listCase('/api/sites/map', expectAll({ 403: ['security', 'auditor', 'volunteer'] }, 200)),
  ...listCase('/api/sites/export', expectAll({ 200: ['admin', 'office', 'leader'] }, 403)),
  ...listCase('/api/site-types', expectAll({}, 200)),
  ...listCase('/api/standards/versions', expectAll({ 403: ['admin', 'security', 'auditor', 'grid', 'volunteer'] }, 200)),
  ...listCase('/api/inspection-rounds', expectAll({ 403: ['admin', 'security', 'auditor', 'grid', 'volunteer'] }, 200)),
  ...listCase('/api/materials', expectAll({ 200: ['office', 'leader', 'taskforce', 'unit', 'unit2', 'unithead'] }, 403)),
];

/** A GET list case. */
function listCase(url: string, expect: Record<Key, number>): Case[] {
  return [{ name: `GET ${url}`, call: async () => ({ method: 'GET', url }), expect }];
}

describe(`role × endpoint matrix (${engineName})`, () => {
  beforeAll(async () => {
    t = await createTenant();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const got: Expect = {};
      const bodies: Record<string, unknown> = {};
      let n = 0;
      for (const key of ALL) {
        const client = await t.as(key);
        const req = await c.call(t, key, n++);
        const res = await client.request(req.method, req.url, req.body);
        got[key] = res.status;
        if (res.status !== c.expect[key]) bodies[key] = res.body;
        if (res.status >= 400) {
          // Every refusal is the documented error shape with a Chinese message.
          expect(res.body.error.code).toMatch(/^[a-z_]+$/);
          expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
      expect(got, `unexpected answers: ${JSON.stringify(bodies)}`).toEqual(c.expect);
    });
  }
});
