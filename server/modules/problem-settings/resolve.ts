/**
 * Region-scoped configuration: a setting belongs to a region (or to nobody: the global default shipped
 * with the platform) and is inherited downward. The value for a region is the nearest ancestor's
 * (itself included), else the global default. Deadline computation, dispatch suggestion, the category
 * list and the settings page all resolve through `nearest` here, so inheritance has one definition.
 *
 * Who may touch a region's settings: reading needs the region in the actor's scope or above their
 * placement (an inherited value is visible to those who inherit it: `areaWide`); editing needs the
 * region inside an editing grant's scope. The global defaults are edited only through a global grant.
 */
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';

/** Region ids on a materialised path, nearest first: '/a/b/c/' → ['c', 'b', 'a']. */
export function pathIds(path: string | null | undefined): string[] {
  return path ? path.split('/').filter(Boolean).reverse() : [];
}

/** The row that applies at `path`: the nearest region's row, else the global one (`region_id` null). */
export function nearest<T extends { region_id: string | null }>(path: string | null | undefined, rows: readonly T[]): T | undefined {
  for (const id of pathIds(path)) {
    const hit = rows.find((r) => r.region_id === id);
    if (hit) return hit;
  }
  return rows.find((r) => r.region_id === null);
}

/** A region as settings see it. */
export interface SettingsRegion {
  id: string;
  name: string;
  path: string;
}

/** The subject used to ask whether a grant covers the global defaults (only a global grant does). */
const GLOBAL_SUBJECT = { regionPath: '/' };

/** True when the actor may edit the global defaults under `permission`. */
export function mayEditGlobal(actor: Actor, permission: string): boolean {
  return can(actor, permission, GLOBAL_SUBJECT);
}

/** True when the actor may read settings of the region at `path` (in scope, or inherited by their placement). */
export function mayReadRegion(actor: Actor, permission: string, path: string): boolean {
  return can(actor, permission, { regionPath: path, areaWide: true });
}

/** True when the actor may edit settings of the region at `path`. */
export function mayEditRegion(actor: Actor, permission: string, path: string | null): boolean {
  return path === null ? mayEditGlobal(actor, permission) : can(actor, permission, { regionPath: path });
}

/**
 * Loads a region the actor may read settings of; another scope's region (or a missing one) is 404,
 * so an id from another county reveals nothing.
 */
export async function readableRegion(db: Db | Tx, actor: Actor, permission: string, id: string): Promise<SettingsRegion> {
  const r = await db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  if (!r || !mayReadRegion(actor, permission, r.path)) throw notFound('区域');
  return r;
}

/** Like `readableRegion`, and 403 when the actor may read but not edit it (an ancestor's settings). */
export async function editableRegion(db: Db | Tx, actor: Actor, permission: string, id: string): Promise<SettingsRegion> {
  const r = await readableRegion(db, actor, permission, id);
  if (!mayEditRegion(actor, permission, r.path)) throw new AppError('forbidden', `${r.name}的设置由上级维护，本级只能查看`);
  return r;
}

/**
 * The region whose settings an actor sees by default: the widest region among their grants that hold
 * `permission` (the county for a county office, the town for a grid worker, the unit's region for a
 * unit), or null (the global defaults) for a global grant or no placement.
 */
export async function homeRegion(db: Db | Tx, actor: Actor, permission: string): Promise<SettingsRegion | null> {
  if (mayEditGlobal(actor, permission) || actor.grants.some((g) => g.scopeType === 'global')) return null;
  const paths = actor.grants
    .map((g) => g.regionPath)
    .filter((p): p is string => !!p)
    .sort((a, b) => a.length - b.length);
  const id = pathIds(paths[0])[0];
  if (!id) return null;
  return (await db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Names of the regions on a path, for "inherited from …" labels. */
export async function regionNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ResolvedDeadlinePolicy {
  severity: string;
  hours: number;
  working_days: boolean;
  version: number;
  /** The region the value comes from; null = the global default. */
  region_id: string | null;
}

/** 整改时限 per severity as they apply at `path` (null: the global defaults), nearest region first. */
export async function resolveDeadlinePolicies(db: Db | Tx, path: string | null | undefined): Promise<ResolvedDeadlinePolicy[]> {
  const global = await db.selectFrom('problem_deadline_policies').select(['severity', 'hours', 'working_days', 'version']).execute();
  const ids = pathIds(path);
  const local = ids.length
    ? await db
        .selectFrom('region_deadline_policies')
        .select(['region_id', 'severity', 'hours', 'working_days', 'version'])
        .where('region_id', 'in', ids)
        .execute()
    : [];
  const rows: ResolvedDeadlinePolicy[] = [
    ...global.map((g) => ({ ...g, region_id: null as string | null })),
    ...local.map((l) => ({ ...l, region_id: l.region_id as string | null })),
  ].map((r) => ({ ...r, hours: Number(r.hours), working_days: Boolean(r.working_days), version: Number(r.version) }));
  const severities = [...new Set(rows.map((r) => r.severity))];
  return severities
    .map((s) =>
      nearest(
        path,
        rows.filter((r) => r.severity === s),
      )!,
    )
    .filter(Boolean);
}

export interface ResolvedDispatchRule {
  id: string;
  unit_id: string;
  unit_name: string;
  region_id: string | null;
  category_code: string | null;
}

/**
 * The dispatch rule for a problem of `categoryCode` at `path`: a rule naming the minor class beats one
 * naming its major class, which beats a region-only rule; among equals the nearest region wins (a
 * county's rule overrides the city's and the global one for that county and its towns). Rules of
 * inactive units never apply.
 */
export async function resolveDispatchRule(db: Db | Tx, categoryCode: string, path: string): Promise<ResolvedDispatchRule | null> {
  const cat = await db.selectFrom('problem_categories').select('parent_code').where('code', '=', categoryCode).executeTakeFirst();
  const major = cat?.parent_code ?? categoryCode;
  const ids = pathIds(path);
  const rows = await db
    .selectFrom('dispatch_rules as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.unit_id', 'u.name as unit_name', 'd.region_id', 'd.category_code'])
    .where('u.active', '=', true)
    .where((eb) => eb.or([eb('d.category_code', 'is', null), eb('d.category_code', 'in', [categoryCode, major])]))
    .where((eb) => (ids.length ? eb.or([eb('d.region_id', 'is', null), eb('d.region_id', 'in', ids)]) : eb('d.region_id', 'is', null)))
    .execute();
  for (const tier of [categoryCode, major, null]) {
    const hit = nearest(
      path,
      rows.filter((r) => r.category_code === tier),
    );
    if (hit) return hit;
  }
  return null;
}
