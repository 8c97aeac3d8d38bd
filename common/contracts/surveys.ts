/**
 * 问卷调查 contracts (server/modules/surveys, /api/surveys and /api/public/surveys). The questionnaire's own model is
 * common/surveys.ts; this file is the wire: requests (zod, validated by Fastify) and responses (the serializer's
 * allow-list; the web's types are their z.input).
 */
import { z } from 'zod';
import {
  answersSchema,
  INTERVIEW_METHODS,
  questionnaireDefinition,
  RESPONSE_FLAGS,
  RESPONSE_MODES,
  respondentProfile,
  SURVEY_RATES,
  WAVE_STATES,
} from '../surveys';
import { DEVICE_ID_PATTERN } from '../public-reports';
import { challengeSolution } from './public-reports';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

// ---- questionnaires -------------------------------------------------------------------------------------------

/** POST /api/surveys/questionnaires: version 1 of a new questionnaire; PUT /:id on the newest version: the next one. */
export const questionnaireBody = z.object({
  regionId: uuid('区划'),
  name: z.string().trim().min(1, '请填写问卷名称').max(100, '问卷名称不超过100字'),
  definition: questionnaireDefinition,
});
export const questionnaireUpdateBody = questionnaireBody.omit({ regionId: true });
/** POST /api/surveys/questionnaires/from-template: a starter questionnaire (data) copied into a region. */
export const questionnaireFromTemplateBody = z.object({
  regionId: uuid('区划'),
  template: z.string().min(1, '请选择模板').max(60),
});

