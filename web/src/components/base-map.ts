/**
 * What every map of the app shares: the Leaflet map itself, the base map under the markers (底图: none, 天地图 or the
 * 内网瓦片服务, as the system administrator set it — common/base-map.ts) and the cluster layer the markers go in.
 *
 * The base map never stands between a user and the markers: with no base map the map is a plain background; when
 * tiles do not come (no network, a wrong 天地图 key, a tile server that is down) the markers stay, the background
 * stays plain, and a small note in the corner says so — no error page, no blocking dialog.
 *
 * Markers that sit on one site or close together are drawn as one round count (leaflet.markercluster); a click zooms
 * in, and where they cannot be told apart by zooming (one site, several problems) it spreads them out (spiderfy).
 * Import the maps lazily: Leaflet and the cluster plugin stay out of the pages that show no map.
 */
import { MAP_MAX_ZOOM, type BaseMap } from '@common/base-map';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
// The plugin extends the global L that leaflet's module sets (it must load after it).
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';

/** The app's navy, for clusters and spider legs. */
const NAVY = '#1f3a5f';
/** A marker or cluster is at least this large to a finger (the tap-target rule for phones). */
const TAP = 44;

/** The note in the map's corner (role=status: read out once, never in the way). */
class NoticeControl extends L.Control {
  private box: HTMLDivElement | null = null;
  private text = '';
  constructor() {
    super({ position: 'bottomright' });
  }
  onAdd(): HTMLElement {
    const box = L.DomUtil.create('div', 'cc-map-notice');
    box.setAttribute('role', 'status');
    Object.assign(box.style, {
      background: 'rgba(255,255,255,.88)',
      color: 'rgba(0,0,0,.65)',
      fontSize: '12px',
      lineHeight: '18px',
      padding: '2px 8px',
      borderRadius: '4px',
      boxShadow: '0 1px 3px rgba(0,0,0,.15)',
      maxWidth: '260px',
      pointerEvents: 'none',
    });
    this.box = box;
    this.show(this.text);
    return box;
  }
  show(text: string) {
    this.text = text;
    if (!this.box) return;
    this.box.textContent = text;
    this.box.style.display = text ? '' : 'none';
  }
}

interface BaseState {
  layers: L.TileLayer[];
  attribution: string;
  notice: NoticeControl;
  stopWatching: () => void;
  /** A visually hidden live region: what a click on a cluster did, for screen readers. */
  live: HTMLElement;
}
const states = new WeakMap<L.Map, BaseState>();

/**
 * Someone who asked their device for less motion (prefers-reduced-motion, as antd's components honour in main.tsx)
 * gets maps that jump instead of gliding: no zoom or fade animation, clusters that split and spread out at once.
 */
function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * A map ready for markers: zoom to MAP_MAX_ZOOM (the cluster layer needs a deepest level), a first view, a metric
 * scale, the base map's attribution without Leaflet's own prefix, and the corner note.
 */
