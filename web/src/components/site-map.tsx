/**
 * Sites on a Leaflet map over the base map the system administrator set (base-map.ts: none, 天地图 or the 内网瓦片服务;
 * when tiles cannot load the map stays usable on a plain background): a metric scale, each site's outline when it has
 * one, and one circleMarker per located site, coloured by the caller (by site type). Sites close together are drawn as
 * one count; a click zooms in, and sites that share one spot are spread out. Popups name the type, 包保单位 and 点长 and
 * link to the site. Import it lazily so Leaflet stays out of the main bundle.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../api/map-settings';
import type { Site } from '../api/sites';
import { createClusterGroup, createMap, setBaseMap } from './base-map';

export type LocatedSite = Site & { location: { lat: number; lng: number } };

interface Props {
  sites: LocatedSite[];
  colorOf: (siteTypeCode: string) => string;
  onOpen: (id: Site['id']) => void;
  /** Draw this site larger, on top, with the others faded (the detail page's small map). */
  highlightId?: Site['id'];
  height?: number | string;
  label?: string;
}

function line(text: string, style: Partial<CSSStyleDeclaration> = {}): HTMLElement {
  const el = document.createElement('div');
  el.textContent = text;
  Object.assign(el.style, style);
  return el;
}

/** The popup as DOM, so the link navigates inside the app instead of reloading. */
function popupContent(s: LocatedSite, onOpen: (id: Site['id']) => void): HTMLElement {
  const box = document.createElement('div');
  box.style.minWidth = '180px';
  box.append(
    line(s.name, { fontWeight: '600' }),
    line(s.siteTypeName, { color: 'rgba(0,0,0,.55)' }),
    line(`包保单位：${s.unitName ?? '—'}`, { marginTop: '4px' }),
    line(`点长：${s.leadName ?? '—'}${s.leadPhone ? `（${s.leadPhone}）` : ''}`),
  );
  if (!s.active) box.append(line('已停用', { color: '#cf1322' }));
  const link = document.createElement('a');
  link.href = `/sites/${s.id}`;
  link.textContent = '查看点位';
  link.style.display = 'inline-block';
  link.style.marginTop = '4px';
  link.setAttribute('aria-label', `查看点位${s.name}`);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    onOpen(s.id);
  });
  box.append(link);
  return box;
}

/** The map; `sites` must all have a location. */
export default function SiteMap({
  sites,
  colorOf,
  onOpen,
  highlightId,
  height = 'max(420px, calc(100vh - 300px))',
  label = '点位分布地图',
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const outlinesRef = useRef<L.FeatureGroup | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const topRef = useRef<L.FeatureGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const baseMap = useBaseMap();

  useEffect(() => {
    // Markers on one canvas: thousands of sites stay light where they are not clustered. A finger gets a wider
    // catch around each marker than a mouse (about 44 px across on a touch screen).
    const map = createMap(container.current!, { preferCanvas: true, renderer: L.canvas({ tolerance: L.Browser.touch ? 12 : 3 }) });
    outlinesRef.current = L.featureGroup().addTo(map);
    clusterRef.current = createClusterGroup(map, { noun: '点位' });
    // The highlighted site stays out of the clusters, on top of everything.
    topRef.current = L.featureGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      outlinesRef.current = null;
      clusterRef.current = null;
      topRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  useEffect(() => {
    const map = mapRef.current;
    const outlines = outlinesRef.current;
    const cluster = clusterRef.current;
    const top = topRef.current;
    if (!map || !outlines || !cluster || !top) return;
    outlines.clearLayers();
    cluster.clearLayers();
    top.clearLayers();
    const highlighted = highlightId === undefined ? undefined : sites.find((s) => String(s.id) === String(highlightId));
    const others = highlighted ? sites.filter((s) => s !== highlighted) : sites;
    const draw = (s: LocatedSite, main: boolean) =>
      L.circleMarker([s.location.lat, s.location.lng], {
        radius: main ? 11 : highlighted ? 6 : 9,
        color: main ? '#1f3a5f' : '#ffffff',
        weight: main ? 3 : 2,
        dashArray: s.active ? undefined : '3 3',
        fillColor: colorOf(s.siteTypeCode),
        fillOpacity: highlighted && !main ? 0.35 : 0.9,
        className: main ? 'cc-site-marker cc-site-marker-main' : 'cc-site-marker',
      })
        .bindTooltip(s.name, { direction: 'top', offset: [0, -8], permanent: main })
        .bindPopup(() => popupContent(s, (id) => openRef.current(id)));
    // Outlines first, under the markers, and not clickable: the marker is what a tap opens.
    for (const s of sites) {
      if (!s.polygon || s.polygon.length < 3) continue;
      const main = highlighted === s;
      L.polygon(s.polygon, {
        color: colorOf(s.siteTypeCode),
        weight: main ? 2.5 : 1.5,
        fillOpacity: highlighted && !main ? 0.06 : 0.15,
        interactive: false,
      }).addTo(outlines);
    }
    // The view first, without animation, so the clusters are made once for the zoom they are seen at.
    if (highlighted) map.setView([highlighted.location.lat, highlighted.location.lng], 15, { animate: false });
    else if (sites.length)
      map.fitBounds(L.latLngBounds(sites.map((s) => [s.location.lat, s.location.lng])).pad(0.15), { maxZoom: 16, animate: false });
    else map.setView([0, 0], 2, { animate: false });
    cluster.addLayers(others.map((s) => draw(s, false)));
    if (highlighted) draw(highlighted, true).addTo(top);
  }, [sites, colorOf, highlightId]);

  return <div ref={container} role="region" aria-label={label} style={{ height, background: '#eef2f6', borderRadius: 8 }} />;
}
