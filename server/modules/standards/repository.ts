/** SQL for standards versions and trees. */
import type { Db, Tx } from '../../platform/db';

/** A version with its campaign's region path (for scoping). */
export function findVersion(db: Db | Tx, id: string) {
  return db
    .selectFrom('standard_versions as v')
    .innerJoin('campaigns as c', 'c.id', 'v.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['v.id', 'v.name', 'v.campaign_id', 'v.source', 'v.cloned_from', 'v.created_at', 'c.name as campaign_name', 'r.path as region_path'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

/** Every standard of a version with item names and units, in order. */
export async function versionStandards(db: Db | Tx, versionId: string) {
  const rows = await db
    .selectFrom('standards as s')
    .innerJoin('standard_items as content', 'content.id', 's.item_id')
    .leftJoin('standard_items as item', 'item.id', 'content.parent_id')
    .leftJoin('units as lu', 'lu.id', 's.lead_unit_id')
    .select(['s.id', 's.code', 's.text', 's.method', 's.points', 's.site_type_codes', 's.lead_unit_id', 'lu.name as lead_unit_name', 's.negative', 's.sort', 'content.id as content_id', 'content.name as content_name', 'content.sort as content_sort', 'item.id as item_id', 'item.name as item_name', 'item.sort as item_sort'])
    .where('s.version_id', '=', versionId)
    .orderBy('item.sort')
    .orderBy('content.sort')
    .orderBy('s.sort')
    .execute();
  const units = rows.length
    ? await db.selectFrom('standard_units as su').innerJoin('units as u', 'u.id', 'su.unit_id').select(['su.standard_id', 'u.id', 'u.name']).where('su.standard_id', 'in', rows.map((r) => r.id)).orderBy('u.name').execute()
    : [];
  const byStandard = new Map<string, Array<{ id: string; name: string }>>();
  for (const u of units) byStandard.set(u.standard_id, [...(byStandard.get(u.standard_id) ?? []), { id: u.id, name: u.name }]);
  return rows.map((r) => ({ ...r, points: Number(r.points), units: byStandard.get(r.id) ?? [] }));
}
export type StandardRow = Awaited<ReturnType<typeof versionStandards>>[number];
