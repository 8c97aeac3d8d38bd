/**
 * Readers of 志愿之城 activities: the list (paged, sorted, filtered: upcoming/past, mine, team, station, search, days),
 * one activity with the caller's sign-up and attendance, the organiser's roster, and the rotating check-in code.
 */
import type { z } from 'zod';
import type { activitiesQuery, checkinCodeResponse } from '../../../common/contracts/volunteer-activities';
import { CHECKIN_CODE_WINDOW_SECONDS, codeWindow } from '../../../common/volunteers';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { activityNotFound, assertManageActivity, assertReadActivity, mayShowCode, visibleActivitySql } from './activity-access';
import { codeWindowOpen, presentActivity, presentRoster } from './activity-presenter';
import { findActivity, listActivities, rosterOf } from './activity-repository';
import { checkinCode, shortCheckinCode } from './checkin-code';

/** The activities the caller may see. */
export async function readActivities(ctx: Ctx, q: z.output<typeof activitiesQuery>) {
  const now = ctx.clock.now();
  const { rows, total } = await listActivities(
    ctx.db,
    ctx.actor.id || null,
    visibleActivitySql(ctx.actor),
    q,
    now,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map((a) => presentActivity(a, ctx.actor, now)), total };
}

/** The activity the caller may read, or 404. */
export async function readableActivity(ctx: Ctx, id: string) {
  const a = await findActivity(ctx.db, id, ctx.actor.id);
  if (!a) throw activityNotFound();
  assertReadActivity(ctx.actor, a);
  return a;
}

/** One activity as the caller sees it. */
export async function readActivity(ctx: Ctx, id: string) {
  return presentActivity(await readableActivity(ctx, id), ctx.actor, ctx.clock.now());
}

/** The organiser's roster (sign-ups, attendance, corrections). */
export async function readRoster(ctx: Ctx, id: string) {
  const a = await readableActivity(ctx, id);
  assertManageActivity(ctx.actor, a, '只有活动组织者、队伍管理员或文明办可以查看签到名单');
  return presentRoster(await rosterOf(ctx.db, id));
}

/** The code of the current window, for the organiser's phone (from an hour before the start until two hours after the end). */
export async function readCheckinCode(ctx: Ctx, id: string): Promise<z.output<typeof checkinCodeResponse>> {
  const a = await readableActivity(ctx, id);
  if (!mayShowCode(ctx.actor, a)) throw new AppError('forbidden', '只有活动组织者或队伍管理员可以出示签到码');
  const now = ctx.clock.now();
  if (a.state !== 'published') throw new AppError('unprocessable', '活动已取消或已结束，不能签到');
  if (!codeWindowOpen(a, now)) throw new AppError('unprocessable', '签到码在活动开始前 1 小时至结束后 2 小时内出示');
  const window = codeWindow(now);
  return {
    code: checkinCode(a.checkin_secret, a.id, window),
    shortCode: shortCheckinCode(a.checkin_secret, a.id, window),
    expiresAt: new Date((window + 1) * CHECKIN_CODE_WINDOW_SECONDS * 1000),
    windowSeconds: CHECKIN_CODE_WINDOW_SECONDS,
  };
}
