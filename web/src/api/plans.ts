/**
 * 实施方案 / 任务 / 月度进度 (/api/plans, /api/tasks, /api/task-progress): the plan tree, task editing, the .xlsx
 * import and export, generation from the standards decomposition, the units' monthly reports and the office's review.
 * Types are the contracts' z.input (common/contracts/tasks.ts).
 */
import type {
  createPlanBody,
  createTaskBody,
  planResponse,
  planTreeResponse,
  progressActionBody,
  progressBody,
  progressQuery,
  progressResponse,
  taskEventResponse,
  taskResponse,
  tasksQuery,
  updatePlanBody,
  updateTaskBody,
} from '@common/contracts/tasks';
import type { PlanListSort, PlanPageDto } from '@common/contracts/plan-list';
import type { taskDetailWithLinks } from '@common/contracts/task-links';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, uploadFile } from './client';
import { useResourceMutation } from './resource';
import type { Page } from './types';

export type Plan = z.input<typeof planResponse>;
export type PlanInput = z.input<typeof createPlanBody>;
export type PlanUpdate = z.input<typeof updatePlanBody>;
export type PlanTree = z.input<typeof planTreeResponse>;
export type Task = z.input<typeof taskResponse>;
export type TaskInput = z.input<typeof createTaskBody>;
export type TaskUpdate = z.input<typeof updateTaskBody>;
/** GET /api/tasks/:id: the task, its reports and events, and its links to standards and sites by name. */
export type TaskDetail = z.input<typeof taskDetailWithLinks>;
export type TaskLinks = TaskDetail['links'];
export type TaskEvent = z.input<typeof taskEventResponse>;
export type Progress = z.input<typeof progressResponse>;
export type ProgressInput = z.input<typeof progressBody>;
export type ProgressActionInput = z.input<typeof progressActionBody>;
type Paging = { page?: number; pageSize?: number };
export type TaskFilters = Paging & Omit<z.input<typeof tasksQuery>, 'page' | 'pageSize'>;
export type ProgressFilters = Paging & Omit<z.input<typeof progressQuery>, 'page' | 'pageSize'>;

/** What 从测评体系生成 answers: tasks made, and standards skipped (already linked to a task). */
export interface GenerateResult {
  created: number;
  skipped: number;
}
/** What a task-table import answers (201). */
export interface PlanImportResult {
  created: number;
  updated?: number;
}

/** One resource key for plans, tasks and reports: any change (a report, a review, an import) refreshes all three. */
const RESOURCE = 'plans';

// ---- plans -------------------------------------------------------------------------------------------------------

/** What GET /api/plans takes: a campaign, a search, the sort (created: the office's order) and the page. */
export interface PlanFilters {
  campaignId?: string;
  search?: string;
  sort?: PlanListSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/**
 * A page of plans: the 实施方案 rows (`total` counts them), each followed by its 专项行动 (common/contracts/plan-list.ts).
 * The previous page stays on screen while the next loads.
 */
export function usePlans(params: PlanFilters = {}, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'list', params],
    queryFn: () => api.get<PlanPageDto>('/api/plans', { ...params }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One plan with its sub-plans and every task (flat, with parentId): the tree and the Gantt. */
export function usePlanTree(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'tree', id],
    queryFn: () => api.get<PlanTree>(`/api/plans/${id}`),
    enabled: !!id,
  });
}

export function useCreatePlan() {
  return useResourceMutation([RESOURCE], (input: PlanInput) => api.post<Plan>('/api/plans', input), { silent: true });
}

export function useUpdatePlan() {
  return useResourceMutation([RESOURCE], ({ id, ...input }: PlanUpdate & { id: string }) => api.put<Plan>(`/api/plans/${id}`, input), {
    silent: true,
  });
}

/** 导入任务表 (.xlsx, 序号 | 工作任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 | 责任领导): all or nothing; 422 carries the bad rows. */
export function useImportTasks(planId: string) {
  return useResourceMutation([RESOURCE], (file: File) => uploadFile<PlanImportResult>(`/api/plans/${planId}/import`, file), {
    silent: true,
  });
}

/** 从测评体系生成: a task per standard decomposed to a unit (not yet linked to a task). */
export function useGenerateTasks(planId: string) {
  return useResourceMutation([RESOURCE], (input: { dueDate: string; startDate?: string }) =>
    api.post<GenerateResult>(`/api/plans/${planId}/generate`, input),
  );
}

export const downloadPlan = (planId: string, name: string) => downloadFile(`/api/plans/${planId}/export.xlsx`, undefined, `${name}.xlsx`);
export const downloadPlanTemplate = () => downloadFile('/api/plans/import-template.xlsx', undefined, '任务分解表模板.xlsx');

// ---- tasks -------------------------------------------------------------------------------------------------------

export function useTasks(params: TaskFilters, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'tasks', params],
    queryFn: () => api.get<Page<Task>>('/api/tasks', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A task with its progress history and events. */
export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'task', id],
    queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`),
    enabled: !!id,
  });
}

export function useCreateTask(planId: string) {
  return useResourceMutation([RESOURCE], (input: TaskInput) => api.post<Task>(`/api/plans/${planId}/tasks`, input), { silent: true });
}

export function useUpdateTask() {
  return useResourceMutation([RESOURCE], ({ id, ...input }: TaskUpdate & { id: string }) => api.put<Task>(`/api/tasks/${id}`, input), {
    silent: true,
  });
}

export function useDeleteTask() {
  return useResourceMutation([RESOURCE], (id: string) => api.delete(`/api/tasks/${id}`));
}

// ---- monthly progress --------------------------------------------------------------------------------------------

/** 填报本月进度 (or resubmit after 退回补充): by the lead unit. */
export function useReportProgress() {
  return useResourceMutation(
    [RESOURCE],
    ({ taskId, ...input }: ProgressInput & { taskId: string }) => api.post<Progress>(`/api/tasks/${taskId}/progress`, input),
    { silent: true },
  );
}

export function useProgressReports(params: ProgressFilters, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'progress', params],
    queryFn: () => api.get<Page<Progress>>('/api/task-progress', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 通过 / 退回补充. */
export function useProgressAction() {
  return useResourceMutation(
    [RESOURCE],
    ({ id, ...input }: ProgressActionInput & { id: string }) => api.post<Progress>(`/api/task-progress/${id}/actions`, input),
    { silent: true },
  );
}

export const downloadProgressTable = (period: string) =>
  downloadFile('/api/task-progress/export.xlsx', { period }, `${period} 任务进度表.xlsx`);
export const downloadProgressBulletin = (period: string) =>
  downloadFile('/api/task-progress/bulletin.docx', { period }, `${period} 各单位任务推进情况通报.docx`);
