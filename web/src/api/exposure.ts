/** 曝光台 (staff): the board, one item, 提出曝光, the transitions (编辑打码, 提交审批, 批准/退回, 撤下). */
import type { exposureEligibility, exposureListItem, exposureResponse } from '@common/contracts/exposure';
import type { ExposureAction, ExposureState, RedactionBox } from '@common/exposure-workflow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { useResourceMutation } from './resource';
import type { ListParams, Page } from './types';

export type ExposureItem = z.input<typeof exposureListItem>;
export type Exposure = z.input<typeof exposureResponse>;
export type ExposureEligibility = z.input<typeof exposureEligibility>;

const RESOURCE = 'exposure';

export type ExposureFilters = ListParams & { state?: ExposureState; unitId?: string; regionId?: string; q?: string };

export function useExposures(params: ExposureFilters) {
  return useQuery({
    queryKey: [RESOURCE, 'list', params],
    queryFn: () => api.get<Page<ExposureItem>>('/api/exposures', params),
    placeholderData: keepPreviousData,
  });
}

export function useExposure(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'one', id],
    queryFn: () => api.get<Exposure>(`/api/exposures/${id}`),
    enabled: !!id,
  });
}

export function useExposureEligibility(problemId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [RESOURCE, 'eligibility', problemId],
    queryFn: () => api.get<ExposureEligibility>(`/api/exposures/eligibility/${problemId}`),
    enabled: !!problemId && enabled,
  });
}

export function useProposeExposure() {
  return useResourceMutation([RESOURCE], (problemId: string) => api.post<Exposure>('/api/exposures', { problemId }));
}

export interface ExposureTransitionInput {
  id: string;
  action: ExposureAction;
  version: number;
  title?: string;
  description?: string;
  photos?: Array<{ id: string; boxes: RedactionBox[] }>;
  afterPhotos?: Array<{ fileId: string; boxes: RedactionBox[] }>;
  comment?: string;
  reason?: string;
}

export function useExposureTransition() {
  return useResourceMutation([RESOURCE], (input: ExposureTransitionInput) => {
    const { id, ...body } = input;
    return api.post<Exposure>(`/api/exposures/${id}/transitions`, body);
  });
}

/** The public copy of a photo (blurred boxes, no metadata) as the server rendered it; `v` defeats the browser cache. */
export const previewUrl = (exposureId: string, photoId: string, v: number) => `/api/exposures/${exposureId}/photos/${photoId}?v=${v}`;
/** The original, for drawing the boxes on (staff only). */
export const originalUrl = (fileId: string) => `/api/files/${fileId}`;
