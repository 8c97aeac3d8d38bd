/** Inspection rounds (督查/暗访): rounds, field checklists, visits, reports, plus the look-ups a new round needs. */
import type { RoundKind, Verdict } from '@common/inspections';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, downloadFile } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams, Page } from './types';

export interface Round {
  id: string;
  name: string;
  kind: RoundKind;
  campaignId: string;
  regionId: string;
  startDate: string;
  endDate: string;
  isCovert: boolean;
  releasedAt: string | null;
  passThreshold: number;
  sample: { siteTypeCodes?: string[]; perType?: number; regionIds?: string[]; seed?: string | null; recheckDays?: number } | null;
  standardVersionId: string | null;
  version: number;
}

export interface RoundListItem extends Round {
  sites: number;
  visited: number;
}

export interface RoundSite {
  id: string;
  name: string;
  siteTypeCode: string;
  siteTypeName: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  regionName: string;
  leadName: string | null;
  visitId: string | null;
  scoreRate: number | null;
  visitedAt: string | null;
}

export interface RoundDetail extends Round {
  campaignName: string;
  regionName: string;
  inspectors: Array<{ id: string; name: string }>;
  /** Set (暗访组) when the covert team's names are not for this reader; `inspectors` is then empty. */
  teamLabel: string | null;
  sites: RoundSite[];
  abilities: { visit: boolean; release: boolean };
}

export interface ChecklistItem {
  standardId: string;
  code: string;
  text: string;
  points: number;
  contentName: string;
  negative: boolean;
  verdict: Verdict | null;
  note: string | null;
  photoIds: string[];
  problemId: string | null;
}

export interface Checklist {
  site: { id: string; name: string; site_type_code: string };
  items: ChecklistItem[];
}

export interface VisitResultInput {
  standardId: string;
  verdict: Verdict;
  photoIds: string[];
  note?: string;
}

export interface VisitProblem {
  standardId: string;
  problemId: string;
  code: string;
  how: 'created' | 'attached' | 'relapse';
}

export interface VisitOutcome {
  id: string;
  roundId: string;
  siteId: string;
  passed: number;
  failed: number;
  notApplicable: number;
  scoreRate: number | null;
  deductionScore: number;
  problems: VisitProblem[];
}

export interface ReportGroup {
  key: string;
  name: string;
  sites: number;
  visited: number;
  avgScoreRate: number | null;
  avgDeduction: number | null;
  passRate: number | null;
  failures: number;
}

export interface ReportSite {
  siteId: string;
  name: string;
  siteType: string;
  region: string;
  unit: string | null;
  scoreRate: number | null;
  deductionScore: number | null;
  passed: number | null;
  failed: number | null;
  notApplicable: number | null;
  meetsThreshold: boolean | null;
}

export interface RoundReport {
  round: { id: string; name: string; kind: RoundKind; startDate: string; endDate: string; threshold: number; released: boolean };
  overall: ReportGroup;
  bySite: ReportSite[];
  bySiteType: ReportGroup[];
  byRegion: ReportGroup[];
  previous: { roundId: string; overall: ReportGroup; change: { avgScoreRate: number | null; passRate: number | null } } | null;
}

export interface NewRound {
  name: string;
  kind: RoundKind;
  campaignId: string;
  regionId?: string;
  standardVersionId?: string;
  startDate: string;
  endDate: string;
  siteIds?: string[];
  sample?: { siteTypeCodes: string[]; perType: number; regionIds?: string[]; seed?: string };
  recheckDays?: number;
  inspectorIds: string[];
  passThreshold?: number;
}

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
  return useResourceMutation(['inspections'], (input: NewRound) =>
    api.post<{ id: string; siteIds: string[]; seed: string | null }>('/api/inspection-rounds', input),
  );
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

export interface SiteRow {
  id: string;
  name: string;
  siteTypeCode: string;
  siteTypeName: string;
  address: string | null;
  regionId: Id;
  regionName: string;
  unitName: string | null;
  leadName: string | null;
}

/** Sites to pick from (active only). */
export function usePickableSites(params: ListParams & { siteTypeCode?: string; regionId?: Id; search?: string }, enabled = true) {
  return useList<SiteRow>('sites', '/api/sites', { ...params, active: 'true' }, enabled);
}

/** Accounts with the inspector role the user may list (the office, in its scope). */
export function useInspectorOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'inspectors'],
    queryFn: () =>
      api.get<Page<{ id: string; name: string; username: string; unitName: string | null }>>('/api/users', {
        role: 'inspector',
        pageSize: 200,
      }),
    enabled,
    staleTime: 60_000,
  });
}
