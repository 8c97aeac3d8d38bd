/** SQL for 底图设置 (map_settings): the rows on a region's path, one region's own row. */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { MapSettingsTable } from '../../platform/schema';
import { pathIds } from '../problem-settings/resolve';

export type MapSettingsRow = Selectable<MapSettingsTable>;

/** The deployment default and the rows of the regions on `path` (resolve with `nearest`). */
export async function rowsOnPath(db: Db | Tx, path: string | null | undefined): Promise<MapSettingsRow[]> {
  const ids = pathIds(path);
  return db
    .selectFrom('map_settings')
    .selectAll()
    .where((eb) => (ids.length ? eb.or([eb('region_id', 'is', null), eb('region_id', 'in', ids)]) : eb('region_id', 'is', null)))
    .execute();
}

/** A region's own row (null: the deployment default's). */
export async function ownRow(db: Db | Tx, regionId: string | null): Promise<MapSettingsRow | undefined> {
  return db
    .selectFrom('map_settings')
    .selectAll()
    .where('region_id', regionId === null ? 'is' : '=', regionId)
    .executeTakeFirst();
}
