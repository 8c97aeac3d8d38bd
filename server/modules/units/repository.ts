/** SQL for units; no rules, no authorization. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { DB } from '../../platform/schema';

type UnitEb = ExpressionBuilder<DB & { r: DB['regions']; p: DB['units'] }, 'units' | 'r'>;
export type UnitScope = (eb: UnitEb) => Expression<SqlBool>;

export interface UnitFilter {
  search?: string;
  type?: string;
  regionId?: string;
  active?: boolean;
}

const SORT_COLUMNS = { name: 'units.name', type: 'units.type', region: 'r.code', createdAt: 'units.created_at' } as const;

function base(db: Db | Tx, scope: UnitScope, f: UnitFilter) {
  let q = db
    .selectFrom('units')
    .innerJoin('regions as r', 'r.id', 'units.region_id')
    .leftJoin('units as p', 'p.id', 'units.parent_id')
    .where((eb) => scope(eb as unknown as UnitEb));
  if (f.search) {
    const like = `%${f.search}%`;
    q = q.where((eb) =>
      eb.or([eb('units.name', 'like', like), eb('units.head_name', 'like', like), eb('units.liaison_name', 'like', like)]),
    );
  }
  if (f.type) q = q.where('units.type', '=', f.type);
  if (f.regionId) {
    // A region filter includes its whole subtree.
    q = q.where('r.path', 'like', sql<string>`(select path from regions where id = ${f.regionId}) || '%'`);
  }
  if (f.active !== undefined) q = q.where('units.active', '=', f.active);
  return q;
}

const COLUMNS = ['r.name as region_name', 'r.code as region_code', 'r.path as region_path', 'p.name as parent_name'] as const;

/** A page of units with region and parent names. */
export async function listUnits(
  db: Db,
  scope: UnitScope,
  f: UnitFilter,
  page: { limit: number; offset: number; sort: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc' },
) {
  const [items, total] = await Promise.all([
    base(db, scope, f)
      .selectAll('units')
      .select(COLUMNS)
      .orderBy(SORT_COLUMNS[page.sort], page.order)
      .orderBy('units.name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base(db, scope, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every unit matching the filter (exports). */
export function allUnits(db: Db, scope: UnitScope, f: UnitFilter) {
  return base(db, scope, f).selectAll('units').select(COLUMNS).orderBy('r.code').orderBy('units.name').execute();
}

/** One unit with its region path. */
export function findUnit(db: Db | Tx, id: string) {
  return db
    .selectFrom('units')
    .innerJoin('regions as r', 'r.id', 'units.region_id')
    .leftJoin('units as p', 'p.id', 'units.parent_id')
    .selectAll('units')
    .select(COLUMNS)
    .where('units.id', '=', id)
    .executeTakeFirst();
}
export type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

/** Units by exact name (imports, name checks). */
export function findUnitsByNames(db: Db | Tx, names: string[]) {
  if (!names.length) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .innerJoin('regions as r', 'r.id', 'units.region_id')
    .selectAll('units')
    .select('r.path as region_path')
    .where('units.name', 'in', names)
    .execute();
}

/** How many records point at a unit. */
export async function unitUsage(tx: Tx, id: string) {
  const row = await sql<{ children: number; users: number; links: number }>`
    select (select count(*)::int from units where parent_id = ${id}) as children,
           (select count(*)::int from users where unit_id = ${id}) as users,
           (select count(*)::int from leading_group_unit_links where unit_id = ${id}) as links`.execute(tx);
  return row.rows[0];
}
