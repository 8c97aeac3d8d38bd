/** 审定: a leader signs the ranking off (who and when are kept) once every objection is answered (runBlockedReason). */
import type { z } from 'zod';
import type { EVALUATION_PAYLOADS, EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import type { RunRow } from './repository';

export const signOffRun: WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState, z.infer<typeof EVALUATION_PAYLOADS.sign_off>> = {
  action: 'sign_off',
  apply: async (ctx, _tx, _run, payload) => ({
    set: { signed_off_by: actorUserId(ctx.actor), signed_off_at: ctx.clock.now(), sign_off_comment: payload.comment ?? null },
    event: { comment: payload.comment ?? null },
  }),
};
