/**
 * A project's outline (项目范围) — the rules one schema states for the server and the web form alike: at least 3
 * distinct points, at most OUTLINE_MAX_POINTS, every point inside China's bounds (a swapped [lat, lng] pair or a
 * point on the wrong side of the world is caught), enclosing an area (not all on one line), and no two edges crossing
 * (a bow-tie drawn by clicks in the wrong order). Points are [lng, lat] (WGS-84); a closing point equal to the first
 * may be given or not. The body's shape (numbers in pairs) is checked by the body schema (400); these rules answer
 * 422 naming `outline` (server/modules/projects/project-checks.ts).
 */
import { z } from 'zod';

/** China's extent (WGS-84), a little generous: 漠河 to 曾母暗沙, 帕米尔 to 抚远. */
export const CHINA_BOUNDS = { minLng: 73.4, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 } as const;
/** The most points an outline may have (a hand-drawn outline has tens; a surveyed one a few hundred). */
export const OUTLINE_MAX_POINTS = 500;
export const OUTLINE_MIN_POINTS = 3;

type Pt = readonly [number, number];

/** The ring without its closing point (when the last point repeats the first). */
export function openRing<T extends Pt>(points: readonly T[]): T[] {
  if (points.length > 1) {
    const [a, b] = [points[0], points[points.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) return points.slice(0, -1);
  }
  return [...points];
}

/** Twice the signed area in degrees² (shoelace). */
function area2(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i += 1) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Whether segments ab and cd properly cross (touching at an end point does not count). */
function crosses(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** The first pair of crossing edges (their indexes), or null. Non-adjacent edges only. */
export function crossingEdges(ring: readonly Pt[]): [number, number] | null {
  const n = ring.length;
  if (n < 4) return null;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 2; j < n; j += 1) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (crosses(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return [i, j];
    }
  }
  return null;
}

const point = z.tuple([z.number(), z.number()]);

/** The outline rules (see the file's comment); the messages are what the office reads. */
export const projectOutline = z.array(point, { error: '项目范围须为 [经度, 纬度] 点的列表' }).superRefine((points, ctx) => {
  const ring = openRing(points);
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < OUTLINE_MIN_POINTS) {
    ctx.addIssue({ code: 'custom', message: `项目范围至少需要 ${OUTLINE_MIN_POINTS} 个不同的点` });
    return;
  }
  if (ring.length > OUTLINE_MAX_POINTS) {
    ctx.addIssue({ code: 'custom', message: `项目范围最多 ${OUTLINE_MAX_POINTS} 个点（现有 ${ring.length} 个）` });
    return;
  }
  const outside = ring.findIndex(
    ([lng, lat]) => !(lng >= CHINA_BOUNDS.minLng && lng <= CHINA_BOUNDS.maxLng && lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat),
  );
  if (outside >= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `项目范围第 ${outside + 1} 个点不在中国境内（经度 ${CHINA_BOUNDS.minLng}–${CHINA_BOUNDS.maxLng}，纬度 ${CHINA_BOUNDS.minLat}–${CHINA_BOUNDS.maxLat}；点为 [经度, 纬度]）`,
    });
    return;
  }
  const crossing = crossingEdges(ring);
  if (crossing) {
    ctx.addIssue({ code: 'custom', message: `项目范围的边不能相互交叉（第 ${crossing[0] + 1} 条边与第 ${crossing[1] + 1} 条边）` });
    return;
  }
  if (Math.abs(area2(ring)) < 1e-12) ctx.addIssue({ code: 'custom', message: '项目范围的各点不能在一条直线上' });
});

/** The area of an outline in square metres (a local flat projection: fine for a construction site). */
export function outlineAreaM2(points: readonly Pt[]): number {
  const ring = openRing(points);
  if (ring.length < 3) return 0;
  const lat0 = (ring.reduce((s, p) => s + p[1], 0) / ring.length) * (Math.PI / 180);
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_574;
  return Math.abs(area2(ring.map(([lng, lat]) => [lng * kx, lat * ky] as const))) / 2;
}
