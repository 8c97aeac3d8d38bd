/** Sites (点位): the registry with 包保单位 and 点长, map data, history (score trend) and site types. */
import type { RoundKind } from '@common/inspections';
import type { ProblemState } from '@common/problem-workflow';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Abilities, Id, ListParams } from './types';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Site {
  id: Id;
  name: string;
  siteTypeCode: string;
  siteTypeName: string;
  address: string | null;
  location: LatLng | null;
  /** Optional outline as [lat, lng] vertices (a market, a park, a construction site). */
  polygon: Array<[number, number]> | null;
  regionId: Id;
  regionName: string;
  unitId: Id | null;
  unitName: string | null;
  leadUserId: Id | null;
  leadName: string | null;
  leadPhone: string | null;
  active: boolean;
  version: number;
  abilities: Abilities;
}

export interface SiteVisit {
  id: Id;
  roundId: Id;
  roundName: string;
  kind: RoundKind;
  visitedAt: string;
  passed: number;
  failed: number;
  notApplicable: number;
  scoreRate: number | null;
  deductionScore: number;
}

export interface SiteDetail extends Site {
  visits: SiteVisit[];
  openProblems: { id: Id; code: string; state: ProblemState; description: string; deadline: string | null }[];
}

export interface SiteType {
  code: string;
  name: string;
  short: string;
}

export interface SiteInput {
  name: string;
  siteTypeCode: string;
  address?: string | null;
  location?: LatLng | null;
  regionId: Id;
  unitId?: Id | null;
  leadName?: string | null;
  leadPhone?: string | null;
  active?: boolean;
}

export type SiteFilters = ListParams & {
  siteTypeCode?: string;
  regionId?: Id;
  unitId?: Id;
  search?: string;
  active?: 'true' | 'false';
  mine?: 'true';
};

/** Sites list. */
export function useSites(params: SiteFilters, enabled = true) {
  return useList<Site>('sites', '/api/sites', params, enabled);
}

/** Every site in scope matching the filters (for the map). */
export function useSiteMap(params: Omit<SiteFilters, 'page' | 'pageSize'>) {
  return useQuery({
    queryKey: ['sites', 'map', params],
    queryFn: () => api.get<{ items: Site[]; total: number }>('/api/sites/map', params),
  });
}

/** One site with its visits and open problems. */
export function useSite(id: Id | undefined) {
  return useQuery({
    queryKey: ['sites', 'detail', id],
    queryFn: () => api.get<SiteDetail>(`/api/sites/${id}`),
    enabled: id !== undefined,
    meta: { silent: true },
  });
}

/** The active site types, in their display order. */
export function useSiteTypes() {
  return useQuery({
    queryKey: ['site-types'],
    queryFn: () => api.get<{ items: SiteType[]; total: number }>('/api/site-types'),
    staleTime: 10 * 60_000,
  });
}

/** Create a site. */
export function useCreateSite() {
  return useResourceMutation(['sites'], (input: SiteInput) => api.post<Site>('/api/sites', input));
}

/** Update a site (with its version). */
export function useUpdateSite() {
  return useResourceMutation(['sites'], ({ id, ...input }: Partial<SiteInput> & { id: Id; version: number }) =>
    api.patch<Site>(`/api/sites/${id}`, input),
  );
}

/** Delete a site (the server refuses one with inspections or problems). */
export function useDeleteSite() {
  return useResourceMutation(['sites'], (id: Id) => api.delete(`/api/sites/${id}`));
}
