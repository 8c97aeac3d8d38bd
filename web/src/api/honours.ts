/**
 * 好人之城: selections, nominations, verification, flagged votes and exclusions, review scores, results, publication,
 * forwarding and the bulletin (common/contracts/honours.ts).
 */
import type {
  excludeVotesBody,
  flaggedVotePage,
  forwardTargetList,
  honourCategoryList,
  nominationBody,
  nominationPage,
  nominationResponse,
  resultsResponse,
  reviewScoresBody,
  selectionBody,
  selectionPage,
  selectionResponse,
  selectionsQuery,
  updateSelectionBody,
} from '@common/contracts/honours';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, type QueryParams } from './client';
import { useResourceMutation } from './resource';

export type Selection = z.input<typeof selectionResponse>;
export type SelectionPage = z.input<typeof selectionPage>;
export type SelectionsQuery = Partial<z.input<typeof selectionsQuery>>;
export type SelectionInput = z.input<typeof selectionBody>;
export type SelectionUpdate = z.input<typeof updateSelectionBody>;
export type Nomination = z.input<typeof nominationResponse>;
export type NominationPage = z.input<typeof nominationPage>;
export type NominationInput = z.input<typeof nominationBody>;
export type FlaggedVotePage = z.input<typeof flaggedVotePage>;
export type FlaggedVote = FlaggedVotePage['items'][number];
export type Results = z.input<typeof resultsResponse>;
export type ResultRow = Results['items'][number];

const KEY = 'honours';

export function useHonourCategories() {
  return useQuery({
    queryKey: [KEY, 'categories'],
    queryFn: () => api.get<z.input<typeof honourCategoryList>>('/api/honours/categories'),
    staleTime: 3600_000,
  });
}

export function useSelections(params: SelectionsQuery) {
  return useQuery({
    queryKey: [KEY, 'list', params],
    queryFn: () => api.get<SelectionPage>('/api/honours/selections', params as QueryParams),
    placeholderData: keepPreviousData,
  });
}

export function useSelection(id: string | undefined) {
  return useQuery({ queryKey: [KEY, 'selection', id], queryFn: () => api.get<Selection>(`/api/honours/selections/${id}`), enabled: !!id });
}

export function useCreateSelection() {
  return useResourceMutation([KEY], (body: SelectionInput) => api.post<Selection>('/api/honours/selections', body));
}

export function useUpdateSelection() {
  return useResourceMutation([KEY], ({ id, ...body }: SelectionUpdate & { id: string }) =>
    api.patch<Selection>(`/api/honours/selections/${id}`, body),
  );
}

export function usePublishSelection() {
  return useResourceMutation([KEY], ({ id, ...body }: { id: string; version: number; winnerIds: string[] }) =>
    api.post<Selection>(`/api/honours/selections/${id}/publish`, body),
  );
}

export function useNominations(selectionId: string | undefined, params: QueryParams) {
  return useQuery({
    queryKey: [KEY, 'nominations', selectionId, params],
    queryFn: () => api.get<NominationPage>(`/api/honours/selections/${selectionId}/nominations`, params),
    placeholderData: keepPreviousData,
    enabled: !!selectionId,
  });
}

export function useNomination(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'nomination', id],
    queryFn: () => api.get<Nomination>(`/api/honours/nominations/${id}`),
    enabled: !!id,
  });
}

export function useNominate() {
  return useResourceMutation([KEY], ({ selectionId, ...body }: NominationInput & { selectionId: string }) =>
    api.post<Nomination>(`/api/honours/selections/${selectionId}/nominations`, body),
  );
}

export function useVerifyNomination() {
  return useResourceMutation(
    [KEY],
    ({
      id,
      action,
      ...body
    }: {
      id: string;
      action: 'approve' | 'reject';
      version: number;
      note?: string;
      reason?: string;
      materialIds?: string[];
    }) => api.post<Nomination>(`/api/honours/nominations/${id}/${action}`, body),
  );
}

export function useForwardTargets(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'forward-targets', id],
    queryFn: () => api.get<z.input<typeof forwardTargetList>>(`/api/honours/nominations/${id}/forward-targets`),
    enabled: !!id && enabled,
  });
}

export function useForwardNomination() {
  return useResourceMutation([KEY], ({ id, targetSelectionId }: { id: string; targetSelectionId: string }) =>
    api.post<Nomination>(`/api/honours/nominations/${id}/forward`, { targetSelectionId }),
  );
}

export function useFlags(selectionId: string | undefined, params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'flags', selectionId, params],
    queryFn: () => api.get<FlaggedVotePage>(`/api/honours/selections/${selectionId}/flags`, params),
    placeholderData: keepPreviousData,
    enabled: !!selectionId && enabled,
  });
}

export function useExcludeVotes() {
  return useResourceMutation([KEY], ({ selectionId, ...body }: z.input<typeof excludeVotesBody> & { selectionId: string }) =>
    api.post<{ excluded: number }>(`/api/honours/selections/${selectionId}/votes/exclude`, body),
  );
}

export function useResults(selectionId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'results', selectionId],
    queryFn: () => api.get<Results>(`/api/honours/selections/${selectionId}/results`),
    enabled: !!selectionId && enabled,
  });
}

export function useSaveReviewScores() {
  return useResourceMutation([KEY], ({ selectionId, ...body }: z.input<typeof reviewScoresBody> & { selectionId: string }) =>
    api.put<Results>(`/api/honours/selections/${selectionId}/review-scores`, body),
  );
}

/** 好人榜公告名单 (.docx) of a published selection. */
export function downloadBulletin(id: string, title: string) {
  return downloadFile(`/api/honours/selections/${id}/bulletin.docx`, undefined, `${title}名单.docx`);
}
