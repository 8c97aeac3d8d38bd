/** Schemes, runs, results and objections as the API answers them (common/contracts/evaluation.ts). */
import type { annualItems } from './standings-repository';
import type { z } from 'zod';
import type { EvaluationGroup, objectionResponse, runResponse, schemeResponse } from '../../../common/contracts/evaluation';
import { EVALUATION_RUN_STATE_LABELS, type EvaluationRunState } from '../../../common/evaluation-workflow';
import { periodLabel } from '../../../common/period';
import type { Actor } from '../../platform/actor';
import { can } from '../../platform/policy';
import { scopeOf } from './policy';
import type { ObjectionRow, RunRow, SchemeRow } from './repository';
import { allowedRunActions } from './run-workflow';

export function presentScheme(s: SchemeRow, actor: Actor): z.infer<typeof schemeResponse> {
  const manage = can(actor, 'evaluation.manage', scopeOf(s));
  return {
    id: s.id,
    schemeKey: s.scheme_key,
    version: s.version,
    latest: s.latest,
    campaignId: s.campaign_id,
    campaignName: s.campaign_name,
    name: s.name,
    periodType: s.period_type,
    redCount: s.red_count,
    blackCount: s.black_count,
    objectionDays: s.objection_days,
    rollupMethod: s.rollup_method,
    escalation: s.escalation,
    groups: s.groups as EvaluationGroup[],
    createdAt: s.created_at,
    abilities: { edit: manage && s.latest, run: manage },
  };
}

/** A run; `full` is false for a unit that sees only its own row (no objection counts of others, no diff). */
export function presentRun(r: RunRow, actor: Actor, full: boolean): z.infer<typeof runResponse> {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    schemeName: r.scheme_name,
    schemeVersion: r.scheme_version,
    campaignId: r.campaign_id,
    period: r.period,
    periodLabel: periodLabel(r.period),
    revision: r.revision,
    revisesRunId: r.revises_run_id,
    state: r.state,
    stateLabel: EVALUATION_RUN_STATE_LABELS[r.state as EvaluationRunState],
    computedAt: r.computed_at,
    publicizedAt: r.publicized_at ?? null,
    objectionDeadline: r.objection_deadline ?? null,
    signedOffByName: r.signed_off_by_name,
    signedOffAt: r.signed_off_at ?? null,
    signOffComment: r.sign_off_comment,
    publishedAt: r.published_at ?? null,
    version: r.version,
    allowedActions: allowedRunActions(actor, r),
    diff: full ? ((r.diff as z.infer<typeof runResponse>['diff']) ?? null) : null,
    pendingObjections: full ? r.pending_objections : 0,
  };
}

export function presentObjection(o: ObjectionRow, actor: Actor): z.infer<typeof objectionResponse> {
  return {
    id: o.id,
    runId: o.run_id,
    subjectId: o.subject_id,
    subjectName: o.subject_name,
    reason: o.reason,
    fileIds: o.file_ids,
    filedAt: o.filed_at,
    state: o.state,
    answer: o.answer,
    adjustment: o.adjustment,
    answeredAt: o.answered_at ?? null,
    abilities: {
      answer: o.state === 'pending' && o.run_state === 'publicized' && can(actor, 'evaluation.manage', scopeOf(o)),
    },
  };
}

/** A 年度加减分事项 as the API answers it. */
export const presentAnnualItem = (a: Awaited<ReturnType<typeof annualItems>>[number]) => ({
  id: a.id,
  year: a.year,
  subjectType: a.subject_type,
  subjectId: a.subject_id,
  subjectName: a.subject_name,
  points: a.points,
  reason: a.reason,
  fileId: a.file_id,
  enteredByName: a.entered_by_name,
  enteredAt: a.entered_at,
});
