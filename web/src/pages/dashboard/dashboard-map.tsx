/**
 * The 大屏's map: every located site of the region as a dot coloured by its last inspection score (达标 green, below the
 * line amber or red, never inspected grey) over the base map the administrator set — 无底图 by default, so it works
 * with no tile server. Clusters take the colour of their worst site.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { DashboardSites } from '../../api/dashboard';
import { useBaseMap } from '../../api/map-settings';
import { createClusterGroup, createMap, setBaseMap } from '../../components/base-map';
import { SCORE_BANDS } from './score-bands';

type Point = DashboardSites['items'][number];

function bandOf(p: Point): (typeof SCORE_BANDS)[number] {
  if (p.scoreRate == null) return SCORE_BANDS[3];
  if (p.passed) return SCORE_BANDS[0];
  return p.scoreRate >= 0.75 ? SCORE_BANDS[1] : SCORE_BANDS[2];
}
const RANK: Record<string, number> = { pass: 0, none: 1, near: 2, fail: 3 };

/** The map of the region's sites. */
export default function DashboardMap({ points }: { points: Point[] }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const baseMap = useBaseMap();

  useEffect(() => {
    const map = createMap(container.current!, { preferCanvas: true, zoomControl: true });
    clusterRef.current = createClusterGroup(map, {
      noun: '点位',
      colorOf: (markers) => {
        let worst = -1;
        let color: string | undefined;
        for (const m of markers) {
          const band = (m.options as { band?: string }).band ?? 'none';
          if (RANK[band] > worst) {
            worst = RANK[band];
            color = SCORE_BANDS.find((b) => b.key === band)?.color;
          }
        }
        return color;
      },
    });
    mapRef.current = map;
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(container.current!);
    return () => {
      observer.disconnect();
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
    if (points.length) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng])).pad(0.12), { maxZoom: 15, animate: false });
    cluster.addLayers(
      points.map((p) => {
        const band = bandOf(p);
        const marker = L.circleMarker([p.lat, p.lng], {
          radius: 7,
          color: 'rgba(255,255,255,.85)',
          weight: 1.5,
          fillColor: band.color,
          fillOpacity: 0.95,
          className: 'cc-site-marker',
        });
        (marker.options as { band?: string }).band = band.key;
        return marker.bindTooltip(
          `${p.name}：${p.scoreRate == null ? '未测评' : `得分率 ${(p.scoreRate * 100).toFixed(1)}%，${p.passed ? '达标' : '未达标'}`}`,
          { direction: 'top', offset: [0, -6] },
        );
      }),
    );
  }, [points]);

  return (
    <div
      ref={container}
      role="region"
      aria-label={`点位得分地图，共${points.length}个点位`}
      className="cc-dashboard-map"
      style={{ width: '100%', height: '100%', minHeight: 0 }}
    />
  );
}
