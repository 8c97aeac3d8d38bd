/** SQL for standards versions and trees, the version list and live compliance. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/** Versions joined with their campaign (`c`) and its region (`r`), the scope of every version read. */
function versions(db: Db | Tx) {
  return db
    .selectFrom('standard_versions as v')
    .innerJoin('campaigns as c', 'c.id', 'v.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id');
}

/** A version with its campaign's region path (for scoping). */
export function findVersion(db: Db | Tx, id: string) {
  return versions(db)
    .select([
      'v.id',
      'v.name',
      'v.campaign_id',
      'v.source',
      'v.cloned_from',
      'v.created_at',
      'c.name as campaign_name',
      'r.path as region_path',
    ])
    .where('v.id', '=', id)
    .executeTakeFirst();
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

/** Every standard of a version with item names and units, in order. */
export function versionStandards(db: Db | Tx, versionId: string) {
  return standardsWhere(db, { versionId });
}

/** One standard with its item names and units (without loading its whole version). */
export async function findStandard(db: Db | Tx, id: string) {
  return (await standardsWhere(db, { id }))[0];
}

async function standardsWhere(db: Db | Tx, by: { versionId?: string; id?: string }) {
  let q = db
    .selectFrom('standards as s')
    .innerJoin('standard_items as content', 'content.id', 's.item_id')
    .leftJoin('standard_items as item', 'item.id', 'content.parent_id')
    .leftJoin('units as lu', 'lu.id', 's.lead_unit_id')
    .select([
      's.id',
      's.code',
      's.text',
      's.method',
      's.points',
      's.site_type_codes',
      's.lead_unit_id',
      'lu.name as lead_unit_name',
      's.negative',
      's.sort',
      'content.id as content_id',
      'content.name as content_name',
      'content.sort as content_sort',
      'item.id as item_id',
      'item.name as item_name',
      'item.sort as item_sort',
    ])
    .select('s.version_id')
    .orderBy('item.sort')
    .orderBy('content.sort')
    .orderBy('s.sort');
  if (by.versionId) q = q.where('s.version_id', '=', by.versionId);
  if (by.id) q = q.where('s.id', '=', by.id);
  const rows = await q.execute();
  const units = rows.length
    ? await db
        .selectFrom('standard_units as su')
        .innerJoin('units as u', 'u.id', 'su.unit_id')
        .select(['su.standard_id', 'u.id', 'u.name'])
        .where(
          'su.standard_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('u.name')
        .execute()
    : [];
  const byStandard = new Map<string, Array<{ id: string; name: string }>>();
  for (const u of units) byStandard.set(u.standard_id, [...(byStandard.get(u.standard_id) ?? []), { id: u.id, name: u.name }]);
  return rows.map((r) => ({ ...r, points: Number(r.points), units: byStandard.get(r.id) ?? [] }));
}
export type StandardRow = Awaited<ReturnType<typeof versionStandards>>[number];

/** Versions the `scope` admits (campaigns aliased `c`, their region `r`), newest first, with their standard counts. */
export function listVersions(db: Db, scope: RawBuilder<SqlBool>, campaignId?: string) {
  let q = versions(db)
    .select([
      'v.id',
      'v.name',
      'v.campaign_id',
      'c.name as campaign_name',
      'v.source',
      'v.cloned_from',
      'v.created_at',
      sql<number>`(select count(*)::int from standards s where s.version_id = v.id)`.as('standards'),
    ])
    .where(scope)
    .orderBy('v.created_at', 'desc');
  if (campaignId) q = q.where('v.campaign_id', '=', campaignId);
  return q.execute();
}

/** Site type code → name. */
export async function siteTypeNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('site_types').select(['code', 'name']).execute()).map((t) => [t.code, t.name]));
}

/** A unit with its region path (for the task-decomposition view's scope check). */
export function findUnitWithPath(db: Db, id: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'r.path'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Pass/fail counts per standard over the visits of rounds that pass `roundVisible` (rounds aliased `ir`). */
export async function compliance(
  db: Db,
  roundVisible: RawBuilder<SqlBool>,
  standardIds: string[],
): Promise<Map<string, { passed: number; failed: number }>> {
  if (!standardIds.length) return new Map();
  const rows = await sql<{ standard_id: string; passed: number; failed: number }>`
    select res.standard_id, count(*) filter (where res.verdict = 'pass')::int as passed, count(*) filter (where res.verdict = 'fail')::int as failed
    from inspection_results res join inspection_visits v on v.id = res.visit_id join inspection_rounds ir on ir.id = v.round_id
    where res.standard_id = any(${standardIds}::uuid[]) and ${roundVisible}
    group by res.standard_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.standard_id, { passed: r.passed, failed: r.failed }]));
}
