/**
 * 底图设置: the base map under every map (common/base-map.ts). `useBaseMap` is what the caller's maps draw (kept
 * for the session: it changes when the administrator says so, not between pages); the settings hooks serve the
 * administrator's page — the deployment default (no region) or a region's own, inherited downward.
 */
import type { MapSettingsDto, MapSettingsInput } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

export type MapSettings = MapSettingsDto;

/** The base map the caller's maps draw (their home region's). */
export function useBaseMap() {
  return useQuery({
    queryKey: ['map-settings', 'home'],
    queryFn: () => api.get<MapSettingsDto>('/api/map-settings'),
    staleTime: 10 * 60_000,
    select: (data) => data.baseMap,
  });
}

/** The base map as it applies in a region (undefined: the deployment default, for the administrator). */
export function useMapSettings(regionId: string | undefined) {
  return useQuery({
    queryKey: ['map-settings', 'region', regionId ?? 'default'],
    queryFn: () => api.get<MapSettingsDto>('/api/map-settings', regionId ? { regionId } : undefined),
  });
}

/**
 * Saves the base map of a region (null: the deployment default) at the version on screen; a region that only
 * inherited gets its own (version null). Silent: the page words a 409 itself.
 */
export function useSaveMapSettings() {
  return useResourceMutation(
    ['map-settings'],
    ({ regionId, values }: { regionId: string | null; values: MapSettingsInput }) =>
      api.put<MapSettingsDto>(regionId ? `/api/map-settings/regions/${regionId}` : '/api/map-settings', values),
    { silent: true },
  );
}

/** Drops a region's own base map: it draws what the region above sets. */
export function useResetMapSettings() {
  return useResourceMutation(['map-settings'], (regionId: string) => api.delete<MapSettingsDto>(`/api/map-settings/regions/${regionId}`));
}
