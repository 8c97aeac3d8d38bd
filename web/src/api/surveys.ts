/**
 * 问卷调查 (office side of /api/surveys): questionnaires (versioned) and their starter templates, .xlsx import/export,
 * waves and their lifecycle, interviews and their review, results and the exports. Types are the contracts' z.input
 * (common/contracts/surveys.ts).
 */
import type {
  interviewBody,
  interviewCreated,
  myWaves,
  questionnaireBody,
  questionnaireFromTemplateBody,
  questionnaireResponse,
  questionnaireSummary,
  questionnaireTemplates,
  responseListQuery,
  responseRow,
  resultsQuery,
  reviewBody,
  surveyResults,
  waveBody,
  waveListQuery,
  waveResponse,
  waveSummary,
  waveTransitionBody,
} from '@common/contracts/surveys';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, uploadFile } from './client';
import { useResourceMutation } from './resource';
import type { Page } from './types';

/** The answers on the wire: the server's contracts (common/contracts/surveys.ts). */
export type Questionnaire = z.input<typeof questionnaireResponse>;
export type QuestionnaireSummary = z.input<typeof questionnaireSummary>;
export type QuestionnaireInput = z.input<typeof questionnaireBody>;
export type QuestionnaireTemplate = z.input<typeof questionnaireTemplates>[number];
export type Wave = z.input<typeof waveResponse>;
export type WaveSummary = z.input<typeof waveSummary>;
export type WaveInput = z.input<typeof waveBody>;
export type WaveTransitionInput = z.input<typeof waveTransitionBody>;
export type SurveyResponseRow = z.input<typeof responseRow>;
export type ReviewInput = z.input<typeof reviewBody>;
export type SurveyResults = z.input<typeof surveyResults>;
export type MyWave = z.input<typeof myWaves>[number];
export type InterviewInput = z.input<typeof interviewBody>;
export type InterviewCreated = z.input<typeof interviewCreated>;

/** Query parameters as the page holds them (the contracts' coerced fields typed as sent; the server applies defaults). */
type Paging = { page?: number; pageSize?: number };
export type QuestionnaireFilters = Paging & { regionId?: string; search?: string; allVersions?: boolean };
export type WaveFilters = Paging & Pick<z.input<typeof waveListQuery>, 'regionId' | 'state'>;
export type ResponseFilters = Paging &
  Pick<z.input<typeof responseListQuery>, 'mode' | 'townId' | 'interviewerId' | 'sort'> & { flagged?: boolean };
export type ResultsParams = Pick<z.input<typeof resultsQuery>, 'groupBy' | 'source'> & { weighted?: boolean };

/** One resource key for every survey query: any change refreshes waves, questionnaires and results alike. */
const RESOURCE = 'surveys';
const BASE = '/api/surveys';

// ---- questionnaires -------------------------------------------------------------------------------------------

export function useQuestionnaires(params: QuestionnaireFilters, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'questionnaires', params],
    queryFn: () => api.get<Page<QuestionnaireSummary>>(`${BASE}/questionnaires`, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useQuestionnaire(id: string | undefined) {
  return useQuery({
    queryKey: [RESOURCE, 'questionnaire', id],
    queryFn: () => api.get<Questionnaire>(`${BASE}/questionnaires/${id}`),
    enabled: !!id,
  });
}

/** The starter questionnaires (全国文明城市 群众满意度, 国家卫生城市 群众满意率 …), data on the server. */
export function useQuestionnaireTemplates(enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'questionnaire-templates'],
    queryFn: () => api.get<QuestionnaireTemplate[]>(`${BASE}/questionnaire-templates`),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** 新建问卷: version 1 of a new questionnaire (201). */
export function useCreateQuestionnaire() {
  return useResourceMutation([RESOURCE], (input: QuestionnaireInput) => api.post<Questionnaire>(`${BASE}/questionnaires`, input), {
    silent: true,
  });
}

/** 保存为新版本: PUT on the newest version makes the next one (versions used by a wave stay frozen). */
export function useUpdateQuestionnaire() {
  return useResourceMutation(
    [RESOURCE],
    ({ id, ...input }: { id: string } & Omit<QuestionnaireInput, 'regionId'>) =>
      api.put<Questionnaire>(`${BASE}/questionnaires/${id}`, input),
    { silent: true },
  );
}

/** 从模板新建: a starter questionnaire copied into a region. */
export function useCreateQuestionnaireFromTemplate() {
  return useResourceMutation([RESOURCE], (input: z.input<typeof questionnaireFromTemplateBody>) =>
    api.post<Questionnaire>(`${BASE}/questionnaires/from-template`, input),
  );
}

/** 停用: the questionnaire leaves the pickers (its waves keep it). */
export function useRetireQuestionnaire() {
  return useResourceMutation([RESOURCE], (id: string) => api.post<Questionnaire>(`${BASE}/questionnaires/${id}/retire`));
}

/** 导入 (.xlsx: sheets 题目, 选项, 设置 — what 导出 writes) as a new questionnaire of a region; 422 carries the bad rows. */
export function useImportQuestionnaire() {
  return useResourceMutation(
    [RESOURCE],
    (input: { regionId: string; name: string; file: File }) =>
      uploadFile<Questionnaire>(`${BASE}/questionnaires/import`, input.file, { regionId: input.regionId, name: input.name }),
    { silent: true },
  );
}

/** 导出 one questionnaire version as .xlsx (the same sheets the import reads: edit it and import it back). */
export function downloadQuestionnaire(id: string, name = '问卷') {
  return downloadFile(`${BASE}/questionnaires/${id}/export`, undefined, `${name}.xlsx`);
}

// ---- waves ----------------------------------------------------------------------------------------------------

export function useWaves(params: WaveFilters, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'waves', params],
    queryFn: () => api.get<Page<WaveSummary>>(`${BASE}/waves`, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One wave with its quotas and interviewers; `live` polls the progress while the page is open. */
export function useWave(id: string | undefined, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: [RESOURCE, 'wave', id],
    queryFn: () => api.get<Wave>(`${BASE}/waves/${id}`),
    enabled: !!id,
    refetchInterval: options.live ? 15_000 : false,
  });
}

