/** 指挥大屏: the snapshot of the reader's region and its map points, refetched every minute; an on-demand refresh. */
import type { DashboardDto, DashboardSitesDto } from '@common/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type Dashboard = DashboardDto;
export type DashboardSites = DashboardSitesDto;

/** How often the wall screen asks again (the server's snapshot is refreshed every minute). */
export const DASHBOARD_REFETCH_MS = 60_000;

/** GET /api/dashboard (the reader's widest region unless `regionId`). */
export function useDashboard(regionId?: string) {
  return useQuery({
    queryKey: ['dashboard', regionId ?? null],
    queryFn: () => api.get<Dashboard>('/api/dashboard', { regionId }),
    refetchInterval: DASHBOARD_REFETCH_MS,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** GET /api/dashboard/sites: the map points. */
export function useDashboardSites(regionId?: string) {
  return useQuery({
    queryKey: ['dashboard', 'sites', regionId ?? null],
    queryFn: () => api.get<DashboardSites>('/api/dashboard/sites', { regionId }),
    refetchInterval: DASHBOARD_REFETCH_MS,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** POST /api/dashboard/refresh: recompute now, then read again. */
export function useRefreshDashboard(regionId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{ regions: number; sites: number; computedAt: string; ms: number }>(
        `/api/dashboard/refresh${regionId ? `?regionId=${encodeURIComponent(regionId)}` : ''}`,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dashboard'] }),
  });
}
