/** Standards (测评体系): versions per campaign, the 项目 → 内容 → 标准 tree, import, clone, diff and 任务分解. */
import type {
  CloneVersionInput,
  StandardContentDto,
  StandardDto,
  StandardItemDto,
  StandardVersionDto,
  UnitStandardDto,
  UnitStandardsDto,
  VersionDiffDto,
  VersionTreeDto,
  VersionWrittenDto,
} from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, downloadFile, uploadFile } from './client';
import { useResourceMutation } from './resource';
import type { Id } from './types';

export { STANDARD_ROLE_LABELS, VERSION_SOURCE_LABELS, type StandardRole, type VersionSource } from '@common/inspections';

/** The standards answers on the wire: the server's contracts (common/contracts/standards.ts), not hand-typed copies. */
export type StandardVersion = StandardVersionDto;
export type Standard = StandardDto;
export type StandardContent = StandardContentDto;
export type StandardItem = StandardItemDto;
export type VersionTree = VersionTreeDto;
export type VersionDiff = VersionDiffDto;
export type DiffChange = VersionDiff['changed'][number];
export type UnitStandard = UnitStandardDto;
export type ImportStandardsResult = VersionWrittenDto;

/**
 * Versions in the actor's scope, newest first (optionally of one campaign). The one definition: the standards pages
 * and the new-round drawer share its cache entry (`enabled: false` until the drawer has a campaign).
 */
export function useStandardVersions(campaignId?: Id, enabled = true) {
  return useQuery({
    queryKey: ['standards', 'versions', campaignId ?? null],
    queryFn: () => api.get<{ items: StandardVersion[]; total: number }>('/api/standards/versions', { campaignId }),
    enabled,
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
    queryFn: () => api.get<UnitStandardsDto>(`/api/standards/by-unit/${unitId}`, { versionId }),
    enabled: unitId !== undefined && versionId !== undefined,
  });
}

/** Copy a version under a new name. */
export function useCloneVersion() {
  return useResourceMutation(['standards'], ({ id, name }: CloneVersionInput & { id: Id }) =>
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
