/**
 * 认证时长 (谁组织、谁认证): the organiser certifies the checked-out attendances of the activity at their computed minutes
 * (or at minutes given per attendance, e.g. for one who forgot to check out). A scan outside the geofence is certified
 * only after the organiser confirmed it; it is skipped until then. When the activity has ended and every attendance
 * is certified, the activity is finished (已结束) through the workflow kernel.
 */
import type { z } from 'zod';
import type { certifyBody } from '../../../common/contracts/volunteer-activities';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { assertManageActivity } from './activity-access';
import { transitionActivity } from './cancel-activity';
import { lockReadableActivity } from './sign-up';

/** Certifies the activity's attendances; answers how many were certified and skipped. */
export async function certifyHours(ctx: Ctx, activityId: string, body: z.output<typeof certifyBody>) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await lockReadableActivity(ctx, tx, activityId);
    assertManageActivity(ctx.actor, a, '只有活动组织者、队伍管理员或文明办可以认证时长');
    if (a.state === 'cancelled') throw new AppError('unprocessable', '活动已取消，不能认证时长');
    const given = new Map((body.items ?? []).map((i) => [i.attendanceId, i.minutes]));
    const rows = await tx
      .selectFrom('volunteer_attendance')
      .selectAll()
      .where('activity_id', '=', activityId)
      .where('state', 'in', ['checked_in', 'checked_out'])
      .execute();
    if (body.items) {
      const known = new Set(rows.map((r) => r.id));
      const stray = body.items.filter((i) => !known.has(i.attendanceId));
      if (stray.length) throw new AppError('validation', '认证名单中有不属于本活动或已认证的签到记录');
    }
    const certified: Array<{ id: string; minutes: number }> = [];
    let skipped = 0;
    for (const t of rows) {
      if (body.items && !given.has(t.id)) continue;
      const override = given.get(t.id);
      const minutes = override ?? (t.state === 'checked_out' ? t.minutes : null);
      const outsideUnconfirmed = (t.check_in_outside || t.check_out_outside) && !t.outside_confirmed_at;
      if (minutes == null || outsideUnconfirmed) {
        skipped += 1;
        continue;
      }
      await tx
        .updateTable('volunteer_attendance')
        .set({
          state: 'certified',
          certified_minutes: minutes,
          certified_by: ctx.actor.id,
          certified_at: now,
          version: t.version + 1,
          updated_at: now,
        })
        .where('id', '=', t.id)
        .execute();
      certified.push({ id: t.id, minutes });
    }
    if (certified.length)
      await recordEvent(tx, ctx, {
        action: 'volunteer_activity.certified',
        subjectType: 'volunteer_activity',
        subjectId: activityId,
        after: { certified: certified.length, skipped, attendances: certified },
      });
    const left = await tx
      .selectFrom('volunteer_attendance')
      .select('id')
      .where('activity_id', '=', activityId)
      .where('state', '<>', 'certified')
      .executeTakeFirst();
    if (a.state === 'published' && !left && a.ends_at.getTime() <= now.getTime())
      await transitionActivity(ctx, tx, activityId, 'finish', a.version, {});
    return { certified: certified.length, skipped };
  });
}
