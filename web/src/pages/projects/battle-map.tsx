/**
 * 作战图: every located project on the app's map (base-map.ts: no tile server needed; when there is no base map the
 * background is plain and the projects still stand where they are), one round marker per project coloured by its
 * schedule status, its outline as a polygon when it has one, and a card on a click (name, type, owner unit, the
 * countdown to 交账, the milestone reached) linking to the project. Few projects carry their names beside the marker.
 * Lazy: Leaflet stays out of the pages without a map.
 */
import { MILESTONE_KIND_LABELS, PROJECT_STATUS_COLORS, type ProjectStatus } from '@common/tasks';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useBaseMap } from '../../api/map-settings';
import type { Project } from '../../api/projects';
import { createClusterGroup, createMap, setBaseMap } from '../../components/base-map';
import { countdownOf, outlineText, statusLabel, typeLabel } from './project-format';

export type LocatedProject = Project & { lat: number; lng: number };

/** The order in which a cluster takes its colour: the worst status among its projects. */
const WORST: ProjectStatus[] = ['overdue', 'behind', 'on_track', 'not_started', 'done'];
/** Names stay beside the markers up to this many projects (more would cover the map). */
const NAMED_UP_TO = 15;

interface ProjectMarkerOptions extends L.MarkerOptions {
  status: ProjectStatus;
}

function line(text: string, style: Partial<CSSStyleDeclaration> = {}): HTMLElement {
  const el = document.createElement('div');
  el.textContent = text;
  Object.assign(el.style, style);
  return el;
}

/** The card as DOM, so its link navigates inside the app. */
function card(p: LocatedProject, onOpen: (id: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cc-project-card';
  box.style.minWidth = '200px';
  const countdown = countdownOf(p);
  const reached = p.currentMilestone ? MILESTONE_KIND_LABELS[p.currentMilestone] : '尚未立项';
  box.append(
    line(p.name, { fontWeight: '600', fontSize: '14px' }),
    line(`${typeLabel(p)} · ${p.regionName}`, { color: 'rgba(0,0,0,.55)' }),
    line(`责任单位：${p.ownerUnit.name}`, { marginTop: '4px' }),
    line(`当前节点：${reached}`),
    line(`交账：${p.handoverDate}`),
    line(countdown.text, { color: countdown.color, fontWeight: '600', fontSize: '15px', marginTop: '2px' }),
    line(statusLabel(p), { color: PROJECT_STATUS_COLORS[p.status] }),
  );
  if (p.outline?.length) box.append(line(`范围：${outlineText(p.outline)}`, { color: 'rgba(0,0,0,.55)', fontSize: '12px' }));
  const link = document.createElement('a');
  link.href = `/projects/${p.id}`;
  link.textContent = '查看项目';
  link.style.display = 'inline-block';
  link.style.marginTop = '4px';
  link.setAttribute('aria-label', `查看项目${p.name}`);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    onOpen(p.id);
  });
  box.append(link);
  return box;
}

/** A round marker in the status colour, a finger's size to tap. */
function icon(p: LocatedProject, main: boolean): L.DivIcon {
  const size = main ? 24 : 20;
  const html =
    `<div style="box-sizing:border-box;width:${size}px;height:${size}px;margin:${(44 - size) / 2}px;border-radius:50%;` +
    `background:${PROJECT_STATUS_COLORS[p.status]};border:3px solid ${main ? '#1f3a5f' : '#fff'};` +
    `box-shadow:0 1px 4px rgba(0,0,0,.4)"></div>`;
  return L.divIcon({ html, className: 'cc-project-marker', iconSize: L.point(44, 44) });
}

interface Props {
  projects: LocatedProject[];
  onOpen: (id: string) => void;
  /** The detail page's small map: this project on top, its outline stronger. */
  highlightId?: string;
  height?: number | string;
  label?: string;
}

