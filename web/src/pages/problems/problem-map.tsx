/**
 * Leaflet with no tile layer (no tile server is assumed reachable): a plain background, a metric scale and
 * one circleMarker per located problem, coloured by state; popups link to the detail page.
 */
import { PROBLEM_SEVERITY_LABELS, PROBLEM_STATE_LABELS } from '@common/problem-workflow';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { Problem } from '../../api/problems';
import { STATE_COLORS } from '../../components/problem-tags';

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

/** The map; `problems` must all have a location. */
export function ProblemMap({ problems, onOpen }: { problems: Located[]; onOpen: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.FeatureGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    const map = L.map(container.current!, { attributionControl: false, zoomSnap: 0.5 });
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
    for (const p of problems) {
      L.circleMarker([p.location.lat, p.location.lng], {
        radius: p.overdue ? 10 : 8,
        color: p.overdue ? '#a8071a' : '#ffffff',
        weight: p.overdue ? 3 : 2,
        fillColor: STATE_COLORS[p.state],
        fillOpacity: 0.9,
      })
        .bindTooltip(p.code, { direction: 'top', offset: [0, -8] })
        .bindPopup(() => popupContent(p, (id) => openRef.current(id)))
        .addTo(layer);
    }
    if (problems.length) map.fitBounds(layer.getBounds().pad(0.25), { maxZoom: 16 });
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
