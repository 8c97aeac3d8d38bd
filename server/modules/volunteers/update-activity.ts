/**
 * 修改活动 (PATCH, at the caller's version): the organiser, a team admin or the office changes a published activity that
 * has not ended. The times are checked on the merged values. Raising the capacity moves the first waiting volunteers
 * up (they are told); lowering it below those already signed is refused (nobody is struck off by an edit).
 */
import type { z } from 'zod';
import type { updateActivityBody } from '../../../common/contracts/volunteer-activities';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, versionConflict } from '../../platform/errors';
import { activityNotFound, assertManageActivity } from './activity-access';
import { findActivity, signupCounts } from './activity-repository';
import { assertActiveUser, checkActivityTimes, organisingUnits } from './publish-activity';
import { promoteWaitlisted } from './sign-up';

/** Changes an activity; returns its id. */
export async function updateActivity(ctx: Ctx, id: string, body: z.output<typeof updateActivityBody>): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await findActivity(tx, id, ctx.actor.id);
    if (!a) throw activityNotFound();
    assertManageActivity(ctx.actor, a);
    await tx.selectFrom('volunteer_activities').select('id').where('id', '=', id).forUpdate().execute();
    if (a.version !== body.version) throw versionConflict();
    if (a.state !== 'published') throw new AppError('invalid_transition', '活动已取消或已结束，不能修改');
    if (a.ends_at.getTime() <= now.getTime()) throw new AppError('invalid_transition', '活动已结束，不能修改');
    const startsAt = body.startsAt ? new Date(body.startsAt) : a.starts_at;
    const endsAt = body.endsAt ? new Date(body.endsAt) : a.ends_at;
    checkActivityTimes(startsAt, endsAt, now, body.startsAt !== undefined && startsAt.getTime() !== a.starts_at.getTime());
    const teamId = body.teamId !== undefined ? body.teamId : a.team_id;
    const stationId = body.stationId !== undefined ? body.stationId : a.station_id;
    if (!teamId && !stationId) throw new AppError('validation', '请选择组织队伍或服务阵地');
    if (teamId !== a.team_id || stationId !== a.station_id) {
      const { team, station } = await organisingUnits(tx, ctx, teamId, stationId);
      if ((team ?? station)!.region_id !== a.region_id) throw new AppError('validation', '不能把活动改到其他地区的队伍或阵地');
    }
    if (body.organiserId) await assertActiveUser(tx, body.organiserId);
    const counts = await signupCounts(tx, id);
    if (body.capacity !== undefined && body.capacity < counts.signed)
      throw new AppError('validation', `已有 ${counts.signed} 人报名，招募人数不能少于已报名人数`);
    const set = {
      ...(body.teamId !== undefined ? { team_id: body.teamId } : {}),
      ...(body.stationId !== undefined ? { station_id: body.stationId } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.startsAt !== undefined ? { starts_at: startsAt } : {}),
      ...(body.endsAt !== undefined ? { ends_at: endsAt } : {}),
      ...(body.place !== undefined ? { place: body.place } : {}),
      ...(body.location ? { lat: body.location.lat, lng: body.location.lng } : {}),
      ...(body.geofenceM !== undefined ? { geofence_m: body.geofenceM } : {}),
      ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
      ...(body.skills !== undefined ? { skills: JSON.stringify(body.skills) } : {}),
      ...(body.organiserId !== undefined ? { organiser_id: body.organiserId } : {}),
    };
    const after = await tx
      .updateTable('volunteer_activities')
      .set({ ...set, version: a.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', a.version)
      .returning(['id', 'title', 'starts_at', 'ends_at', 'place', 'lat', 'lng', 'geofence_m', 'capacity', 'organiser_id', 'version'])
      .executeTakeFirst();
    if (!after) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'volunteer_activity.updated',
      subjectType: 'volunteer_activity',
      subjectId: id,
      before: {
        title: a.title,
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        place: a.place,
        lat: a.lat,
        lng: a.lng,
        geofence_m: a.geofence_m,
        capacity: a.capacity,
        organiser_id: a.organiser_id,
        version: a.version,
      },
      after,
    });
    if (after.capacity > counts.signed) await promoteWaitlisted(ctx, tx, { id, title: after.title }, after.capacity - counts.signed);
    return id;
  });
}
