/** The audit trail (审计日志, 审计管理员). */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList } from './resource';
import type { Id, ListParams } from './types';

export interface AuditEvent {
  id: Id;
  occurredAt: string;
  actorId: Id | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  ip: string | null;
  userAgent: string | null;
}

export type AuditFilters = ListParams & {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
};

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: Id | null;
  reason: string | null;
}

/** Audit events list. */
export function useAuditEvents(params: AuditFilters) {
  return useList<AuditEvent>('audit', '/api/audit-events', params);
}

/** Verify the hash chain of the audit trail, on demand. */
export function useAuditVerify() {
  return useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => api.get<AuditVerifyResult>('/api/audit-events/verify'),
    enabled: false,
    gcTime: 0,
  });
}
