/**
 * No request may produce a 500. Every route in the OpenAPI document is called by a signed-in office user and by an
 * anonymous client with malformed input — a random or malformed id, an empty body, a body of wrong types, nonsense
 * query parameters — and must answer a 4xx (or a 2xx where the input happens to be acceptable), never a 5xx, and
 * always with the `{ error: { code, message } }` shape on errors.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { anonymous, createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let routes: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  t = await createTenant();
  const { app } = await getHarness();
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
});

// Sign-out and password changes would end the session the rest of the run uses.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);
const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
const BODIES: unknown[] = [{}, { id: 1, name: ['x'], version: 'v', page: -1, items: 'nope', state: 42 }];
const QUERY = '?page=-3&pageSize=abc&sort=%27%3Bdrop&order=sideways&from=not-a-date&to=2026-13-45&state=nonsense&overdue=maybe';

async function sweep(client: Client, label: string) {
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const check = (method: string, url: string, res: { status: number; body: unknown }) => {
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) failures.push(`${label} ${method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (res.status >= 400) {
      const body = res.body as { error?: { code?: unknown; message?: unknown } } | string;
      if (typeof body !== 'object' || typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') {
        failures.push(`${label} ${method} ${url} → ${res.status} without an error body: ${String(JSON.stringify(body)).slice(0, 120)}`);
      }
    }
  };
  for (const { method, path } of routes) {
    if (SKIP.has(`${method} ${path}`)) continue;
    for (const id of [crypto.randomUUID(), 'not-an-id', '0']) {
      const url = fill(path, id);
      if (method === 'GET' || method === 'DELETE') {
        check(method, url + QUERY, await client.request(method, url + QUERY));
        check(method, url, await client.request(method, url));
      } else {
        for (const body of BODIES) check(method, url, await client.request(method as 'POST', url, body));
        check(method, url, await client.request(method as 'POST', url, Buffer.from('{"broken json'), { headers: { 'content-type': 'application/json' } }));
      }
      if (!path.includes('{')) break;
    }
  }
  return { failures, statuses };
}

describe(`no 500 on malformed input (${engineName})`, () => {
  it('the OpenAPI document lists the routes to try', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/problems/{id}/transitions' });
  });

  it('as the county office: every route answers malformed input with a 4xx error body', async () => {
    const { failures, statuses } = await sweep(await t.as('office'), 'office');
    expect(failures).toEqual([]);
    // The sweep really reached the handlers: validation (400) and unknown ids (404) both answered many times.
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(404)).toBeGreaterThan(50);
  }, 240_000);

  it('as an administrator and as a unit liaison: the same', async () => {
    expect((await sweep(await t.as('admin'), 'admin')).failures).toEqual([]);
    expect((await sweep(await t.as('unit'), 'unit')).failures).toEqual([]);
  }, 240_000);

  it('signed out: every route answers 401 (or its public answer), never 5xx', async () => {
    const { failures, statuses } = await sweep(await anonymous(), 'anonymous');
    expect(failures).toEqual([]);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    // Only health and sign-in are public; everything else is 401 before its input is even read.
    expect(statuses.get(401)! / total).toBeGreaterThan(0.9);
    expect(statuses.get(400) ?? 0).toBeLessThan(20);
  }, 240_000);
});
