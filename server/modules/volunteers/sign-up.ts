/**
 * 报名: an approved volunteer of the activity's county signs up; past the capacity the sign-up waits (候补) with its
 * place in the queue. The activity row is locked first, so two volunteers taking the last place one after the other
 * see each other's sign-up (one gets it, the other waits). Not on a cancelled or ended activity.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { activityNotFound, mayReadActivity } from './activity-access';
import { findActivity, findSignup, firstWaitlisted, lockActivity, signupCounts, waitlistPosition } from './activity-repository';

/** The activity locked and loaded as the actor sees it; 404 when the actor may not read it. */
export async function lockReadableActivity(ctx: Ctx, tx: Tx, id: string) {
  if (!(await lockActivity(tx, id))) throw activityNotFound();
  const a = await findActivity(tx, id, ctx.actor.id);
  if (!a || !mayReadActivity(ctx.actor, a)) throw activityNotFound();
  return a;
}

/** Refuses a cancelled, finished or ended activity (422, in Chinese). */
export function assertOpenForSignup(a: { state: string; ends_at: Date }, now: Date): void {
  if (a.state === 'cancelled') throw new AppError('unprocessable', '活动已取消，不能报名');
  if (a.state === 'finished' || a.ends_at.getTime() <= now.getTime()) throw new AppError('unprocessable', '活动已结束，不能报名');
}

/** Signs the actor up; answers the sign-up with its queue position when waiting. */
export async function signUp(
  ctx: Ctx,
  activityId: string,
): Promise<{ id: string; state: 'signed' | 'waitlisted'; position: number | null }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await lockReadableActivity(ctx, tx, activityId);
    const volunteerId = a.local_volunteer_id;
    if (!volunteerId) throw new AppError('forbidden', '只有本县审核通过的志愿者可以报名');
    assertOpenForSignup(a, now);
    const existing = await findSignup(tx, activityId, volunteerId);
    if (existing && existing.state !== 'cancelled')
      throw new AppError('duplicate', existing.state === 'signed' ? '您已报名该活动' : '您已在候补名单中');
    const counts = await signupCounts(tx, activityId);
    const state = counts.signed < a.capacity ? 'signed' : 'waitlisted';
    const row = existing
      ? await tx
          .updateTable('volunteer_signups')
          // Joining again is joining at the end of the queue.
          .set({ state, updated_at: now, queue_no: sql<number>`nextval(pg_get_serial_sequence('volunteer_signups', 'queue_no'))` })
          .where('id', '=', existing.id)
          .returning(['id', 'state', 'queue_no'])
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('volunteer_signups')
          .values({ activity_id: activityId, volunteer_id: volunteerId, state, created_at: now, updated_at: now })
          .returning(['id', 'state', 'queue_no'])
          .executeTakeFirstOrThrow();
    const position = state === 'waitlisted' ? await waitlistPosition(tx, activityId, row) : null;
    await recordEvent(tx, ctx, {
      action: 'volunteer_signup.created',
      subjectType: 'volunteer_signup',
      subjectId: row.id,
      before: existing ? { state: existing.state } : null,
      after: { activity_id: activityId, volunteer_id: volunteerId, state, position },
    });
    return { id: row.id, state, position };
  });
}

/**
 * Moves up to `places` waiting volunteers onto the list, in queue order, in the caller's transaction (the activity row
 * is locked by the caller); each is told after commit. Returns how many moved.
 */
export async function promoteWaitlisted(ctx: Ctx, tx: Tx, activity: { id: string; title: string }, places: number): Promise<number> {
  if (places <= 0) return 0;
  const next = await firstWaitlisted(tx, activity.id, places);
  const now = ctx.clock.now();
  for (const s of next) {
    await tx.updateTable('volunteer_signups').set({ state: 'signed', updated_at: now }).where('id', '=', s.id).execute();
    await recordEvent(tx, ctx, {
      action: 'volunteer_signup.promoted',
      subjectType: 'volunteer_signup',
      subjectId: s.id,
      before: { state: 'waitlisted' },
      after: { state: 'signed', activity_id: activity.id, volunteer_id: s.volunteer_id },
    });
  }
  if (next.length)
    await notify(ctx, tx, [{ users: next.map((s) => s.user_id) }], {
      kind: 'volunteer_activity',
      title: `候补转正：您已报名志愿活动「${activity.title}」`,
      body: '有志愿者取消报名，您已从候补名单转为正式报名，请按时参加。',
      link: `/volunteers/activities/${activity.id}`,
    });
  return next.length;
}
