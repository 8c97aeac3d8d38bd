/**
 * Stations or an activity's place on the app's no-tile map (components/base-map.ts: the administrator's base map,
 * a plain background when there is none): one dot per place with its name, and the check-in geofence as a circle
 * when given. Lazy (Leaflet).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../../api/map-settings';
import { createMap, setBaseMap } from '../../components/base-map';

export interface MapPlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
  color?: string;
  /** The geofence radius in metres (drawn as a circle). */
  radiusM?: number;
  note?: string;
}

interface Props {
  places: MapPlace[];
  height?: number | string;
  onOpen?: (id: string) => void;
  label?: string;
}

export default function VolunteerMap({ places, height = 360, onOpen, label = '地图' }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.FeatureGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const baseMap = useBaseMap();

  useEffect(() => {
    const map = createMap(container.current!, { preferCanvas: true });
    layerRef.current = L.featureGroup().addTo(map);
    mapRef.current = map;
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(container.current!);
    return () => {
      observer.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    for (const p of places) {
      const color = p.color ?? '#1f3a5f';
      if (p.radiusM) L.circle([p.lat, p.lng], { radius: p.radiusM, color, weight: 1.5, fillOpacity: 0.08 }).addTo(layer);
      const dot = L.circleMarker([p.lat, p.lng], { radius: 7, color: '#fff', weight: 2, fillColor: color, fillOpacity: 1 })
        .bindTooltip(p.note ? `${p.name}（${p.note}）` : p.name, { permanent: places.length <= 12, direction: 'right', offset: [8, 0] })
        .addTo(layer);
      dot.on('click', () => openRef.current?.(p.id));
    }
    if (places.length === 1) {
      const p = places[0]!;
      const r = p.radiusM ?? 300;
      map.fitBounds(L.latLng(p.lat, p.lng).toBounds(r * 5), { maxZoom: 17 });
    } else if (places.length > 1) {
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 16 });
    }
  }, [places]);

  return <div ref={container} role="region" aria-label={label} style={{ height, width: '100%', borderRadius: 8, background: '#eef2f6' }} />;
}
