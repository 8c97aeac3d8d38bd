/** Notifications (the bell): my notices, unread count, mark read. */
import type { NotificationDto, NotificationPageDto } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

export type NotificationKind =
  | 'dispatched'
  | 'deadline_tomorrow'
  | 'returned'
  | 'overdue'
  | 'supervised'
  | 'escalated'
  | 'reported'
  | 'extension'
  | 'verified'
  | 'evaluation'
  | 'exposure'
  | 'task_progress'
  | 'task_reminder'
  | 'project'
  | 'volunteer_activity'
  | 'honour';

/** The wire shapes are the server's contract (common/contracts/notifications.ts). */
export type AppNotification = NotificationDto;
export type NotificationPage = NotificationPageDto;

/** Chinese names of the notice kinds, with a tag colour. */
export const NOTIFICATION_KINDS: Record<NotificationKind, { label: string; color: string }> = {
  dispatched: { label: '派遣', color: 'blue' },
  deadline_tomorrow: { label: '明日到期', color: 'orange' },
  returned: { label: '退回/返工', color: 'volcano' },
  overdue: { label: '超期', color: 'red' },
  supervised: { label: '督办', color: 'red' },
  escalated: { label: '升级督办', color: 'magenta' },
  reported: { label: '新上报', color: 'cyan' },
  extension: { label: '延期', color: 'gold' },
  verified: { label: '待核查', color: 'green' },
  evaluation: { label: '考核排名', color: 'purple' },
  exposure: { label: '曝光台', color: 'red' },
  task_progress: { label: '任务进度', color: 'geekblue' },
  task_reminder: { label: '进度汇报提醒', color: 'orange' },
  project: { label: '项目节点', color: 'lime' },
  volunteer_activity: { label: '志愿活动', color: 'green' },
  honour: { label: '好人评选', color: 'red' },
};

/** The unread count, polled every 60 s while the app is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { unread: 'true', page: 1, pageSize: 1 }),
    select: (page) => page.unread,
    refetchInterval: 60_000,
    enabled,
    meta: { silent: true },
  });
}

/** The latest notices (read and unread) for the dropdown. */
export function useNotifications(enabled: boolean, pageSize = 10) {
  return useQuery({
    queryKey: ['notifications', 'list', pageSize],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { page: 1, pageSize }),
    enabled,
    staleTime: 0,
  });
}

/** Mark one notice read. */
export function useMarkRead() {
  return useResourceMutation(['notifications'], (id: string) => api.post<void>(`/api/notifications/${id}/read`));
}

/** 全部已读. */
export function useMarkAllRead() {
  return useResourceMutation(['notifications'], () => api.post<void>('/api/notifications/read-all'));
}
