/**
 * 任务进度设置 of a region (GET /api/task-settings, PUT|DELETE /api/task-settings/regions/:regionId): the monthly
 * progress report's due day, the reminder lead days, when a late task gets its 督办单 and goes to the leader, and the
 * project milestone reminder lead days. A unit's head and liaison read their unit's region's (我的任务 shows the day).
 */
import type { TaskSettingsDto, TaskSettingsInput } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

export type TaskSettings = TaskSettingsDto;

/** What applies in the region (default: the caller's own). `enabled`: false for a session without plans access. */
export function useTaskSettings(regionId?: string, enabled = true) {
  return useQuery({
    queryKey: ['task-settings', regionId ?? 'home'],
    queryFn: () => api.get<TaskSettingsDto>('/api/task-settings', regionId ? { regionId } : undefined),
    enabled,
  });
}

/** Saves a region's own values at the version on screen (null: it inherited until now). Silent: the card words a 409. */
export function useSaveTaskSettings() {
  return useResourceMutation(
    ['task-settings'],
    ({ regionId, values }: { regionId: string; values: TaskSettingsInput }) =>
      api.put<TaskSettingsDto>(`/api/task-settings/regions/${regionId}`, values),
    { silent: true },
  );
}

/** Drops a region's own values: it inherits the region above (or the platform default) again. */
export function useResetTaskSettings() {
  return useResourceMutation(['task-settings'], (regionId: string) => api.delete<void>(`/api/task-settings/regions/${regionId}`));
}
