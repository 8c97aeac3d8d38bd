/** map_settings rows → the answer's shapes (common/contracts/map-settings.ts). */
import { baseMapOf, type BaseMap, type BaseMapKind, type BaseMapSource, type TiandituLayer } from '../../../common/base-map';
import type { MapSettingsRow } from './repository';

/** The stored values as the contract names them. */
export function sourceOf(row: MapSettingsRow): BaseMapSource {
  return {
    // kind and tianditu_layer are held to these by CHECK constraints.
    kind: row.kind as BaseMapKind,
    tiandituLayer: row.tianditu_layer as TiandituLayer,
    tiandituKey: row.tianditu_key,
    tileUrl: row.tile_url,
    tileMaxZoom: row.tile_max_zoom,
    attribution: row.attribution,
  };
}

/** What the maps draw for a row: only its active kind (the key of an inactive 天地图 setting never leaves). */
export function baseMapOfRow(row: MapSettingsRow | undefined): BaseMap {
  return row ? baseMapOf(sourceOf(row)) : { kind: 'none', layers: [], attribution: '' };
}

/**
 * A row for the audit trail: the 天地图 key reduced to its last four characters, so the trail shows that it changed
 * without carrying it (the 三员 auditor reads the trail, and has no business with the key).
 */
export function auditedRow(row: MapSettingsRow | undefined | null): Record<string, unknown> | null {
  if (!row) return null;
  return { ...row, tianditu_key: row.tianditu_key ? `…${row.tianditu_key.slice(-4)}` : null };
}
