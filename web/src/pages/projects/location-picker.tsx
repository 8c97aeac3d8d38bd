/**
 * The project form's map: a click puts the project there (the lat/lng inputs follow) or, drawing the outline (项目范围),
 * adds the next corner (a click on the first corner closes the ring once there are three); the other projects stand on
 * it as grey dots with their names and the county's sites as small dots (their names on hover), so a place can be
 * picked with no base map at all. Lazy (Leaflet).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../../api/map-settings';
import { createMap, setBaseMap } from '../../components/base-map';
import type { LocatedProject } from './battle-map';

/** An outline being drawn: corners as [lng, lat] (the API's order), closed once the office closes it. */
export interface OutlineDraft {
  points: Array<[number, number]>;
  closed: boolean;
}

/** A click within this many pixels of the first corner closes the ring. */
const CLOSE_PX = 14;

interface Props {
  value: { lat: number; lng: number } | null;
  onChange: (point: { lat: number; lng: number }) => void;
  /** The projects already on the map (for bearings). */
  around: LocatedProject[];
  /** The project being edited is not a bearing. */
  exceptId?: string;
  /** The sites in scope (more bearings: 农贸市场, 公园, 学校 … the county's streets by their places). */
  sites?: { name: string; lat: number; lng: number }[];
  /** 'outline': clicks add corners to the outline instead of moving the point. */
  mode?: 'point' | 'outline';
  outline?: OutlineDraft | null;
  /** A corner clicked ([lng, lat]). */
  onAddCorner?: (corner: [number, number]) => void;
  /** The first corner clicked again with three or more corners: close the ring. */
  onCloseOutline?: () => void;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export default function LocationPicker({
  value,
  onChange,
  around,
  exceptId,
  sites = [],
  mode = 'point',
  outline = null,
  onAddCorner,
  onCloseOutline,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const othersRef = useRef<L.FeatureGroup | null>(null);
  const pinRef = useRef<L.CircleMarker | null>(null);
  const drawingRef = useRef<L.FeatureGroup | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  // What a click does, read when it happens (the map's handler is bound once).
  const clickRef = useRef<(e: L.LeafletMouseEvent) => void>(() => undefined);
  clickRef.current = (e) => {
    if (mode === 'point') {
      changeRef.current({ lat: round6(e.latlng.lat), lng: round6(e.latlng.lng) });
      return;
    }
    if (outline?.closed) return;
    const map = mapRef.current!;
    const corners = outline?.points ?? [];
    const first = corners[0];
    if (first && corners.length >= 3) {
      const d = map.latLngToContainerPoint([first[1], first[0]]).distanceTo(e.containerPoint);
      if (d <= CLOSE_PX) {
        onCloseOutline?.();
        return;
      }
    }
    onAddCorner?.([round6(e.latlng.lng), round6(e.latlng.lat)]);
  };
  const baseMap = useBaseMap();
  const fitted = useRef(false);

  useEffect(() => {
    const map = createMap(container.current!, { preferCanvas: true });
    othersRef.current = L.featureGroup().addTo(map);
    drawingRef.current = L.featureGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => clickRef.current(e));
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
      drawingRef.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  const fitRef = useRef<() => void>(() => undefined);
  const outlineRef = useRef(outline);
  outlineRef.current = outline;

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
      const corners = outlineRef.current?.points ?? [];
      if (corners.length >= 2)
        map.fitBounds(L.latLngBounds(corners.map(([lng, lat]) => [lat, lng] as [number, number])).pad(0.5), {
          maxZoom: 17,
          animate: false,
        });
      else if (value) map.setView([value.lat, value.lng], 15, { animate: false });
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

  // The outline: the corners as dots (the first one larger: a click on it closes), the edges drawn so far as a dashed
  // line, the closed ring as a filled polygon.
  useEffect(() => {
    const drawing = drawingRef.current;
    if (!drawing) return;
    drawing.clearLayers();
    const corners = (outline?.points ?? []).map(([lng, lat]) => [lat, lng] as [number, number]);
    if (!corners.length) return;
    if (outline!.closed) {
      L.polygon(corners, { color: '#1677ff', weight: 3, fillColor: '#1677ff', fillOpacity: 0.2, interactive: false }).addTo(drawing);
    } else if (corners.length > 1) {
      L.polyline(corners, { color: '#1677ff', weight: 3, dashArray: '6 6', interactive: false }).addTo(drawing);
    }
    corners.forEach((c, i) => {
      const first = i === 0;
      const dot = L.circleMarker(c, {
        radius: first && !outline!.closed && corners.length >= 3 ? 9 : 5,
        color: '#1f3a5f',
        weight: 2,
        fillColor: first ? '#faad14' : '#fff',
        fillOpacity: 1,
        interactive: false,
      }).addTo(drawing);
      if (first && !outline!.closed && corners.length >= 3)
        dot.bindTooltip('点此闭合', { permanent: true, direction: 'top', offset: [0, -8] });
    });
  }, [outline]);

  const points = outline?.points.length ?? 0;
  return (
    <div
      ref={container}
      role="region"
      aria-label={mode === 'outline' ? '在地图上依次点击项目范围的角点' : '在地图上点选项目位置'}
      data-outline-points={points}
      data-outline-closed={outline?.closed ? 'true' : 'false'}
      style={{ height: 260, background: '#eef2f6', borderRadius: 8, cursor: 'crosshair' }}
    />
  );
}
