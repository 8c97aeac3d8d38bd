/**
 * 指挥大屏 reads: the reader's region (a city, county or town in their `dashboard.read` scope; the widest one by
 * default), its snapshot and its map points. Reads never scan problems: they answer the stored snapshot, and compute
 * one synchronously only when the region has none yet (a new area, or before the first job run).
 */
import type { z } from 'zod';
import type { dashboardFigures, dashboardResponse, dashboardSitesResponse } from '../../../common/contracts';
import type { RegionLevel } from '../../../common/enums';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import { refreshSnapshots, type RefreshResult } from './refresh-snapshots';
import { findSnapshot, findSnapshotRegion, findSnapshotRegionByPath, listSitePoints, topSnapshotRegion } from './repository';

const READ = 'dashboard.read';
const WHAT = '指挥大屏';

interface DashboardRegion {
  id: string;
  name: string;
  level: string;
  path: string;
}

/** The region whose snapshot the reader sees: `regionId` when in scope, else the widest region of their grants; else 404. */
export async function dashboardRegion(ctx: Ctx, regionId?: string): Promise<DashboardRegion> {
  const { actor, db } = ctx;
  if (!can(actor, READ)) throw notFound(WHAT);
  if (regionId) {
    const region = await findSnapshotRegion(db, regionId);
    if (!region || !can(actor, READ, { regionPath: region.path })) throw notFound('区域');
    return region;
  }
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, READ));
  if (grants.some((g) => g.scopeType === 'global')) {
    const top = await topSnapshotRegion(db);
    if (top) return top;
  }
  const paths = [...new Set(grants.map((g) => g.regionPath).filter((p): p is string => !!p))].sort((a, b) => a.length - b.length);
  for (const path of paths) {
    const region = await findSnapshotRegionByPath(db, path);
    if (region) return region;
  }
  throw notFound(WHAT);
}

/** The stored snapshot of the region, computed now if it has none. */
async function snapshotOf(ctx: Ctx, region: DashboardRegion) {
  const stored = await findSnapshot(ctx.db, region.id);
  if (stored) return stored;
  await refreshSnapshots(ctx.db, ctx.clock.now(), { under: region.path });
  const made = await findSnapshot(ctx.db, region.id);
  if (!made) throw notFound(WHAT);
  return made;
}

/** GET /api/dashboard. */
export async function readDashboard(ctx: Ctx, regionId?: string): Promise<z.output<typeof dashboardResponse>> {
  const region = await dashboardRegion(ctx, regionId);
  const snap = await snapshotOf(ctx, region);
  const data = (typeof snap.data === 'string' ? JSON.parse(snap.data) : snap.data) as z.output<typeof dashboardFigures>;
  return { ...data, region: { id: region.id, name: region.name, level: region.level as RegionLevel }, computedAt: snap.computed_at };
}

/** GET /api/dashboard/sites: the map points of the region. */
export async function readDashboardSites(ctx: Ctx, regionId?: string): Promise<z.output<typeof dashboardSitesResponse>> {
  const region = await dashboardRegion(ctx, regionId);
  const snap = await snapshotOf(ctx, region);
  const rows = await listSitePoints(ctx.db, region.path);
  return {
    items: rows.map((s) => ({
      id: s.site_id,
      name: s.name,
      lat: s.lat!,
      lng: s.lng!,
      scoreRate: s.score_rate,
      passed: s.passed,
    })),
    computedAt: snap.computed_at,
  };
}

/** POST /api/dashboard/refresh: recompute the snapshots of the reader's region and everything below it now. */
export async function refreshDashboard(ctx: Ctx, regionId?: string): Promise<RefreshResult> {
  const region = await dashboardRegion(ctx, regionId);
  if (!can(ctx.actor, 'dashboard.refresh', { regionPath: region.path })) throw new AppError('forbidden', '没有权限刷新指挥大屏');
  return (await refreshSnapshots(ctx.db, ctx.clock.now(), { under: region.path }))!;
}
