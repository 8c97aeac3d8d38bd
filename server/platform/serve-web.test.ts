/** How the built web app and other answers travel: cache headers by kind of file, precompressed and on-the-fly compression. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, registerCompression, registerWebApp, REVALIDATE } from './serve-web';

const JS = 'console.log("创城");\n'.repeat(200);
const JSON_ANSWER = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `示范县第${i}号点位` })) };
let dir: string;

async function appWith(compressed: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  if (compressed) await registerCompression(app);
  app.get('/api/things', async () => JSON_ANSWER);
  await registerWebApp(app, dir, { compressed });
  await app.ready();
  return app;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-serve-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>创城</title><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'public.html'), '<!doctype html><title>创城 · 公众服务</title><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(dir, 'assets/index-AbC_12-z.js'), JS);
  fs.writeFileSync(path.join(dir, 'assets/index-AbC_12-z.js.br'), zlib.brotliCompressSync(JS));
  fs.writeFileSync(path.join(dir, 'assets/index-AbC_12-z.js.gz'), zlib.gzipSync(JS));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('sends a hashed asset as brotli, gzip or plain, as the browser accepts, cached for a year', async () => {
    const app = await appWith(true);
    const br = await app.inject({ url: '/assets/index-AbC_12-z.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': IMMUTABLE, vary: 'accept-encoding' });
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(JS);
    const gz = await app.inject({ url: '/assets/index-AbC_12-z.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers).toMatchObject({ 'content-encoding': 'gzip', 'cache-control': IMMUTABLE });
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    const plain = await app.inject({ url: '/assets/index-AbC_12-z.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body).toBe(JS);
    // The compressed copies are not addresses of their own.
    expect((await app.inject({ url: '/assets/index-AbC_12-z.js.br' })).headers['content-type']).toMatch(/text\/html/);
    await app.close();
  });

  it('makes the browser ask again for index.html (every client route), the service worker and anything unhashed', async () => {
    const app = await appWith(true);
    for (const url of ['/', '/field', '/inspect/1/2', '/index.html', '/sw.js']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
    }
    expect((await app.inject({ url: '/field' })).body).toContain('<div id="root">');
    await app.close();
  });

  it('answers the public pages (/p, /p/…, a survey link /s/…) with public.html and every other client route with index.html', async () => {
    const app = await appWith(false);
    for (const url of ['/p', '/p/', '/p/report', '/p/track/abc?x=1', '/s/AbCdEfGh12345678', '/s/AbCdEfGh12345678?town=x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('公众服务');
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
    }
    for (const url of ['/problems', '/pages', '/field', '/surveys', '/surveys/waves/1', '/settings'])
      expect((await app.inject({ url })).body, url).not.toContain('公众服务');
    await app.close();
  });

  it('compresses API answers on the fly and leaves unknown API paths a JSON 404', async () => {
    const app = await appWith(true);
    const res = await app.inject({ url: '/api/things', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString())).toEqual(JSON_ANSWER);
    const missing = await app.inject({ url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: '接口不存在' } });
    await app.close();
  });

  it('with compression off, sends everything as stored (the caching stays)', async () => {
    const app = await appWith(false);
    const asset = await app.inject({ url: '/assets/index-AbC_12-z.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers['content-encoding']).toBeUndefined();
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    expect(asset.body).toBe(JS);
    const api = await app.inject({ url: '/api/things', headers: { 'accept-encoding': 'br, gzip' } });
    expect(api.headers['content-encoding']).toBeUndefined();
    await app.close();
  });
});
