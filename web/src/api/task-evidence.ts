/**
 * 每月汇报进度's evidence documents (POST /api/tasks/:id/evidence): PDF, Word, Excel or a scan, one file per request; the
 * server reads the type from the bytes and caps the size at 20 MB. Photos taken on the spot go through /api/files.
 */
import type { TaskEvidenceDto } from '@common/contracts/tasks';
import { uploadFile } from './client';

export type TaskEvidence = TaskEvidenceDto;

/** What the document picker offers (the server still decides by content). */
export const EVIDENCE_ACCEPT = '.pdf,.doc,.docx,.xlsx,image/*';
export const MAX_EVIDENCE_MB = 20;

export function uploadTaskEvidence(taskId: string, file: File): Promise<TaskEvidence> {
  return uploadFile<TaskEvidence>(`/api/tasks/${taskId}/evidence`, file);
}
