/** 当前会话: who I am, my role grants (with the names of their scopes) and the permissions that build my menu. */
import type { Ctx } from '../../platform/context';
import { rolesOf } from '../../platform/actor';
import { permissionsOf } from '../../platform/policy';

/** The `GET /api/auth/session` body for the actor. */
export async function describeSession(ctx: Ctx, csrfToken: string | null) {
  const { actor, db } = ctx;
  const [unit, region] = await Promise.all([
    actor.unitId ? db.selectFrom('units').select('name').where('id', '=', actor.unitId).executeTakeFirst() : undefined,
    actor.regionId ? db.selectFrom('regions').select('name').where('id', '=', actor.regionId).executeTakeFirst() : undefined,
  ]);
  const scopeIds = actor.grants.map((g) => g.scopeId).filter((x): x is string => !!x);
  const names = new Map<string, string>();
  if (scopeIds.length) {
    const rows = await db
      .selectFrom('regions')
      .select(['id', 'name'])
      .where('id', 'in', scopeIds)
      .unionAll(db.selectFrom('units').select(['id', 'name']).where('id', 'in', scopeIds))
      .unionAll(db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', scopeIds))
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return {
    user: {
      id: actor.id,
      username: actor.username,
      name: actor.name,
      roles: rolesOf(actor),
      roleGrants: actor.grants.map((g) => ({
        role: g.role,
        scopeType: g.scopeType,
        scopeId: g.scopeId,
        scopeName: g.scopeId ? (names.get(g.scopeId) ?? null) : '全局',
      })),
      unitId: actor.unitId,
      unitName: unit?.name ?? null,
      regionId: actor.regionId,
      regionName: region?.name ?? null,
      mustChangePassword: actor.mustChangePassword,
    },
    csrfToken,
    permissions: permissionsOf(actor),
  };
}
