/** 月评排名: indicators, schemes (versioned), runs and their results, provenance, objections, 人工评分. */
import type {
  createSchemeBody,
  evaluationIndicatorsResponse,
  objectionResponse,
  provenanceResponse,
  runResponse,
  runResultsResponse,
  schemeResponse,
} from '@common/contracts/evaluation';
import type { EvaluationAction, EvaluationRunState } from '@common/evaluation-workflow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { useResourceMutation } from './resource';
import type { ListParams, Page } from './types';

/** The answers on the wire: the server's contracts (common/contracts/evaluation.ts). */
export type EvaluationIndicator = z.input<typeof evaluationIndicatorsResponse>['items'][number];
export type Scheme = z.input<typeof schemeResponse>;
export type SchemeInput = z.input<typeof createSchemeBody>;
export type Run = z.input<typeof runResponse>;
export type RunResults = z.input<typeof runResultsResponse>;
export type ResultItem = RunResults['groups'][number]['items'][number];
export type Provenance = z.input<typeof provenanceResponse>;
export type Objection = z.input<typeof objectionResponse>;

const RESOURCE = 'evaluation';

export type RunFilters = ListParams & {
  campaignId?: string;
  schemeId?: string;
  regionId?: string;
  period?: string;
  state?: EvaluationRunState;
};
export type SchemeFilters = ListParams & { campaignId?: string; q?: string };

/** The indicator catalogue (what a scheme may score). */
export function useEvaluationIndicators(enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'indicators'],
    queryFn: () => api.get<{ items: EvaluationIndicator[] }>('/api/evaluation/indicators'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A page of a list under its own key (schemes and runs are both 'evaluation' for invalidation). */
function usePage<T>(what: string, path: string, params: ListParams, enabled: boolean) {
  return useQuery({
    queryKey: [RESOURCE, what, params],
    queryFn: () => api.get<Page<T>>(path, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSchemes(params: SchemeFilters, enabled = true) {
  return usePage<Scheme>('schemes', '/api/evaluation/schemes', params, enabled);
}

export function useScheme(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'scheme', id],
    queryFn: () => api.get<Scheme>(`/api/evaluation/schemes/${id}`),
    enabled: !!id,
  });
}

/** 新建方案: 201 with the new scheme's id and version. */
export function useCreateScheme() {
  return useResourceMutation([RESOURCE], (input: SchemeInput) =>
    api.post<{ id: string; version: number }>('/api/evaluation/schemes', input),
  );
}

/** 修改方案: a new version (past runs keep the version they used). */
export function useUpdateScheme(id: string) {
  return useResourceMutation([RESOURCE], (input: Omit<SchemeInput, 'campaignId'>) =>
    api.put<{ id: string; version: number }>(`/api/evaluation/schemes/${id}`, input),
  );
}

export function useRuns(params: RunFilters, enabled = true) {
  return usePage<Run>('runs', '/api/evaluation/runs', params, enabled);
}

export function useRun(id: string | undefined) {
  return useQuery({ queryKey: [RESOURCE, 'run', id], queryFn: () => api.get<Run>(`/api/evaluation/runs/${id}`), enabled: !!id });
}

export function useRunResults(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'results', id],
    queryFn: () => api.get<RunResults>(`/api/evaluation/runs/${id}/results`),
    enabled: !!id,
  });
}

/** 计算: a run of a scheme for a month, in 草稿. */
export function useCreateRun() {
  return useResourceMutation([RESOURCE], (input: { schemeId: string; period: string }) =>
    api.post<{ id: string; state: EvaluationRunState }>('/api/evaluation/runs', input),
  );
}

/** 公示 / 审定 / 发布 / 重新计算. */
export function useRunTransition(id: string) {
  return useResourceMutation([RESOURCE], (input: { action: EvaluationAction; version?: number; comment?: string }) =>
    api.post<{ run: Run; revisionId?: string }>(`/api/evaluation/runs/${id}/transitions`, input),
  );
}

/** Where one subject's figures come from (the records behind each value). */
export function useProvenance(runId: string, subjectId: string | undefined, code?: string) {
  return useQuery({
    queryKey: [RESOURCE, 'provenance', runId, subjectId, code],
    queryFn: () => api.get<Provenance>(`/api/evaluation/runs/${runId}/subjects/${subjectId}/provenance`, { code }),
    enabled: !!subjectId,
  });
}

export function useObjections(runId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'objections', runId],
    queryFn: () => api.get<Page<Objection>>(`/api/evaluation/runs/${runId}/objections`),
    enabled: !!runId && enabled,
  });
}

/** 申诉, by the unit itself during 公示. */
export function useFileObjection(runId: string) {
  return useResourceMutation([RESOURCE], (input: { subjectId: string; reason: string }) =>
    api.post<Objection>(`/api/evaluation/runs/${runId}/objections`, input),
  );
}

/** The office's answer: adjust the score (with reason) or reject. */
export function useAnswerObjection() {
  return useResourceMutation(
    [RESOURCE],
    ({ id, ...input }: { id: string; decision: 'adjust' | 'reject'; reason: string; adjustment?: number }) =>
      api.post<Objection>(`/api/evaluation/objections/${id}/answer`, input),
  );
}
