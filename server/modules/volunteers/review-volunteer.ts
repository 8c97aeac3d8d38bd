/**
 * 审核志愿者: a team admin or the office of the team's region approves or rejects (with a reason) a pending
 * application at the version they saw. Approval grants the account the `volunteer` role scoped to the team's region
 * (user_roles, as the users module grants roles), so the volunteer sees the region's teams, stations and activities.
 * Both the decision and the grant are audited. Nobody reviews their own application.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { reviewVolunteerBody } from '../../../common/contracts/volunteers';
import { SEPARATED_ADMIN_ROLES } from '../../../common/roles';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { updateVersioned } from '../../platform/versioned';
import { adminTeamIdsOf, mayReadVolunteer, mayReviewVolunteer } from './access';
import { findVolunteerById } from './repository';

export async function reviewVolunteer(ctx: Ctx, id: string, body: z.output<typeof reviewVolunteerBody>): Promise<void> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const v = await findVolunteerById(ctx.db, id);
  if (!v || !mayReadVolunteer(ctx.actor, v, adminTeams)) throw notFound('志愿者');
  if (!mayReviewVolunteer(ctx.actor, v, adminTeams)) throw new AppError('forbidden', '只有队伍管理员或本区划创建办可以审核志愿者');
  if (v.user_id === ctx.actor.id) throw new AppError('forbidden', '不能审核自己的注册申请');
  if (v.state !== 'pending') throw new AppError('invalid_transition', `该申请已${v.state === 'approved' ? '通过' : '处理'}，不能再审核`);
  if (v.version !== body.version) throw versionConflict();
  const approve = body.decision === 'approve';
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const set = {
      state: approve ? 'approved' : 'rejected',
      review_comment: body.comment || null,
      reviewed_by: ctx.actor.id,
      reviewed_at: now,
    };
    await updateVersioned(tx, 'volunteers', id, body.version, set, now);
    await recordEvent(tx, ctx, {
      action: approve ? 'volunteer.approved' : 'volunteer.rejected',
      subjectType: 'volunteer',
      subjectId: id,
      before: { state: v.state },
      after: { state: set.state, review_comment: set.review_comment, team_id: v.team_id },
    });
    if (!approve) return;
    const roles = await tx.selectFrom('user_roles').select(['role']).where('user_id', '=', v.user_id).execute();
    if (roles.some((r) => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(r.role))) {
      throw new AppError('separation_of_duties', '该账号为三员账号，不能兼任志愿者');
    }
    const inserted = await sql<{ id: string }>`insert into user_roles (user_id, role, scope_type, scope_id)
      values (${v.user_id}, 'volunteer', 'region', ${v.team_region_id})
      on conflict do nothing returning id`.execute(tx);
    if (inserted.rows.length) {
      await recordEvent(tx, ctx, {
        action: 'user.volunteer_role_granted',
        subjectType: 'user',
        subjectId: v.user_id,
        after: { role: 'volunteer', scope_type: 'region', scope_id: v.team_region_id, volunteer_id: id },
      });
    }
  });
}
