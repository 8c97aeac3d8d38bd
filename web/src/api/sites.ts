/** Sites (点位): the registry with 包保单位 and 点长, map data, history (score trend) and site types. */
import type { CreateSiteInput, LatLngDto, SiteDetailDto, SiteDto, SiteTypeDto, SiteVisitDto, UpdateSiteInput } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';

/** The sites answers on the wire: the server's contracts (common/contracts/sites.ts), not hand-typed copies. */
export type LatLng = LatLngDto;
export type Site = SiteDto;
export type SiteVisit = SiteVisitDto;
export type SiteDetail = SiteDetailDto;
export type SiteType = SiteTypeDto;
export type SiteInput = CreateSiteInput;

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

/** The active site types, in their display order (the one definition: the sites, standards and inspection pages share it). */
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
  return useResourceMutation(['sites'], ({ id, ...input }: UpdateSiteInput & { id: Id }) => api.patch<Site>(`/api/sites/${id}`, input));
}

/** Delete a site (the server refuses one with inspections or problems). */
export function useDeleteSite() {
  return useResourceMutation(['sites'], (id: Id) => api.delete(`/api/sites/${id}`));
}
