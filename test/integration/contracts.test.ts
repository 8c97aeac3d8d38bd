/**
 * API contracts (issue 8, layer 2): a route's response schema (common/contracts/) is Fastify's serializer — an
 * allow-list, so a field the contract does not name never leaves the server — and the OpenAPI document describes it.
 * Every route has one: a route without a response schema fails this test.
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

  it('every route has a response schema (JSON by its contract, files by their media type, 204 as no content)', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || path.startsWith('/api/docs')) continue;
        const described = Object.entries(op.responses ?? {}).some(([code, r]) => code.startsWith('2') && r.content);
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    if (process.env.CC_PRINT_CONTRACT_BASELINE) console.log(JSON.stringify(missing.sort()));
    expect(missing, 'routes without a response schema (give them a contract in common/contracts/)').toEqual([]);
  });
});