/** The battle map; `projects` must all have a location. */
export default function BattleMap({ projects, onOpen, highlightId, height = 480, label = '项目作战图' }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const outlinesRef = useRef<L.FeatureGroup | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  /** Puts the view on the projects again (after the map's box changed size). */
  const fitRef = useRef<() => void>(() => undefined);
  const baseMap = useBaseMap();

  useEffect(() => {
    const map = createMap(container.current!, { preferCanvas: true });
    // The box may settle after the map is made (a card laid out, a phone turned): the view follows it.
    let last = '';
    const resize = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
      if (size === last) return;
      last = size;
      map.invalidateSize({ pan: false });
      fitRef.current();
    });
    resize.observe(container.current!);
    outlinesRef.current = L.featureGroup().addTo(map);
    clusterRef.current = createClusterGroup(map, {
      noun: '项目',
      colorOf: (markers) => {
        const statuses = new Set(markers.map((m) => (m.options as ProjectMarkerOptions).status));
        const worst = WORST.find((s) => statuses.has(s));
        return worst ? PROJECT_STATUS_COLORS[worst] : undefined;
      },
    });
    mapRef.current = map;
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      outlinesRef.current = null;
      clusterRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (mapRef.current) setBaseMap(mapRef.current, baseMap.data);
  }, [baseMap.data]);

  // Redrawn only when what is drawn changes: a refetch with the same projects keeps the view and an open card.
  const projectsRef = useRef(projects);
  projectsRef.current = projects;
  const drawn = JSON.stringify(
    projects.map((p) => [p.id, p.name, p.status, p.lat, p.lng, p.daysToHandover, p.currentMilestone, p.ownerUnit.name, p.outline]),
  );

  useEffect(() => {
    const map = mapRef.current;
    const outlines = outlinesRef.current;
    const cluster = clusterRef.current;
    if (!map || !outlines || !cluster) return;
    const projects = projectsRef.current;
    outlines.clearLayers();
    cluster.clearLayers();
    const points: L.LatLngExpression[] = [];
    for (const p of projects) {
      points.push([p.lat, p.lng]);
      if (!p.outline || p.outline.length < 3) continue;
      const ring = p.outline.map(([lng, lat]) => [lat, lng] as [number, number]);
      points.push(...ring);
      const main = p.id === highlightId;
      L.polygon(ring, {
        color: PROJECT_STATUS_COLORS[p.status],
        weight: main ? 3 : 2,
        fillOpacity: highlightId && !main ? 0.08 : 0.22,
        interactive: false,
      }).addTo(outlines);
    }
    const named = projects.length <= NAMED_UP_TO;
    const markers = projects.map((p) => {
      const main = p.id === highlightId;
      const countdown = countdownOf(p);
      const marker = L.marker([p.lat, p.lng], {
        icon: icon(p, main),
        title: `${p.name}：${statusLabel(p)}，${countdown.text}`,
        keyboard: true,
        riseOnHover: true,
        zIndexOffset: main ? 1000 : 0,
        status: p.status,
      } as ProjectMarkerOptions);
      marker.bindPopup(() => card(p, (id) => openRef.current(id)), { minWidth: 200 });
      if (named || main) marker.bindTooltip(p.name, { direction: 'right', offset: [12, 0], permanent: true, className: 'cc-project-name' });
      marker.on('add', () => {
        const el = marker.getElement();
        el?.setAttribute('aria-label', `${p.name}：${statusLabel(p)}，${countdown.text}`);
        el?.setAttribute('data-project-id', p.id);
      });
      return marker;
    });
    const highlighted = highlightId ? projects.find((p) => p.id === highlightId) : undefined;
    fitRef.current = () => {
      if (highlighted && !highlighted.outline) map.setView([highlighted.lat, highlighted.lng], 15, { animate: false });
      else if (highlighted)
        // The outline and the marker both in view (the point may stand outside an outline drawn later).
        map.fitBounds(
          L.latLngBounds([
            ...highlighted.outline!.map(([lng, lat]) => [lat, lng] as [number, number]),
            [highlighted.lat, highlighted.lng],
          ]).pad(0.4),
          {
            maxZoom: 17,
            animate: false,
          },
        );
      else if (points.length) {
        // Room for the zoom buttons on the left and, on the right, for the names beside the markers and the legend.
        const width = map.getSize().x;
        map.fitBounds(L.latLngBounds(points), {
          paddingTopLeft: [56, 48],
          paddingBottomRight: [Math.min(named ? 200 : 48, width * 0.35), 40],
          maxZoom: 15,
          animate: false,
        });
      } else map.setView([35, 105], 4, { animate: false });
    };
    fitRef.current();
    cluster.addLayers(markers);
  }, [drawn, highlightId]);

  return <div ref={container} role="region" aria-label={label} style={{ height, background: '#eef2f6', borderRadius: 8 }} />;
}
