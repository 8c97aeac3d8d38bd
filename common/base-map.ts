/**
 * 底图: what is drawn under the markers of every map, and the rules for it (server and web share them).
 *
 * - 无底图 (`none`, the shipped default): a plain background; needs no network at all.
 * - 天地图 (`tianditu`): the national service with the deployment's key. Its Web-Mercator tiles (`_w`) are on
 *   CGCS2000, which differs from WGS-84 by centimetres, so the sites' GPS coordinates sit where they belong and
 *   Leaflet draws the tiles as they are (no offset correction, unlike GCJ-02 maps). The browser loads them directly
 *   (a 浏览器端 key is bound to the deployment's domain); the page's CSP allows `*.tianditu.gov.cn` for images.
 * - 内网瓦片服务 (`tiles`): an XYZ tile server on the 政务网, given as a URL template. The browser loads its tiles
 *   through the app (`/api/map-settings/tiles/{z}/{x}/{y}`): the page's CSP stays closed to other hosts, a plain
 *   http tile server works under an https app, and tiles reach signed-in users only.
 */

export const BASE_MAP_KINDS = ['none', 'tianditu', 'tiles'] as const;
export type BaseMapKind = (typeof BASE_MAP_KINDS)[number];

export const BASE_MAP_KIND_LABELS: Record<BaseMapKind, string> = {
  none: '无底图',
  tianditu: '天地图',
  tiles: '内网瓦片服务',
};

/** 天地图 layers offered: 矢量 (streets) or 影像 (imagery), each with its 注记 (Chinese place names) on top. */
export const TIANDITU_LAYERS = ['vec', 'img'] as const;
export type TiandituLayer = (typeof TIANDITU_LAYERS)[number];

export const TIANDITU_LAYER_LABELS: Record<TiandituLayer, string> = { vec: '矢量地图', img: '影像地图' };

/** The image source the page's Content-Security-Policy allows for 天地图 (t0 … t7). */
export const TIANDITU_IMAGE_SOURCE = 'https://*.tianditu.gov.cn';

/** 天地图 serves zoom levels 1–18. */
export const TIANDITU_MAX_ZOOM = 18;

/** The deepest zoom any map offers (a tile server may stop earlier: its tiles are then enlarged). */
export const MAP_MAX_ZOOM = 19;

/** Where the browser asks for a 内网瓦片服务 tile (the app fetches it from the configured server). */
export const TILE_PROXY_PATH = '/api/map-settings/tiles/{z}/{x}/{y}';

/** One tile layer as Leaflet takes it. */
export interface BaseMapLayer {
  url: string;
  /** Letters or digits Leaflet puts in `{s}` (spreads requests over hosts); empty when the URL has no `{s}`. */
  subdomains: string;
  maxZoom: number;
  /** A label layer (注记) drawn over the base layer. */
  labels: boolean;
}

/** What a map draws under its markers. */
export interface BaseMap {
  kind: BaseMapKind;
  layers: BaseMapLayer[];
  attribution: string;
}

/** The settings a base map is built from (stored values, or the admin's form before saving). */
export interface BaseMapSource {
  kind: BaseMapKind;
  tiandituLayer: TiandituLayer;
  tiandituKey: string | null;
  tileUrl: string | null;
  tileMaxZoom: number;
  attribution: string;
}

/** A 天地图 WMTS layer (`vec`, `cva`, `img`, `cia`) in Web Mercator (`_w`) with the key. */
function tiandituUrl(layer: string, key: string): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  );
}

/** FNV-1a of a string as 8 hex digits: a tile URL's revision, so a browser never shows a replaced server's tiles. */
function revision(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The base map a source describes. `preview`: the admin's unsaved form — 内网瓦片 tiles are then asked for with the
 * template itself (`?url=`, admin only), since the saved one is still the old server.
 */
export function baseMapOf(source: BaseMapSource, options: { preview?: boolean } = {}): BaseMap {
  const attribution = source.attribution.trim();
  if (source.kind === 'tianditu' && source.tiandituKey) {
    const [base, labels] = source.tiandituLayer === 'img' ? ['img', 'cia'] : ['vec', 'cva'];
    return {
      kind: 'tianditu',
      layers: [
        { url: tiandituUrl(base, source.tiandituKey), subdomains: '01234567', maxZoom: TIANDITU_MAX_ZOOM, labels: false },
        { url: tiandituUrl(labels, source.tiandituKey), subdomains: '01234567', maxZoom: TIANDITU_MAX_ZOOM, labels: true },
      ],
      attribution: attribution || '天地图',
    };
  }
  if (source.kind === 'tiles' && source.tileUrl) {
    const query = options.preview
      ? `url=${encodeURIComponent(source.tileUrl)}`
      : `rev=${revision(`${source.tileUrl} ${source.tileMaxZoom}`)}`;
    return {
      kind: 'tiles',
      layers: [{ url: `${TILE_PROXY_PATH}?${query}`, subdomains: '', maxZoom: source.tileMaxZoom, labels: false }],
      attribution,
    };
  }
  return { kind: 'none', layers: [], attribution: '' };
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const ALLOWED_PLACEHOLDERS = new Set(['z', 'x', 'y', '-y']);

/**
 * Why a 内网瓦片服务 URL template cannot be used (in Chinese), or null when it can: http(s), with `{z}`, `{x}` and
 * `{y}` (or `{-y}` for a TMS server, rows counted from the south), no other placeholder, none in the host, and no
 * user name or password in the address.
 */
export function tileUrlProblem(template: string): string | null {
  const text = template.trim();
  if (!text) return '请填写瓦片地址';
  if (text.length > 500) return '瓦片地址最多 500 个字符';
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.filter((n) => !ALLOWED_PLACEHOLDERS.has(n));
  if (unknown.length) return `瓦片地址中不支持占位符 ${unknown.map((n) => `{${n}}`).join('、')}，只能使用 {z}、{x}、{y}（或 {-y}）`;
  const missing = ['z', 'x'].filter((n) => !names.includes(n));
  if (!names.includes('y') && !names.includes('-y')) missing.push('y');
  if (missing.length) return `瓦片地址须包含 ${missing.map((n) => `{${n}}`).join('、')}，例如 https://tiles.example.gov.cn/{z}/{x}/{y}.png`;
  let url: URL;
  try {
    url = new URL(expandTileUrl(text, 1, 0, 0));
  } catch {
    return '瓦片地址不是有效的网址，应以 http:// 或 https:// 开头';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '瓦片地址须以 http:// 或 https:// 开头';
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
  if (/[{}]/.test(authority)) return '瓦片地址的主机名中不能有占位符';
  if (url.username || url.password) return '瓦片地址中不能包含用户名或密码';
  return null;
}

/** The URL of one tile: `{z}`, `{x}`, `{y}` (or `{-y}`, counted from the south) filled in. */
export function expandTileUrl(template: string, z: number, x: number, y: number): string {
  const values: Record<string, number> = { z, x, y, '-y': 2 ** z - 1 - y };
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Why a 天地图 key cannot be right (in Chinese), or null: a 天地图 key is 32 letters and digits. */
export function tiandituKeyProblem(key: string): string | null {
  const text = key.trim();
  if (!text) return '请填写天地图密钥（tk）';
  if (!/^[0-9A-Za-z]{32}$/.test(text)) return '天地图密钥应为 32 位字母或数字（在天地图开发者控制台“应用管理”中查看）';
  return null;
}
