/**
 * Who sees and changes which charity organisation, project and ledger (JS for one record, SQL for lists) — the one
 * place the charity module decides visibility:
 * - the office and leaders whose region covers the organisation's region: read everything of it; the office keeps the
 *   registry (edit, status, admins) and may create and edit its projects;
 * - an organisation's admins (charity_org_admins): read their organisation, create and edit its projects, upload
 *   receipts and write its ledger (donations, spending, corrections) — the office reads the ledger but does not write it;
 * - anyone else: 404. Writing where one may only read: 403.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { can, scopeSql } from '../../platform/policy';
import './policy';

/** The organisations the actor records for (loaded once per request). */
export async function adminOrgIdsOf(db: Db | Tx, actor: Actor): Promise<string[]> {
  if (actor.via === 'system' || !actor.id) return [];
  const rows = await db.selectFrom('charity_org_admins').select('org_id').where('user_id', '=', actor.id).execute();
  return rows.map((r) => r.org_id);
}

/** The parts of an organisation (or of a project's organisation) the rules look at. */
export interface OrgPlace {
  org_id: string;
  org_region_path: string;
}

export const mayManageRegistry = (actor: Actor, o: OrgPlace) => can(actor, 'charity.manage', { regionPath: o.org_region_path });

export const mayReadOrg = (actor: Actor, o: OrgPlace, adminOrgs: string[]) =>
  adminOrgs.includes(o.org_id) || can(actor, 'charity.read', { regionPath: o.org_region_path }) || mayManageRegistry(actor, o);

/** Projects: the office of the region and the organisation's admins create and edit them. */
export const mayEditProjects = (actor: Actor, o: OrgPlace, adminOrgs: string[]) =>
  adminOrgs.includes(o.org_id) || mayManageRegistry(actor, o);

/** The ledger and its receipts are written by the organisation's admins only (谁募捐、谁记账). */
export const mayRecord = (actor: Actor, o: OrgPlace, adminOrgs: string[]) => adminOrgs.includes(o.org_id);

/** 404 unless the actor may read the organisation. */
export function assertReadOrg(actor: Actor, o: OrgPlace | undefined, adminOrgs: string[], what = '慈善组织'): asserts o is OrgPlace {
  if (!o || !mayReadOrg(actor, o, adminOrgs)) throw notFound(what);
}

/** 404 when the actor may not read it, 403 when they may read but not do it. */
export function assertMay(ok: boolean, message: string): void {
  if (!ok) throw new AppError('forbidden', message);
}

/** SQL over an organisation `o` joined to its region `r`: the organisations the actor may list. */
export function visibleOrgSql(actor: Actor, adminOrgs: string[]): RawBuilder<SqlBool> {
  const parts = [
    scopeSql(actor, 'charity.read', { regionPath: sql.ref('r.path') }),
    scopeSql(actor, 'charity.manage', { regionPath: sql.ref('r.path') }),
  ];
  if (adminOrgs.length) parts.push(sql<SqlBool>`o.id in (${sql.join(adminOrgs)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
