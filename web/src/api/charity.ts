/**
 * 慈善之家: organisations (registry, admins, the .xlsx ledger), projects (with linked volunteer activities), receipts
 * and the append-only ledger (common/contracts/charity.ts).
 */
import type {
  correctionBody,
  entryBody,
  orgBody,
  orgPage,
  orgResponse,
  orgsQuery,
  projectBody,
  projectPage,
  projectResponse,
  projectsQuery,
  receiptResponse,
  updateOrgBody,
  updateProjectBody,
} from '@common/contracts/charity';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, uploadFile, type QueryParams } from './client';
import { useResourceMutation } from './resource';

export type CharityOrg = z.input<typeof orgResponse>;
export type CharityOrgPage = z.input<typeof orgPage>;
export type CharityOrgsQuery = Partial<z.input<typeof orgsQuery>>;
export type CharityOrgInput = z.input<typeof orgBody>;
export type CharityOrgUpdate = z.input<typeof updateOrgBody>;
export type CharityProject = z.input<typeof projectResponse>;
export type CharityProjectPage = z.input<typeof projectPage>;
export type CharityProjectsQuery = Partial<z.input<typeof projectsQuery>>;
export type CharityProjectInput = z.input<typeof projectBody>;
export type CharityProjectUpdate = z.input<typeof updateProjectBody>;
export type CharityEntry = CharityProject['entries'][number];
export type CharityEntryInput = z.input<typeof entryBody>;
export type CharityCorrectionInput = z.input<typeof correctionBody>;
export type CharityReceipt = z.input<typeof receiptResponse>;

const CHARITY = 'charity';

export function useCharityOrgs(params: CharityOrgsQuery) {
  return useQuery({
    queryKey: [CHARITY, 'orgs', params],
    queryFn: () => api.get<CharityOrgPage>('/api/charity/organisations', params as QueryParams),
    placeholderData: keepPreviousData,
  });
}

export function useCharityOrg(id: string | undefined) {
  return useQuery({
    queryKey: [CHARITY, 'org', id],
    queryFn: () => api.get<CharityOrg>(`/api/charity/organisations/${id}`),
    enabled: !!id,
  });
}

export function exportCharityOrgs(params: CharityOrgsQuery) {
  const { page: _p, pageSize: _s, ...rest } = params;
  return downloadFile('/api/charity/organisations/export.xlsx', rest as QueryParams, '慈善组织台账.xlsx');
}

export function useRegisterCharityOrg() {
  return useResourceMutation([CHARITY], (body: CharityOrgInput) => api.post<CharityOrg>('/api/charity/organisations', body));
}

export function useUpdateCharityOrg() {
  return useResourceMutation([CHARITY], ({ id, ...body }: CharityOrgUpdate & { id: string }) =>
    api.put<CharityOrg>(`/api/charity/organisations/${id}`, body),
  );
}

export function useSetCharityAdmins() {
  return useResourceMutation([CHARITY], ({ id, userIds }: { id: string; userIds: string[] }) =>
    api.put<CharityOrg>(`/api/charity/organisations/${id}/admins`, { userIds }),
  );
}

export function useCharityProjects(params: CharityProjectsQuery, enabled = true) {
  return useQuery({
    queryKey: [CHARITY, 'projects', params],
    queryFn: () => api.get<CharityProjectPage>('/api/charity/projects', params as QueryParams),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCharityProject(id: string | undefined) {
  return useQuery({
    queryKey: [CHARITY, 'project', id],
    queryFn: () => api.get<CharityProject>(`/api/charity/projects/${id}`),
    enabled: !!id,
  });
}

export function useCreateCharityProject() {
  return useResourceMutation([CHARITY], (body: CharityProjectInput) => api.post<CharityProject>('/api/charity/projects', body));
}

export function useUpdateCharityProject() {
  return useResourceMutation([CHARITY], ({ id, ...body }: CharityProjectUpdate & { id: string }) =>
    api.put<CharityProject>(`/api/charity/projects/${id}`, body),
  );
}

export function useLinkCharityActivities() {
  return useResourceMutation([CHARITY], ({ id, activityIds }: { id: string; activityIds: string[] }) =>
    api.put<CharityProject>(`/api/charity/projects/${id}/activities`, { activityIds }),
  );
}

/** Uploads one receipt (JPEG, PNG or PDF) of a project; it is named in an entry afterwards. */
export function uploadCharityReceipt(projectId: string, file: File) {
  return uploadFile<CharityReceipt>(`/api/charity/projects/${projectId}/receipts`, file);
}

export function useRecordCharityEntry() {
  return useResourceMutation([CHARITY], ({ projectId, ...body }: CharityEntryInput & { projectId: string }) =>
    api.post<CharityProject>(`/api/charity/projects/${projectId}/entries`, body),
  );
}

export function useCorrectCharityEntry() {
  return useResourceMutation(
    [CHARITY],
    ({ projectId, entryId, ...body }: CharityCorrectionInput & { projectId: string; entryId: string }) =>
      api.post<CharityProject>(`/api/charity/projects/${projectId}/entries/${entryId}/corrections`, body),
  );
}
