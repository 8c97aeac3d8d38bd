/**
 * 审核志愿者 on the workflow kernel: a team admin or the office of the team's region approves or rejects (with a
 * reason) a pending application at the version they saw; one verb file per action (approve-volunteer.ts,
 * reject-volunteer.ts). Nobody reviews their own application; out of scope is 404, a reader who may not review 403.
 */
import type { z } from 'zod';
import type { reviewVolunteerBody } from '../../../common/contracts/volunteers';
import { VOLUNTEER_REVIEW_ACTIONS, VOLUNTEER_REVIEW_LABELS, type VolunteerReviewAction } from '../../../common/volunteer-review-workflow';
import type { VolunteerState } from '../../../common/volunteers';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { adminTeamIdsOf, mayReadVolunteer, mayReviewVolunteer } from './access';
import { approveVolunteer } from './approve-volunteer';
import { rejectVolunteer } from './reject-volunteer';
import { findVolunteerById, type VolunteerRow } from './repository';

const VERBS: Record<VolunteerReviewAction, WorkflowVerb<VolunteerRow, VolunteerReviewAction, VolunteerState>> = {
  approve: approveVolunteer,
  reject: rejectVolunteer,
};

/** The kernel's view of applications for one caller, given the teams they administer. */
export const volunteerReviewRuntime = (adminTeams: string[]): WorkflowRuntime<VolunteerRow, VolunteerReviewAction, VolunteerState> => ({
  subject: 'volunteer',
  actions: VOLUNTEER_REVIEW_ACTIONS,
  labels: VOLUNTEER_REVIEW_LABELS,
  stateOf: (v) => v.state,
  load: (tx, id) => findVolunteerById(tx, id),
  canRead: (ctx, v) => mayReadVolunteer(ctx.actor, v, adminTeams),
  notFound: () => notFound('志愿者'),
  blockedReason: (ctx, v, action) => {
    if (!mayReviewVolunteer(ctx.actor, v, adminTeams)) throw new AppError('forbidden', '只有队伍管理员或本区划创建办可以审核志愿者');
    if (v.user_id === ctx.actor.id) throw new AppError('forbidden', '不能审核自己的注册申请');
    return v.state === 'pending'
      ? fromBlocked(VOLUNTEER_REVIEW_ACTIONS[action], v.state)
      : `该申请已${v.state === 'approved' ? '通过' : '处理'}`;
  },
  update: (tx, v, set, to, now) =>
    tx
      .updateTable('volunteers')
      .set({ ...set, state: to, version: v.version + 1, updated_at: now })
      .where('id', '=', v.id)
      .where('version', '=', v.version)
      .where('state', '=', v.state)
      .returning(['id', 'state', 'review_comment', 'version'])
      .executeTakeFirst(),
  auditView: (v) => ({ state: v.state, team_id: v.team_id, version: v.version }),
});

export async function reviewVolunteer(ctx: Ctx, id: string, body: z.output<typeof reviewVolunteerBody>): Promise<void> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  await ctx.db
    .transaction()
    .execute((tx) =>
      runTransition(ctx, tx, volunteerReviewRuntime(adminTeams), VERBS, id, body.decision, body.version, { comment: body.comment }),
    );
}
