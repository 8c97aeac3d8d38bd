/**
 * What the wave pages add to web/src/api/surveys.ts: shorthand types and the two exports under the names H2's
 * endpoints have (GET /api/surveys/waves/:id/answers.xlsx and /report.docx), named after the wave.
 */
import { downloadFile } from '../../api/client';
import type { SurveyResponseRow, SurveyResults, Wave } from '../../api/surveys';

export type QuotaCell = Wave['quotas'][number];
export type ResponseRow = SurveyResponseRow;
export type RateRow = SurveyResults['rates'][number];

/** Progress is watched while interviewers work. */
export const WAVE_REFETCH_MS = 10_000;

export function downloadAnswers(id: string, name: string) {
  return downloadFile(`/api/surveys/waves/${id}/answers.xlsx`, undefined, `${name}-答卷.xlsx`);
}

export function downloadReport(id: string, name: string, params: { source?: string; weighted?: boolean } = {}) {
  return downloadFile(
    `/api/surveys/waves/${id}/report.docx`,
    { source: params.source, weighted: params.weighted ? 'true' : undefined },
    `${name}-调查报告.docx`,
  );
}
