/**
 * Log redaction: an integrator key never reaches the logs, whatever the parameter's case or percent-encoding
 * (`?api%5Fkey=` is decoded by the router to `api_key` and accepted), in URLs and in bodies. The last case runs the
 * real app with its logger on the test engine (embedded or PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTenant } from '../../test/support/factories';
import { engineName, getHarness } from '../../test/support/harness';
import { isSecretParam, redactBody, redactLogObject, redactUrl } from './log-redact';

const SECRET = 'k-7f3a9c1e5b';

describe('redactUrl', () => {
  it('redacts api_key by its decoded name, any case', () => {
    for (const name of ['api_key', 'API_KEY', 'Api_Key', 'api%5Fkey', 'api%5fkey', 'API%5FKEY', '%61pi_key', 'apiKey', 'key']) {
      const out = redactUrl(`/open311/v2/servicerequestupdates.xml?jurisdiction_id=130124&${name}=${SECRET}&start_date=x`);
      expect(out, name).toBe(`/open311/v2/servicerequestupdates.xml?jurisdiction_id=130124&${name}=[redacted]&start_date=x`);
    }
    expect(redactUrl(`/a?api%5Fkey=${SECRET}#frag`)).toBe('/a?api%5Fkey=[redacted]#frag');
    expect(redactUrl(`/a?x=1;api_key=${SECRET}`)).toBe('/a?x=1;api_key=[redacted]');
  });

  it('leaves other parameters, paths and bad escapes alone', () => {
    expect(redactUrl('/open311/v2/requests.json?service_code=E0601&keyword=api_key')).toBe(
      '/open311/v2/requests.json?service_code=E0601&keyword=api_key',
    );
    expect(redactUrl('/api_key/x')).toBe('/api_key/x');
    expect(redactUrl('/a?%E4%B8=1&monkey=2')).toBe('/a?%E4%B8=1&monkey=2');
    expect(redactUrl(undefined)).toBeUndefined();
    expect(isSecretParam('api%5Fkey')).toBe(true);
    expect(isSecretParam('api_keys')).toBe(false);
  });
});

describe('redactBody', () => {
  it('form-encoded, JSON and parsed bodies, nested, without changing the input', () => {
    expect(redactBody(`service_code=E0601&API%5FKEY=${SECRET}&lat=39.1`)).toBe('service_code=E0601&API%5FKEY=[redacted]&lat=39.1');
    expect(redactBody(JSON.stringify({ Api_Key: SECRET, orderNo: '2026120300017' }))).toBe(
      JSON.stringify({ Api_Key: '[redacted]', orderNo: '2026120300017' }),
    );
    const parsed = { API_KEY: SECRET, items: [{ api_key: SECRET, text: '人民路井盖缺失' }] };
    expect(redactBody(parsed)).toEqual({ API_KEY: '[redacted]', items: [{ api_key: '[redacted]', text: '人民路井盖缺失' }] });
    expect(parsed.API_KEY).toBe(SECRET);
    expect(redactBody('人民路井盖缺失')).toBe('人民路井盖缺失');
    expect(redactBody(null)).toBeNull();
  });

  it('a log line: url, body and query', () => {
    const line = { msg: 'x', url: `/a?api%5Fkey=${SECRET}`, body: { API_KEY: SECRET }, query: { api_key: SECRET } };
    expect(JSON.stringify(redactLogObject(line))).not.toContain(SECRET);
    const plain = { msg: 'plain' };
    expect(redactLogObject(plain)).toBe(plain);
  });
});

describe(`the app's request log (${engineName})`, () => {
  it('no encoded or upper-case api_key reaches the log, in the URL or a logged body', async () => {
    const t = await createTenant();
    const security = await t.as('security');
    const issued = await security.post('/api/integrations/keys', { integrator: `log-${t.tag}`, regionId: t.countyId });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const key: string = issued.body.key;
    const lines: string[] = [];
    const { database, clock } = await getHarness();
    const app = await buildApp({ database, clock, logLevel: 'info', serveWeb: false, logStream: { write: (l) => lines.push(l) } });
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
    app.post('/__log-body', async (req) => {
      req.log.info({ body: req.body }, 'body seen');
      return { ok: true };
    });
    await app.ready();
    try {
      const updates = await app.inject({
        method: 'GET',
        url: `/open311/v2/servicerequestupdates.json?api%5Fkey=${key}&jurisdiction_id=${t.countyCode}`,
      });
      // The router decodes the name and accepts the key (so it must be redacted from the log too).
      expect(updates.statusCode, updates.body).toBe(200);
      await app.inject({ method: 'GET', url: `/open311/v2/servicerequestupdates.xml?API%5FKEY=${key}` });
      await app.inject({
        method: 'POST',
        url: '/__log-body',
        payload: `Api%5FKey=${key}&service_code=E0601`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await app.inject({ method: 'POST', url: '/__log-body', payload: { API_KEY: key } });
    } finally {
      await app.close();
    }
    const text = lines.join('');
    expect(text).toContain('servicerequestupdates.json?api%5Fkey=[redacted]');
    expect(text).toContain('servicerequestupdates.xml?API%5FKEY=[redacted]');
    expect(text).toContain('body seen');
    expect(text).not.toContain(key);
  });
});
