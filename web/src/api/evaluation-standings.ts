/** Standings over time: a subject's trend, 季度/年度 roll-ups, 年度加减分事项, the bulletin's 下步工作要求. */
import type {
  annualItemBody,
  annualItemResponse,
  bulletinTextResponse,
  rollupResponse,
  subjectHistoryResponse,
} from '@common/contracts/evaluation-standings';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { useResourceMutation } from './resource';
import type { Page } from './types';

export type SubjectHistory = z.input<typeof subjectHistoryResponse>;
export type Rollup = z.input<typeof rollupResponse>;
export type RollupItem = Rollup['groups'][number]['items'][number];
export type AnnualItem = z.input<typeof annualItemResponse>;
export type AnnualItemInput = z.input<typeof annualItemBody>;

const RESOURCE = 'evaluation';

export function useSubjectHistory(subjectId: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'history', subjectId],
    queryFn: () => api.get<SubjectHistory>(`/api/evaluation/subjects/${subjectId}/history`),
    enabled: !!subjectId,
  });
}

export function useRollup(schemeId: string | undefined, period: string) {
  return useQuery({
    queryKey: [RESOURCE, 'rollup', schemeId, period],
    queryFn: () => api.get<Rollup>(`/api/evaluation/schemes/${schemeId}/rollup`, { period }),
    enabled: !!schemeId,
    placeholderData: keepPreviousData,
  });
}

export function useAnnualItems(schemeId: string | undefined, year: number, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'annual-items', schemeId, year],
    queryFn: () => api.get<Page<AnnualItem>>('/api/evaluation/annual-items', { schemeId, year }),
    enabled: !!schemeId && enabled,
  });
}

export function useCreateAnnualItem() {
  return useResourceMutation([RESOURCE], (input: AnnualItemInput) => api.post<AnnualItem>('/api/evaluation/annual-items', input));
}

export function useRemoveAnnualItem() {
  return useResourceMutation([RESOURCE], (id: string) => api.delete<null>(`/api/evaluation/annual-items/${id}`));
}

export function useBulletinText(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: [RESOURCE, 'bulletin-text', runId],
    queryFn: () => api.get<z.input<typeof bulletinTextResponse>>(`/api/evaluation/runs/${runId}/bulletin-text`),
    enabled,
  });
}

export function useSaveBulletinText(runId: string) {
  return useResourceMutation([RESOURCE], (input: { requirements: string; version?: number }) =>
    api.put<null>(`/api/evaluation/runs/${runId}/bulletin-text`, input),
  );
}
