/** User rows → API shape (common/contracts/users.ts; never the password hash). */
import type { z } from 'zod';
import type { userResponse } from '../../../common/contracts';
import type { Role, ScopeType } from '../../../common/roles';
import type { Actor } from '../../platform/actor';
import { abilities } from '../../platform/policy';
import type { grantsOf, UserRow } from './repository';

type Grant = Awaited<ReturnType<typeof grantsOf>>[number];

/** The scope position of a user: their region (or their unit's) and their unit. */
export const userSubject = (u: { scope_path: string | null; unit_id: string | null }) => ({ regionPath: u.scope_path, unitId: u.unit_id });

/** A user as the API shows it. */
export function presentUser(u: UserRow, grants: Grant[], actor: Actor, now: Date): z.output<typeof userResponse> {
  const locked = !!u.locked_until && new Date(u.locked_until) > now;
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    phone: u.phone,
    unitId: u.unit_id,
    unitName: u.unit_name,
    regionId: u.region_id,
    regionName: u.region_name,
    active: u.active,
    locked,
    lockedUntil: locked ? u.locked_until : null,
    mustChangePassword: u.must_change_password,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    version: u.version,
    roles: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({
        role: g.role as Role,
        scopeType: g.scope_type as ScopeType,
        scopeId: g.scope_id,
        scopeName: g.scope_name ?? (g.scope_type === 'global' ? '全局' : null),
      })),
    abilities: {
      ...(abilities(actor, 'users', ['update', 'assignRoles', 'resetPassword', 'unlock'], userSubject(u)) as z.output<
        typeof userResponse
      >['abilities']),
      // Nobody edits their own roles or resets their own password here (the personal centre changes it).
      ...(u.id === actor.id ? { assignRoles: false, resetPassword: false } : {}),
    },
  };
}
