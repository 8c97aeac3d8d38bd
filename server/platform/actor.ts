/** The signed-in person and the scopes of their roles, loaded once per request. */
import type { Role, ScopeType } from '../../common/roles';
import type { Db } from './db';

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

/** Loads a user's role grants with the region path each scope covers. */
export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles as ur')
    .leftJoin('regions as r', (j) => j.onRef('r.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'region'))
    .leftJoin('campaigns as c', (j) => j.onRef('c.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'campaign'))
    .leftJoin('regions as cr', 'cr.id', 'c.region_id')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'ur.scope_id').on('ur.scope_type', '=', 'unit'))
    .leftJoin('regions as ur_region', 'ur_region.id', 'u.region_id')
    .select([
      'ur.role',
      'ur.scope_type',
      'ur.scope_id',
      'r.path as region_path',
      'cr.path as campaign_region_path',
      'ur_region.path as unit_region_path',
    ])
    .where('ur.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({
    role: r.role as Role,
    scopeType: r.scope_type as ScopeType,
    scopeId: r.scope_id,
    regionPath: r.region_path ?? r.campaign_region_path ?? r.unit_region_path ?? null,
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
