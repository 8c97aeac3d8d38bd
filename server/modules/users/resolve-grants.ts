/** Turns requested roles into scoped grants, enforcing 三员分立 and that every scope exists. */
import { ROLE_LABELS, SCOPE_TYPE_LABELS } from '../../../common/labels';
import { ROLE_SCOPE, SEPARATED_ADMIN_ROLES, type Role, type ScopeType } from '../../../common/roles';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { RoleGrantInput } from './schemas';

export interface ResolvedGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

const TABLE_OF: Record<Exclude<ScopeType, 'global'>, 'regions' | 'units' | 'campaigns'> = {
  region: 'regions',
  unit: 'units',
  campaign: 'campaigns',
};

/** The 三员分立 rule as a reason, or null: a separated admin role is the only role its holder has. */
export function separationProblem(roles: Role[]): string | null {
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r));
  if (admins.length && new Set(roles).size > 1) {
    return `三员分立：${admins.map((r) => ROLE_LABELS[r]).join('、')}不能与其他角色由同一账号兼任`;
  }
  return null;
}

/** Resolves role inputs; a role without a scope takes the user's own unit or region. */
export async function resolveGrants(
  db: Db | Tx,
  inputs: RoleGrantInput[],
  owner: { unitId: string | null; regionId: string | null },
): Promise<ResolvedGrant[]> {
  const problem = separationProblem(inputs.map((i) => i.role));
  if (problem) throw new AppError('separation_of_duties', problem);
  const out: ResolvedGrant[] = [];
  for (const input of inputs) {
    const scopeType = ROLE_SCOPE[input.role];
    if (scopeType === 'global') {
      out.push({ role: input.role, scopeType, scopeId: null });
      continue;
    }
    const scopeId = input.scopeId ?? (scopeType === 'unit' ? owner.unitId : scopeType === 'region' ? owner.regionId : null);
    if (!scopeId) {
      throw new AppError('validation', `角色“${ROLE_LABELS[input.role]}”须指定${SCOPE_TYPE_LABELS[scopeType]}范围`);
    }
    const found = await db.selectFrom(TABLE_OF[scopeType]).select('id').where('id', '=', scopeId).executeTakeFirst();
    if (!found) throw new AppError('validation', `角色“${ROLE_LABELS[input.role]}”的${SCOPE_TYPE_LABELS[scopeType]}范围不存在`);
    out.push({ role: input.role, scopeType, scopeId });
  }
  const keys = new Set(out.map((g) => `${g.role}|${g.scopeId}`));
  if (keys.size !== out.length) throw new AppError('validation', '角色重复');
  return out;
}