/** 新建调查 (筹备中). */
export function useCreateWave() {
  return useResourceMutation([RESOURCE], (input: WaveInput) => api.post<Wave>(`${BASE}/waves`, input), { silent: true });
}

/** 修改 while 筹备中 (version-guarded). */
export function useUpdateWave() {
  return useResourceMutation(
    [RESOURCE],
    ({ id, ...input }: { id: string } & WaveInput & { version: number }) => api.put<Wave>(`${BASE}/waves/${id}`, input),
    { silent: true },
  );
}

/** 开始调查 / 结束调查. */
export function useWaveTransition() {
  return useResourceMutation([RESOURCE], ({ id, ...input }: { id: string } & WaveTransitionInput) =>
    api.post<Wave>(`${BASE}/waves/${id}/transitions`, input),
  );
}

// ---- interviews and review ------------------------------------------------------------------------------------

export function useWaveResponses(waveId: string | undefined, params: ResponseFilters, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'responses', waveId, params],
    queryFn: () => api.get<Page<SurveyResponseRow>>(`${BASE}/waves/${waveId}/responses`, params),
    placeholderData: keepPreviousData,
    enabled: !!waveId && enabled,
  });
}

/** 保留 / 作废 a flagged interview. */
export function useReviewResponse() {
  return useResourceMutation([RESOURCE], ({ id, ...input }: { id: string } & ReviewInput) =>
    api.post<SurveyResponseRow>(`${BASE}/responses/${id}/review`, input),
  );
}

/** The interviewer's open waves (questionnaire, towns and remaining quota), for offline use. */
export function useMyWaves(enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'my-waves'],
    queryFn: () => api.get<MyWave[]>(`${BASE}/my-waves`),
    enabled,
  });
}

/** Send one interview (idempotent on clientId; a full cell answers 409 quota_full). The interviewer page sends
 * through its outbox; this is the plain call. */
export function sendInterview(waveId: string, input: InterviewInput) {
  return api.post<InterviewCreated>(`${BASE}/waves/${waveId}/responses`, input);
}

// ---- results and exports --------------------------------------------------------------------------------------

export function useSurveyResults(waveId: string | undefined, params: ResultsParams, enabled = true) {
  return useQuery({
    queryKey: [RESOURCE, 'results', waveId, params],
    queryFn: () => api.get<SurveyResults>(`${BASE}/waves/${waveId}/results`, params),
    placeholderData: keepPreviousData,
    enabled: !!waveId && enabled,
  });
}

/** 原始答卷 (.xlsx, one row per interview). */
export function downloadWaveAnswers(waveId: string) {
  return downloadFile(`${BASE}/waves/${waveId}/answers.xlsx`, undefined, '调查原始答卷.xlsx');
}

/** 结果报告 (.docx with tables and charts). */
export function downloadWaveReport(waveId: string) {
  return downloadFile(`${BASE}/waves/${waveId}/report.docx`, undefined, '调查结果报告.docx');
}
