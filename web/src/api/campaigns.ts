/** Campaigns (创建项目) with their leading group (领导小组) and task force (创建专班). */
import type {
  CampaignDetailDto,
  CampaignDto,
  CreateCampaignInput,
  LeadingMemberDto,
  LeadingMemberInput,
  TaskforceMemberDto,
  UpdateCampaignInput,
  UpdateLeadingMemberInput,
} from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';

/** Campaigns on the wire: the server's contract (common/contracts/campaigns.ts), not hand-typed copies. */
export type Campaign = CampaignDto;
export type LeadingGroupMember = LeadingMemberDto;
export type TaskforceMember = TaskforceMemberDto;
export type CampaignDetail = CampaignDetailDto;
export type CampaignInput = CreateCampaignInput;
export type { LeadingMemberInput };

/** Campaigns list. */
export function useCampaigns(params: ListParams & { status?: string; search?: string }, enabled = true) {
  return useList<Campaign>('campaigns', '/api/campaigns', params, enabled);
}

/** One campaign with its leading group and task force. */
export function useCampaign(id: Id | undefined) {
  return useQuery({
    queryKey: ['campaigns', 'detail', id],
    queryFn: () => api.get<CampaignDetail>(`/api/campaigns/${id}`),
    enabled: id !== undefined,
  });
}

/** Create a campaign. */
export function useCreateCampaign() {
  return useResourceMutation(['campaigns'], (input: CampaignInput) => api.post<Campaign>('/api/campaigns', input));
}

/** Update a campaign (with its version). */
export function useUpdateCampaign() {
  return useResourceMutation(['campaigns'], ({ id, ...input }: UpdateCampaignInput & { id: Id }) =>
    api.patch<Campaign>(`/api/campaigns/${id}`, input),
  );
}

/** Delete a campaign. */
export function useDeleteCampaign() {
  return useResourceMutation(['campaigns'], (id: Id) => api.delete(`/api/campaigns/${id}`));
}

/** Add a leading-group member. */
export function useAddLeadingMember(campaignId: Id) {
  return useResourceMutation(['campaigns'], (input: LeadingMemberInput) =>
    api.post<{ id: Id }>(`/api/campaigns/${campaignId}/leading-group`, input),
  );
}

/** Update a leading-group member. */
export function useUpdateLeadingMember(campaignId: Id) {
  return useResourceMutation(['campaigns'], ({ id, ...input }: UpdateLeadingMemberInput & { id: Id }) =>
    api.patch<void>(`/api/campaigns/${campaignId}/leading-group/${id}`, input),
  );
}

/** Remove a leading-group member. */
export function useDeleteLeadingMember(campaignId: Id) {
  return useResourceMutation(['campaigns'], (memberId: Id) => api.delete(`/api/campaigns/${campaignId}/leading-group/${memberId}`));
}
