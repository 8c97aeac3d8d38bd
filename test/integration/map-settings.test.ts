/**
 * 底图设置 (issue 9, "Maps"): the system administrator sets the base map — the deployment default and a county's
 * own, inherited by its towns — every signed-in role reads what its maps draw, the 天地图 key reaches signed-in
 * users only (never an anonymous caller, never the audit trail, never anyone while 天地图 is off), bad addresses are
 * a Chinese 400, stale versions a 409, and 内网瓦片 come through the app from the tile server that applies.
 *
 * The deployment default is shared by every tenant on a long-lived database (and by the sweeps running beside this
 * file), so this file changes only what no other reader can see: the default's stored-but-inactive values, then puts
 * them back. What switching the default looks like is the browser test's (test/e2e/maps.e2e.test.ts, its own
 * database).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Res } from '../support/client';
import { createTenant, TENANT_ACCOUNTS, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

const KEY = '0123456789abcdef0123456789abcdef';
const OTHER_KEY = 'fedcba9876543210fedcba9876543210';

let t: Tenant;
let other: Tenant;
let admin: Client;
let office: Client;
let tiles: http.Server;
let tileBase = '';
const tileHits: string[] = [];
let png: Buffer;

const settingsOf = (over: Record<string, unknown> = {}) => ({
  kind: 'none',
  tiandituLayer: 'vec',
  tiandituKey: null,
  tileUrl: null,
  tileMaxZoom: 18,
  attribution: '',
  version: null,
  ...over,
});

const must = (res: Res, status: number) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  return res.body;
};

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  admin = await t.as('admin');
  office = await t.as('office');
  png = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 200, g: 220, b: 240 } } })
    .png()
    .toBuffer();
  // A tile server of the test's own: PNG tiles under /tiles/, a web page under /page/, nothing under /missing/.
  tiles = http.createServer((req, res) => {
    tileHits.push(req.url ?? '');
    if (req.url?.startsWith('/tiles/')) res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else if (req.url?.startsWith('/page/')) res.writeHead(200, { 'content-type': 'image/png' }).end('<html>not a tile</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  tileBase = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => tiles?.close(resolve));
});

describe(`map settings (${engineName})`, () => {
  it('every signed-in role reads what its maps draw; an anonymous caller gets 401 and nothing else', async () => {
    for (const key of TENANT_ACCOUNTS) {
      const c = await t.as(key);
      const res = must(await c.get('/api/map-settings'), 200);
      expect(res.baseMap, key).toEqual({ kind: 'none', layers: [], attribution: '' });
      // The stored values are the administrator's; everyone else gets what the map needs.
      if (key === 'admin') expect(res.settings).not.toBeNull();
      else expect(res.settings, key).toBeNull();
      expect(res.abilities.update, key).toBe(key === 'admin');
    }
    const anonymous = await new Client((await getHarness()).app).get('/api/map-settings');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/登录/);
  });

  it("the administrator sets a county's 天地图; its towns and units inherit it, the other county does not, and the key reaches no anonymous caller", async () => {
    const saved = must(
      await admin.request(
        'PUT',
        `/api/map-settings/regions/${t.countyId}`,
        settingsOf({ kind: 'tianditu', tiandituKey: KEY, attribution: '审图号：GS(2024)0568号' }),
      ),
      200,
    );
    expect(saved.source).toEqual({ regionId: t.countyId, regionName: expect.stringContaining('测试县'), inherited: false });
    expect(saved.version).toBe(1);
    expect(saved.baseMap.kind).toBe('tianditu');
    expect(saved.baseMap.layers.map((l: { url: string; labels: boolean }) => [l.url.split('?')[0], l.labels])).toEqual([
      ['https://t{s}.tianditu.gov.cn/vec_w/wmts', false],
      ['https://t{s}.tianditu.gov.cn/cva_w/wmts', true],
    ]);
    expect(saved.baseMap.layers[0].url).toContain(`tk=${KEY}`);
    expect(saved.baseMap.attribution).toBe('审图号：GS(2024)0568号');

    // The county office's maps (its home region), a grid worker in a town and a unit inside the county inherit it.
    for (const key of ['office', 'leader', 'grid', 'unit', 'sitelead', 'inspector']) {
      const res = must(await (await t.as(key)).get('/api/map-settings'), 200);
      expect(res.baseMap.kind, key).toBe('tianditu');
      expect(res.baseMap.layers[0].url, key).toContain(KEY);
      expect(res.source.regionId, key).toBe(t.countyId);
    }
    const town = must(await (await t.as('grid')).get('/api/map-settings'), 200);
    expect(town.region.id).toBe(t.townAId);
    expect(town.source.inherited).toBe(true);
    // The other county draws no base map and never sees this one's key.
    const elsewhere = await (await other.as('office')).get('/api/map-settings');
    expect(elsewhere.body.baseMap.kind).toBe('none');
    expect(JSON.stringify(elsewhere.body)).not.toContain(KEY);
    const peek = await (await other.as('office')).get(`/api/map-settings?regionId=${t.countyId}`);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.body)).not.toContain(KEY);

    // Signed out, nothing: not the settings, not a tile.
    const anonymous = new Client((await getHarness()).app);
    for (const url of ['/api/map-settings', `/api/map-settings?regionId=${t.countyId}`, '/api/map-settings/tiles/1/0/0']) {
      const res = await anonymous.get(url);
      expect(res.status, url).toBe(401);
      expect(res.raw.toString('utf8')).not.toContain(KEY);
    }

    // The audit trail records the change with the key cut to its last four characters.
    const { database } = await getHarness();
    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_type', '=', 'map_settings')
      .where('subject_id', '=', t.countyId)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['map_settings.updated']);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(JSON.stringify(events[0].after)).toContain(`…${KEY.slice(-4)}`);

    // 影像 with its 注记; then the kind switches off and the key, kept for later, leaves with nobody's maps.
    const img = must(
      await admin.request(
        'PUT',
        `/api/map-settings/regions/${t.countyId}`,
        settingsOf({ kind: 'tianditu', tiandituLayer: 'img', tiandituKey: KEY, version: 1 }),
      ),
      200,
    );
    expect(img.baseMap.layers.map((l: { url: string }) => l.url.split('?')[0].split('/')[3])).toEqual(['img_w', 'cia_w']);
    must(
      await admin.request('PUT', `/api/map-settings/regions/${t.countyId}`, settingsOf({ kind: 'none', tiandituKey: KEY, version: 2 })),
      200,
    );
    const off = must(await office.get('/api/map-settings'), 200);
    expect(off.baseMap).toEqual({ kind: 'none', layers: [], attribution: '' });
    expect(JSON.stringify(off)).not.toContain(KEY);
    const kept = must(await admin.get(`/api/map-settings?regionId=${t.countyId}`), 200);
    expect(kept.settings.tiandituKey).toBe(KEY);
    expect(kept.version).toBe(3);
  });

  it('only the system administrator sets the base map: others get 403 (a region of another county: the same 403), and nothing changes', async () => {
    const body = settingsOf({ kind: 'tianditu', tiandituKey: OTHER_KEY });
    const before = must(await admin.get(`/api/map-settings?regionId=${t.townBId}`), 200);
    for (const key of TENANT_ACCOUNTS.filter((k) => k !== 'admin')) {
      const c = await t.as(key);
      for (const [method, url, payload] of [
        ['PUT', `/api/map-settings/regions/${t.townBId}`, body],
        ['PUT', `/api/map-settings/regions/${other.townBId}`, body],
        ['DELETE', `/api/map-settings/regions/${t.countyId}`, undefined],
        ['PUT', '/api/map-settings', { ...body, version: 1 }],
      ] as const) {
        const res = await c.request(method, url, payload);
        expect(res.status, `${key} ${method} ${url}`).toBe(403);
        expect(res.body.error.message).toMatch(/权限/);
      }
      // Only the administrator may preview an unsaved tile server through the app.
      const preview = await c.get(`/api/map-settings/tiles/1/0/0?url=${encodeURIComponent(`${tileBase}/tiles/{z}/{x}/{y}.png`)}`);
      expect(preview.status, key).toBe(403);
    }
    expect(must(await admin.get(`/api/map-settings?regionId=${t.townBId}`), 200)).toEqual(before);
    // A county office reads its own region's settings and those above, never another county's.
    expect((await office.get(`/api/map-settings?regionId=${t.townBId}`)).status).toBe(200);
    expect((await office.get(`/api/map-settings?regionId=${other.countyId}`)).status).toBe(404);
    // The administrator's region must exist.
    expect((await admin.request('PUT', `/api/map-settings/regions/${crypto.randomUUID()}`, body)).status).toBe(404);
  });

  it('bad addresses and keys are a 400 with the reason in Chinese, and write nothing', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ kind: 'tiles', tileUrl: 'ftp://tiles.example.gov.cn/{z}/{x}/{y}.png' }, /http:\/\/ 或 https:\/\//],
      [{ kind: 'tiles', tileUrl: 'https://tiles.example.gov.cn/{z}/{x}.png' }, /须包含 \{y\}/],
      [{ kind: 'tiles', tileUrl: 'https://tiles.example.gov.cn/tile.png' }, /须包含 \{z\}、\{x\}、\{y\}/],
      [{ kind: 'tiles', tileUrl: 'https://{s}.tiles.example.gov.cn/{z}/{x}/{y}.png' }, /不支持占位符 \{s\}/],
      [{ kind: 'tiles', tileUrl: 'https://{z}.example.gov.cn/{x}/{y}.png' }, /主机名中不能有占位符/],
      [{ kind: 'tiles', tileUrl: 'https://user:secret@tiles.example.gov.cn/{z}/{x}/{y}.png' }, /用户名或密码/],
      [{ kind: 'tiles', tileUrl: 'javascript:alert(1)//{z}/{x}/{y}' }, /http:\/\/ 或 https:\/\//],
      [{ kind: 'tiles', tileUrl: '   ' }, /请填写瓦片地址/],
      [{ kind: 'tiles' }, /请填写瓦片地址/],
      // A value of another kind is checked too: it is kept for later.
      [{ kind: 'none', tileUrl: 'tiles.example.gov.cn/{z}/{x}/{y}' }, /不是有效的网址/],
      [{ kind: 'tianditu', tiandituKey: null }, /请填写天地图密钥/],
      [{ kind: 'tianditu', tiandituKey: 'abc' }, /32 位字母或数字/],
      [{ kind: 'tianditu', tiandituKey: `${KEY.slice(0, 31)}"` }, /32 位字母或数字/],
      [{ kind: 'osm' }, /底图类型/],
      [{ kind: 'tiles', tileUrl: `${tileBase}/tiles/{z}/{x}/{y}.png`, tileMaxZoom: 30 }, /最大级别最多为 22/],
      [{ attribution: '审'.repeat(201) }, /最多 200 字/],
    ];
    for (const [over, message] of cases) {
      const res = await admin.request('PUT', `/api/map-settings/regions/${t.townBId}`, settingsOf(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.message, JSON.stringify(over)).toMatch(message);
    }
    const res = await admin.get(`/api/map-settings?regionId=${t.townBId}`);
    expect(res.body.source.regionId).toBe(t.countyId);
    expect(res.body.version).toBeNull();
  });

  it('a stale version is a 409: creating what exists, changing what someone else changed, the default included', async () => {
    const created = must(await admin.request('PUT', `/api/map-settings/regions/${t.townBId}`, settingsOf({ attribution: '河西镇' })), 200);
    expect(created.version).toBe(1);
    const again = await admin.request('PUT', `/api/map-settings/regions/${t.townBId}`, settingsOf({ attribution: '又一次' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('version_conflict');
    must(await admin.request('PUT', `/api/map-settings/regions/${t.townBId}`, settingsOf({ attribution: '第二版', version: 1 })), 200);
    const stale = await admin.request('PUT', `/api/map-settings/regions/${t.townBId}`, settingsOf({ attribution: '过时', version: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/已被他人修改/);
    // Two administrators creating the same region's row at once: one wins.
    const racers = await Promise.all(
      [1, 2].map(async (n) =>
        (await t.as('admin')).request('PUT', `/api/map-settings/regions/${t.townAId}`, settingsOf({ attribution: `第${n}位` })),
      ),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([200, 409]);
    const dflt = must(await admin.get('/api/map-settings'), 200);
    const staleDefault = await admin.request('PUT', '/api/map-settings', { ...dflt.settings, version: dflt.version - 1 || 999_999 });
    expect(staleDefault.status).toBe(409);
    // Back to inheriting: the town draws the county's again; a second reset finds nothing.
    const reset = must(await admin.delete(`/api/map-settings/regions/${t.townAId}`), 200);
    expect(reset.source).toEqual(expect.objectContaining({ regionId: t.countyId, inherited: true }));
    expect(reset.abilities.reset).toBe(false);
    expect((await admin.delete(`/api/map-settings/regions/${t.townAId}`)).status).toBe(404);
  });

  it('the deployment default keeps the values of kinds that are off, shown to the administrator only', async () => {
    const before = must(await admin.get('/api/map-settings'), 200);
    expect(before.region).toBeNull();
    expect(before.abilities).toEqual({ update: true, reset: false });
    const { settings, version } = before;
    // Still 无底图 for everyone; the key and the tile server are kept for when the administrator switches.
    const saved = must(
      await admin.request('PUT', '/api/map-settings', {
        ...settings,
        kind: settings.kind,
        tiandituKey: OTHER_KEY,
        tileUrl: `${tileBase}/tiles/{z}/{x}/{y}.png`,
        version,
      }),
      200,
    );
    expect(saved.version).toBe(version + 1);
    expect(saved.settings.tiandituKey).toBe(OTHER_KEY);
    try {
      const seen = must(await (await other.as('office')).get('/api/map-settings'), 200);
      if (settings.kind === 'none') expect(seen.baseMap.kind).toBe('none');
      expect(JSON.stringify(seen)).not.toContain(OTHER_KEY);
      expect(seen.settings).toBeNull();
    } finally {
      must(await admin.request('PUT', '/api/map-settings', { ...settings, version: version + 1 }), 200);
    }
  });

  it('内网瓦片 come through the app from the tile server that applies, as PNG/JPEG/WebP only', async () => {
    const template = `${tileBase}/tiles/{z}/{x}/{-y}.png`;
    const saved = must(
      await admin.request('PUT', `/api/map-settings/regions/${t.countyId}`, {
        ...settingsOf({ kind: 'tiles', tileUrl: template, tileMaxZoom: 16, attribution: '示范县自然资源局' }),
        version: (await admin.get(`/api/map-settings?regionId=${t.countyId}`)).body.version,
      }),
      200,
    );
    const layer = saved.baseMap.layers[0];
    expect(layer).toEqual({
      url: expect.stringMatching(/^\/api\/map-settings\/tiles\/\{z\}\/\{x\}\/\{y\}\?rev=[0-9a-f]{8}$/),
      subdomains: '',
      maxZoom: 16,
      labels: false,
    });
    // The tile server's address stays on the server: the maps ask the app.
    expect(JSON.stringify((await office.get('/api/map-settings')).body)).not.toContain(tileBase);

    const url = (z: number, x: number, y: number) => layer.url.replace('{z}', z).replace('{x}', x).replace('{y}', y);
    tileHits.length = 0;
    const tile = await (await t.as('grid')).get(url(3, 5, 1));
    expect(tile.status).toBe(200);
    expect(tile.headers['content-type']).toBe('image/png');
    expect(tile.headers['cache-control']).toBe('private, max-age=86400');
    expect(tile.raw.equals(png)).toBe(true);
    // {-y}: rows counted from the south (TMS): 2^3 - 1 - 1 = 6.
    expect(tileHits).toEqual(['/tiles/3/5/6.png']);

    // Beyond the server's deepest level, and outside the level's range: no request goes out.
    expect((await office.get(url(17, 0, 0))).status).toBe(404);
    expect((await office.get(url(2, 4, 0))).status).toBe(400);
    expect(tileHits).toHaveLength(1);
    // The other county has no tile server.
    expect((await (await other.as('office')).get(url(3, 5, 1))).status).toBe(404);

    // The administrator previews unsaved templates: a page is not a tile, a missing tile is a 404, no server a 502.
    const preview = (template: string) => admin.get(`/api/map-settings/tiles/2/1/1?url=${encodeURIComponent(template)}`);
    expect((await preview(`${tileBase}/tiles/{z}/{x}/{y}.png`)).status).toBe(200);
    const page = await preview(`${tileBase}/page/{z}/{x}/{y}`);
    expect(page.status).toBe(502);
    expect(page.body.error.message).toMatch(/不是 PNG、JPEG 或 WebP/);
    expect((await preview(`${tileBase}/missing/{z}/{x}/{y}.png`)).status).toBe(404);
    const closed = await preview('http://127.0.0.1:9/{z}/{x}/{y}.png');
    expect(closed.status).toBe(502);
    expect(closed.body.error.message).toMatch(/无法访问/);
    const bad = await preview('file:///etc/{z}/{x}/{y}');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/http:\/\/ 或 https:\/\//);
  });
});
