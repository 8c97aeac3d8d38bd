/**
 * 设置底图: the administrator sets the deployment default (`regionId` null; it always exists, so it is changed at
 * the version on screen) or a region's own base map (created with `version: null`; two administrators creating it at
 * once give one winner and one 409). The change and its audit event commit together; the 天地图 key is kept in the
 * trail only as its last four characters.
 */
import { blankToNull, type MapSettingsValues } from '../../../common/contracts';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { saveOwnedSetting } from '../../platform/versioned';
import { editableRegion, type SettingsRegion } from '../problem-settings/resolve';
import { presentSettings } from './read-map-settings';
import { auditedRow } from './presenter';
import { ownRow } from './repository';

/** Saves the base map of a region (null: the deployment default); answers the settings as they now apply. */
export async function updateMapSettings(ctx: Ctx, regionId: string | null, input: MapSettingsValues) {
  const region = await ctx.db.transaction().execute(async (tx) => {
    const region: SettingsRegion | null = regionId ? await editableRegion(tx, ctx.actor, 'mapSettings.update', regionId) : null;
    const set = {
      kind: input.kind,
      tianditu_layer: input.tiandituLayer,
      tianditu_key: blankToNull(input.tiandituKey),
      tile_url: blankToNull(input.tileUrl),
      tile_max_zoom: input.tileMaxZoom,
      attribution: input.attribution.trim(),
      updated_at: ctx.clock.now(),
    };
    const before = await ownRow(tx, region?.id ?? null);
    if (input.version !== null && !before && !region) throw notFound('底图设置');
    const row = await saveOwnedSetting(tx, 'map_settings', before, input.version, { region_id: region?.id ?? null, ...set });
    await recordEvent(tx, ctx, {
      action: 'map_settings.updated',
      subjectType: 'map_settings',
      subjectId: region?.id ?? null,
      before: auditedRow(before),
      after: auditedRow(row),
    });
    return region;
  });
  return presentSettings(ctx.db, ctx.actor, region);
}
