/**
 * Sets a region's own 任务进度设置 (the office of the region or above: plans.manage over it; another county's region
 * 404, a region above the caller's 403). Created with `version: null`, then version-guarded (saveOwnedSetting: a
 * concurrent writer gets 409). Audited as task_settings.updated; the sweeps read the new values on their next run.
 */
import type { TaskSettingsInput } from '../../../common/contracts/task-settings';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { saveOwnedSetting } from '../../platform/versioned';
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
    const row = await saveOwnedSetting(tx, 'region_task_settings', before, input.version, { region_id: region.id, ...set });
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
