/**
 * API contracts (issue 8, layer 2): a route's response schema (common/contracts/) is Fastify's serializer — an
 * allow-list, so a field the contract does not name never leaves the server — and the OpenAPI document describes it.
 * Modules move onto contracts one by one; `WITHOUT_CONTRACT` lists the JSON routes still without a response schema,
 * and a new route must come with one (the list may only shrink).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { regionResponse } from '../../common/contracts';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let spec: { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>> };

beforeAll(async () => {
  t = await createTenant();
  spec = (await getHarness()).app.swagger() as typeof spec;
});

/**
 * Routes with no 2xx response schema yet (JSON routes awaiting their module's contract, and file/204 answers).
 * Remove lines as modules get their contracts; never add one.
 */
const BASELINE = new Set<string>([
  'DELETE /api/auth/tokens/{id}',
  'DELETE /api/campaigns/{id}',
  'DELETE /api/campaigns/{id}/leading-group/{memberId}',
  'DELETE /api/notifications/settings/regions/{regionId}/thresholds',
  'DELETE /api/problem-categories/{code}/regions/{regionId}',
  'DELETE /api/problem-settings/dispatch-rules/{id}',
  'DELETE /api/problem-settings/regions/{regionId}/deadlines/{severity}',
  'DELETE /api/sites/{id}',
  'DELETE /api/units/{id}',
  'GET /api/audit-events/',
  'GET /api/audit-events/anchor',
  'GET /api/audit-events/export',
  'GET /api/audit-events/verify',
  'GET /api/auth/session',
  'GET /api/auth/tokens',
  'GET /api/campaigns/',
  'GET /api/campaigns/{id}',
  'GET /api/files/{id}',
  'GET /api/files/{id}/evidence',
  'GET /api/files/{id}/meta',
  'GET /api/files/{id}/thumbnail',
  'GET /api/health',
  'GET /api/home/',
  'GET /api/inspection-rounds/',
  'GET /api/inspection-rounds/{id}',
  'GET /api/inspection-rounds/{id}/checklist',
  'GET /api/inspection-rounds/{id}/report',
  'GET /api/inspection-rounds/{id}/report/bulletin',
  'GET /api/inspection-rounds/{id}/report/export',
  'GET /api/materials/',
  'GET /api/materials/completeness',
  'GET /api/materials/{id}',
  'GET /api/materials/{id}/files/{fileId}',
  'GET /api/notifications/',
  'GET /api/notifications/settings',
  'GET /api/problem-categories/',
  'GET /api/problem-settings/deadlines',
  'GET /api/problem-settings/dispatch-rules',
  'GET /api/problems/',
  'GET /api/problems/export',
  'GET /api/problems/metrics',
  'GET /api/problems/summary',
  'GET /api/problems/{id}',
  'GET /api/problems/{id}/dispatch-suggestion',
  'GET /api/site-types/',
  'GET /api/sites/',
  'GET /api/sites/export',
  'GET /api/sites/import-template',
  'GET /api/sites/map',
  'GET /api/sites/{id}',
  'GET /api/standards/by-unit/{id}',
  'GET /api/standards/import-template',
  'GET /api/standards/versions',
  'GET /api/standards/versions/{id}/diff/{other}',
  'GET /api/standards/versions/{id}/export',
  'GET /api/standards/versions/{id}/tree',
  'GET /api/standards/{id}',
  'GET /api/supervision-notices/{id}/print',
  'GET /api/units/',
  'GET /api/units/export',
  'GET /api/units/import-template',
  'GET /api/units/{id}',
  'GET /api/users/',
  'GET /api/users/export',
  'GET /api/users/import-template',
  'GET /api/users/login-locks',
  'GET /api/users/privileged-changes',
  'GET /api/users/privileged-changes/{id}',
  'GET /api/users/{id}',
  'PATCH /api/campaigns/{id}',
  'PATCH /api/campaigns/{id}/leading-group/{memberId}',
  'PATCH /api/problem-categories/{code}',
  'PATCH /api/problem-settings/deadlines/{severity}',
  'PATCH /api/sites/{id}',
  'PATCH /api/units/{id}',
  'PATCH /api/users/{id}',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/tokens',
  'POST /api/campaigns/',
  'POST /api/campaigns/{id}/leading-group',
  'POST /api/files/',
  'POST /api/inspection-rounds/',
  'POST /api/inspection-rounds/{id}/release',
  'POST /api/inspection-rounds/{id}/visits',
  'POST /api/materials/',
  'POST /api/materials/{id}/review',
  'POST /api/notifications/read-all',
  'POST /api/notifications/{id}/read',
  'POST /api/problem-categories/',
  'POST /api/problem-settings/dispatch-rules',
  'POST /api/problems/',
  'POST /api/problems/bulk-transitions',
  'POST /api/problems/{id}/transitions',
  'POST /api/sites/',
  'POST /api/sites/import',
  'POST /api/standards/import',
  'POST /api/standards/versions/{id}/clone',
  'POST /api/units/',
  'POST /api/units/import',
  'POST /api/users/',
  'POST /api/users/import',
  'POST /api/users/login-locks/release',
  'POST /api/users/privileged-changes/{id}/approve',
  'POST /api/users/privileged-changes/{id}/reject',
  'POST /api/users/{id}/reset-password',
  'POST /api/users/{id}/unlock',
  'PUT /api/notifications/settings/regions/{regionId}/thresholds',
  'PUT /api/problem-categories/{code}/regions/{regionId}',
  'PUT /api/problem-settings/regions/{regionId}/deadlines/{severity}',
]);

describe(`API contracts (${engineName})`, () => {
  it('the regions module answers exactly what its contract names (the serializer is an allow-list)', async () => {
    const office = await t.asScript('office');
    const one = await office.get(`/api/regions/${t.townAId}`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.body).sort()).toEqual(
      Object.keys(regionResponse.shape)
        .filter((k) => k !== 'childCount')
        .sort(),
    );
    expect(regionResponse.safeParse({ ...one.body, version: one.body.version }).success).toBe(true);
    const list = await office.get(`/api/regions?parentId=${t.countyId}`);
    expect(list.status).toBe(200);
    for (const item of list.body.items) expect(Object.keys(item).sort()).toEqual(Object.keys(regionResponse.shape).sort());
    const tree = await office.get('/api/regions/tree');
    expect(tree.body.items[0]).toEqual(expect.objectContaining({ id: expect.any(String), children: expect.any(Array) }));
  });

  it('the OpenAPI document describes the regions responses', () => {
    const get = spec.paths['/api/regions/{id}'].get;
    expect(get.responses?.['200']?.content).toBeTruthy();
    expect(
      spec.paths['/api/regions/'].get.responses?.['200']?.content ?? spec.paths['/api/regions'].get.responses?.['200']?.content,
    ).toBeTruthy();
  });

  it('no new JSON route comes without a response schema', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || path.startsWith('/api/docs')) continue;
        const described = Object.entries(op.responses ?? {}).some(([code, r]) => code.startsWith('2') && r.content);
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    if (process.env.CC_PRINT_CONTRACT_BASELINE) console.log(JSON.stringify(missing.sort()));
    expect(
      missing.filter((r) => !BASELINE.has(r)),
      'routes without a response schema (give them a contract in common/contracts/)',
    ).toEqual([]);
  });
});
