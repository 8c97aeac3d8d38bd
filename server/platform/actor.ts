/** The signed-in person and the scopes of their roles, loaded once per request. */
import type { Role, ScopeType } from '../../common/roles';
import { sql, type Expression, type RawBuilder } from 'kysely';

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  /**
   * For region scopes: the region's path; for campaign scopes: the campaign region's path; for unit
   * scopes: the unit's region path (used only to see area-wide records such as campaigns).
   */
  regionPath: string | null;
}

export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string | null;
  regionId: string | null;
  grants: RoleGrant[];
  mustChangePassword: boolean;
  isDemo: boolean;
  via: 'session' | 'token' | 'system';
}

/** The actor used by scripts, migrations and the seed. */
export const systemActor: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  name: '系统',
  unitId: null,
  regionId: null,
  grants: [],
  mustChangePassword: false,
  isDemo: false,
  via: 'system',
};

/**
 * SQL: a user's role grants as a JSON array, each with the region path its scope covers — for region scopes the
 * region's path; for campaign scopes the campaign region's path; for unit scopes the unit's region path. Selected
 * beside the user's row, so a request loads its actor in one statement.
 */
export function grantsJsonSql(userId: Expression<string>): RawBuilder<GrantJson[]> {
  return sql<GrantJson[]>`coalesce((
    select json_agg(json_build_object('role', ur.role, 'scope_type', ur.scope_type, 'scope_id', ur.scope_id,
                                      'region_path', coalesce(r.path, cr.path, ur_region.path)))
    from user_roles ur
    left join regions r on r.id = ur.scope_id and ur.scope_type = 'region'
    left join campaigns c on c.id = ur.scope_id and ur.scope_type = 'campaign'
    left join regions cr on cr.id = c.region_id
    left join units u on u.id = ur.scope_id and ur.scope_type = 'unit'
    left join regions ur_region on ur_region.id = u.region_id
    where ur.user_id = ${userId}), '[]'::json)`;
}

interface GrantJson {
  role: string;
  scope_type: string;
  scope_id: string | null;
  region_path: string | null;
}

/** The grants as the actor holds them. */
export function grantsFromJson(rows: GrantJson[] | string): RoleGrant[] {
  const list = (typeof rows === 'string' ? JSON.parse(rows) : rows) as GrantJson[];
  return list.map((r) => ({
    role: r.role as Role,
    scopeType: r.scope_type as ScopeType,
    scopeId: r.scope_id,
    regionPath: r.region_path ?? null,
  }));
}

/** Distinct role codes of an actor. */
export function rolesOf(actor: Actor): Role[] {
  return [...new Set(actor.grants.map((g) => g.role))];
}

/** The actor's user id for foreign keys, or null for the system and anonymous callers. */
export function actorUserId(actor: Actor): string | null {
  return actor.via === 'system' || !actor.id ? null : actor.id;
}