export const QUESTIONNAIRE_ABILITIES = ['update', 'retire'] as const;
export const questionnaireSummary = z.object({
  id,
  familyKey: id,
  version: z.number().int(),
  /** Whether this is the family's newest version (only the newest is edited). */
  latest: z.boolean(),
  name: z.string(),
  regionId: id,
  regionName: z.string(),
  questionCount: z.number().int(),
  /** Waves that use this version (a version in use is frozen — editing makes the next version). */
  waveCount: z.number().int(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  retired: z.boolean(),
  abilities: abilitiesOf(QUESTIONNAIRE_ABILITIES),
});
export const questionnaireResponse = questionnaireSummary.extend({
  definition: questionnaireDefinition,
  /** Every version of the family, newest first. */
  versions: z.array(z.object({ id, version: z.number().int(), createdAt: timestamp, waveCount: z.number().int() })),
});
export const questionnairePage = pageOf(questionnaireSummary);
export const questionnaireListQuery = z.object({
  regionId: uuid('区划').optional(),
  search: z.string().trim().max(50).optional(),
  /** Every version instead of the newest of each family. */
  allVersions: z.coerce.boolean().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const questionnaireTemplates = z.array(
  z.object({ code: z.string(), name: z.string(), description: z.string(), questionCount: z.number().int() }),
);

// ---- waves ----------------------------------------------------------------------------------------------------

export const populationRow = z.object({
  townId: uuid('乡镇'),
  groupCode: z.string().min(1).max(32),
  population: z.number().int('人口须为整数').min(0, '人口不能为负').max(50_000_000),
});
export const interviewerRow = z.object({
  userId: uuid('访问员'),
  townIds: z.array(uuid('乡镇')).min(1, '请为访问员选择乡镇').max(200),
});

/** POST /api/surveys/waves (state 筹备中); PUT /:id while 筹备中 replaces it (version-guarded). */
export const waveBody = z
  .object({
    questionnaireId: uuid('问卷'),
    campaignId: uuid('创建项目').nullable().optional(),
    regionId: uuid('区划'),
    name: z.string().trim().min(1, '请填写调查名称').max(100, '调查名称不超过100字'),
    startsOn: day,
    endsOn: day,
    targetSize: z.number().int('样本量须为整数').min(1, '样本量至少为1').max(100_000, '样本量不超过100000'),
    quotaByGender: z.boolean().default(false),
    minDurationSeconds: z.number().int().min(0).max(7200).default(180),
    publicLink: z.boolean().default(true),
    population: z.array(populationRow).min(1, '请填写各乡镇人口').max(5000),
    interviewers: z.array(interviewerRow).max(2000).default([]),
  })
  .refine((w) => w.startsOn <= w.endsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export const waveUpdateBody = waveBody.and(z.object({ version: z.number().int() }));
/** Lifecycle: 开始调查 (筹备中 → 调查中), 结束调查 (调查中 → 已结束). */
export const waveTransitionBody = z.object({ action: z.enum(['open', 'close']), version: z.number().int() });

export const quotaCell = z.object({
  townId: id,
  townName: z.string(),
  groupCode: z.string(),
  groupLabel: z.string(),
  /** '' when the wave does not split by gender. */
  gender: z.string(),
  target: z.number().int(),
  /** Eligible, not voided interviews in the cell. */
  done: z.number().int(),
  /** Public responses in the cell (they never fill a quota). */
  publicDone: z.number().int(),
});

export const WAVE_ABILITIES = ['update', 'manage', 'results'] as const;
export const waveSummary = z.object({
  id,
  name: z.string(),
  state: z.enum(WAVE_STATES),
  regionId: id,
  regionName: z.string(),
  campaignId: id.nullable(),
  questionnaire: z.object({ id, name: z.string(), version: z.number().int() }),
  startsOn: z.string(),
  endsOn: z.string(),
  targetSize: z.number().int(),
  done: z.number().int(),
  publicDone: z.number().int(),
  flagged: z.number().int(),
  allowedActions: z.array(z.enum(['open', 'close'])),
  abilities: abilitiesOf(WAVE_ABILITIES),
  version: z.number().int(),
});
export const waveResponse = waveSummary.extend({
  quotaByGender: z.boolean(),
  minDurationSeconds: z.number().int(),
  /** The public link's token (office and readers of the wave only); null: no public mode. */
  publicToken: z.string().nullable(),
  population: z.array(populationRow.extend({ townName: z.string() })),
  quotas: z.array(quotaCell),
  interviewers: z.array(z.object({ userId: id, name: z.string(), townIds: z.array(id), done: z.number().int() })),
});
export const wavePage = pageOf(waveSummary);
export const waveListQuery = z.object({
  regionId: uuid('区划').optional(),
  state: z.enum(WAVE_STATES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

// ---- interviews -----------------------------------------------------------------------------------------------

/** POST /api/surveys/waves/:id/responses (interviewer): 201, idempotent on clientId; a full cell → 409 quota_full. */
export const interviewBody = z.object({
  clientId: uuid('客户端'),
  method: z.enum(INTERVIEW_METHODS).default('door'),
  profile: respondentProfile,
  /** Empty when the respondent was not eligible (the interview ended after the profile). */
  answers: answersSchema.default({}),
  location: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracy: z.number().min(0).max(100_000).optional() })
    .optional(),
  startedAt: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }),
  finishedAt: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }),
});
export const interviewCreated = z.object({
  id,
  eligible: z.boolean(),
  /** true when this clientId was already received (the same interview, sent again). */
  duplicate: z.boolean(),
  flags: z.array(z.enum(RESPONSE_FLAGS)),
});

/** GET /api/surveys/my-waves: the interviewer's open waves with the questionnaire (for offline use) and remaining quota. */
export const myWave = z.object({
  id,
  name: z.string(),
  endsOn: z.string(),
  minDurationSeconds: z.number().int(),
  quotaByGender: z.boolean(),
  definition: questionnaireDefinition,
  towns: z.array(z.object({ id, name: z.string() })),
  cells: z.array(z.object({ townId: id, groupCode: z.string(), gender: z.string(), target: z.number().int(), done: z.number().int() })),
  /** Interviews this interviewer sent in the wave. */
  mine: z.number().int(),
});
export const myWaves = z.array(myWave);

export const RESPONSE_ABILITIES = ['review'] as const;
export const responseRow = z.object({
  id,
  mode: z.enum(RESPONSE_MODES),
  method: z.enum(INTERVIEW_METHODS).nullable(),
  interviewerName: z.string().nullable(),
  townName: z.string(),
  groupLabel: z.string(),
  gender: z.string(),
  age: z.number().int(),
  eligible: z.boolean(),
  durationSeconds: z.number().int().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  receivedAt: timestamp,
  flags: z.array(z.enum(RESPONSE_FLAGS)),
  review: z.enum(['kept', 'voided']).nullable(),
  reviewNote: z.string().nullable(),
  abilities: abilitiesOf(RESPONSE_ABILITIES),
});
export const responsePage = pageOf(responseRow);
export const responseListQuery = z.object({
  mode: z.enum(RESPONSE_MODES).optional(),
  flagged: z.coerce.boolean().optional(),
  townId: uuid('乡镇').optional(),
  interviewerId: uuid('访问员').optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'durationSeconds', '-durationSeconds']).default('-receivedAt'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
/** POST /api/surveys/responses/:id/review: keep a flagged interview or void it (it leaves the results). */
export const reviewBody = z.object({ decision: z.enum(['kept', 'voided']), note: z.string().trim().max(500).optional() });

// ---- results --------------------------------------------------------------------------------------------------

/** A query-string flag: true, 1 → true; false, 0, absent → false (z.coerce.boolean would read "false" as true). */
const queryFlag = z.preprocess((v) => (v === 'false' || v === '0' || v === '' ? false : v), z.coerce.boolean()).default(false);
const interval = z.tuple([z.number(), z.number()]).nullable();
const rateFields = Object.fromEntries(SURVEY_RATES.map((r) => [r, z.number().nullable()])) as Record<
  (typeof SURVEY_RATES)[number],
  z.ZodNullable<z.ZodNumber>
>;
const ciFields = Object.fromEntries(SURVEY_RATES.map((r) => [r, interval])) as Record<(typeof SURVEY_RATES)[number], typeof interval>;

export const rateRow = z.object({
  key: z.string(),
  name: z.string(),
  /** Interviews (eligible, not voided) in the row. */
  n: z.number().int(),
  ...rateFields,
  ci: z.object(ciFields),
  /** The same row in the previous wave of the region (null: no previous wave or no interviews there). */
  previous: z.object(rateFields).nullable(),
});
export const resultsQuery = z.object({
  groupBy: z.enum(['town', 'group', 'question', 'total']).default('town'),
  /** interview (default), public, or all. */
  source: z.enum(['interview', 'public', 'all']).default('interview'),
  /** Post-stratification weights to the population figures (town × group). */
  weighted: queryFlag,
});
export const surveyResults = z.object({
  waveId: id,
  groupBy: z.enum(['town', 'group', 'question', 'total']),
  source: z.enum(['interview', 'public', 'all']),
  weighted: z.boolean(),
  previousWave: z.object({ id, name: z.string() }).nullable(),
  total: rateRow,
  rates: z.array(rateRow),
  /** Knowledge and rate questions, the lowest share first (the items that cost most). */
  questions: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      rate: z.enum(SURVEY_RATES),
      n: z.number().int(),
      share: z.number().nullable(),
      ci: interval,
    }),
  ),
  /** Interview and public figures side by side (the same rates over each source). */
  bySource: z.array(z.object({ source: z.enum(RESPONSE_MODES), n: z.number().int(), ...rateFields })),
});

