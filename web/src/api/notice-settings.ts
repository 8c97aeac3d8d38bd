/** 提醒与督办设置 of a region: the deadline sweep's thresholds and notice channels (GET /api/notifications/settings). */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface NoticeSettings {
  region: { id: string; name: string } | null;
  thresholds: {
    remindBeforeHours: number;
    escalateAfterHours: number;
    regionId: string | null;
    inherited: boolean;
    version: number | null;
    abilities: { update: boolean; reset: boolean };
  };
  channels: Array<{
    kind: string;
    kindLabel: string;
    channel: 'in_app' | 'sms' | 'webhook';
    enabled: boolean;
    roles: string[] | null;
    regionId: string | null;
    inherited: boolean;
  }>;
}

/** What applies in the region (default: the caller's own). */
export function useNoticeSettings(regionId?: string) {
  return useQuery({
    queryKey: ['notifications', 'settings', regionId ?? 'home'],
    queryFn: () => api.get<NoticeSettings>('/api/notifications/settings', regionId ? { regionId } : undefined),
  });
}
