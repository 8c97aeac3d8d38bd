/**
 * Roll-up over the region tree: "the town (乡镇街道) of a region", "the county of a region". A region's path is
 * materialised as the ids from the root (`/city-id/county-id/town-id/…/`), so its ancestor at a level is the region of
 * that level among the ids of its path — a few primary-key lookups. (Matching `path like anc.path || '%'` read every
 * region for each one: 81 ms of the 354 ms by-town metrics at 1 331 regions, docs/performance.md.) Metrics, inspection reports, dispatch suggestions and indicators all roll up through these two functions.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { RegionLevel } from '../../common/enums';

/** SQL: the id of the region at `level` on the path (the region itself when it is of that level), or null. */
export function ancestorAtLevelSql(
  regionPath: Expression<string | null> | RawBuilder<string | null> | string,
  level: RegionLevel,
): RawBuilder<string | null> {
  return sql<string | null>`(select anc.id from regions anc
    where anc.id = any(string_to_array(trim(both '/' from ${regionPath}), '/')::uuid[]) and anc.level = ${level} limit 1)`;
}

/**
 * SQL rows (region_id, rollup_id) for every region: its ancestor at `level`, or the region itself when it has none
 * (a problem filed on the county itself rolls up to the county). Use as a materialized CTE and join on region_id,
 * so each region is resolved once per query, not once per row.
 */
export function regionRollupSql(level: RegionLevel): RawBuilder<{ region_id: string; rollup_id: string }> {
  return sql`select rr.id as region_id, coalesce(${ancestorAtLevelSql(sql.ref('rr.path'), level)}, rr.id) as rollup_id from regions rr`;
}
