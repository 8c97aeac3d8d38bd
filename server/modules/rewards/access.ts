/**
 * Who sees which 奖惩 entry (JS for one entry, SQL for lists), on the evaluation module's permissions:
 * - office, leaders and task force of the campaign's scope (evaluation.read): every entry;
 * - a unit's head and liaison (evaluation.object): their own unit's entries only;
 * - anyone else: 404. Entries exist only once a ranking is published, so before that nobody sees any.
 * Rules are the office's (read: evaluation.read; edit: evaluation.manage).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { can, scopeSql } from '../../platform/policy';
import { actsForUnit, mayReadAll, type EvaluationScope } from '../evaluation/policy';

export const mayReadEntry = (actor: Actor, e: EvaluationScope & { subject_type: string; subject_id: string }) =>
  mayReadAll(actor, e) || (e.subject_type === 'unit' && actsForUnit(actor, e.subject_id));

/** SQL over an entry `re` joined to its campaign's region `r`. */
export function visibleEntrySql(actor: Actor): RawBuilder<SqlBool> {
  const all = scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('re.campaign_id') });
  const own = scopeSql(actor, 'evaluation.object', { unitId: sql.ref('re.subject_id') });
  return sql<SqlBool>`(${all} or (re.subject_type = 'unit' and ${own}))`;
}

/** SQL over a rule `rr` joined to its campaign's region `r`. */
export function visibleRuleSql(actor: Actor): RawBuilder<SqlBool> {
  return scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('rr.campaign_id') });
}

export const mayManage = (actor: Actor, scope: EvaluationScope) =>
  can(actor, 'evaluation.manage', { regionPath: scope.region_path, campaignId: scope.campaign_id });
