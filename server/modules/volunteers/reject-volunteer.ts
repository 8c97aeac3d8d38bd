/** 审核不通过 (kernel verb, table in common/volunteer-review-workflow.ts): the reason is kept and shown to the applicant. */
import type { VolunteerReviewAction } from '../../../common/volunteer-review-workflow';
import type { VolunteerState } from '../../../common/volunteers';
import type { WorkflowVerb } from '../../platform/workflow';
import type { VolunteerRow } from './repository';

export const rejectVolunteer: WorkflowVerb<VolunteerRow, VolunteerReviewAction, VolunteerState, { comment: string }> = {
  action: 'reject',
  apply: async (ctx, _tx, _v, payload) => ({
    set: { review_comment: payload.comment, reviewed_by: ctx.actor.id, reviewed_at: ctx.clock.now() },
  }),
};
