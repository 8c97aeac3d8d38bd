/**
 * Authorization in one place. Each module declares, as data, which roles may take which action
 * (`definePolicy`); this file decides whether a role grant's scope covers a record, turns the same
 * rule into SQL for list queries, and computes the abilities the UI shows.
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Role } from '../../common/roles';
import type { Actor, RoleGrant } from './actor';
import { AppError, notFound } from './errors';

/** Where a record sits, as far as scopes are concerned. */
export interface ScopeSubject {
  regionPath?: string | null;
  unitId?: string | null;
  campaignId?: string | null;
  /** The record applies to everyone inside `regionPath` (a campaign): anyone placed inside it may see it. */
  areaWide?: boolean;
}

export type PolicyTable = Record<string, readonly Role[]>;

const registry = new Map<string, PolicyTable>();

/** Declares a module's policy; returns the permission names it defines. */
export function definePolicy<T extends PolicyTable>(module: string, table: T): { module: string; table: T } {
  registry.set(module, table);
  return { module, table };
}

/** Every `module.action` the actor holds for at least one scope (drives the menu). */
export function permissionsOf(actor: Actor): string[] {
  const roles = new Set(actor.grants.map((g) => g.role));
  const out: string[] = [];
  for (const [module, table] of registry) {
    for (const [action, allowed] of Object.entries(table)) {
      if (allowed.some((r) => roles.has(r))) out.push(`${module}.${action}`);
    }
  }
  return out.sort();
}

function rolesFor(permission: string): readonly Role[] {
  const [module, action] = permission.split('.');
  const table = registry.get(module);
  if (!table || !table[action]) throw new Error(`unknown permission ${permission}`);
  return table[action];
}

/** Whether one grant's scope covers the subject. */
export function grantCovers(grant: RoleGrant, subject: ScopeSubject): boolean {
  if (subject.areaWide && grant.regionPath && subject.regionPath && grant.regionPath.startsWith(subject.regionPath)) return true;
  switch (grant.scopeType) {
    case 'global':
      return true;
    case 'region':
      return !!grant.regionPath && !!subject.regionPath && subject.regionPath.startsWith(grant.regionPath);
    case 'unit':
      return !!subject.unitId && subject.unitId === grant.scopeId;
    case 'campaign':
      if (subject.campaignId) return subject.campaignId === grant.scopeId;
      // Organisation records (units, regions) belong to no campaign: a task force sees its campaign's region.
      return !!grant.regionPath && !!subject.regionPath && subject.regionPath.startsWith(grant.regionPath);
  }
}

/** True when the actor holds the permission at all (any scope). */
export function holds(actor: Actor, permission: string): boolean {
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role));
}

/** True when some grant allowing the permission covers the subject (or, without a subject, exists). */
export function can(actor: Actor, permission: string, subject?: ScopeSubject): boolean {
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role) && (!subject || grantCovers(g, subject)));
}

/**
 * Throws unless the actor may take the action on the subject. A subject the actor may not even read
 * answers 404 (no existence leak); one they may read but not change answers 403. `read` names the
 * permission (default `<module>.read`) and, when reading is scoped differently, the subject to read.
 */
export function authorize(
  actor: Actor,
  permission: string,
  subject?: ScopeSubject,
  read: { permission?: string; subject?: ScopeSubject } = {},
): void {
  if (can(actor, permission, subject)) return;
  if (subject) {
    const readPermission = read.permission ?? `${permission.split('.')[0]}.read`;
    if (!registryHas(readPermission) || !can(actor, readPermission, read.subject ?? subject)) throw notFound();
  }
  throw new AppError('forbidden', '没有权限执行此操作');
}

function registryHas(permission: string): boolean {
  const [module, action] = permission.split('.');
  return !!registry.get(module)?.[action];
}

/** The abilities object a record carries: `{ update: true, delete: false, ... }`. */
export function abilities(actor: Actor, module: string, actions: string[], subject: ScopeSubject): Record<string, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, `${module}.${a}`, subject)]));
}

/** Column references a list query offers for scoping; leave out what the table does not have. */
export interface ScopeColumns {
  regionPath?: Expression<string | null>;
  unitId?: Expression<string | null>;
  campaignId?: Expression<string | null>;
  /** Path of the area an area-wide record applies to (see ScopeSubject.areaWide). */
  areaPath?: Expression<string | null>;
}

/**
 * The SQL form of `can` for list endpoints: rows some allowing grant covers. An actor with no
 * allowing grant gets `false` (an empty list), never an error.
 */
export function scopeSql(actor: Actor, permission: string, cols: ScopeColumns): RawBuilder<SqlBool> {
  const roles = rolesFor(permission);
  const parts: RawBuilder<SqlBool>[] = [];
  for (const g of actor.grants.filter((x) => roles.includes(x.role))) {
    if (g.scopeType === 'global') return sql<SqlBool>`true`;
    if (cols.areaPath && g.regionPath) parts.push(sql<SqlBool>`${g.regionPath} like ${cols.areaPath} || '%'`);
    if (g.scopeType === 'region' && cols.regionPath && g.regionPath)
      parts.push(sql<SqlBool>`${cols.regionPath} like ${g.regionPath + '%'}`);
    if (g.scopeType === 'unit' && cols.unitId && g.scopeId) parts.push(sql<SqlBool>`${cols.unitId} = ${g.scopeId}`);
    if (g.scopeType === 'campaign') {
      if (cols.campaignId && g.scopeId) parts.push(sql<SqlBool>`${cols.campaignId} = ${g.scopeId}`);
      else if (cols.regionPath && g.regionPath) parts.push(sql<SqlBool>`${cols.regionPath} like ${g.regionPath + '%'}`);
    }
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

/** `scopeSql` for a Kysely `where` callback. */
export function scopeWhere<DB, TB extends keyof DB>(
  _eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  permission: string,
  cols: ScopeColumns,
): Expression<SqlBool> {
  return scopeSql(actor, permission, cols);
}
