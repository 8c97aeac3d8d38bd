/**
 * The project form's map: a click puts the project there (the lat/lng inputs follow); the other projects stand on it
 * as grey dots with their names and the county's sites as small dots (their names on hover), so a place can be picked
 * with no base map at all. Lazy (Leaflet).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../../api/map-settings';
import { createMap, setBaseMap } from '../../components/base-map';
import type { LocatedProject } from './battle-map';

interface Props {
  value: { lat: number; lng: number } | null;
  onChange: (point: { lat: number; lng: number }) => void;
  /** The projects already on the map (for bearings). */
  around: LocatedProject[];
  /** The project being edited is not a bearing. */
  exceptId?: string;
  /** The sites in scope (more bearings: 农贸市场, 公园, 学校 … the county's streets by their places). */
  sites?: { name: string; lat: number; lng: number }[];
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export default function LocationPicker({ value, onChange, around, exceptId, sites = [] }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const othersRef = useRef<L.FeatureGroup | null>(null);
  const pinRef = useRef<L.CircleMarker | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const baseMap = useBaseMap();
  const fitted = useRef(false);

  useEffect(() => {
    const map = createMap(container.current!, { preferCanvas: true });
    othersRef.current = L.featureGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => changeRef.current({ lat: round6(e.latlng.lat), lng: round6(e.latlng.lng) }));
    mapRef.current = map;
    // The drawer opens with an animation: the map learns its real size when the box gets it, and looks again.
    let last = '';
    const resize = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
      if (size === last) return;
      last = size;
      map.invalidateSize({ pan: false });
      fitted.current = false;
      fitRef.current();
    });
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      pinRef.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  const fitRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const map = mapRef.current;
    const others = othersRef.current;
    if (!map || !others) return;
    others.clearLayers();
    for (const site of sites) {
      L.circleMarker([site.lat, site.lng], { radius: 3, color: '#8c8c8c', weight: 1, fillColor: '#d9d9d9', fillOpacity: 0.9 })
        .bindTooltip(site.name, { direction: 'top', offset: [0, -4] })
        .addTo(others);
    }
    const shown = around.filter((p) => p.id !== exceptId);
    for (const p of shown) {
      L.circleMarker([p.lat, p.lng], { radius: 6, color: '#fff', weight: 2, fillColor: '#8c8c8c', fillOpacity: 0.8, interactive: false })
        .bindTooltip(p.name, { permanent: shown.length <= 15, direction: 'right', offset: [6, 0], className: 'cc-project-name' })
        .addTo(others);
    }
    const points: [number, number][] = [...shown, ...sites].map((p) => [p.lat, p.lng]);
    fitRef.current = () => {
      if (fitted.current || !map.getSize().x) return;
      if (value) map.setView([value.lat, value.lng], 15, { animate: false });
      else if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.1), { maxZoom: 15, animate: false });
      else {
        map.setView([35, 105], 4, { animate: false });
        return;
      }
      fitted.current = true;
    };
    fitRef.current();
  }, [around, exceptId, value, sites]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!value) {
      pinRef.current?.remove();
      pinRef.current = null;
      return;
    }
    if (!pinRef.current) {
      pinRef.current = L.circleMarker([value.lat, value.lng], {
        radius: 10,
        color: '#1f3a5f',
        weight: 3,
        fillColor: '#1677ff',
        fillOpacity: 0.9,
        interactive: false,
      })
        .bindTooltip('项目位置', { permanent: true, direction: 'top', offset: [0, -10] })
        .addTo(map);
    } else pinRef.current.setLatLng([value.lat, value.lng]);
  }, [value]);

  return (
    <div
      ref={container}
      role="region"
      aria-label="在地图上点选项目位置"
      style={{ height: 240, background: '#eef2f6', borderRadius: 8, cursor: 'crosshair' }}
    />
  );
}
