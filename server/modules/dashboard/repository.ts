/** 指挥大屏 SQL: reads of the snapshot tables (one row, or the map points under a path) and region look-ups. */
import type { Db } from '../../platform/db';
import { SNAPSHOT_LEVELS } from './refresh-snapshots';

/** A region that may carry a snapshot (city, county, town), or undefined. */
export function findSnapshotRegion(db: Db, id: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'path'])
    .where('id', '=', id)
    .where('level', 'in', SNAPSHOT_LEVELS)
    .executeTakeFirst();
}

/** The snapshot region at a path (the widest of the reader's scope). */
export function findSnapshotRegionByPath(db: Db, path: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'path'])
    .where('path', '=', path)
    .where('level', 'in', SNAPSHOT_LEVELS)
    .executeTakeFirst();
}

/** The widest snapshot regions (no parent, or a city): what a global grant starts from. */
export function topSnapshotRegion(db: Db) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'path'])
    .where('level', 'in', SNAPSHOT_LEVELS)
    .orderBy((eb) => eb.fn('length', ['path']))
    .orderBy('path')
    .limit(1)
    .executeTakeFirst();
}

/** The stored snapshot of a region. */
export function findSnapshot(db: Db, regionId: string) {
  return db.selectFrom('dashboard_snapshots').select(['computed_at', 'data']).where('region_id', '=', regionId).executeTakeFirst();
}

/** The located map points inside a region (in no particular order: the map does not care). */
export function listSitePoints(db: Db, path: string) {
  return db
    .selectFrom('dashboard_site_points')
    .select(['site_id', 'name', 'lat', 'lng', 'score_rate', 'passed'])
    .where('region_path', 'like', `${path}%`)
    .where('lat', 'is not', null)
    .where('lng', 'is not', null)
    .execute();
}
