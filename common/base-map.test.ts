/** The base map's rules (common/base-map.ts): tile URL templates, 天地图 keys and layers, the tile proxy's URLs. */
import { describe, expect, it } from 'vitest';
import { baseMapOf, expandTileUrl, tiandituKeyProblem, tileUrlProblem, type BaseMapSource } from './base-map';

const KEY = '0123456789abcdef0123456789abcdef';
const source = (over: Partial<BaseMapSource>): BaseMapSource => ({
  kind: 'none',
  tiandituLayer: 'vec',
  tiandituKey: null,
  tileUrl: null,
  tileMaxZoom: 18,
  attribution: '',
  ...over,
});

describe('tile URL templates', () => {
  it('accepts http(s) templates with {z} {x} and {y} or {-y}, anywhere in path or query', () => {
    for (const ok of [
      'https://tiles.example.gov.cn/{z}/{x}/{y}.png',
      'http://10.1.2.3:8080/arcgis/rest/services/img/MapServer/tile/{z}/{y}/{x}',
      'http://gis.local/tms/1.0.0/img/{z}/{x}/{-y}.jpg',
      'https://gis.local/wmts?layer=img&TileMatrix={z}&TileCol={x}&TileRow={y}',
      '  https://tiles.example.gov.cn/{z}/{x}/{y}.png  ',
    ])
      expect(tileUrlProblem(ok), ok).toBeNull();
  });

  it('names what is wrong, in Chinese', () => {
    expect(tileUrlProblem('')).toBe('请填写瓦片地址');
    expect(tileUrlProblem('https://t.gov.cn/{z}/{x}.png')).toMatch(/须包含 \{y\}/);
    expect(tileUrlProblem('https://t.gov.cn/tile.png')).toMatch(/须包含 \{z\}、\{x\}、\{y\}/);
    expect(tileUrlProblem('https://{s}.t.gov.cn/{z}/{x}/{y}.png')).toMatch(/不支持占位符 \{s\}/);
    expect(tileUrlProblem('https://t.gov.cn/{z}/{x}/{y}/{r}.png')).toMatch(/不支持占位符 \{r\}/);
    expect(tileUrlProblem('https://{z}.t.gov.cn/{x}/{y}.png')).toMatch(/主机名中不能有占位符/);
    expect(tileUrlProblem('https://a:b@t.gov.cn/{z}/{x}/{y}.png')).toMatch(/用户名或密码/);
    expect(tileUrlProblem('ftp://t.gov.cn/{z}/{x}/{y}.png')).toMatch(/http:\/\/ 或 https:\/\//);
    expect(tileUrlProblem('file:///tiles/{z}/{x}/{y}.png')).toMatch(/http:\/\/ 或 https:\/\//);
    expect(tileUrlProblem('t.gov.cn/{z}/{x}/{y}.png')).toMatch(/不是有效的网址/);
    expect(tileUrlProblem(`https://t.gov.cn/${'a'.repeat(500)}/{z}/{x}/{y}`)).toMatch(/最多 500/);
  });

  it('fills a tile position; {-y} counts rows from the south (TMS)', () => {
    expect(expandTileUrl('https://t/{z}/{x}/{y}.png', 3, 5, 1)).toBe('https://t/3/5/1.png');
    expect(expandTileUrl('https://t/{z}/{x}/{-y}.png', 3, 5, 1)).toBe('https://t/3/5/6.png');
    expect(expandTileUrl('https://t/{z}/{x}/{y}?a={z}', 0, 0, 0)).toBe('https://t/0/0/0?a=0');
  });
});

describe('天地图', () => {
  it('a key is 32 letters and digits', () => {
    expect(tiandituKeyProblem(KEY)).toBeNull();
    expect(tiandituKeyProblem('')).toMatch(/请填写天地图密钥/);
    expect(tiandituKeyProblem('abc')).toMatch(/32 位字母或数字/);
    expect(tiandituKeyProblem(`${KEY.slice(1)}&`)).toMatch(/32 位字母或数字/);
  });

  it('矢量 with 矢量注记, 影像 with 影像注记, Web Mercator, the key on every tile, t0–t7', () => {
    const vec = baseMapOf(source({ kind: 'tianditu', tiandituKey: KEY }));
    expect(vec.layers.map((l) => [new URL(l.url.replace('{s}', '0')).pathname, l.labels, l.subdomains, l.maxZoom])).toEqual([
      ['/vec_w/wmts', false, '01234567', 18],
      ['/cva_w/wmts', true, '01234567', 18],
    ]);
    const img = baseMapOf(source({ kind: 'tianditu', tiandituLayer: 'img', tiandituKey: KEY, attribution: '审图号：GS(2024)0568号' }));
    expect(img.layers.map((l) => new URL(l.url.replace('{s}', '0')).searchParams.get('LAYER'))).toEqual(['img', 'cia']);
    for (const l of img.layers) {
      const u = new URL(l.url.replace('{s}', '0'));
      expect(u.searchParams.get('tk')).toBe(KEY);
      expect(u.searchParams.get('TILEMATRIXSET')).toBe('w');
      expect(l.url).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    }
    expect(img.attribution).toBe('审图号：GS(2024)0568号');
    expect(vec.attribution).toBe('天地图');
  });
});

describe('what a map draws', () => {
  it('only the kind that is on: no key or tile server of a kind that is off', () => {
    const off = baseMapOf(source({ tiandituKey: KEY, tileUrl: 'https://t.gov.cn/{z}/{x}/{y}.png', attribution: '说明' }));
    expect(off).toEqual({ kind: 'none', layers: [], attribution: '' });
    const tiles = baseMapOf(source({ kind: 'tiles', tiandituKey: KEY, tileUrl: 'https://t.gov.cn/{z}/{x}/{y}.png', tileMaxZoom: 16 }));
    expect(JSON.stringify(tiles)).not.toContain(KEY);
    expect(JSON.stringify(tiles)).not.toContain('t.gov.cn');
  });

  it('内网瓦片 through the app, with a revision that changes with the server (cache), or the template itself in a preview', () => {
    const a = baseMapOf(source({ kind: 'tiles', tileUrl: 'https://a.gov.cn/{z}/{x}/{y}.png' }));
    const b = baseMapOf(source({ kind: 'tiles', tileUrl: 'https://b.gov.cn/{z}/{x}/{y}.png' }));
    expect(a.layers[0].url).toMatch(/^\/api\/map-settings\/tiles\/\{z\}\/\{x\}\/\{y\}\?rev=[0-9a-f]{8}$/);
    expect(a.layers[0].url).not.toBe(b.layers[0].url);
    const preview = baseMapOf(source({ kind: 'tiles', tileUrl: 'https://a.gov.cn/{z}/{x}/{y}.png' }), { preview: true });
    expect(preview.layers[0].url).toBe(`/api/map-settings/tiles/{z}/{x}/{y}?url=${encodeURIComponent('https://a.gov.cn/{z}/{x}/{y}.png')}`);
    // Leaflet fills only the proxy's own placeholders: the template's braces are escaped in the query.
    expect(preview.layers[0].url.match(/\{[zxy]\}/g)).toHaveLength(3);
  });
});
