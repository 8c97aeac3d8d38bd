/**
 * Sets a region's own 任务进度设置 (the office of the region or above: plans.manage over it; another county's region
 * 404, a region above the caller's 403). Created with `version: null`, then version-guarded (a concurrent writer gets
 * 409). Audited as task_settings.updated; the sweeps read the new values on their next run.
 */
import type { TaskSettingsInput } from '../../../common/contracts/task-settings';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { versionConflict } from '../../platform/errors';
import { editableRegion } from '../problem-settings/resolve';
import { readTaskSettings } from './read-task-settings';

export async function updateTaskSettings(ctx: Ctx, regionId: string, input: TaskSettingsInput) {
  await ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'plans.manage', regionId);
    const set = {
      progress_due_day: input.progressDueDay,
      remind_days_before: input.remindDaysBefore,
      escalate_after_days: input.escalateAfterDays,
      leader_after_days: input.leaderAfterDays,
      milestone_remind_days: input.milestoneRemindDays,
      updated_at: ctx.clock.now(),
    };
    const before = await tx.selectFrom('region_task_settings').selectAll().where('region_id', '=', region.id).executeTakeFirst();
    let row;
    if (input.version === null) {
      if (before) throw versionConflict();
      // A second creator racing this one hits the unique index and loses with 409.
      row = await tx
        .insertInto('region_task_settings')
        .values({ region_id: region.id, ...set })
        .returningAll()
        .executeTakeFirst()
        .catch((e: { code?: string }) => {
          if (e.code === '23505') throw versionConflict();
          throw e;
        });
    } else {
      if (!before || before.version !== input.version) throw versionConflict();
      row = await tx
        .updateTable('region_task_settings')
        .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
        .where('id', '=', before.id)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirst();
    }
    if (!row) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'task_settings.updated',
      subjectType: 'region',
      subjectId: region.id,
      before: before ?? null,
      after: row,
    });
  });
  return readTaskSettings(ctx, regionId);
}