export function createMap(container: HTMLElement, options: L.MapOptions = {}): L.Map {
  // A first view (China) so layers can be added before the caller fits the map to its markers.
  const map = L.map(container, {
    zoomSnap: 0.5,
    maxZoom: MAP_MAX_ZOOM,
    minZoom: 1,
    attributionControl: false,
    center: [35, 105],
    zoom: 4,
    ...(reducedMotion() ? { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false } : {}),
    ...options,
  });
  L.control.attribution({ prefix: false, position: 'bottomright' }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  const notice = new NoticeControl().addTo(map);
  const live = L.DomUtil.create('div', 'cc-map-live', container);
  live.setAttribute('role', 'status');
  Object.assign(live.style, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)' });
  states.set(map, { layers: [], attribution: '', notice, stopWatching: () => undefined, live });
  map.on('unload', () => states.get(map)?.stopWatching());
  return map;
}

/** Text as HTML (the attribution control writes HTML; the administrator's text is text). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Watches whether the tiles come. A batch of tiles (Leaflet's `loading` … `load`) in which none loaded and several
 * failed means the base map is unavailable; one tile loading means it is back. Offline is said as such.
 */
function watchTiles(layers: L.TileLayer[], notice: NoticeControl): () => void {
  let loaded = 0;
  let failed = 0;
  const update = () => {
    if (!navigator.onLine) notice.show('网络已断开：底图暂不可用，标注照常显示');
    else if (loaded === 0 && failed >= 3) notice.show('底图加载失败（网络或底图设置问题），标注照常显示');
    else notice.show('');
  };
  const handlers = {
    loading: () => {
      loaded = 0;
      failed = 0;
    },
    tileload: () => {
      loaded++;
      update();
    },
    tileerror: () => {
      failed++;
      update();
    },
  };
  for (const layer of layers) layer.on(handlers);
  const online = () => {
    loaded = 0;
    failed = 0;
    update();
    for (const layer of layers) layer.redraw();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', update);
  update();
  return () => {
    for (const layer of layers) layer.off(handlers);
    window.removeEventListener('online', online);
    window.removeEventListener('offline', update);
  };
}

/** Puts the base map under the markers, replacing the one before (undefined, or 无底图: the plain background). */
export function setBaseMap(map: L.Map, baseMap: BaseMap | undefined): void {
  const state = states.get(map);
  if (!state) return;
  state.stopWatching();
  for (const layer of state.layers) layer.remove();
  if (state.attribution) map.attributionControl.removeAttribution(state.attribution);
  state.layers = (baseMap?.layers ?? []).map((spec) =>
    L.tileLayer(spec.url, {
      ...(spec.subdomains ? { subdomains: spec.subdomains } : {}),
      // Beyond the server's deepest level its tiles are enlarged, so markers can still be told apart.
      maxNativeZoom: spec.maxZoom,
      maxZoom: MAP_MAX_ZOOM,
      zIndex: spec.labels ? 2 : 1,
      className: spec.labels ? 'cc-base-labels' : 'cc-base-tiles',
    }).addTo(map),
  );
  state.attribution = baseMap?.attribution ? escapeHtml(baseMap.attribution) : '';
  if (state.attribution) map.attributionControl.addAttribution(state.attribution);
  state.stopWatching = state.layers.length ? watchTiles(state.layers, state.notice) : () => state.notice.show('');
  if (!state.layers.length) state.notice.show('');
}

/** A count the Chinese way: in full up to 9 999, then in 万. */
function countLabel(count: number): string {
  return count < 10_000 ? String(count) : `${Math.floor(count / 10_000)}万+`;
}

/** A cluster's round count: larger with more markers, at least a finger's size to tap. */
function clusterIcon(count: number, noun: string, color: string): L.DivIcon {
  const size = count < 10 ? 34 : count < 100 ? 40 : 44;
  const box = Math.max(TAP, size);
  const html =
    `<div role="img" aria-label="此处${count}个${noun}" title="此处 ${count} 个${noun}，点击放大或展开" ` +
    `style="box-sizing:border-box;width:${size}px;height:${size}px;margin:${(box - size) / 2}px;border-radius:50%;` +
    `background:${color};color:#fff;border:3px solid rgba(255,255,255,.95);box-shadow:0 1px 4px rgba(0,0,0,.35);` +
    `display:flex;align-items:center;justify-content:center;font-weight:600;font-size:${count < 1000 ? 13 : 11}px;` +
    `font-family:inherit;font-variant-numeric:tabular-nums">${countLabel(count)}</div>`;
  return L.divIcon({ html, className: 'cc-cluster', iconSize: L.point(box, box) });
}

export interface ClusterOptions {
  /** What a marker is, for the count's spoken label: 点位, 问题. */
  noun: string;
  /** The cluster's colour from its markers (e.g. red when one of them is overdue); default navy. */
  colorOf?: (markers: L.Layer[]) => string | undefined;
}

/**
 * The layer markers go in, added to the map: close markers become one count; a click zooms to them, and markers that
 * stay together at the deepest level (one site) are spread out around it (said in the map's live region).
 */
export function createClusterGroup(map: L.Map, { noun, colorOf }: ClusterOptions): L.MarkerClusterGroup {
  const group = L.markerClusterGroup({
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    zoomToBoundsOnClick: true,
    maxClusterRadius: 44,
    // Animated, a cluster ignores clicks while it splits or merges after a zoom (for ~0.3 s); without motion it changes
    // at once.
    animate: !reducedMotion(),
    spiderLegPolylineOptions: { weight: 1.5, color: NAVY, opacity: 0.6 },
    iconCreateFunction: (cluster) => clusterIcon(cluster.getChildCount(), noun, colorOf?.(cluster.getAllChildMarkers()) ?? NAVY),
  });
  const live = states.get(map)?.live;
  group.on('spiderfied', (e) => {
    if (live) live.textContent = `已展开此处的 ${(e as L.MarkerClusterSpiderfyEvent).markers.length} 个${noun}`;
  });
  group.on('unspiderfied', () => {
    if (live) live.textContent = '';
  });
  return group.addTo(map);
}
