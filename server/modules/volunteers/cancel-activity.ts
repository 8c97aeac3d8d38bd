/**
 * 取消活动 (with a reason) and 结束活动 on the workflow kernel (common/volunteer-activity-workflow.ts). Cancelling is
 * possible until the activity starts; the volunteers signed up or waiting are told after commit. Finishing is taken by
 * 认证时长 (certify-hours.ts) once the activity has ended and every attendance is certified.
 */
import type { z } from 'zod';
import { ACTIVITY_ACTION_LABELS, ACTIVITY_ACTIONS, type ActivityAction } from '../../../common/volunteer-activity-workflow';
import type { cancelActivityBody } from '../../../common/contracts/volunteer-activities';
import type { ActivityState } from '../../../common/volunteers';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import { activityNotFound, mayManageActivity, mayReadActivity } from './activity-access';
import { findActivity, signedUsers, type ActivityRow } from './activity-repository';

const cancelActivity: WorkflowVerb<ActivityRow, ActivityAction, ActivityState, { reason: string }> = {
  action: 'cancel',
  check: async (ctx, a) => {
    if (a.starts_at.getTime() <= ctx.clock.now().getTime()) throw new AppError('invalid_transition', '活动已开始，不能取消');
  },
  apply: async (ctx, tx, a, payload) => ({
    set: { cancel_reason: payload.reason },
    event: { reason: payload.reason },
    after: async (t: Tx) => {
      const users = await signedUsers(t, a.id);
      if (users.length)
        await notify(ctx, t, [{ users }], {
          kind: 'volunteer_activity',
          title: `志愿活动「${a.title}」已取消`,
          body: `取消原因：${payload.reason}`,
          link: `/volunteers/activities/${a.id}`,
          regionPath: a.region_path,
        });
    },
  }),
};

const finishActivity: WorkflowVerb<ActivityRow, ActivityAction, ActivityState> = {
  action: 'finish',
  apply: async () => ({}),
};

const VERBS: Record<ActivityAction, WorkflowVerb<ActivityRow, ActivityAction, ActivityState>> = {
  cancel: cancelActivity,
  finish: finishActivity,
};

/** The kernel's view of activities for one caller: loaded as the caller sees them (their relations decide who may act). */
export const activityRuntime = (userId: string): WorkflowRuntime<ActivityRow, ActivityAction, ActivityState> => ({
  subject: 'volunteer_activity',
  actions: ACTIVITY_ACTIONS,
  labels: ACTIVITY_ACTION_LABELS,
  stateOf: (a) => a.state as ActivityState,
  load: (tx, id) => findActivity(tx, id, userId),
  canRead: (ctx, a) => mayReadActivity(ctx.actor, a),
  notFound: activityNotFound,
  blockedReason: (ctx, a, action) => {
    if (!mayManageActivity(ctx.actor, a)) throw new AppError('forbidden', '只有活动组织者、队伍管理员或文明办可以执行此操作');
    return fromBlocked(ACTIVITY_ACTIONS[action], a.state as ActivityState);
  },
  update: (tx, a, set, to, now) =>
    tx
      .updateTable('volunteer_activities')
      .set({ ...set, state: to, version: a.version + 1, updated_at: now })
      .where('id', '=', a.id)
      .where('version', '=', a.version)
      .where('state', '=', a.state as ActivityState)
      .returning(['id', 'state', 'cancel_reason', 'version'])
      .executeTakeFirst(),
  auditView: (a) => ({ state: a.state, title: a.title, version: a.version }),
});

/** Runs an activity transition for the caller in the transaction. */
export function transitionActivity(ctx: Ctx, tx: Tx, id: string, action: ActivityAction, version: number, payload: unknown) {
  return runTransition(ctx, tx, activityRuntime(ctx.actor.id), VERBS, id, action, version, payload);
}

/** 取消活动 at the caller's version, with a reason. */
export async function cancelActivityCommand(ctx: Ctx, id: string, body: z.output<typeof cancelActivityBody>): Promise<void> {
  await ctx.db.transaction().execute((tx) => transitionActivity(ctx, tx, id, 'cancel', body.version, { reason: body.reason }));
}
