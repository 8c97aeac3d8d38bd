/** Regions (区域): the 市 → 县 → 乡镇 → 村 → 网格 tree. */
import type { CreateRegionInput, RegionDto, RegionNodeDto, UpdateRegionInput } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';

/** A region on the wire: the server's contract (common/contracts/regions.ts), not a hand-typed copy. */
export type Region = RegionDto;
export type RegionNode = RegionNodeDto;
export type RegionInput = CreateRegionInput;

/** The visible region tree. */
export function useRegionTree() {
  return useQuery({
    queryKey: ['regions', 'tree'],
    queryFn: () => api.get<{ items: RegionNode[] }>('/api/regions/tree'),
    staleTime: 60_000,
  });
}

/** Regions list (children of a parent, by level or search). */
export function useRegions(params: ListParams & { parentId?: Id; level?: string; search?: string }, enabled = true) {
  return useList<Region>('regions', '/api/regions', params, enabled);
}

/** Create a region. */
export function useCreateRegion() {
  return useResourceMutation(['regions'], (input: RegionInput) => api.post<Region>('/api/regions', input));
}

/** Rename or recode a region. */
export function useUpdateRegion() {
  return useResourceMutation(['regions'], ({ id, ...input }: UpdateRegionInput & { id: Id }) =>
    api.patch<Region>(`/api/regions/${id}`, input),
  );
}

/** Delete a region (409 in_use when anything hangs off it). */
export function useDeleteRegion() {
  return useResourceMutation(['regions'], (id: Id) => api.delete(`/api/regions/${id}`));
}
