/**
 * The administrator's live preview: the base map the form describes (unsaved 内网瓦片 through the app's preview
 * tiles) under the sites of the region on screen, clustered as on every map. Loaded lazily with Leaflet.
 */
import type { BaseMap } from '@common/base-map';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Site } from '../../api/sites';
import { createClusterGroup, createMap, setBaseMap } from '../../components/base-map';

type Located = Site & { location: { lat: number; lng: number } };

/** The preview map (`sites`: those with a location). */
export default function PreviewMap({ baseMap, sites, height }: { baseMap: BaseMap; sites: Located[]; height: number | string }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);

  useEffect(() => {
    const map = createMap(container.current!);
    clusterRef.current = createClusterGroup(map, { noun: '点位' });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      clusterRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap);
  }, [baseMap]);

  useEffect(() => {
    const map = mapRef.current;
    const cluster = clusterRef.current;
    if (!map || !cluster) return;
    cluster.clearLayers();
    if (sites.length)
      map.fitBounds(L.latLngBounds(sites.map((s) => [s.location.lat, s.location.lng])).pad(0.15), { maxZoom: 15, animate: false });
    cluster.addLayers(
      sites.map((s) =>
        L.circleMarker([s.location.lat, s.location.lng], {
          radius: 7,
          color: '#ffffff',
          weight: 2,
          fillColor: '#1f77b4',
          fillOpacity: 0.9,
          className: 'cc-site-marker',
        }).bindTooltip(s.name, { direction: 'top', offset: [0, -6] }),
      ),
    );
  }, [sites]);

  return <div ref={container} role="region" aria-label="底图预览" style={{ height, background: '#eef2f6', borderRadius: 8 }} />;
}
