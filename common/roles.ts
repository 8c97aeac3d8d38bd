/** Role codes (domain.md). Chinese labels live in labels.ts. */
export const ROLES = [
  'admin',
  'security_admin',
  'auditor',
  'office',
  'leader',
  'taskforce',
  'unit_head',
  'unit_liaison',
  'inspector',
  'site_lead',
  'grid_worker',
  'volunteer',
] as const;
export type Role = (typeof ROLES)[number];

/** 三员分立: a user may hold at most one of these, and none of them may hold a business role. */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor'];

/** What a role's scope can point at. */
export const SCOPE_TYPES = ['global', 'region', 'unit', 'campaign'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** The scope each role takes when it is granted (the UI asks for the matching target). */
export const ROLE_SCOPE: Record<Role, ScopeType> = {
  admin: 'global',
  security_admin: 'global',
  auditor: 'global',
  office: 'region',
  leader: 'region',
  taskforce: 'campaign',
  unit_head: 'unit',
  unit_liaison: 'unit',
  inspector: 'region',
  site_lead: 'unit',
  grid_worker: 'region',
  volunteer: 'region',
};
