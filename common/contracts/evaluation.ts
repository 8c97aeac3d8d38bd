/**
 * The evaluation API (月评排名: schemes, runs, results, objections, 人工评分): request bodies and responses, shared by
 * the server and the web client (see shared.ts). Request shapes are checked here (a malformed body is a 400); the
 * rules a scheme must follow — known indicator codes, positive weights, floor below ceiling — are checked by the
 * server and answered 422 with the field named in Chinese.
 */
import { z } from 'zod';
import { INDICATOR_DIRECTIONS, INDICATOR_SUBJECT_TYPES, INDICATOR_UNITS } from '../indicators';
import { periodCodeSchema } from '../period';
import {
  EVALUATION_ACTION_NAMES,
  EVALUATION_PROPOSALS,
  EVALUATION_RUN_STATES,
  OBJECTION_STATES,
  type EvaluationAction,
} from '../evaluation-workflow';
import { ROLLUP_METHODS } from './evaluation-standings';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const num = (what: string) => z.number({ error: `${what}须为数字` });

/**
 * A scoring rule. Points are on the indicator's weight: linear gives 0…weight between floor and ceiling (for a
 * lower-is-better indicator the floor earns the full weight); grade gives the points of the band reached; deduction
 * starts from the weight and takes `per` for each item, at most `cap`; bonus adds `per` per item, at most `cap`; veto
 * (一票否决) puts the subject at the bottom of its group and on the black list when the value reaches the threshold
 * (on the bad side: at or above it for lower-is-better, below it for higher-is-better).
 */
export const evaluationRuleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('linear'), floor: num('下限'), ceiling: num('上限') }),
    z.object({ type: z.literal('deduction'), per: num('每件扣分'), cap: num('扣分上限') }),
    z.object({
      type: z.literal('grade'),
      bands: z
        .array(z.object({ min: num('档位起点'), points: num('档位得分') }))
        .min(1, '评分档位至少一档')
        .max(20),
    }),
    z.object({ type: z.literal('bonus'), per: num('每件加分'), cap: num('加分上限') }),
    z.object({ type: z.literal('veto'), threshold: num('否决阈值').optional() }),
  ],
  { error: '评分规则类型为 linear、deduction、grade、bonus 或 veto' },
);
export type EvaluationRule = z.infer<typeof evaluationRuleSchema>;

export const evaluationIndicatorEntry = z.object({
  code: z.string().trim().min(1, '请填写指标编码').max(64),
  weight: num('权重'),
  rule: evaluationRuleSchema,
});

export const evaluationGroupSchema = z.object({
  name: z.string().trim().min(1, '请填写分组名称').max(50),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES, { error: '考核对象类型为 unit、town、site 或 county' }),
  unitIds: z.array(z.uuid('单位编号格式不正确')).max(2000).optional(),
  unitTypes: z.array(z.string().max(32)).max(20).optional(),
  siteTypes: z.array(z.string().max(64)).max(40).optional(),
  indicators: z.array(evaluationIndicatorEntry).min(1, '每个分组至少一项指标').max(40),
});
export type EvaluationGroup = z.infer<typeof evaluationGroupSchema>;

const escalationSchema = z.array(z.object({ streak: z.number().int().min(1).max(24), action: z.enum(EVALUATION_PROPOSALS) })).max(5);

export const createSchemeBody = z.object({
  campaignId: z.uuid('创建项目编号格式不正确'),
  name: z.string().trim().min(2, '方案名称至少 2 个字').max(100),
  periodType: z.literal('month', { error: '考核周期目前为 month（月度）' }),
  groups: z.array(evaluationGroupSchema).min(1, '至少一个考核分组').max(20),
  redCount: z.number().int().min(0).max(50).optional(),
  blackCount: z.number().int().min(0).max(50).optional(),
  objectionDays: z.number().int().min(1).max(30).optional(),
  /** How 季度/年度 roll-ups combine the published months: average (default) or sum. */
  rollupMethod: z.enum(ROLLUP_METHODS, { error: '汇总方式为 average（各月平均）或 sum（各月累计）' }).optional(),
  escalation: escalationSchema.optional(),
});
export type CreateSchemeBody = z.infer<typeof createSchemeBody>;
/** Editing a scheme posts the whole scheme again: a new version (the campaign stays). */
export const updateSchemeBody = createSchemeBody.omit({ campaignId: true });
export type UpdateSchemeBody = z.infer<typeof updateSchemeBody>;

export const schemeCreatedResponse = z.object({ id, version: z.number().int() });

export const schemeResponse = z.object({
  id,
  schemeKey: id,
  version: z.number().int(),
  latest: z.boolean(),
  campaignId: id,
  campaignName: z.string(),
  name: z.string(),
  periodType: z.literal('month'),
  redCount: z.number().int(),
  blackCount: z.number().int(),
  objectionDays: z.number().int(),
  rollupMethod: z.enum(ROLLUP_METHODS),
  escalation: escalationSchema,
  groups: z.array(evaluationGroupSchema),
  createdAt: timestamp,
  abilities: abilitiesOf(['edit', 'run']),
});
export const schemePage = pageOf(schemeResponse);

export const createRunBody = z.object({ schemeId: z.uuid('方案编号格式不正确'), period: periodCodeSchema });
export const runCreatedResponse = z.object({ id, state: z.enum(EVALUATION_RUN_STATES) });

export const runDiffItem = z.object({
  groupName: z.string(),
  subjectId: id,
  subjectName: z.string(),
  before: z.object({ score: z.number(), rank: z.number().int(), list: z.enum(['red', 'black']).nullable() }).nullable(),
  after: z.object({ score: z.number(), rank: z.number().int(), list: z.enum(['red', 'black']).nullable() }).nullable(),
});

