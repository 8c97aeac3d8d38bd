/** 审核通过: the office accepts the unit's evidence for the period. */
import type { MaterialAction, MaterialState, MATERIAL_PAYLOADS } from '../../../common/material-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import type { z } from 'zod';
import type { SubmissionRow } from './repository';

export const passMaterial: WorkflowVerb<SubmissionRow, MaterialAction, MaterialState, z.infer<typeof MATERIAL_PAYLOADS.pass>> = {
  action: 'pass',
  apply: async (ctx, _tx, _m, payload) => ({
    set: { reviewed_by: actorUserId(ctx.actor), reviewed_at: ctx.clock.now(), review_comment: payload.comment ?? null },
    event: { comment: payload.comment ?? null },
  }),
};
