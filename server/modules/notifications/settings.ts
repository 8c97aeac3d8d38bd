/**
 * 提醒与督办设置 of a region: the deadline sweep's thresholds (`region_escalation_settings`: reminder lead time,
 * escalation delay) and the channels each notice kind goes out on (`notice_channels`), both region-scoped (the
 * nearest region's row wins; the row without a region is the shipped default). Anyone who may list problems reads
 * the values that apply in a region of their scope or above their placement, with where each comes from; an office
 * sets or resets the thresholds of a region in its scope (another county's region: 404; the defaults: read-only).
 * Channel rows are read-only here (data: set with SQL; see ARCHITECTURE.md).
 */
import { z } from 'zod';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { saveOwnedSetting } from '../../platform/versioned';
import { editableRegion, homeRegion, mayEditRegion, readableRegion, type SettingsRegion } from '../problem-settings/resolve';
import { escalationThresholds } from '../problems/escalation-thresholds';
import { channelsFor, type NoticeKind } from './notify';

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  dispatched: '派遣/任务',
  deadline_tomorrow: '到期提醒',
  returned: '退回',
  overdue: '超期',
  supervised: '督办',
  escalated: '升级督办',
  reported: '新上报',
  extension: '延期',
  verified: '待核查',
  evaluation: '考核排名',
  exposure: '曝光台',
  task_progress: '任务进度',
  task_reminder: '任务进度汇报提醒',
  project: '项目节点',
  volunteer_activity: '志愿活动',
  honour: '好人评选',
};

export const regionIdParam = z.object({ regionId: z.uuid('区域编号格式不正确') });
export const thresholdsInput = z.object({
  remindBeforeHours: z.number().int('须为整数小时').min(1, '提前提醒至少 1 小时').max(720, '提前提醒最多 720 小时'),
  escalateAfterHours: z.number().int('须为整数小时').min(1, '升级督办至少 1 小时').max(2160, '升级督办最多 2160 小时'),
  version: z.number().int().min(1).nullable(),
});

/** The settings that apply in the region (`regionId`, else the actor's home region). */
export async function readNoticeSettings(ctx: Ctx, regionId: string | undefined) {
  const region: SettingsRegion | null = regionId
    ? await readableRegion(ctx.db, ctx.actor, 'problems.list', regionId)
    : await homeRegion(ctx.db, ctx.actor, 'problems.list');
  const t = await escalationThresholds(ctx.db, region?.path);
  const own = region
    ? await ctx.db.selectFrom('region_escalation_settings').select('version').where('region_id', '=', region.id).executeTakeFirst()
    : undefined;
  const channels = [];
  for (const kind of Object.keys(NOTICE_KIND_LABELS) as NoticeKind[]) {
    for (const c of await channelsFor(ctx.db, kind, region?.path)) {
      channels.push({
        kind,
        kindLabel: NOTICE_KIND_LABELS[kind],
        // notice_channels.channel is held to these by a CHECK constraint.
        channel: c.channel as 'in_app' | 'sms' | 'webhook',
        enabled: c.enabled,
        roles: c.roles,
        regionId: c.regionId ?? null,
        inherited: !region || c.regionId !== region.id,
      });
    }
  }
  return {
    region: region ? { id: region.id, name: region.name } : null,
    thresholds: {
      remindBeforeHours: t.remindBeforeHours,
      escalateAfterHours: t.escalateAfterHours,
      regionId: t.regionId,
      inherited: !region || t.regionId !== region.id,
      version: own?.version ?? null,
      abilities: {
        update: !!region && mayEditRegion(ctx.actor, 'problems.manageRules', region.path),
        reset: !!own && mayEditRegion(ctx.actor, 'problems.manageRules', region!.path),
      },
    },
    channels,
  };
}

/** Sets the region's own thresholds (creating them when `version` is null; a concurrent creator gets 409). */
export async function setRegionThresholds(ctx: Ctx, regionId: string, input: z.infer<typeof thresholdsInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'problems.manageRules', regionId);
    const set = {
      remind_before_hours: input.remindBeforeHours,
      escalate_after_hours: input.escalateAfterHours,
      updated_at: ctx.clock.now(),
    };
    const before = await tx.selectFrom('region_escalation_settings').selectAll().where('region_id', '=', region.id).executeTakeFirst();
    const row = await saveOwnedSetting(tx, 'region_escalation_settings', before, input.version, { region_id: region.id, ...set });
    await recordEvent(tx, ctx, {
      action: 'escalation_settings.updated',
      subjectType: 'region',
      subjectId: region.id,
      before: before ?? null,
      after: row,
    });
    return {
      remindBeforeHours: row.remind_before_hours,
      escalateAfterHours: row.escalate_after_hours,
      regionId: region.id,
      inherited: false,
      version: row.version,
    };
  });
}

/** Removes the region's own thresholds: it inherits again. */
export async function resetRegionThresholds(ctx: Ctx, regionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'problems.manageRules', regionId);
    const before = await tx.deleteFrom('region_escalation_settings').where('region_id', '=', region.id).returningAll().executeTakeFirst();
    if (!before) throw notFound('本级提醒与督办设置');
    await recordEvent(tx, ctx, { action: 'escalation_settings.reset', subjectType: 'region', subjectId: region.id, before });
  });
}
