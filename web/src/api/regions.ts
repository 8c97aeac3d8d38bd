/** Regions (区域): the 市 → 县 → 乡镇 → 村 → 网格 tree. */
import type { RegionLevel } from '@common/enums';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Abilities, Id, ListParams } from './types';

export interface Region {
  id: Id;
  parentId: Id | null;
  code: string;
  name: string;
  level: RegionLevel;
  path: string;
  childCount: number;
  version?: number;
  abilities: Abilities;
}

export interface RegionNode {
  id: Id;
  code: string;
  name: string;
  level: RegionLevel;
  children?: RegionNode[];
}

export interface RegionInput {
  parentId?: Id | null;
  code: string;
  name: string;
  level?: RegionLevel;
}

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
  return useResourceMutation(['regions'], ({ id, ...input }: { id: Id; code?: string; name?: string; version?: number }) =>
    api.patch<Region>(`/api/regions/${id}`, input),
  );
}

/** Delete a region (409 in_use when anything hangs off it). */
export function useDeleteRegion() {
  return useResourceMutation(['regions'], (id: Id) => api.delete(`/api/regions/${id}`));
}
