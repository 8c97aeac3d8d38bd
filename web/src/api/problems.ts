/** Problems (问题闭环): list, summary, detail, workflow transitions, bulk actions, categories. */
import type {
  BulkTransitionInput,
  BulkTransitionResultDto,
  DispatchSuggestionDto,
  FrequentCategoryListDto,
  ProblemCategoryDto,
  ProblemDetailDto,
  ProblemDto,
  ProblemPhotoDto,
  ProblemSummaryDto,
  SubmitProblemInput,
  SupervisionNoticeDto,
  TimelineEntryDto,
  TransitionResultDto,
} from '@common/contracts';
import type { ProblemAction } from '@common/problem-workflow';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { ListParams } from './types';

/** The wire shapes are the server's contracts (common/contracts/problems.ts), not hand-typed copies. */
export type Problem = ProblemDto;
export type ProblemPhoto = ProblemPhotoDto;
export type TimelineEntry = TimelineEntryDto;
export type SupervisionNotice = SupervisionNoticeDto;
export type ProblemDetail = ProblemDetailDto;

/** The list's URL filters, as the server reads them (state is comma-separated). */
export type ProblemFilterParams = {
  state?: string;
  categoryCode?: string;
  source?: string;
  severity?: string;
  unitId?: string;
  regionId?: string;
  from?: string;
  to?: string;
  overdue?: string;
  relapse?: string;
  mine?: string;
  /** 'true': 退回待重新派遣 (sent back by a unit, waiting to be dispatched again). */
  disputed?: string;
  search?: string;
  /** Filed against a 测评标准 of this code (the 测评预测 page's 对标补短 links). */
  standardCode?: string;
  /** At sites of this type. */
  siteType?: string;
};
export type ProblemListParams = ListParams & ProblemFilterParams;

export type ProblemSummary = ProblemSummaryDto;
export type DispatchSuggestion = NonNullable<DispatchSuggestionDto['suggestion']>;
export type BulkResult = BulkTransitionResultDto;
export type NewProblem = SubmitProblemInput;

/** Problems list (paged, filtered, sorted). */
export function useProblems(params: ProblemListParams, enabled = true) {
  return useList<Problem>('problems', '/api/problems', params, enabled);
}

/** Counts by state plus overdue, for the workbench. */
export function useProblemSummary() {
  return useQuery({
    queryKey: ['problems', 'summary'],
    queryFn: () => api.get<ProblemSummary>('/api/problems/summary'),
  });
}

/** One problem with photos, timeline and supervision notices. */
export function useProblem(id: string | undefined) {
  return useQuery({
    queryKey: ['problems', 'detail', id],
    queryFn: () => api.get<ProblemDetail>(`/api/problems/${id}`),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** The unit the server suggests for dispatch (with its reason), or null. */
export function useDispatchSuggestion(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['problems', 'suggestion', id],
    queryFn: () => api.get<DispatchSuggestionDto>(`/api/problems/${id}/dispatch-suggestion`),
    enabled: !!id && enabled,
    staleTime: 0,
    meta: { silent: true },
  });
}

export type TransitionInput = { id: string; action: ProblemAction; version: number } & Record<string, unknown>;

/** One workflow action on one problem, at the version on screen (409 when someone was faster). */
export function useTransition() {
  return useResourceMutation(['problems', 'notifications'], ({ id, ...body }: TransitionInput) =>
    api.post<TransitionResultDto>(`/api/problems/${id}/transitions`, body),
  );
}

/** 批量立案 / 批量派遣 with a result per problem. */
export function useBulkTransition() {
  return useResourceMutation(['problems', 'notifications'], (input: BulkTransitionInput) =>
    api.post<BulkResult>('/api/problems/bulk-transitions', input),
  );
}

/** Report a problem (idempotent by clientId: a resend returns the first one with 200). */
export function submitProblem(input: NewProblem): Promise<Problem> {
  return api.post<Problem>('/api/problems', input);
}

/* ---------- categories ---------- */

/** What the report and filter forms need of a category (also what is kept in localStorage for offline use). */
export type ProblemCategory = Pick<ProblemCategoryDto, 'code' | 'name' | 'parentCode' | 'kind' | 'active'>;

const CATEGORY_CACHE = 'cc.problemCategories';

function cachedCategories(): ProblemCategory[] | undefined {
  try {
    const raw = localStorage.getItem(CATEGORY_CACHE);
    return raw ? (JSON.parse(raw) as ProblemCategory[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The category tree as a flat list; kept in localStorage so the field page works on a bad network. */
export function useProblemCategories() {
  return useQuery({
    queryKey: ['problem-categories'],
    queryFn: async () => {
      const { items } = await api.get<{ items: ProblemCategory[] }>('/api/problem-categories');
      try {
        localStorage.setItem(
          CATEGORY_CACHE,
          JSON.stringify(items.map(({ code, name, parentCode, kind, active }) => ({ code, name, parentCode, kind, active }))),
        );
      } catch {
        // Storage full or unavailable: the list still works from memory.
      }
      return items;
    },
    initialData: cachedCategories,
    initialDataUpdatedAt: 0,
    staleTime: 10 * 60_000,
  });
}

/**
 * The categories this person (then their area) reported most in the last 90 days, for the report form's chips.
 * Not kept offline: with no signal the form falls back to the ones used last on this phone.
 */
export function useFrequentCategories() {
  return useQuery({
    queryKey: ['problem-categories', 'frequent'],
    queryFn: () => api.get<FrequentCategoryListDto>('/api/problem-categories/frequent'),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

/** Major → minor tree for a TreeSelect. */
export function categoryTree(items: ProblemCategory[]): CategoryNode[] {
  return items
    .filter((c) => !c.parentCode)
    .map((major) => ({
      value: major.code,
      title: major.name,
      children: items.filter((c) => c.parentCode === major.code).map((c) => ({ value: c.code, title: c.name })),
    }));
}

/* ---------- timeline labels for events outside the workflow table ---------- */

/** Timeline entries the sweep and the report write (the workflow actions' labels come from @common too). */
export { PROBLEM_EVENT_LABELS as EVENT_LABELS } from '@common/problem-workflow';