// ---- public ---------------------------------------------------------------------------------------------------

export const waveTokenParam = z.object({ waveToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '链接无效') });
/** GET /api/public/surveys/:waveToken: what the public page needs (no interviewer, quota or internal figure). */
export const publicSurvey = z.object({
  name: z.string(),
  open: z.boolean(),
  message: z.string().nullable(),
  definition: questionnaireDefinition,
  towns: z.array(z.object({ id, name: z.string() })),
  /** The town the link was made for (the page preselects it), if any. */
  townId: id.nullable(),
});
export const publicSurveyResponseBody = z.object({
  deviceId: z.string({ error: '缺少设备标识' }).regex(DEVICE_ID_PATTERN, '设备标识格式不正确'),
  /** The public side's proof of work (GET /api/public/challenge), spent once. */
  proof: challengeSolution,
  profile: respondentProfile,
  answers: answersSchema.default({}),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});
export const publicSurveyResponseCreated = z.object({ eligible: z.boolean(), message: z.string() });

export type QuestionnaireBody = z.input<typeof questionnaireBody>;
export type QuestionnaireDto = z.input<typeof questionnaireResponse>;
export type QuestionnaireSummaryDto = z.input<typeof questionnaireSummary>;
export type WaveBody = z.input<typeof waveBody>;
export type WaveDto = z.input<typeof waveResponse>;
export type WaveSummaryDto = z.input<typeof waveSummary>;
export type InterviewBody = z.input<typeof interviewBody>;
export type MyWaveDto = z.input<typeof myWave>;
export type ResponseRowDto = z.input<typeof responseRow>;
export type SurveyResultsDto = z.input<typeof surveyResults>;
export type PublicSurveyDto = z.input<typeof publicSurvey>;
