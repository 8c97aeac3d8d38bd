/**
 * Who sees which project (JS for one record, SQL for lists) — the one place the projects module decides visibility:
 * - the office, leaders and task force whose scope covers the project's region: every project;
 * - the owner unit's head and liaison (projects.update): their unit's projects, where they record milestones reached
 *   and photos;
 * - anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { can, scopeSql, type ScopeSubject } from '../../platform/policy';

export interface ProjectScope {
  region_path: string;
  campaign_id: string | null;
  owner_unit_id: string;
}
export const projectSubject = (p: ProjectScope): ScopeSubject => ({ regionPath: p.region_path, campaignId: p.campaign_id });

export const mayReadAllProjects = (actor: Actor, p: ProjectScope) => can(actor, 'projects.read', projectSubject(p));
export const mayManageProject = (actor: Actor, p: ProjectScope) => can(actor, 'projects.manage', projectSubject(p));
export const isOwner = (actor: Actor, p: ProjectScope) => can(actor, 'projects.update', { unitId: p.owner_unit_id });
export const mayReadProject = (actor: Actor, p: ProjectScope) => mayReadAllProjects(actor, p) || isOwner(actor, p);
/** Milestones reached and photos: the office or the owner unit. */
export const mayUpdateProgress = (actor: Actor, p: ProjectScope) => mayManageProject(actor, p) || isOwner(actor, p);

/** SQL over a project `pj` joined to its region `r`. */
export function visibleProjectSql(actor: Actor): RawBuilder<SqlBool> {
  const all = scopeSql(actor, 'projects.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('pj.campaign_id') });
  const own = scopeSql(actor, 'projects.update', { unitId: sql.ref('pj.owner_unit_id') });
  return sql<SqlBool>`(${all} or ${own})`;
}
