/**
 * Problems on a Leaflet map over the base map the system administrator set (components/base-map.ts; a plain
 * background when there is none or its tiles cannot load): a metric scale and one round marker per located problem,
 * coloured by state, overdue ones ringed in red; each is a 44 px box to a finger around its 20 px dot. Problems close together are one count (red when one of them is
 * overdue); several problems on one site are spread out on a click. Popups link to the detail page.
 */
import { PROBLEM_SEVERITY_LABELS, PROBLEM_STATE_LABELS } from '@common/problem-workflow';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../../api/map-settings';
import type { Problem } from '../../api/problems';
import { createClusterGroup, createMap, setBaseMap } from '../../components/base-map';
import { STATE_COLORS } from '../../components/problem-tags';

const OVERDUE = '#a8071a';
/** Which markers are overdue problems (a cluster holding one turns red). */
const overdueMarkers = new WeakSet<L.Layer>();

type Located = Problem & { location: { lat: number; lng: number } };

/** The popup's content as DOM (so the link navigates inside the app instead of reloading). */
function popupContent(p: Located, onOpen: (id: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.style.minWidth = '200px';
  const title = document.createElement('div');
  title.style.fontWeight = '600';
  title.textContent = `${p.code} · ${PROBLEM_STATE_LABELS[p.state]}${p.overdue ? ' · 超期' : ''}`;
  const meta = document.createElement('div');
  meta.style.color = 'rgba(0,0,0,.55)';
  meta.textContent = `${p.categoryName} · ${PROBLEM_SEVERITY_LABELS[p.severity]}${p.unitName ? ` · ${p.unitName}` : ''}`;
  const text = document.createElement('div');
  text.style.margin = '4px 0';
  text.textContent = p.description.length > 60 ? `${p.description.slice(0, 60)}…` : p.description;
  const link = document.createElement('a');
  link.href = `/problems/${p.id}`;
  link.textContent = '查看详情';
  link.setAttribute('aria-label', `查看问题 ${p.code}`);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    onOpen(p.id);
  });
  box.append(title, meta, text, link);
  return box;
}

/** A finger's tap target: the marker's box, whatever the dot inside it. */
const TAP = 44;

/** The marker: a dot in the state's colour (overdue: larger, red ring) centred in a 44 px transparent box. */
function markerIcon(p: Located): L.DivIcon {
  const size = p.overdue ? 22 : 18;
  const ring = p.overdue ? `3px solid ${OVERDUE}` : '2px solid #ffffff';
  const html =
    `<span style="box-sizing:border-box;display:block;width:${size}px;height:${size}px;margin:${(TAP - size) / 2}px;` +
    `border-radius:50%;background:${STATE_COLORS[p.state]};opacity:.95;border:${ring};box-shadow:0 1px 3px rgba(0,0,0,.35)"></span>`;
  return L.divIcon({
    html,
    className: 'cc-problem-marker',
    iconSize: L.point(TAP, TAP),
    tooltipAnchor: L.point(0, -4),
    popupAnchor: L.point(0, -6),
  });
}

/** The map; `problems` must all have a location. */
export function ProblemMap({ problems, onOpen }: { problems: Located[]; onOpen: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const baseMap = useBaseMap();

  useEffect(() => {
    const map = createMap(container.current!);
    clusterRef.current = createClusterGroup(map, {
      noun: '问题',
      colorOf: (markers) => (markers.some((m) => overdueMarkers.has(m)) ? OVERDUE : undefined),
    });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      clusterRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  useEffect(() => {
    const map = mapRef.current;
    const cluster = clusterRef.current;
    if (!map || !cluster) return;
    cluster.clearLayers();
    const markers = problems.map((p) => {
      const marker = L.marker([p.location.lat, p.location.lng], {
        icon: markerIcon(p),
        title: `${p.code} ${PROBLEM_STATE_LABELS[p.state]}${p.overdue ? ' 超期' : ''}`,
        alt: p.code,
        riseOnHover: true,
      })
        .bindTooltip(p.code, { direction: 'top', offset: [0, -8] })
        .bindPopup(() => popupContent(p, (id) => openRef.current(id)));
      if (p.overdue) overdueMarkers.add(marker);
      return marker;
    });
    // The view first, without animation, so the clusters are made once for the zoom they are seen at.
    if (problems.length)
      map.fitBounds(L.latLngBounds(problems.map((p) => [p.location.lat, p.location.lng])).pad(0.25), { maxZoom: 16, animate: false });
    cluster.addLayers(markers);
  }, [problems]);

  return (
    <div
      ref={container}
      role="region"
      aria-label="问题分布地图"
      style={{ height: 'max(420px, calc(100vh - 300px))', background: '#eef2f6', borderRadius: 8 }}
    />
  );
}
