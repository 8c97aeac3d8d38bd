/**
 * 确认场外签到: the organiser accepts a scan made outside the geofence (or without a location) — the volunteer was
 * there after all. Until then the attendance is not certified (certify-hours.ts skips it).
 */
import type { z } from 'zod';
import type { confirmOutsideBody } from '../../../common/contracts/volunteer-activities';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, versionConflict } from '../../platform/errors';
import { manageableAttendance } from './activity-access';

/** Confirms an outside scan at the caller's version. */
export async function confirmOutside(ctx: Ctx, attendanceId: string, body: z.output<typeof confirmOutsideBody>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { attendance: t } = await manageableAttendance(tx, ctx.actor, attendanceId);
    if (t.version !== body.version) throw versionConflict();
    if (!t.check_in_outside && !t.check_out_outside) throw new AppError('unprocessable', '该签到在签到范围内，无需确认');
    if (t.outside_confirmed_at) throw new AppError('unprocessable', '该场外签到已确认');
    const after = await tx
      .updateTable('volunteer_attendance')
      .set({ outside_confirmed_by: ctx.actor.id, outside_confirmed_at: now, version: t.version + 1, updated_at: now })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .returning(['id', 'outside_confirmed_at', 'version'])
      .executeTakeFirst();
    if (!after) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'volunteer_attendance.outside_confirmed',
      subjectType: 'volunteer_attendance',
      subjectId: t.id,
      before: {
        check_in_outside: t.check_in_outside,
        check_out_outside: t.check_out_outside,
        check_in_distance_m: t.check_in_distance_m,
        check_out_distance_m: t.check_out_distance_m,
        version: t.version,
      },
      after,
    });
  });
}
