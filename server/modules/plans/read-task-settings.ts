/**
 * 任务进度设置 as they apply in a region (`regionId`, else the caller's home region), with where they come from. The
 * office, leaders and task force (plans.read) read any region of their scope or above their placement; a unit's head
 * or liaison (plans.report) reads its unit's region (the 我的任务 page shows the due day from it). Another county's
 * region answers 404.
 */
import type { Ctx } from '../../platform/context';
import { can } from '../../platform/policy';
import { homeRegion, mayEditRegion, readableRegion, regionNames, type SettingsRegion } from '../problem-settings/resolve';
import { taskSettingsAt } from './task-settings';

/** The permission the caller reads settings under: plans.read when held, else plans.report. */
export const settingsReadPermission = (ctx: Ctx) => (can(ctx.actor, 'plans.read') ? 'plans.read' : 'plans.report');

export async function readTaskSettings(ctx: Ctx, regionId: string | undefined) {
  const permission = settingsReadPermission(ctx);
  const region: SettingsRegion | null = regionId
    ? await readableRegion(ctx.db, ctx.actor, permission, regionId)
    : await homeRegion(ctx.db, ctx.actor, permission);
  const s = await taskSettingsAt(ctx.db, region?.path);
  const own = region
    ? await ctx.db.selectFrom('region_task_settings').select('version').where('region_id', '=', region.id).executeTakeFirst()
    : undefined;
  const names = await regionNames(ctx.db, s.regionId ? [s.regionId] : []);
  return {
    region: region ? { id: region.id, name: region.name } : null,
    settings: {
      progressDueDay: s.progressDueDay,
      remindDaysBefore: s.remindDaysBefore,
      escalateAfterDays: s.escalateAfterDays,
      leaderAfterDays: s.leaderAfterDays,
      milestoneRemindDays: s.milestoneRemindDays,
      regionId: s.regionId,
      regionName: s.regionId ? (names.get(s.regionId) ?? null) : null,
      inherited: !region || s.regionId !== region.id,
      version: own?.version ?? null,
    },
    abilities: {
      update: !!region && mayEditRegion(ctx.actor, 'plans.manage', region.path),
      reset: !!own && !!region && mayEditRegion(ctx.actor, 'plans.manage', region.path),
    },
  };
}
