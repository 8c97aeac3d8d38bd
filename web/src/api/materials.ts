/** Materials (材料审核): evidence per standard and period, the review queue and the completeness view. */
import type {
  CompletenessDto,
  CompletenessRowDto,
  MaterialDetailDto,
  MaterialDto,
  MaterialFileDto,
  ReviewMaterialInput,
} from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, uploadFiles } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';
import type { MaterialStatus } from '@common/inspections';

export { MATERIAL_STATUS_LABELS, type CompletenessStatus, type MaterialStatus } from '@common/inspections';

/** The materials answers on the wire: the server's contracts (common/contracts/materials.ts), not hand-typed copies. */
export type Material = MaterialDto;
export type MaterialFile = MaterialFileDto;
export type MaterialDetail = MaterialDetailDto;
export type CompletenessRow = CompletenessRowDto;

export type MaterialFilters = ListParams & { status?: MaterialStatus; unitId?: Id; standardId?: Id; period?: string };

/** Submissions in scope. */
export function useMaterials(params: MaterialFilters, enabled = true) {
  return useList<Material>('materials', '/api/materials', params, enabled);
}

/** One submission with its files. */
export function useMaterial(id: Id | undefined) {
  return useQuery({
    queryKey: ['materials', 'detail', id],
    queryFn: () => api.get<MaterialDetail>(`/api/materials/${id}`),
    enabled: id !== undefined,
  });
}

/** For every material standard of a version and every unit on it: the period's status. */
export function useCompleteness(versionId: Id | undefined, period: string | undefined) {
  return useQuery({
    queryKey: ['materials', 'completeness', versionId, period],
    queryFn: () => api.get<CompletenessDto>('/api/materials/completeness', { versionId, period }),
    enabled: versionId !== undefined && !!period,
  });
}

export interface SubmitMaterialInput {
  standardId: Id;
  period: string;
  note?: string;
  unitId?: Id;
  files: File[];
}

/** Upload evidence; the dialog shows the server's message (a wrong file type names the file). */
export function useSubmitMaterial() {
  return useResourceMutation(
    ['materials'],
    ({ files, standardId, period, note, unitId }: SubmitMaterialInput) => {
      const fields: Record<string, string> = { standardId: String(standardId), period };
      if (note?.trim()) fields.note = note.trim();
      if (unitId !== undefined) fields.unitId = String(unitId);
      return uploadFiles<Material>('/api/materials', files, fields);
    },
    { silent: true },
  );
}

/** Pass or return a submission at the version the reviewer saw. */
export function useReviewMaterial() {
  return useResourceMutation(['materials'], ({ id, ...body }: ReviewMaterialInput & { id: Id }) =>
    api.post<void>(`/api/materials/${id}/review`, body),
  );
}
