/**
 * 取消报名 (DELETE …/signups/mine): the volunteer withdraws before the activity starts (not once checked in); a freed
 * place goes to the first waiting volunteer, who is told. The activity row is locked, like sign-up.
 */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findSignup } from './activity-repository';
import { lockReadableActivity, promoteWaitlisted } from './sign-up';

/** Cancels the actor's sign-up; answers it as cancelled. */
export async function cancelSignup(ctx: Ctx, activityId: string): Promise<{ id: string; state: 'cancelled'; position: null }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await lockReadableActivity(ctx, tx, activityId);
    const mine = a.my_volunteer_id ? await findSignup(tx, activityId, a.my_volunteer_id) : undefined;
    if (!mine || mine.state === 'cancelled') throw notFound('报名记录');
    if (a.my_attendance) throw new AppError('unprocessable', '您已签到，不能取消报名');
    if (a.state === 'cancelled') throw new AppError('unprocessable', '活动已取消');
    if (a.starts_at.getTime() <= now.getTime()) throw new AppError('unprocessable', '活动已开始，不能取消报名');
    await tx.updateTable('volunteer_signups').set({ state: 'cancelled', updated_at: now }).where('id', '=', mine.id).execute();
    await recordEvent(tx, ctx, {
      action: 'volunteer_signup.cancelled',
      subjectType: 'volunteer_signup',
      subjectId: mine.id,
      before: { state: mine.state },
      after: { state: 'cancelled', activity_id: activityId },
    });
    if (mine.state === 'signed') await promoteWaitlisted(ctx, tx, { id: a.id, title: a.title }, 1);
    return { id: mine.id, state: 'cancelled' as const, position: null };
  });
}
