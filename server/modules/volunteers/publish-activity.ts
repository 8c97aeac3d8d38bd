/**
 * 发布活动: a team admin of the organising team (volunteer_team_admins) or the office of the region publishes an
 * activity; a station's activity (no team) only the office. The times are checked here (the end after the start,
 * at most 7 days long, not starting more than a day in the past); the geofence radius by the contract.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { activityBody } from '../../../common/contracts/volunteer-activities';
import { GEOFENCE_DEFAULT_M } from '../../../common/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { can, scopeSql } from '../../platform/policy';
import './activity-policy';
import { newCheckinSecret } from './checkin-code';

const DAY = 24 * 3600_000;
export const MAX_ACTIVITY_DAYS = 7;

/** Times of an activity: the end after the start, at most 7 days long, not starting more than a day ago. */
export function checkActivityTimes(startsAt: Date, endsAt: Date, now: Date, isNew: boolean): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new AppError('validation', '结束时间须晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > MAX_ACTIVITY_DAYS * DAY)
    throw new AppError('validation', `一次活动最长 ${MAX_ACTIVITY_DAYS} 天，请分次发布`);
  if (isNew && startsAt.getTime() < now.getTime() - DAY) throw new AppError('validation', '开始时间不能早于一天前');
}

/** The organising team and station as the actor may use them; 404 for one the actor cannot see. */
export async function organisingUnits(db: Db | Tx, ctx: Ctx, teamId: string | null, stationId: string | null) {
  const uid = ctx.actor.id || null;
  const team = teamId
    ? await db
        .selectFrom('volunteer_teams as t')
        .innerJoin('regions as r', 'r.id', 't.region_id')
        .select([
          't.id',
          't.region_id',
          'r.path as region_path',
          sql<boolean>`exists (select 1 from volunteer_team_admins ta where ta.team_id = t.id and ta.user_id = ${uid})`.as('is_admin'),
        ])
        .where('t.id', '=', teamId)
        .executeTakeFirst()
    : undefined;
  if (teamId && (!team || !(team.is_admin || can(ctx.actor, 'volunteerActivities.read', { regionPath: team.region_path }))))
    throw notFound('志愿队伍');
  const station = stationId
    ? await db
        .selectFrom('volunteer_stations as s')
        .innerJoin('regions as r', 'r.id', 's.region_id')
        .select(['s.id', 's.region_id', 'r.path as region_path'])
        .where('s.id', '=', stationId)
        .where(() =>
          team?.is_admin ? sql<boolean>`true` : scopeSql(ctx.actor, 'volunteerActivities.read', { regionPath: sql.ref('r.path') }),
        )
        .executeTakeFirst()
    : undefined;
  if (stationId && !station) throw notFound('服务阵地');
  return { team: team ?? null, station: station ?? null };
}

/** Publishes an activity; returns its id. */
export async function publishActivity(ctx: Ctx, body: z.output<typeof activityBody>): Promise<string> {
  const teamId = body.teamId ?? null;
  const stationId = body.stationId ?? null;
  if (!teamId && !stationId) throw new AppError('validation', '请选择组织队伍或服务阵地');
  const now = ctx.clock.now();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  checkActivityTimes(startsAt, endsAt, now, true);
  return ctx.db.transaction().execute(async (tx) => {
    const { team, station } = await organisingUnits(tx, ctx, teamId, stationId);
    const home = team ?? station!;
    const mayPublish = team
      ? team.is_admin || can(ctx.actor, 'volunteerActivities.manage', { regionPath: team.region_path })
      : can(ctx.actor, 'volunteerActivities.manage', { regionPath: station!.region_path });
    if (!mayPublish) throw new AppError('forbidden', team ? '只有本队伍的管理员或文明办可以发布活动' : '服务阵地的活动由文明办发布');
    const organiserId = body.organiserId ?? ctx.actor.id;
    await assertActiveUser(tx, organiserId);
    const row = await tx
      .insertInto('volunteer_activities')
      .values({
        region_id: home.region_id,
        team_id: teamId,
        station_id: stationId,
        title: body.title,
        description: body.description ?? null,
        starts_at: startsAt,
        ends_at: endsAt,
        place: body.place,
        lat: body.location.lat,
        lng: body.location.lng,
        geofence_m: body.geofenceM ?? GEOFENCE_DEFAULT_M,
        capacity: body.capacity,
        skills: JSON.stringify(body.skills ?? []),
        checkin_secret: newCheckinSecret(),
        organiser_id: organiserId,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'title', 'starts_at', 'ends_at', 'capacity', 'team_id', 'station_id', 'organiser_id', 'version'])
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'volunteer_activity.created',
      subjectType: 'volunteer_activity',
      subjectId: row.id,
      after: row,
    });
    return row.id;
  });
}

/** The organiser must be an active account. */
export async function assertActiveUser(tx: Tx, userId: string): Promise<void> {
  const u = await tx.selectFrom('users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  if (!u) throw new AppError('validation', '组织者账号不存在或已停用');
}
