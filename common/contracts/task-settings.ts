/**
 * 任务进度设置 of a region (GET /api/task-settings, PUT|DELETE /api/task-settings/regions/:regionId): the monthly
 * progress report's due day, the reminder lead time, when a late task gets its 督办单 and goes to the responsible
 * leader, and the project milestone reminder lead time. Region-scoped: the nearest region's row wins. Shared by the
 * server and the web client (see shared.ts).
 */
import { z } from 'zod';
import { TASK_SETTINGS_BOUNDS, type TaskSettingsValues } from '../tasks';
import { id } from './shared';

const days = (key: keyof TaskSettingsValues, unit: string) => {
  const b = TASK_SETTINGS_BOUNDS[key];
  return z
    .number({ error: `请填写${b.label}` })
    .int(`${b.label}须为整数`)
    .min(b.min, `${b.label}不能小于 ${b.min}${unit}`)
    .max(b.max, `${b.label}不能大于 ${b.max}${unit}`);
};

/** The values a region sets (PUT body): all five, and the version of its own row (null: it has none yet). */
export const taskSettingsInput = z.object({
  progressDueDay: days('progressDueDay', ' 日'),
  remindDaysBefore: days('remindDaysBefore', ' 天'),
  escalateAfterDays: days('escalateAfterDays', ' 天'),
  leaderAfterDays: days('leaderAfterDays', ' 天'),
  milestoneRemindDays: days('milestoneRemindDays', ' 天'),
  version: z.number().int().min(1).nullable(),
});

/** The values that apply in a region, and where they come from. */
export const taskSettingsValues = z.object({
  progressDueDay: z.number().int(),
  remindDaysBefore: z.number().int(),
  escalateAfterDays: z.number().int(),
  leaderAfterDays: z.number().int(),
  milestoneRemindDays: z.number().int(),
  /** The region whose row applies; null = the shipped default. */
  regionId: id.nullable(),
  /** The name of that region; null for the shipped default. */
  regionName: z.string().nullable(),
  inherited: z.boolean(),
  /** The region's own row's version; null when it has none (it inherits). */
  version: z.number().int().nullable(),
});

export const taskSettingsResponse = z.object({
  region: z.object({ id, name: z.string() }).nullable(),
  settings: taskSettingsValues,
  abilities: z.object({ update: z.boolean(), reset: z.boolean() }),
});

export type TaskSettingsInput = z.input<typeof taskSettingsInput>;
export type TaskSettingsDto = z.input<typeof taskSettingsResponse>;
