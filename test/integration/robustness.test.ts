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
import { XMLParser } from 'fast-xml-parser';

const open311Xml = new XMLParser({ isArray: (name) => name === 'error' });

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
    // Open311 (public by the spec: reading needs no key), the key-authenticated 12345 intake and the citizens' door
    // (/api/public: 随手拍, 曝光台, 红黑榜 — answered to anyone, so malformed input is their 400) do not count toward the
    // signed-out share of 401s; they must still never answer 5xx.
    if (!url.startsWith('/open311/') && !url.startsWith('/api/hotline/orders') && !url.startsWith('/api/public/'))
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) failures.push(`${label} ${method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (res.status >= 400 && url.startsWith('/open311/')) {
      // Open311 answers errors in the spec's own format: [{ code, description }] or <errors><error>…</error></errors>.
      const body = res.body as Array<{ code?: unknown; description?: unknown }> | string;
      const first = typeof body === 'string' ? open311Xml.parse(body)?.errors?.error?.[0] : body?.[0];
      if (Number(first?.code) !== res.status || typeof first?.description !== 'string')
        failures.push(`${label} ${method} ${url} → ${res.status} without an Open311 error: ${String(JSON.stringify(body)).slice(0, 120)}`);
    } else if (res.status >= 400) {
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
        check(
          method,
          url,
          await client.request(method as 'POST', url, Buffer.from('{"broken json'), { headers: { 'content-type': 'application/json' } }),
        );
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

// ---- NUL bytes, cut-off multipart bodies, oversized URLs (issue 7) ----

type Spec = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string }>;
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { type?: unknown }> } }> };
      }
    >
  >;
};

function specOps() {
  return getHarness().then(({ app }) => {
    const spec = app.swagger() as unknown as Spec;
    return Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => ({ method: m.toUpperCase(), path, op })),
    );
  });
}

const NUL_TEXT = 'a\u0000b';

describe(`NUL bytes, cut-off uploads and oversized URLs (${engineName})`, () => {
  it('a NUL in any path parameter, query parameter or JSON string field is a 400 with the error body, on every route', async () => {
    const office = await t.as('office');
    const wrong: string[] = [];
    let sent = 0;
    for (const { method, path, op } of await specOps()) {
      if (SKIP.has(`${method} ${path}`)) continue;
      const url = fill(path, '%00');
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const query = '?' + (queryNames.length ? queryNames : ['search']).map((n) => `${n}=%00`).join('&');
      const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      const stringFields = Object.entries(props)
        .filter(([, s]) => s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')))
        .map(([k]) => k);
      const body = Object.fromEntries((stringFields.length ? stringFields : ['name']).map((k) => [k, NUL_TEXT]));
      // Each channel on its own, so one guard cannot hide a missing other: path, query, body.
      const tries: Array<[string, unknown]> = [];
      if (path.includes('{')) tries.push([url, undefined]);
      tries.push([fill(path, crypto.randomUUID()) + query, undefined]);
      if (method !== 'GET' && method !== 'DELETE') tries.push([fill(path, crypto.randomUUID()), body]);
      for (const [u, b] of tries) {
        const res = await office.request(method as 'POST', u, b);
        sent += 1;
        // Open311 words the same 400 in the spec's own error format.
        const open311 = u.startsWith('/open311/')
          ? typeof res.body === 'string'
            ? open311Xml.parse(res.body)?.errors?.error?.[0]
            : res.body?.[0]
          : null;
        if (open311 && res.status === 400 && Number(open311.code) === 400 && String(open311.description).includes('\\u0000')) continue;
        if (res.status !== 400 || res.body?.error?.code !== 'validation' || !String(res.body.error.message).includes('\\u0000')) {
          wrong.push(`${method} ${u} ${b ? JSON.stringify(b).slice(0, 80) : ''} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(150);
  }, 240_000);

  it('search=%00 on the lists is a 400, not a database error', async () => {
    const office = await t.as('office');
    for (const list of ['/api/units', '/api/problems', '/api/sites', '/api/users', '/api/audit-events']) {
      const res = await office.get(`${list}?search=%00`);
      expect([400, 403]).toContain(res.status);
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('a cut-off multipart body on every multipart route is a 4xx with the error body', async () => {
    const ops = await specOps();
    // Every route that reads a multipart body: the imports, photo upload, material submission.
    const isMultipart = (path: string) => path.endsWith('/import') || /^\/api\/(files|materials)\/?$/.test(path);
    const multipart = ops.filter(
      ({ method, path, op }) => method === 'POST' && (op.requestBody?.content?.['multipart/form-data'] || isMultipart(path)),
    );
    const paths = multipart.map((m) => m.path);
    expect(paths.length).toBeGreaterThanOrEqual(7);
    for (const known of [
      /^\/api\/files\/?$/,
      /^\/api\/materials\/?$/,
      /units\/import$/,
      /regions\/import$/,
      /users\/import$/,
      /sites\/import$/,
      /standards\/import$/,
    ]) {
      expect(
        paths.some((p) => known.test(p)),
        String(known),
      ).toBe(true);
    }
    const boundary = '----cut' + crypto.randomBytes(4).toString('hex');
    const bodies = [
      // the file part starts, the body ends mid-file (no closing boundary)
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="period"\r\n\r\n2026-11\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.from('PK\u0003\u0004 partial'),
      ]),
      // the body ends inside a part's headers
      Buffer.from(`--${boundary}\r\nContent-Disposit`),
      // a text field that never ends
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nno end`),
    ];
    const failures: string[] = [];
    const reached = new Set<string>();
    for (const role of ['office', 'admin', 'security', 'unit']) {
      const client = await t.as(role);
      for (const { path } of multipart) {
        for (const body of bodies) {
          const res = await client.request('POST', path, body, {
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          });
          if (res.status >= 500 || typeof res.body?.error?.code !== 'string' || typeof res.body?.error?.message !== 'string') {
            failures.push(`${role} POST ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          }
          if (res.status === 400) reached.add(path);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route really read the broken body as someone allowed to use it.
    expect([...reached].sort()).toEqual(paths.sort());
  }, 120_000);

  it('URLs the router refuses (an over-long parameter, a bad escape) get the error body', async () => {
    const office = await t.as('office');
    const long = await office.get(`/api/units/${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.body.error).toEqual({ code: 'uri_too_long', message: '请求地址中的参数过长' });
    const bad = await office.get('/api/units/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'bad_request', message: '请求地址格式有误' });
  });

  it("a request Node's HTTP parser refuses (a 20 KB URL) gets the error body too", async () => {
    const net = await import('node:net');
    const Fastify = (await import('fastify')).default;
    const { inputGuardOptions } = await import('../../server/platform/input-guards');
    const server = Fastify({ ...inputGuardOptions });
    server.get('/x', async () => 'ok');
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (server.server.address() as { port: number }).port;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /x?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: '请求头或地址过长' } });
    } finally {
      await server.close();
    }
  });
});
