/** SQL for regions; no rules, no authorization. */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { DB } from '../../platform/schema';

export type RegionScope = (eb: ExpressionBuilder<DB, 'regions'>) => Expression<SqlBool>;

export interface RegionFilter {
  parentId?: string | 'root';
  level?: string;
  search?: string;
}

function filtered(db: Db, scope: RegionScope, f: RegionFilter) {
  let q = db.selectFrom('regions').where(scope);
  if (f.parentId === 'root') q = q.where('parent_id', 'is', null);
  else if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.search) q = q.where((eb) => eb.or([eb('name', 'like', `%${f.search}%`), eb('code', 'like', `${f.search}%`)]));
  return q;
}

/** A page of regions with their child counts, and the total. */
export async function listRegions(
  db: Db,
  scope: RegionScope,
  f: RegionFilter,
  page: { limit: number; offset: number; sort: 'code' | 'name' | 'level'; order: 'asc' | 'desc' },
) {
  const [items, total] = await Promise.all([
    filtered(db, scope, f)
      .selectAll('regions')
      .select((eb) =>
        eb
          .selectFrom('regions as c')
          .whereRef('c.parent_id', '=', 'regions.id')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('child_count'),
      )
      .orderBy(page.sort, page.order)
      .orderBy('code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, scope, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every region in scope, for the tree (a county has a few hundred). */
export function allRegions(db: Db, scope: RegionScope) {
  return db.selectFrom('regions').selectAll().where(scope).orderBy('sort').orderBy('code').execute();
}

/** One region by id. */
export function findRegion(db: Db | Tx, id: string) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Regions by code (for imports). */
export function findRegionsByCodes(db: Db | Tx, codes: string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
}

/** How many records hang on a region (children, units, users, campaigns). */
export async function regionUsage(db: Tx, id: string) {
  const row = await sql<{ children: number; units: number; users: number; campaigns: number }>`
    select (select count(*)::int from regions where parent_id = ${id}) as children,
           (select count(*)::int from units where region_id = ${id}) as units,
           (select count(*)::int from users where region_id = ${id}) as users,
           (select count(*)::int from campaigns where region_id = ${id}) as campaigns`.execute(db);
  return row.rows[0];
}

/** Inserts a region with its materialised path. */
export async function insertRegion(
  tx: Tx,
  values: { parentId: string | null; parentPath: string | null; code: string; name: string; level: string; sort?: number; now: Date },
) {
  const id = (await sql<{ id: string }>`select gen_random_uuid() as id`.execute(tx)).rows[0].id;
  return tx
    .insertInto('regions')
    .values({
      id,
      parent_id: values.parentId,
      code: values.code,
      name: values.name,
      level: values.level,
      sort: values.sort ?? 0,
      path: `${values.parentPath ?? '/'}${id}/`,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
