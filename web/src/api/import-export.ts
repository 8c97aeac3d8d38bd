/** Excel import/export for regions, units, users and sites. */
import type { ImportResultDto } from '@common/contracts';
import { uploadFile, downloadFile, type QueryParams } from './client';
import { useResourceMutation } from './resource';

export type ImportKind = 'regions' | 'units' | 'users' | 'sites';

/** What a successful import reports (common/contracts/shared.ts; the accounts import adds each new account's temporary password). */
export type ImportResult = ImportResultDto;

/** Upload an .xlsx; 422 import_invalid carries every bad row (shown by the dialog, not a toast). */
export function useImport(kind: ImportKind) {
  return useResourceMutation([kind], (file: File) => uploadFile<ImportResult>(`/api/${kind}/import`, file), {
    silent: true,
  });
}

/** Download the import template. */
export function downloadTemplate(kind: ImportKind, fileName: string) {
  return downloadFile(`/api/${kind}/import-template`, undefined, fileName);
}

/** Download an export with the list's current filters. */
export function downloadExport(path: string, params: QueryParams, fileName: string) {
  return downloadFile(path, params, fileName);
}
