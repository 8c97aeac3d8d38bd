/** 随手拍 on the office's side: the 待受理 queue of public sources, reject / merge, and the 回访 list. */
import type {
  followupItem,
  followupPage,
  mergeCandidates,
  publicCategoryList,
  rejectReasons,
  triageItem,
  triagePage,
} from '@common/contracts/public-reports';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { useResourceMutation } from './resource';

export type TriageItem = z.input<typeof triageItem>;
export type FollowupItem = z.input<typeof followupItem>;
type TriagePage = z.input<typeof triagePage>;
type FollowupPage = z.input<typeof followupPage>;

const RESOURCE = 'citizen-reports';

export interface TriageParams {
  page: number;
  pageSize: number;
  sort: 'createdAt' | '-createdAt';
  source?: string;
  q?: string;
}

export function useTriageQueue(params: TriageParams) {
  return useQuery({
    queryKey: [RESOURCE, 'triage', params],
    queryFn: () => api.get<TriagePage>('/api/citizen-reports/triage', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useRejectReasons() {
  return useQuery({
    queryKey: [RESOURCE, 'reasons'],
    queryFn: () => api.get<z.input<typeof rejectReasons>>('/api/citizen-reports/reject-reasons'),
  });
}

export function useMergeCandidates(id: string | null) {
  return useQuery({
    queryKey: [RESOURCE, 'candidates', id],
    queryFn: () => api.get<z.input<typeof mergeCandidates>>(`/api/citizen-reports/triage/${id}/merge-candidates`),
    enabled: !!id,
  });
}

/** 受理: the loop's own transition. */
export function useAcceptReport() {
  return useResourceMutation([RESOURCE, 'problems'], (p: { id: string; version: number }) =>
    api.post(`/api/problems/${p.id}/transitions`, { action: 'accept', version: p.version }),
  );
}

export function useRejectReport() {
  return useResourceMutation([RESOURCE, 'problems'], (p: { id: string; version: number; reasonCode: string; note?: string }) =>
    api.post(`/api/citizen-reports/triage/${p.id}/reject`, { version: p.version, reasonCode: p.reasonCode, note: p.note || null }),
  );
}

export function useMergeReport() {
  return useResourceMutation([RESOURCE, 'problems'], (p: { id: string; version: number; targetId: string }) =>
    api.post(`/api/citizen-reports/triage/${p.id}/merge`, { version: p.version, targetId: p.targetId }),
  );
}

export function useFollowups(params: { page: number; pageSize: number; state?: 'open' | 'done' }) {
  return useQuery({
    queryKey: [RESOURCE, 'followups', params],
    queryFn: () => api.get<FollowupPage>('/api/citizen-reports/followups', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useAnswerFollowup() {
  return useResourceMutation([RESOURCE, 'problems'], (p: { id: string; result: string; reopen: boolean }) =>
    api.post<FollowupItem>(`/api/citizen-reports/followups/${p.id}`, { result: p.result, reopen: p.reopen }),
  );
}

/** 公众类别: the list citizens pick from on /p/report, whether I may edit it, and what it may hold. */
export function usePublicCategoryList(enabled: boolean) {
  return useQuery({
    queryKey: [RESOURCE, 'public-categories'],
    queryFn: () => api.get<z.input<typeof publicCategoryList>>('/api/citizen-reports/public-categories'),
    enabled,
  });
}

export function useSavePublicCategoryList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codes: string[]) => api.put<z.input<typeof publicCategoryList>>('/api/citizen-reports/public-categories', { codes }),
    onSuccess: (data) => queryClient.setQueryData([RESOURCE, 'public-categories'], data),
  });
}
