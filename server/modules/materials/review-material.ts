/**
 * 审核材料 on the workflow kernel: the table is common/material-workflow.ts, the verbs are pass-material.ts and
 * return-material.ts; this file says how a submission is loaded, read-checked and updated.
 */
import { MATERIAL_ACTION_LABELS, MATERIAL_ACTIONS, type MaterialAction, type MaterialState } from '../../../common/material-workflow';
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { passMaterial } from './pass-material';
import { findSubmission, type SubmissionRow } from './repository';
import { returnMaterial } from './return-material';

const VERBS: Record<MaterialAction, WorkflowVerb<SubmissionRow, MaterialAction, MaterialState>> = {
  pass: passMaterial,
  return: returnMaterial,
};

const subjectOf = (m: SubmissionRow) => ({ regionPath: m.region_path, unitId: m.unit_id });

/** Why the actor may not take the review action now, or null (the table's states, then the reviewer's scope). */
export function materialBlockedReason(actor: Actor, m: SubmissionRow, action: MaterialAction): string | null {
  const off = fromBlocked(MATERIAL_ACTIONS[action], m.status as MaterialState);
  if (off) return m.status === 'submitted' ? off : '只有待审核的材料可以审核';
  return can(actor, 'materials.review', subjectOf(m)) ? null : '您不能审核此材料';
}

/** How the kernel handles material submissions. */
export const materialRuntime: WorkflowRuntime<SubmissionRow, MaterialAction, MaterialState> = {
  subject: 'material_submission',
  actions: MATERIAL_ACTIONS,
  labels: MATERIAL_ACTION_LABELS,
  stateOf: (m) => m.status as MaterialState,
  load: (tx, id) => findSubmission(tx, id),
  canRead: (ctx, m) => can(ctx.actor, 'materials.read', subjectOf(m)),
  notFound: () => notFound('材料'),
  blockedReason: (ctx, m, action) => {
    // Readers who may not review at all get 403 (the house rule), not a workflow refusal.
    if (!can(ctx.actor, 'materials.review', subjectOf(m))) throw new AppError('forbidden', '没有权限审核材料');
    return materialBlockedReason(ctx.actor, m, action);
  },
  update: (tx, m, set, to, now) =>
    tx
      .updateTable('material_submissions')
      .set({ ...set, status: to, updated_at: now, version: m.version + 1 })
      .where('id', '=', m.id)
      .where('version', '=', m.version)
      .where('status', '=', m.status)
      .returningAll()
      .executeTakeFirst(),
  auditView: (m) => ({ status: m.status, review_comment: m.review_comment }),
};

/** Passes or returns a submission at the version the reviewer saw. */
export async function reviewMaterial(
  ctx: Ctx,
  id: string,
  input: { decision: 'pass' | 'return'; comment?: string; version: number },
): Promise<void> {
  await ctx.db
    .transaction()
    .execute((tx) => runTransition(ctx, tx, materialRuntime, VERBS, id, input.decision, input.version, { comment: input.comment }));
}
