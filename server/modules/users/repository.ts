/** SQL for user accounts and role grants. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { DB } from '../../platform/schema';

type UserEb = ExpressionBuilder<DB & { u: DB['units']; rr: DB['regions']; ur: DB['regions'] }, 'users' | 'u' | 'rr' | 'ur'>;
export type UserScope = (eb: UserEb, regionPath: Expression<string | null>) => Expression<SqlBool>;

export interface UserFilter {
  search?: string;
  role?: string;
  unitId?: string;
  status?: 'active' | 'locked' | 'disabled' | 'mustChange';
}

const SORT = { username: 'users.username', name: 'users.name', lastLoginAt: 'users.last_login_at', createdAt: 'users.created_at' } as const;

const regionPathOf = sql<string | null>`coalesce(rr.path, ur.path)`;

function base(db: Db | Tx, scope: UserScope, f: UserFilter, now: Date) {
  let q = db
    .selectFrom('users')
    .leftJoin('units as u', 'u.id', 'users.unit_id')
    .leftJoin('regions as rr', 'rr.id', 'users.region_id')
    .leftJoin('regions as ur', 'ur.id', 'u.region_id')
    .where((eb) => scope(eb as unknown as UserEb, regionPathOf));
  if (f.search) {
    const like = `%${f.search}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'like', like), eb('users.name', 'like', like), eb('users.phone', 'like', like)]));
  }
  if (f.role)
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('user_roles').select('id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', f.role!),
      ),
    );
  if (f.unitId) q = q.where('users.unit_id', '=', f.unitId);
  if (f.status === 'active') q = q.where('users.active', '=', true);
  if (f.status === 'disabled') q = q.where('users.active', '=', false);
  if (f.status === 'locked') q = q.where('users.locked_until', '>', now);
  if (f.status === 'mustChange') q = q.where('users.must_change_password', '=', true);
  return q;
}

const COLUMNS = [
  'users.id',
  'users.username',
  'users.name',
  'users.phone',
  'users.unit_id',
  'users.region_id',
  'users.active',
  'users.locked_until',
  'users.must_change_password',
  'users.last_login_at',
  'users.created_at',
  'users.version',
  'users.is_demo',
  'u.name as unit_name',
  'rr.name as region_name',
  'rr.code as region_code',
] as const;

/** A page of users. */
export async function listUsers(
  db: Db,
  scope: UserScope,
  f: UserFilter,
  now: Date,
  page: { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc' },
) {
  const [items, total] = await Promise.all([
    base(db, scope, f, now)
      .select(COLUMNS)
      .select(regionPathOf.as('scope_path'))
      .orderBy(SORT[page.sort], page.order)
      .orderBy('users.username')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base(db, scope, f, now)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every matching user (export). */
export function allUsers(db: Db, scope: UserScope, f: UserFilter, now: Date) {
  return base(db, scope, f, now).select(COLUMNS).select(regionPathOf.as('scope_path')).orderBy('users.username').execute();
}

/** One user with names and the region path that scopes them. */
export function findUser(db: Db | Tx, id: string) {
  return base(db, () => sql<SqlBool>`true`, {}, new Date(0))
    .select(COLUMNS)
    .select(regionPathOf.as('scope_path'))
    .where('users.id', '=', id)
    .executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

/** Role grants of several users with the names of their scopes. */
export async function grantsOf(db: Db | Tx, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('user_roles as g')
    .leftJoin('regions as r', (j) => j.onRef('r.id', '=', 'g.scope_id').on('g.scope_type', '=', 'region'))
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'g.scope_id').on('g.scope_type', '=', 'unit'))
    .leftJoin('campaigns as c', (j) => j.onRef('c.id', '=', 'g.scope_id').on('g.scope_type', '=', 'campaign'))
    .select(['g.user_id', 'g.role', 'g.scope_type', 'g.scope_id', sql<string | null>`coalesce(r.name, u.name, c.name)`.as('scope_name')])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.role')
    .execute();
}

/** Replaces a user's role grants. */
export async function replaceGrants(tx: Tx, userId: string, grants: Array<{ role: string; scopeType: string; scopeId: string | null }>) {
  await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (grants.length) {
    await tx
      .insertInto('user_roles')
      .values(grants.map((g) => ({ user_id: userId, role: g.role, scope_type: g.scopeType, scope_id: g.scopeId })))
      .execute();
  }
}