export const runResponse = z.object({
  id,
  schemeId: id,
  schemeName: z.string(),
  schemeVersion: z.number().int(),
  campaignId: id,
  period: z.string(),
  periodLabel: z.string(),
  revision: z.number().int(),
  revisesRunId: id.nullable(),
  state: z.enum(EVALUATION_RUN_STATES),
  stateLabel: z.string(),
  computedAt: timestamp,
  publicizedAt: timestamp.nullable(),
  objectionDeadline: timestamp.nullable(),
  signedOffByName: z.string().nullable(),
  signedOffAt: timestamp.nullable(),
  signOffComment: z.string().nullable(),
  publishedAt: timestamp.nullable(),
  version: z.number().int(),
  /** The workflow actions the caller may take now. */
  allowedActions: z.array(z.enum(EVALUATION_ACTION_NAMES)),
  /** A revision: what changed against the published run it revises. */
  diff: z.array(runDiffItem).nullable(),
  pendingObjections: z.number().int(),
});
export const runPage = pageOf(runResponse);

export const runTransitionBody = z.object({
  action: z.enum(EVALUATION_ACTION_NAMES, { error: '操作为 publicize、sign_off、publish 或 revise' }),
  /** The run's version as the caller saw it (optional: without it the current one). */
  version: z.number().int().min(1).optional(),
  comment: z.string().trim().max(500).optional(),
});
export type RunTransitionBody = z.infer<typeof runTransitionBody> & { action: EvaluationAction };
export const runTransitionResponse = z.object({ run: runResponse, revisionId: id.optional() });

const listCode = z.enum(['red', 'black']).nullable();

export const resultIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  points: z.number(),
  vetoed: z.boolean(),
});

export const resultItem = z.object({
  subjectId: id,
  subjectName: z.string(),
  score: z.number(),
  computedScore: z.number(),
  adjustment: z.number(),
  rank: z.number().int(),
  list: listCode,
  veto: z.boolean(),
  blackStreak: z.number().int(),
  proposal: z.enum(EVALUATION_PROPOSALS).nullable(),
  indicators: z.array(resultIndicator),
});

export const runResultsResponse = z.object({
  run: z.object({ id, state: z.enum(EVALUATION_RUN_STATES), period: z.string(), revision: z.number().int() }),
  groups: z.array(z.object({ name: z.string(), subjectType: z.enum(INDICATOR_SUBJECT_TYPES), items: z.array(resultItem) })),
});

export const provenanceResponse = z.object({
  runId: id,
  subjectId: id,
  subjectName: z.string(),
  /** The records are read with the run's period and this instant (what was past its deadline then). */
  computedAt: timestamp,
  items: z.array(
    z.object({
      code: z.string(),
      /** The indicator's Chinese name (the code is the registered one, whatever alias the scheme used). */
      indicatorName: z.string(),
      recordType: z.string(),
      recordId: id,
      label: z.string(),
      counted: z.boolean(),
      /** Where the record is read (the API path). */
      link: z.string(),
    }),
  ),
});

export const createObjectionBody = z.object({
  subjectId: z.uuid('考核对象编号格式不正确'),
  reason: z.string({ error: '请填写申诉理由' }).trim().min(5, '申诉理由至少 5 个字').max(2000),
  fileIds: z.array(z.uuid()).max(10).optional(),
});

export const answerObjectionBody = z.object({
  decision: z.enum(['adjust', 'reject'], { error: '答复为 adjust（调整）或 reject（驳回）' }),
  reason: z.string({ error: '请填写答复理由' }).trim().min(2, '请填写答复理由').max(2000),
  /** Points added to (or, negative, taken from) the subject's score; required for adjust. */
  adjustment: z.number().min(-100).max(100).optional(),
});

export const objectionResponse = z.object({
  id,
  runId: id,
  subjectId: id,
  subjectName: z.string(),
  reason: z.string(),
  fileIds: z.array(id),
  filedAt: timestamp,
  state: z.enum(OBJECTION_STATES),
  answer: z.string().nullable(),
  adjustment: z.number().nullable(),
  answeredAt: timestamp.nullable(),
  abilities: abilitiesOf(['answer']),
});
export const objectionPage = pageOf(objectionResponse);

export const evaluationIndicatorsResponse = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.enum(INDICATOR_UNITS),
      direction: z.enum(INDICATOR_DIRECTIONS),
      subjectTypes: z.array(z.enum(INDICATOR_SUBJECT_TYPES)),
      description: z.string(),
      /** For the contract's short codes (problem.close_rate …): the registered indicator they name. */
      aliasOf: z.string().nullable(),
    }),
  ),
});

export const manualScoreBody = z.object({
  code: z.enum(['manual.score', 'manual.bonus'], { error: '人工评分指标为 manual.score 或 manual.bonus' }),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES, { error: '考核对象类型为 unit、town、site 或 county' }),
  subjectId: z.uuid('考核对象编号格式不正确'),
  period: periodCodeSchema,
  value: z.number({ error: '分值须为数字' }).min(0, '分值不能为负').max(1000, '分值不超过 1000'),
  reason: z.string({ error: '请填写评分理由' }).trim().min(2, '请填写评分理由').max(1000),
  fileId: z.uuid('附件编号格式不正确').optional(),
});

export const manualScoreResponse = z.object({
  id,
  code: z.string(),
  subjectType: z.enum(INDICATOR_SUBJECT_TYPES),
  subjectId: id,
  subjectName: z.string(),
  period: z.string(),
  value: z.number(),
  reason: z.string(),
  fileId: id.nullable(),
  enteredAt: timestamp,
});
export const manualScorePage = pageOf(manualScoreResponse);
