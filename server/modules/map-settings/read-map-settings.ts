/**
 * The base map that applies in a region (default: the caller's home region — the county for a county office, the
 * deployment default for a global account), where it comes from, and, for the administrator, the stored values.
 * Resolution is the region-scoped configuration's (`nearest` in problem-settings/resolve.ts): a county's own row
 * wins for the county and its towns, else the nearest region above, else the deployment default.
 */
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { can } from '../../platform/policy';
import { homeRegion, nearest, readableRegion, regionNames, type SettingsRegion } from '../problem-settings/resolve';
import './policy';
import { baseMapOfRow, sourceOf } from './presenter';
import { rowsOnPath, type MapSettingsRow } from './repository';

/** The row that applies at a region (null: the deployment default's). */
export async function applyingRow(db: Db | Tx, region: SettingsRegion | null): Promise<MapSettingsRow | undefined> {
  return nearest(region?.path, await rowsOnPath(db, region?.path));
}

/** The region whose base map an actor's maps draw. */
export function mapRegionOf(db: Db | Tx, actor: Actor): Promise<SettingsRegion | null> {
  return homeRegion(db, actor, 'mapSettings.read');
}

/** The answer of GET /api/map-settings. */
export async function readMapSettings(ctx: Ctx, regionId: string | undefined) {
  const region = regionId ? await readableRegion(ctx.db, ctx.actor, 'mapSettings.read', regionId) : await mapRegionOf(ctx.db, ctx.actor);
  return presentSettings(ctx.db, ctx.actor, region);
}

/** The settings answer for a region (also what PUT and DELETE answer, read after the change). */
export async function presentSettings(db: Db | Tx, actor: Actor, region: SettingsRegion | null) {
  const rows = await rowsOnPath(db, region?.path);
  const applying = nearest(region?.path, rows);
  const own = rows.find((r) => r.region_id === (region?.id ?? null));
  const mayUpdate = can(actor, 'mapSettings.update', region ? { regionPath: region.path } : { regionPath: '/' });
  const sourceId = applying?.region_id ?? null;
  const names = sourceId ? await regionNames(db, [sourceId]) : new Map<string, string>();
  return {
    region: region ? { id: region.id, name: region.name } : null,
    source: {
      regionId: sourceId,
      regionName: sourceId ? (names.get(sourceId) ?? null) : null,
      inherited: (region?.id ?? null) !== sourceId,
    },
    baseMap: baseMapOfRow(applying),
    settings: mayUpdate && applying ? sourceOf(applying) : null,
    version: own?.version ?? null,
    abilities: { update: mayUpdate, reset: mayUpdate && !!region && !!own },
  };
}
