/** 奖惩兑现: the ledger (entries, transitions, .xlsx), the year view and the office's rules. */
import type {
  rewardEntryResponse,
  rewardRuleBody,
  rewardRulePage,
  rewardRuleResponse,
  rewardYearResponse,
} from '@common/contracts/rewards';
import type { RewardAction, RewardEntryState, RewardKind } from '@common/reward-workflow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';
import { useResourceMutation } from './resource';
import type { ListParams, Page } from './types';

/** The answers on the wire: the server's contracts (common/contracts/rewards.ts). */
export type RewardEntry = z.input<typeof rewardEntryResponse>;
export type RewardRule = z.input<typeof rewardRuleResponse>;
export type RewardRulePage = z.input<typeof rewardRulePage>;
export type RewardRuleInput = z.input<typeof rewardRuleBody>;
export type RewardYear = z.input<typeof rewardYearResponse>;

const RESOURCE = 'rewards';

export type EntryFilters = ListParams & {
  campaignId?: string;
  year?: number;
  period?: string;
  unitId?: string;
  kind?: RewardKind;
  state?: RewardEntryState;
  flagged?: 'true' | 'false';
  /** The entries proposed from one monthly run (a link from the run page). */
  runId?: string;
};

export function useRewardEntries(params: EntryFilters) {
  return useQuery({
    queryKey: [RESOURCE, 'entries', params],
    queryFn: () => api.get<Page<RewardEntry>>('/api/rewards/entries', params),
    placeholderData: keepPreviousData,
  });
}

export function useRewardYear(params: { year: number; campaignId?: string; unitId?: string }) {
  return useQuery({
    queryKey: [RESOURCE, 'year', params],
    queryFn: () => api.get<RewardYear>('/api/rewards/year', params),
    placeholderData: keepPreviousData,
  });
}

/** 审批 / 兑现 / 撤销 at the version the screen shows. */
export function useRewardTransition() {
  return useResourceMutation(
    [RESOURCE],
    (input: { id: string; action: RewardAction; version: number; comment?: string; fileId?: string; note?: string; reason?: string }) => {
      const { id, ...body } = input;
      return api.post<RewardEntry>(`/api/rewards/entries/${id}/transitions`, body);
    },
  );
}

export function downloadLedger(params: Omit<EntryFilters, 'page' | 'pageSize'>) {
  return downloadFile('/api/rewards/entries.xlsx', params, '奖惩兑现台账.xlsx');
}

export function useRewardRules(params: { campaignId?: string; schemeKey?: string }, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'rules', params],
    queryFn: () => api.get<RewardRulePage>('/api/rewards/rules', params),
    enabled,
  });
}

export function useSaveRewardRule() {
  return useResourceMutation([RESOURCE], (input: { id?: string; version?: number; body: RewardRuleInput }) =>
    input.id
      ? api.put<RewardRule>(`/api/rewards/rules/${input.id}`, { ...input.body, campaignId: undefined, version: input.version })
      : api.post<RewardRule>('/api/rewards/rules', input.body),
  );
}

export function useDeleteRewardRule() {
  return useResourceMutation([RESOURCE], (input: { id: string; version: number }) =>
    api.delete<null>(`/api/rewards/rules/${input.id}?version=${input.version}`),
  );
}
