/** 提醒与督办设置 of a region: the deadline sweep's thresholds and notice channels (GET /api/notifications/settings). */
import type { NoticeSettingsDto } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** The wire shape is the server's contract (common/contracts/notifications.ts). */
export type NoticeSettings = NoticeSettingsDto;

/** What applies in the region (default: the caller's own). */
export function useNoticeSettings(regionId?: string) {
  return useQuery({
    queryKey: ['notifications', 'settings', regionId ?? 'home'],
    queryFn: () => api.get<NoticeSettings>('/api/notifications/settings', regionId ? { regionId } : undefined),
  });
}
