/**
 * 月评排名: who may do what. A scheme and its runs belong to a campaign (its region): the office and the campaign's
 * task force build schemes, run months, publicize, answer objections and publish; leaders read everything in their
 * scope and sign off (审定). Before 公示 nobody else knows a run exists; in 公示 (and until publication) a unit sees
 * its own row and may object; once published everyone placed in the county (business roles) sees the ranking.
 */
import type { Actor } from '../../platform/actor';
import { can, definePolicy, type ScopeSubject } from '../../platform/policy';

export const evaluationPolicy = definePolicy('evaluation', {
  /** The indicator catalogue and the figures of every run in scope, whatever its state. */
  read: ['office', 'leader', 'taskforce'],
  /** Schemes, runs, 公示, 发布, 重新计算, answers to objections, 人工评分. */
  manage: ['office', 'taskforce'],
  signOff: ['leader'],
  /** A unit's own row in 公示, and its objections. */
  object: ['unit_head', 'unit_liaison'],
  /** A published ranking: everyone placed inside the campaign's region (area-wide). */
  viewPublished: ['office', 'leader', 'taskforce', 'unit_head', 'unit_liaison', 'inspector', 'site_lead', 'grid_worker', 'volunteer'],
});

/** Where a scheme or run sits for scopes: its campaign and the campaign's region. */
export interface EvaluationScope {
  campaign_id: string;
  region_path: string;
}

export const scopeOf = (r: EvaluationScope): ScopeSubject => ({ regionPath: r.region_path, campaignId: r.campaign_id });

/** Full read of a scheme or run in scope (office, leaders, task force). */
export const mayReadAll = (actor: Actor, r: EvaluationScope) => can(actor, 'evaluation.read', scopeOf(r));

/** A published run is seen by everyone placed inside its campaign's region. */
export const maySeePublished = (actor: Actor, r: EvaluationScope) =>
  can(actor, 'evaluation.viewPublished', { regionPath: r.region_path, areaWide: true });

/** Whether the actor answers for the unit `unitId` (its head or liaison). */
export const actsForUnit = (actor: Actor, unitId: string) => can(actor, 'evaluation.object', { unitId });
