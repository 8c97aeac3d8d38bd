/** The audit trail (审计日志, 审计管理员). */
import type { AuditAnchorDto, AuditEventDto, AuditVerifyDto } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList } from './resource';
import type { ListParams } from './types';

/** Audit answers on the wire: the server's contract (common/contracts/audit.ts), not hand-typed copies. */
export type AuditEvent = AuditEventDto;
export type AuditVerifyResult = AuditVerifyDto;
export type AuditAnchorResult = AuditAnchorDto;

export type AuditFilters = ListParams & {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  /** Free text: 暗访, a name, a changed value … */
  q?: string;
};

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

/** The newest signed chain head kept outside the database, checked against the database now. */
export function useAuditAnchor() {
  return useQuery({ queryKey: ['audit', 'anchor'], queryFn: () => api.get<AuditAnchorResult>('/api/audit-events/anchor') });
}
