/** 恢复继承: a region's own base map is removed; the region draws what the region above (or the default) sets. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { editableRegion } from '../problem-settings/resolve';
import { auditedRow } from './presenter';
import { presentSettings } from './read-map-settings';

/** Removes the region's own base map; answers the settings as they now apply there. */
export async function resetMapSettings(ctx: Ctx, regionId: string) {
  const region = await ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'mapSettings.update', regionId);
    const before = await tx.deleteFrom('map_settings').where('region_id', '=', region.id).returningAll().executeTakeFirst();
    if (!before) throw notFound('本级底图设置');
    await recordEvent(tx, ctx, {
      action: 'map_settings.reset',
      subjectType: 'map_settings',
      subjectId: region.id,
      before: auditedRow(before),
    });
    return region;
  });
  return presentSettings(ctx.db, ctx.actor, region);
}
