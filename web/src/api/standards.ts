/** Standards (测评体系): versions per campaign, the 项目 → 内容 → 标准 tree, import, clone, diff and 任务分解. */
import type { StandardMethod } from '@common/inspections';
import { useQuery } from '@tanstack/react-query';
import { api, downloadFile, uploadFile } from './client';
import { useResourceMutation } from './resource';
import type { Id } from './types';

import type { StandardRole, VersionSource } from '@common/inspections';

export { STANDARD_ROLE_LABELS, VERSION_SOURCE_LABELS, type StandardRole, type VersionSource } from '@common/inspections';

export interface StandardVersion {
  id: Id;
  name: string;
  campaignId: Id;
  campaignName: string;
  source: VersionSource;
  clonedFrom: Id | null;
  createdAt: string;
  standards: number;
}

export interface Standard {
  id: Id;
  code: string;
  text: string;
  method: StandardMethod;
  points: number;
  siteTypeCodes: string[];
  leadUnitId: Id | null;
  leadUnitName: string | null;
  units: { id: Id; name: string }[];
  negative: boolean;
  itemName: string | null;
  contentName: string;
}

export interface StandardContent {
  id: Id;
  name: string;
  level: number;
  standards: Standard[];
}

export interface StandardItem {
  id: Id;
  name: string;
  level: number;
  children: StandardContent[];
}

export interface VersionTree {
  id: Id;
  name: string;
  campaignId: Id;
  campaignName: string;
  items: StandardItem[];
  standards: number;
}

export interface DiffChange {
  code: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

export interface VersionDiff {
  added: { code: string; text: string }[];
  removed: { code: string; text: string }[];
  changed: DiffChange[];
}

export interface UnitStandard extends Standard {
  role: StandardRole;
  observations: number;
  passRate: number | null;
}

export interface ImportStandardsResult {
  versionId: Id;
  counts: { items: number; standards: number };
}

/** Versions in the actor's scope, newest first (optionally of one campaign). */
export function useStandardVersions(campaignId?: Id) {
  return useQuery({
    queryKey: ['standards', 'versions', campaignId ?? null],
    queryFn: () => api.get<{ items: StandardVersion[]; total: number }>('/api/standards/versions', { campaignId }),
    staleTime: 60_000,
  });
}

/** One version as a tree. */
export function useVersionTree(id: Id | undefined) {
  return useQuery({
    queryKey: ['standards', 'tree', id],
    queryFn: () => api.get<VersionTree>(`/api/standards/versions/${id}/tree`),
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}

/** What changed from version `id` to version `other`. */
export function useVersionDiff(id: Id | undefined, other: Id | undefined) {
  return useQuery({
    queryKey: ['standards', 'diff', id, other],
    queryFn: () => api.get<VersionDiff>(`/api/standards/versions/${id}/diff/${other}`),
    enabled: id !== undefined && other !== undefined,
  });
}

/** Standards a unit leads or answers for, with live compliance. */
export function useUnitStandards(unitId: Id | undefined, versionId: Id | undefined) {
  return useQuery({
    queryKey: ['standards', 'by-unit', unitId, versionId],
    queryFn: () =>
      api.get<{ unit: { id: Id; name: string }; items: UnitStandard[]; total: number }>(`/api/standards/by-unit/${unitId}`, { versionId }),
    enabled: unitId !== undefined && versionId !== undefined,
  });
}

/** Copy a version under a new name. */
export function useCloneVersion() {
  return useResourceMutation(['standards'], ({ id, name }: { id: Id; name: string }) =>
    api.post<ImportStandardsResult>(`/api/standards/versions/${id}/clone`, { name }),
  );
}

/** Import an .xlsx as a new version; 422 import_invalid carries every bad row (shown by the dialog, not a toast). */
export function useImportStandards() {
  return useResourceMutation(
    ['standards'],
    ({ file, campaignId, versionName }: { file: File; campaignId: Id; versionName: string }) =>
      uploadFile<ImportStandardsResult>('/api/standards/import', file, { campaignId: String(campaignId), versionName }),
    { silent: true },
  );
}

/** Download the import template. */
export function downloadStandardsTemplate() {
  return downloadFile('/api/standards/import-template', undefined, '测评体系导入模板.xlsx');
}
