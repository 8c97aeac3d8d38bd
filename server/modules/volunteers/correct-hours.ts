/**
 * 更正时长: the organiser changes a certified attendance's minutes with a reason. The old and new figures are kept as
 * history (volunteer_hour_corrections, shown on the roster) and in the audit trail (谁认证、谁负责).
 */
import type { z } from 'zod';
import type { correctHoursBody } from '../../../common/contracts/volunteer-activities';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, versionConflict } from '../../platform/errors';
import { manageableAttendance } from './activity-access';

/** Corrects certified minutes at the caller's version. */
export async function correctHours(ctx: Ctx, attendanceId: string, body: z.output<typeof correctHoursBody>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { attendance: t } = await manageableAttendance(tx, ctx.actor, attendanceId);
    if (t.version !== body.version) throw versionConflict();
    if (t.state !== 'certified') throw new AppError('unprocessable', '只能更正已认证的时长，请先认证');
    if (t.certified_minutes === body.minutes) throw new AppError('unprocessable', '更正后的时长与原时长相同');
    const after = await tx
      .updateTable('volunteer_attendance')
      .set({ certified_minutes: body.minutes, version: t.version + 1, updated_at: now })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .returning(['id', 'certified_minutes', 'version'])
      .executeTakeFirst();
    if (!after) throw versionConflict();
    await tx
      .insertInto('volunteer_hour_corrections')
      .values({
        attendance_id: t.id,
        old_minutes: t.certified_minutes,
        new_minutes: body.minutes,
        reason: body.reason,
        corrected_by: ctx.actor.id,
        corrected_at: now,
      })
      .execute();
    await recordEvent(tx, ctx, {
      action: 'volunteer_attendance.corrected',
      subjectType: 'volunteer_attendance',
      subjectId: t.id,
      before: { certified_minutes: t.certified_minutes, version: t.version },
      after: { ...after, reason: body.reason },
    });
  });
}
