/** 项目化 / 挂图作战: the projects list (battle map and countdown board), one project, milestones, photos, the ledger. */
import type {
  addProjectPhotoBody,
  createProjectBody,
  milestoneResponse,
  projectDetailResponse,
  projectPage,
  projectPhotoResponse,
  projectResponse,
  projectsQuery,
  updateMilestoneBody,
  updateProjectBody,
} from '@common/contracts/tasks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, type QueryParams } from './client';
import { useResourceMutation } from './resource';

/** The answers on the wire: the server's contracts (common/contracts/tasks.ts). */
export type Project = z.input<typeof projectResponse>;
export type ProjectDetail = z.input<typeof projectDetailResponse>;
export type ProjectPage = z.input<typeof projectPage>;
export type Milestone = z.input<typeof milestoneResponse>;
export type ProjectPhoto = z.input<typeof projectPhotoResponse>;
export type ProjectInput = z.input<typeof createProjectBody>;
export type ProjectUpdate = z.input<typeof updateProjectBody>;
export type MilestoneUpdate = z.input<typeof updateMilestoneBody>;
export type ProjectPhotoInput = z.input<typeof addProjectPhotoBody>;
export type ProjectsQuery = z.input<typeof projectsQuery>;

const RESOURCE = 'projects';

/** Every project of the filters (the battle map draws them all: one page of up to 500). */
export function useProjects(params: ProjectsQuery) {
  return useQuery({
    queryKey: [RESOURCE, 'list', params],
    queryFn: () => api.get<ProjectPage>('/api/projects', { pageSize: 500, ...params } as QueryParams),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'detail', id],
    queryFn: () => api.get<ProjectDetail>(`/api/projects/${id}`),
    enabled: !!id,
  });
}

export function useCreateProject() {
  return useResourceMutation([RESOURCE], (body: ProjectInput) => api.post<Project>('/api/projects', body));
}

/** Edit at the version the screen shows (409 → 数据已被他人修改). */
export function useUpdateProject() {
  return useResourceMutation([RESOURCE], ({ id, ...body }: ProjectUpdate & { id: string }) =>
    api.put<ProjectDetail>(`/api/projects/${id}`, body),
  );
}

/** 记录节点完成 (actual date, note) or re-plan a milestone. */
export function useUpdateMilestone() {
  return useResourceMutation(
    [RESOURCE],
    ({ projectId, milestoneId, ...body }: MilestoneUpdate & { projectId: string; milestoneId: string }) =>
      api.put<ProjectDetail>(`/api/projects/${projectId}/milestones/${milestoneId}`, body),
  );
}

/** Attach photos already uploaded through POST /api/files (one call per photo). */
export function useAddProjectPhotos() {
  return useResourceMutation(
    [RESOURCE],
    async ({ projectId, fileIds, ...rest }: Omit<ProjectPhotoInput, 'fileId'> & { projectId: string; fileIds: string[] }) => {
      const added: ProjectPhoto[] = [];
      for (const fileId of fileIds) added.push(await api.post<ProjectPhoto>(`/api/projects/${projectId}/photos`, { ...rest, fileId }));
      return added;
    },
  );
}

export function useDeleteProjectPhoto() {
  return useResourceMutation([RESOURCE], ({ projectId, photoId }: { projectId: string; photoId: string }) =>
    api.delete<null>(`/api/projects/${projectId}/photos/${photoId}`),
  );
}

/** 导出项目台账 with the page's filters. */
export function downloadProjects(params: Omit<ProjectsQuery, 'page' | 'pageSize'>) {
  return downloadFile('/api/projects/export.xlsx', params as QueryParams, '项目台账.xlsx');
}
