/**
 * 审核通过 (kernel verb, table in common/volunteer-review-workflow.ts): grants the account the `volunteer` role scoped
 * to the team's region (user_roles, as the users module grants roles), so the volunteer sees the region's teams,
 * stations and activities. The grant is audited; an account of the three separated administrators cannot be one.
 */
import { sql } from 'kysely';
import type { VolunteerReviewAction } from '../../../common/volunteer-review-workflow';
import type { VolunteerState } from '../../../common/volunteers';
import { SEPARATED_ADMIN_ROLES } from '../../../common/roles';
import { recordEvent } from '../../platform/audit';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import type { VolunteerRow } from './repository';

export const approveVolunteer: WorkflowVerb<VolunteerRow, VolunteerReviewAction, VolunteerState, { comment?: string | null }> = {
  action: 'approve',
  check: async (ctx, v) => {
    const roles = await ctx.db.selectFrom('user_roles').select(['role']).where('user_id', '=', v.user_id).execute();
    if (roles.some((r) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r.role))) {
      throw new AppError('separation_of_duties', '该账号为三员账号，不能兼任志愿者');
    }
  },
  apply: async (ctx, _tx, v, payload) => ({
    set: { review_comment: payload.comment || null, reviewed_by: ctx.actor.id, reviewed_at: ctx.clock.now() },
    after: async (tx: Tx) => {
      const inserted = await sql<{ id: string }>`insert into user_roles (user_id, role, scope_type, scope_id)
        values (${v.user_id}, 'volunteer', 'region', ${v.team_region_id})
        on conflict do nothing returning id`.execute(tx);
      if (inserted.rows.length) {
        await recordEvent(tx, ctx, {
          action: 'user.volunteer_role_granted',
          subjectType: 'user',
          subjectId: v.user_id,
          after: { role: 'volunteer', scope_type: 'region', scope_id: v.team_region_id, volunteer_id: v.id },
        });
      }
    },
  }),
};
