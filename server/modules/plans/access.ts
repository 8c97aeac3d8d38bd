/**
 * Who sees which plan and task (JS for one record, SQL for lists) — the one place the plans module decides visibility:
 * - the office, leaders and task force whose scope covers the plan's region (or campaign): every plan and task;
 * - a unit's head and liaison (plans.report): the tasks their unit leads or cooperates on, and the plans holding them;
 *   they report progress only on the tasks their unit leads;
 * - anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { can, scopeSql, type ScopeSubject } from '../../platform/policy';

/** Where a plan sits: its region's path and its campaign. */
export interface PlanScope {
  region_path: string;
  campaign_id: string;
}
export const planSubject = (p: PlanScope): ScopeSubject => ({ regionPath: p.region_path, campaignId: p.campaign_id });

export const mayReadPlan = (actor: Actor, p: PlanScope) => can(actor, 'plans.read', planSubject(p));
export const mayManagePlan = (actor: Actor, p: PlanScope) => can(actor, 'plans.manage', planSubject(p));
/** The actor acts for this unit as its head or liaison. */
export const actsForUnit = (actor: Actor, unitId: string) => can(actor, 'plans.report', { unitId });

/** One task: every task of a readable plan, or a task the actor's unit leads or cooperates on. */
export const mayReadTask = (actor: Actor, t: PlanScope & { lead_unit_id: string; coop_unit_ids: string[] }) =>
  mayReadPlan(actor, t) || actsForUnit(actor, t.lead_unit_id) || t.coop_unit_ids.some((u) => actsForUnit(actor, u));
/** Reporting progress: the lead unit only. */
export const mayReport = (actor: Actor, t: { lead_unit_id: string }) => actsForUnit(actor, t.lead_unit_id);

/** The actor's units (as head or liaison), for SQL. */
function reportUnits(actor: Actor): string[] {
  return actor.grants
    .filter((g) => (g.role === 'unit_head' || g.role === 'unit_liaison') && g.scopeType === 'unit' && g.scopeId)
    .map((g) => g.scopeId!);
}

/** SQL over a plan `p` joined to its region `r`: plans the actor reads whole. */
export function readablePlanSql(actor: Actor): RawBuilder<SqlBool> {
  return scopeSql(actor, 'plans.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('p.campaign_id') });
}

/** SQL over a task `t` in a plan `p` joined to its region `r`: the tasks the actor sees. */
export function visibleTaskSql(actor: Actor): RawBuilder<SqlBool> {
  const all = readablePlanSql(actor);
  const units = reportUnits(actor);
  if (!units.length) return all;
  const own = sql<SqlBool>`(t.lead_unit_id in (${sql.join(units)}) or exists (select 1 from jsonb_array_elements_text(t.coop_unit_ids) c where c in (${sql.join(units)})))`;
  return sql<SqlBool>`(${all} or ${own})`;
}

/** SQL over a plan `p` joined to `r`: plans the actor reads whole, or that hold a task the actor sees. */
export function visiblePlanSql(actor: Actor): RawBuilder<SqlBool> {
  const all = readablePlanSql(actor);
  const units = reportUnits(actor);
  if (!units.length) return all;
  return sql<SqlBool>`(${all} or exists (select 1 from tasks t where t.plan_id = p.id and (t.lead_unit_id in (${sql.join(units)}) or exists (select 1 from jsonb_array_elements_text(t.coop_unit_ids) c where c in (${sql.join(units)})))))`;
}
