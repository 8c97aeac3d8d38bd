/** The materials API (材料审核): request bodies and responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { MATERIAL_STATES } from '../material-workflow';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

/** Pass or return a submission at the version the reviewer saw (the comment rules are the workflow's payloads). */
export const reviewMaterialBody = z.object({
  decision: z.enum(['pass', 'return']),
  comment: z.string().trim().max(1000).optional(),
  version: z.number().int().min(1),
});

/** A unit's evidence for a standard and a period, with its review state and what the caller may do. */
export const materialResponse = z.object({
  id,
  standardId: id,
  standardCode: z.string(),
  standardText: z.string(),
  unitId: id,
  unitName: z.string(),
  period: z.string(),
  note: z.string().nullable(),
  status: z.enum(MATERIAL_STATES),
  submittedAt: timestamp,
  reviewedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['review']),
});
export const materialPage = pageOf(materialResponse);

/** One uploaded file of a submission and where to read it. */
export const materialFileResponse = z.object({
  id,
  name: z.string().nullable(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: timestamp,
  url: z.string(),
});

/** One submission with its files. */
export const materialDetailResponse = materialResponse.extend({ files: z.array(materialFileResponse) });

/** For a material standard and a unit on it: its part (牵头/责任) and the period's status (`missing` before any upload). */
export const completenessRow = z.object({
  standardId: id,
  code: z.string(),
  text: z.string(),
  unitId: id,
  unitName: z.string(),
  role: z.enum(['lead', 'responsible']),
  status: z.enum(['missing', ...MATERIAL_STATES]),
  submissionId: id.nullable(),
});
/** The completeness view: every row, and how many are missing or returned. */
export const completenessResponse = z.object({
  items: z.array(completenessRow),
  total: z.number().int(),
  missing: z.number().int(),
});

/** The document types an evidence file is stored as (its type is read from its bytes on upload). */
export const MATERIAL_FILE_MIMES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/x-ole-storage',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;

export type MaterialDto = z.input<typeof materialResponse>;
export type MaterialFileDto = z.input<typeof materialFileResponse>;
export type MaterialDetailDto = z.input<typeof materialDetailResponse>;
export type CompletenessRowDto = z.input<typeof completenessRow>;
export type CompletenessDto = z.input<typeof completenessResponse>;
export type ReviewMaterialInput = z.input<typeof reviewMaterialBody>;
