/** 点长巡查打卡: the 点长's today list and check-in, the office's month grid, missed days, one check-in, the home overview. */
import type { CheckInInput, PatrolDto, PatrolGridDto, PatrolLeadsDto, PatrolOverviewDto, PatrolTodayDto } from '@common/contracts/patrols';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

/** The answers on the wire: the server's contracts (common/contracts/patrols.ts). */
export type Patrol = PatrolDto;
export type PatrolToday = PatrolTodayDto;
export type PatrolGrid = PatrolGridDto;
export type PatrolLeads = PatrolLeadsDto;
export type PatrolOverview = PatrolOverviewDto;
export type PatrolTodayItem = PatrolToday['items'][number];
export type PatrolGridRow = PatrolGrid['items'][number];

/** The month views' filters. */
export interface PatrolFilters {
  month?: string;
  regionId?: string;
  siteTypeCode?: string;
  unitId?: string;
  leadUserId?: string;
  search?: string;
  [key: string]: string | number | undefined;
}

/** The 点长's sites today. */
export function usePatrolToday() {
  return useQuery({ queryKey: ['patrols', 'today'], queryFn: () => api.get<PatrolToday>('/api/patrols/today') });
}

/** 巡查打卡 (idempotent by clientId: a resend answers the same check-in). */
export function useCheckIn() {
  return useResourceMutation(['patrols'], (input: CheckInInput) => api.post<Patrol>('/api/patrols', input), { silent: true });
}

/** The month grid (sites × days) with its totals. */
export function usePatrolGrid(params: PatrolFilters & { page?: number; pageSize?: number; sort?: string }) {
  return useQuery({
    queryKey: ['patrols', 'grid', params],
    queryFn: () => api.get<PatrolGrid>('/api/patrols/grid', params),
    placeholderData: keepPreviousData,
  });
}

/** Missed days per 点长. */
export function usePatrolMissed(params: PatrolFilters) {
  return useQuery({
    queryKey: ['patrols', 'missed', params],
    queryFn: () => api.get<PatrolLeads>('/api/patrols/missed', params),
    placeholderData: keepPreviousData,
  });
}

/** One check-in. */
export function usePatrol(id: string | null) {
  return useQuery({
    queryKey: ['patrols', 'detail', id],
    queryFn: () => api.get<Patrol>(`/api/patrols/${id}`),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** Today and this month at a glance (for the homes). */
export function usePatrolOverview(enabled = true) {
  return useQuery({ queryKey: ['patrols', 'overview'], queryFn: () => api.get<PatrolOverview>('/api/patrols/overview'), enabled });
}
