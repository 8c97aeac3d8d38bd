/** Actors for unit tests of pure rules: one role grant each, no database. */
import type { Role, ScopeType } from '../../common/roles';
import type { Actor } from '../../server/platform/actor';

/** An actor holding one role with the given scope (a unit grant also places the actor in that unit). */
export function makeActor(id: string, role: Role, scopeType: ScopeType, scopeId: string | null, regionPath: string | null): Actor {
  return {
    id,
    username: id,
    name: id,
    unitId: scopeType === 'unit' ? scopeId : null,
    regionId: null,
    grants: [{ role, scopeType, scopeId, regionPath }],
    mustChangePassword: false,
    isDemo: false,
    via: 'session',
  };
}
