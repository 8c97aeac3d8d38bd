/**
 * 扫码签到/签退 (POST /api/volunteers/checkins {code, location, acceptOutside?}): the volunteer scans the code the
 * organiser's phone shows. Refused with 422 and a Chinese message, nothing written:
 *   code_invalid      not a code of ours, or its mac was not made with the activity's secret (a forged code);
 *   code_expired      older than the previous window (a photo of yesterday's QR code, a code passed on by chat);
 *   code_used         a window this volunteer already used on this activity (a replayed scan);
 *   outside_geofence  no location, or farther from the place than the geofence — unless the volunteer accepts it
 *                     (`acceptOutside: true`): then it is recorded as outside and counts only after the organiser
 *                     confirms it (confirm-outside.ts);
 *   unprocessable     not signed up (or only waiting), outside the check-in hours, already checked out.
 * The first scan checks in, the next checks out (minutes by common/volunteers.ts serviceMinutes). The activity row is
 * locked, so two scans of one volunteer never both check in.
 */
import type { z } from 'zod';
import type { checkinBody, checkinResponse } from '../../../common/contracts/volunteer-activities';
import { CHECKIN_CODE_GRACE_WINDOWS, codeWindow, distanceMetres, serviceMinutes } from '../../../common/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { codeWindowOpen } from './activity-presenter';
import { findActivity, findSignup, lockActivity } from './activity-repository';
import { takeRateLimit } from '../public-reports/rate-limit';
import { macMatches, parseCheckinCode, parseManualCode, windowOfShortCode } from './checkin-code';

const invalid = () => new AppError('code_invalid', '签到码无效，请扫描组织者手机上的签到二维码');

/** Records a check-in or check-out by a scanned code. */
export async function checkIn(ctx: Ctx, body: z.output<typeof checkinBody>): Promise<z.output<typeof checkinResponse>> {
  const scanned = parseCheckinCode(body.code);
  const manual = scanned ? null : parseManualCode(body.code);
  if (!scanned && !manual) throw invalid();
  const now = ctx.clock.now();
  // Six typed digits can be guessed: at most 10 typed codes per volunteer in 10 minutes (counted before anything else).
  if (manual) await takeRateLimit(ctx.db, 'checkinManual', { device: `user:${ctx.actor.id}` }, now);
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await lockActivity(tx, (scanned ?? manual)!.activityId);
    if (!locked) throw invalid();
    const current = codeWindow(now);
    let parsed: { activityId: string; window: number };
    if (scanned) {
      if (!macMatches(locked.checkin_secret, scanned)) throw invalid();
      parsed = scanned;
    } else {
      const window = windowOfShortCode(locked.checkin_secret, manual!.activityId, manual!.digits, current, CHECKIN_CODE_GRACE_WINDOWS);
      if (window === null) throw new AppError('code_invalid', '签到码不正确或已过期，请输入组织者手机上当前显示的 6 位数字');
      parsed = { activityId: manual!.activityId, window };
    }
    // The organiser's phone gets its code from this server: a window ahead of ours was never shown.
    if (parsed.window > current) throw invalid();
    if (parsed.window < current - CHECKIN_CODE_GRACE_WINDOWS)
      throw new AppError('code_expired', '签到码已过期，请重新扫描组织者手机上的二维码');
    const a = (await findActivity(tx, parsed.activityId, ctx.actor.id))!;
    if (a.state === 'cancelled') throw new AppError('unprocessable', '活动已取消，不能签到');
    if (!codeWindowOpen(a, now)) throw new AppError('unprocessable', '不在活动的签到时间内');
    const volunteerId = a.my_volunteer_id;
    const signup = volunteerId ? await findSignup(tx, a.id, volunteerId) : undefined;
    if (!volunteerId || !signup || signup.state === 'cancelled') throw new AppError('unprocessable', '您没有报名该活动，不能签到');
    if (signup.state === 'waitlisted') throw new AppError('unprocessable', '您在候补名单中，尚未报名成功，不能签到');
    const attendance = await tx
      .selectFrom('volunteer_attendance')
      .selectAll()
      .where('activity_id', '=', a.id)
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst();
    if (attendance && attendance.state !== 'checked_in') throw new AppError('unprocessable', '您已签退，无需再次扫码');
    const direction = attendance ? 'out' : 'in';
    // One window is taken once by a volunteer, whichever way: the same code scanned twice is a replay.
    const used = await tx
      .selectFrom('volunteer_checkin_codes_used')
      .select('direction')
      .where('activity_id', '=', a.id)
      .where('volunteer_id', '=', volunteerId)
      .where('code_window', '=', parsed.window)
      .executeTakeFirst();
    if (used) throw new AppError('code_used', '该签到码已使用，请等二维码刷新后重新扫描');

    const distance = body.location ? Math.round(distanceMetres(body.location, { lat: a.lat, lng: a.lng })) : null;
    const outside = distance === null || distance > a.geofence_m;
    if (outside && !body.acceptOutside)
      throw new AppError(
        'outside_geofence',
        distance === null
          ? '未能获取您的位置，请打开定位后重新扫码；如确在现场，可提交场外签到，由组织者确认'
          : `您不在活动签到范围内（距活动地点约 ${distance} 米，签到范围 ${a.geofence_m} 米）；如确在现场，可提交场外签到，由组织者确认`,
        { distanceM: distance, geofenceM: a.geofence_m },
      );

    await tx
      .insertInto('volunteer_checkin_codes_used')
      .values({ activity_id: a.id, volunteer_id: volunteerId, direction, code_window: parsed.window, used_at: now })
      .execute();
    const where = { lat: body.location?.lat ?? null, lng: body.location?.lng ?? null };
    let attendanceId: string;
    let minutes: number | null = null;
    if (!attendance) {
      const row = await tx
        .insertInto('volunteer_attendance')
        .values({
          activity_id: a.id,
          volunteer_id: volunteerId,
          state: 'checked_in',
          check_in_at: now,
          check_in_lat: where.lat,
          check_in_lng: where.lng,
          check_in_distance_m: distance,
          check_in_outside: outside,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      attendanceId = row.id;
    } else {
      attendanceId = attendance.id;
      minutes = serviceMinutes({ startsAt: a.starts_at, endsAt: a.ends_at }, attendance.check_in_at, now);
      await tx
        .updateTable('volunteer_attendance')
        .set({
          state: 'checked_out',
          check_out_at: now,
          check_out_lat: where.lat,
          check_out_lng: where.lng,
          check_out_distance_m: distance,
          check_out_outside: outside,
          minutes,
          version: attendance.version + 1,
          updated_at: now,
        })
        .where('id', '=', attendance.id)
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: direction === 'in' ? 'volunteer_attendance.checked_in' : 'volunteer_attendance.checked_out',
      subjectType: 'volunteer_attendance',
      subjectId: attendanceId,
      after: { activity_id: a.id, volunteer_id: volunteerId, at: now, distance_m: distance, outside, minutes, code_window: parsed.window },
    });
    return { attendanceId, activityId: a.id, direction, at: now, outside, distanceM: distance, minutes };
  });
}
