/** Inspection rounds (督查/暗访): rounds, field checklists, visits, reports, plus the look-ups a new round needs. */
import type {
  ChecklistDto,
  ChecklistItemDto,
  CreatedRoundDto,
  CreateRoundInput,
  ReportGroupDto,
  ReportSiteDto,
  RoundDetailDto,
  RoundDto,
  RoundListItemDto,
  RoundReportDto,
  RoundSiteDto,
  VisitOutcomeDto,
  VisitProblemDto,
  UserDto,
  VisitResultInput as VisitResultBody,
} from '@common/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, downloadFile } from './client';
import { useList, useResourceMutation } from './resource';
import type { Site } from './sites';
import type { Id, ListParams, Page } from './types';

/** The inspections answers on the wire: the server's contracts (common/contracts/inspections.ts), not hand-typed copies. */
export type Round = RoundDto;
export type RoundListItem = RoundListItemDto;
export type RoundSite = RoundSiteDto;
export type RoundDetail = RoundDetailDto;
export type ChecklistItem = ChecklistItemDto;
export type Checklist = ChecklistDto;
export type VisitResultInput = VisitResultBody;
export type VisitProblem = VisitProblemDto;
export type VisitOutcome = VisitOutcomeDto;
export type ReportGroup = ReportGroupDto;
export type ReportSite = ReportSiteDto;
export type RoundReport = RoundReportDto;
export type NewRound = CreateRoundInput;

export type RoundFilters = ListParams & { kind?: string; campaignId?: string; mine?: 'true' };

/**
 * A round's calendar day as YYYY-MM-DD. The server may send a `date` column as a timestamp at local midnight
 * (2026-11-21T16:00:00.000Z for 11-22 in UTC+8); read in local time, that is the intended day.
 */
export function toDay(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dayjs(value).format('YYYY-MM-DD');
}
const withDays = <T extends { startDate: string; endDate: string }>(r: T): T => ({
  ...r,
  startDate: toDay(r.startDate),
  endDate: toDay(r.endDate),
});

/** Rounds the user may see (covert ones before release only for their team, the office and leaders). */
export function useRounds(params: RoundFilters, enabled = true) {
  return useQuery({
    queryKey: ['inspections', 'list', params],
    queryFn: async () => {
      const page = await api.get<Page<RoundListItem>>('/api/inspection-rounds', params);
      return { ...page, items: page.items.map(withDays) };
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const roundKey = (id: string | undefined) => ['inspections', 'detail', id] as const;
export const fetchRound = (id: string) => api.get<RoundDetail>(`/api/inspection-rounds/${id}`).then(withDays);

/** One round with its sites (visit status), team and abilities. */
export function useRound(id: string | undefined) {
  return useQuery({ queryKey: roundKey(id), queryFn: () => fetchRound(id!), enabled: !!id, meta: { silent: true } });
}

export const checklistKey = (roundId: string, siteId: string) => ['inspections', 'checklist', roundId, siteId] as const;
export const fetchChecklist = (roundId: string, siteId: string) =>
  api.get<Checklist>(`/api/inspection-rounds/${roundId}/checklist`, { siteId });

/** The checklist of one site in a round, with what was saved before. */
export function useChecklist(roundId: string | undefined, siteId: string | undefined) {
  return useQuery({
    queryKey: checklistKey(roundId ?? '', siteId ?? ''),
    queryFn: () => fetchChecklist(roundId!, siteId!),
    enabled: !!roundId && !!siteId,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

/** Save (or re-save) a visit; the server recomputes the scores and never duplicates problems. */
export function saveVisit(roundId: string, input: { siteId: string; results: VisitResultInput[] }): Promise<VisitOutcome> {
  return api.post<VisitOutcome>(`/api/inspection-rounds/${roundId}/visits`, input);
}

/** Create a round. */
export function useCreateRound() {
  return useResourceMutation(['inspections'], (input: NewRound) => api.post<CreatedRoundDto>('/api/inspection-rounds', input));
}

/** 发布暗访结果. */
export function useReleaseRound() {
  return useResourceMutation(['inspections', 'problems'], (id: string) => api.post<void>(`/api/inspection-rounds/${id}/release`));
}

/** The round report (overall, by site type, by town, by site, previous round). */
export function useRoundReport(id: string | undefined) {
  return useQuery({
    queryKey: ['inspections', 'report', id],
    queryFn: () => api.get<RoundReport>(`/api/inspection-rounds/${id}/report`).then((r) => ({ ...r, round: withDays(r.round) })),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** Download the .xlsx result table or the .docx 情况通报. */
export function downloadRoundFile(id: string, what: 'export' | 'bulletin', fallbackName: string) {
  return downloadFile(`/api/inspection-rounds/${id}/report/${what}`, undefined, fallbackName);
}

/* ---------- look-ups for a new round ---------- */

/** A site to pick for a round: a row of the sites list (GET /api/sites). */
export type SiteRow = Site;

/** Sites to pick from (active only). */
export function usePickableSites(params: ListParams & { siteTypeCode?: string; regionId?: Id; search?: string }, enabled = true) {
  return useList<SiteRow>('sites', '/api/sites', { ...params, active: 'true' }, enabled);
}

/** Accounts with the inspector role the user may list (the office, in its scope). */
export function useInspectorOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'inspectors'],
    queryFn: () =>
      api.get<Page<UserDto>>('/api/users', {
        role: 'inspector',
        pageSize: 200,
      }),
    enabled,
    staleTime: 60_000,
  });
}
