/** Campaigns (创建项目) with their leading group (领导小组) and task force (创建专班). */
import type { CampaignLevel, CampaignStatus, CampaignTitle, GroupRole } from '@common/enums';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Abilities, Id, ListParams } from './types';

export interface Campaign {
  id: Id;
  name: string;
  titleType: CampaignTitle;
  level: CampaignLevel;
  regionId: Id | null;
  regionName: string | null;
  cycleStartYear: number | null;
  cycleEndYear: number | null;
  status: CampaignStatus;
  description: string | null;
  version: number;
  abilities: Abilities;
}

export interface LeadingGroupMember {
  id: Id;
  name: string;
  post: string;
  groupRole: GroupRole;
  phone: string | null;
  userId: Id | null;
  sort: number;
  version?: number;
  units: { id: Id; name: string }[];
  abilities?: Abilities;
}

export interface TaskforceMember {
  userId: Id;
  name: string;
  username: string;
}

export interface CampaignDetail extends Campaign {
  leadingGroup: LeadingGroupMember[];
  taskforce: TaskforceMember[];
}

export interface CampaignInput {
  name: string;
  titleType: CampaignTitle;
  level: CampaignLevel;
  regionId?: Id | null;
  cycleStartYear?: number | null;
  cycleEndYear?: number | null;
  status?: CampaignStatus;
  description?: string | null;
}

export interface LeadingMemberInput {
  name: string;
  post: string;
  groupRole: GroupRole;
  phone?: string | null;
  userId?: Id | null;
  sort?: number;
  unitIds: Id[];
}

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
  return useResourceMutation(['campaigns'], ({ id, ...input }: Partial<CampaignInput> & { id: Id; version: number }) =>
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
    api.post<LeadingGroupMember>(`/api/campaigns/${campaignId}/leading-group`, input),
  );
}

/** Update a leading-group member. */
export function useUpdateLeadingMember(campaignId: Id) {
  return useResourceMutation(['campaigns'], ({ id, ...input }: Partial<LeadingMemberInput> & { id: Id; version?: number }) =>
    api.patch<LeadingGroupMember>(`/api/campaigns/${campaignId}/leading-group/${id}`, input),
  );
}

/** Remove a leading-group member. */
export function useDeleteLeadingMember(campaignId: Id) {
  return useResourceMutation(['campaigns'], (memberId: Id) => api.delete(`/api/campaigns/${campaignId}/leading-group/${memberId}`));
}
