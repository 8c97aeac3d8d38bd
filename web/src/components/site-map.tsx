/**
 * Sites on a Leaflet map with no tile layer (no tile server is assumed reachable): a plain background, a metric
 * scale, each site's outline when it has one, and one circleMarker per located site, coloured by the caller (by site
 * type); popups name the type,
 * 包保单位 and 点长 and link to the site. Import it lazily so Leaflet stays out of the main bundle.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { Site } from '../api/sites';

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
  const layerRef = useRef<L.FeatureGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    const map = L.map(container.current!, { attributionControl: false, preferCanvas: true, zoomSnap: 0.5 });
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    layerRef.current = L.featureGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    const highlighted = highlightId === undefined ? undefined : sites.find((s) => String(s.id) === String(highlightId));
    const others = highlighted ? sites.filter((s) => s !== highlighted) : sites;
    const draw = (s: LocatedSite, main: boolean) =>
      L.circleMarker([s.location.lat, s.location.lng], {
        radius: main ? 11 : highlighted ? 5 : 8,
        color: main ? '#1f3a5f' : '#ffffff',
        weight: main ? 3 : 2,
        dashArray: s.active ? undefined : '3 3',
        fillColor: colorOf(s.siteTypeCode),
        fillOpacity: highlighted && !main ? 0.35 : 0.9,
      })
        .bindTooltip(s.name, { direction: 'top', offset: [0, -8], permanent: main })
        .bindPopup(() => popupContent(s, (id) => openRef.current(id)))
        .addTo(layer);
    // Outlines first, under the markers, and not clickable: the marker is what a tap opens.
    for (const s of sites) {
      if (!s.polygon || s.polygon.length < 3) continue;
      const main = highlighted === s;
      L.polygon(s.polygon, {
        color: colorOf(s.siteTypeCode),
        weight: main ? 2.5 : 1.5,
        fillOpacity: highlighted && !main ? 0.06 : 0.15,
        interactive: false,
      }).addTo(layer);
    }
    others.forEach((s) => draw(s, false));
    if (highlighted) draw(highlighted, true);
    if (highlighted) map.setView([highlighted.location.lat, highlighted.location.lng], 15);
    else if (sites.length) map.fitBounds(layer.getBounds().pad(0.15), { maxZoom: 16 });
    else map.setView([0, 0], 2);
  }, [sites, colorOf, highlightId]);

  return <div ref={container} role="region" aria-label={label} style={{ height, background: '#eef2f6', borderRadius: 8 }} />;
}
