/**
 * 问卷调查: the questionnaire model shared by server and web — question types, the standard answer scales, which
 * answer counts for which rate (data, on each choice), respondent profile and eligibility, skip logic, scoring of one
 * interview into rate items, and the Wilson interval. Pure: no database, no DOM.
 *
 * Rates. A question may feed one rate (知晓率, 支持率, 参与率, 满意度). Each answered, visible question that feeds a
 * rate gives one item: `valid` (a 不清楚 answer is not valid and leaves the denominator) and `counted` (in the
 * numerator: 满意/基本满意 for 满意度, 支持/比较支持 for 支持率, a knowledge question answered exactly right for
 * 知晓率, any counting choice of a multiple-choice question for 参与率). A rate over a set of interviews is
 * Σ counted ÷ Σ valid over their items; its interval is Wilson's with n = the interviews that gave at least one valid
 * item for the rate (the interview is the sampled unit: items of one person are not independent draws).
 * With post-stratification weights w (population share ÷ sample share of the interview's cell) the rate is
 * Σ w·counted ÷ Σ w·valid and n is Kish's effective size (Σ w)² ÷ Σ w².
 */
import { z } from 'zod';
import { allQuestions, answered, chosen, GENDERS, isShown, RESIDENCE_BANDS, type Answers, type ResidenceBand } from './survey-logic';

// The pure part (profile choices, eligibility, skip logic, the answers check) lives in survey-logic.ts (no zod, for the
// light public bundle); re-exported here.
export {
  allQuestions,
  answered,
  chosen,
  GENDER_LABELS,
  GENDERS,
  isEligible,
  isShown,
  RESIDENCE_BANDS,
  validateAnswers,
  type AnswerValue,
  type Answers,
  type ResidenceBand,
} from './survey-logic';

export const SURVEY_RATES = ['awareness', 'support', 'participation', 'satisfaction'] as const;
export type SurveyRate = (typeof SURVEY_RATES)[number];
export const SURVEY_RATE_LABELS: Record<SurveyRate, string> = {
  awareness: '知晓率',
  support: '支持率',
  participation: '参与率',
  satisfaction: '满意度',
};

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'knowledge', 'number', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  scale: '量表题',
  knowledge: '应知应会题',
  number: '数字题',
  text: '简答题',
};

export interface ChoiceDef {
  code: string;
  label: string;
  /** In the rate's numerator when chosen (满意, 基本满意, 支持 …). */
  counts?: boolean;
  /** false: an answer that leaves the denominator (不清楚). Default true. */
  valid?: boolean;
}

/** The standard answer scales (domain.md): presets the builder offers; choices are copied into the question. */
export const SCALE_PRESETS = {
  satisfaction: {
    label: '满意 / 基本满意 / 不满意 / 不清楚',
    rate: 'satisfaction',
    choices: [
      { code: 'A', label: '满意', counts: true },
      { code: 'B', label: '基本满意', counts: true },
      { code: 'C', label: '不满意', counts: false },
      { code: 'D', label: '不清楚', counts: false, valid: false },
    ],
  },
  awareness: {
    label: '全知道 / 知道 / 知道一点 / 不知道',
    rate: 'awareness',
    choices: [
      { code: 'A', label: '全知道', counts: true },
      { code: 'B', label: '知道', counts: true },
      { code: 'C', label: '知道一点', counts: false },
      { code: 'D', label: '不知道', counts: false },
    ],
  },
  support: {
    label: '支持 / 比较支持 / 不太支持 / 不支持 / 不清楚',
    rate: 'support',
    choices: [
      { code: 'A', label: '支持', counts: true },
      { code: 'B', label: '比较支持', counts: true },
      { code: 'C', label: '不太支持', counts: false },
      { code: 'D', label: '不支持', counts: false },
      { code: 'E', label: '不清楚', counts: false, valid: false },
    ],
  },
} as const satisfies Record<string, { label: string; rate: SurveyRate; choices: readonly ChoiceDef[] }>;
export type ScalePreset = keyof typeof SCALE_PRESETS;

/** Age bands for quotas and results; the profile records the age in years, the band is derived. */
export const AGE_BANDS = [
  { code: '18-29', label: '18—29岁', min: 18, max: 29 },
  { code: '30-39', label: '30—39岁', min: 30, max: 39 },
  { code: '40-49', label: '40—49岁', min: 40, max: 49 },
  { code: '50-65', label: '50—65岁', min: 50, max: 65 },
] as const;

/** The respondent groups of the official practice (a questionnaire may name its own). */
export const DEFAULT_RESPONDENT_GROUPS = [
  { code: 'citizen', label: '市民' },
  { code: 'employee', label: '驻地单位职工' },
  { code: 'teacher', label: '院校教师' },
  { code: 'parent', label: '中小学生家长' },
  { code: 'merchant', label: '个体工商户' },
] as const;

export function ageBandOf(age: number): string | null {
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.code ?? null;
}

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, '编码须以字母开头，只含字母、数字和下划线（不超过32位）');
const label = (what: string, max = 200) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过${max}字`);

export const choiceDef = z.object({
  code,
  label: label('选项文字', 100),
  counts: z.boolean().optional(),
  valid: z.boolean().optional(),
});

export const showIfDef = z.object({
  question: code,
  anyOf: z.array(code).min(1, '请选择触发显示的选项').max(50),
});

export const questionDef = z.object({
  code,
  type: z.enum(QUESTION_TYPES, '题型不正确'),
  text: label('题目', 500),
  help: z.string().trim().max(500).optional(),
  required: z.boolean().default(true),
  choices: z.array(choiceDef).max(30, '选项不超过30个').optional(),
  /** The preset the choices came from (the builder shows it). */
  scale: z.enum(Object.keys(SCALE_PRESETS) as [ScalePreset, ...ScalePreset[]]).optional(),
  /** Knowledge questions: the right choice(s); exactly these must be chosen. */
  correct: z.array(code).max(30).optional(),
  /** Multiple choice on a knowledge question (choose all right answers). */
  multi: z.boolean().optional(),
  rate: z.enum(SURVEY_RATES, '指标不正确').nullable().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  showIf: showIfDef.optional(),
});
export type QuestionDef = z.output<typeof questionDef>;

export const sectionDef = z.object({
  code,
  title: label('部分标题', 100),
  questions: z.array(questionDef).min(1, '每部分至少一题').max(100),
});

export const eligibilityDef = z.object({
  minAge: z.number().int().min(0).max(120).default(18),
  maxAge: z.number().int().min(0).max(120).default(65),
  minResidenceMonths: z.number().int().min(0).max(120).default(6),
});

/** A questionnaire (the builder's JSON); `validateDefinition` checks what zod cannot (codes, references, scales). */
export const questionnaireDefinition = z.object({
  title: label('问卷标题', 100),
  intro: z.string().trim().max(2000).default(''),
  closing: z.string().trim().max(500).default('感谢您的支持！'),
  /** Said when the respondent is not eligible (the interview ends politely). */
  ineligibleText: z
    .string()
    .trim()
    .max(500)
    .default('感谢您的配合！本次调查的对象为年满18至65周岁、在本地居住满6个月的居民，您无需继续作答。'),
  groups: z
    .array(z.object({ code, label: label('人群名称', 30) }))
    .min(1, '至少一类调查对象')
    .max(20)
    .default([...DEFAULT_RESPONDENT_GROUPS]),
  eligibility: eligibilityDef.default({ minAge: 18, maxAge: 65, minResidenceMonths: 6 }),
  sections: z.array(sectionDef).min(1, '至少一个部分').max(30),
});
export type QuestionnaireDefinition = z.output<typeof questionnaireDefinition>;
export type QuestionnaireDefinitionInput = z.input<typeof questionnaireDefinition>;

/** What zod cannot check: unique codes, choices where needed, correct answers among the choices, skip logic that
 * points back to an earlier choice question and its choices. Returns Chinese messages naming the question. */
export function validateDefinition(def: QuestionnaireDefinition): string[] {
  const errors: string[] = [];
  const seen = new Map<string, QuestionDef>();
  const sections = new Set<string>();
  const groups = new Set<string>();
  for (const g of def.groups) {
    if (groups.has(g.code)) errors.push(`调查对象编码 ${g.code} 重复`);
    groups.add(g.code);
  }
  if (def.eligibility.minAge > def.eligibility.maxAge) errors.push('年龄下限不能高于上限');
  for (const s of def.sections) {
    if (sections.has(s.code)) errors.push(`部分编码 ${s.code} 重复`);
    sections.add(s.code);
    for (const q of s.questions) {
      const where = `第 ${seen.size + 1} 题（${q.code}）`;
      if (seen.has(q.code)) errors.push(`${where}：题目编码重复`);
      const choiceTypes = ['single', 'multiple', 'scale', 'knowledge'];
      if (choiceTypes.includes(q.type)) {
        if (!q.choices || q.choices.length < 2) errors.push(`${where}：至少两个选项`);
        const codes = new Set<string>();
        for (const c of q.choices ?? []) {
          if (codes.has(c.code)) errors.push(`${where}：选项编码 ${c.code} 重复`);
          codes.add(c.code);
        }
        if (q.type === 'knowledge') {
          if (!q.correct?.length) errors.push(`${where}：应知应会题须给出正确答案`);
          for (const c of q.correct ?? []) if (!codes.has(c)) errors.push(`${where}：正确答案 ${c} 不在选项中`);
          if (!q.multi && (q.correct?.length ?? 0) > 1) errors.push(`${where}：单选的应知应会题只能有一个正确答案`);
          if (q.rate && q.rate !== 'awareness') errors.push(`${where}：应知应会题只计入知晓率`);
        } else if (q.rate && !(q.choices ?? []).some((c) => c.counts)) {
          errors.push(`${where}：计入${SURVEY_RATE_LABELS[q.rate]}的题须至少有一个计入的选项`);
        }
      } else {
        if (q.choices?.length) errors.push(`${where}：${QUESTION_TYPE_LABELS[q.type]}不设选项`);
        if (q.rate) errors.push(`${where}：${QUESTION_TYPE_LABELS[q.type]}不能计入指标`);
      }
      if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) errors.push(`${where}：最小值大于最大值`);
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target) errors.push(`${where}：显示条件须引用前面的题目（${q.showIf.question} 不在本题之前）`);
        else if (!target.choices?.length) errors.push(`${where}：显示条件引用的题目 ${target.code} 没有选项`);
        else
          for (const c of q.showIf.anyOf)
            if (!target.choices.some((x) => x.code === c)) errors.push(`${where}：显示条件的选项 ${c} 不在题目 ${target.code} 中`);
      }
      seen.set(q.code, q);
    }
  }
  return errors;
}

export const answerValue = z.union([z.string().max(2000), z.array(z.string().max(40)).max(30), z.number()]);
export const answersSchema = z.record(z.string().max(40), answerValue);

export const respondentProfile = z.object({
  townId: z.uuid('请选择乡镇（街道）'),
  group: code,
  gender: z.enum(GENDERS, '请选择性别'),
  age: z.number().int('年龄须为整数').min(0).max(120),
  residence: z.enum(RESIDENCE_BANDS.map((b) => b.code) as [ResidenceBand, ...ResidenceBand[]], '请选择居住年限'),
});
export type RespondentProfile = z.output<typeof respondentProfile>;

export interface RateItem {
  question: string;
  rate: SurveyRate;
  valid: boolean;
  counted: boolean;
}

/** One interview's rate items (shown, answered questions that feed a rate). */
export function scoreAnswers(def: QuestionnaireDefinition, answers: Answers): RateItem[] {
  const items: RateItem[] = [];
  for (const q of allQuestions(def)) {
    if (!q.rate || !isShown(q, answers) || !answered(answers[q.code])) continue;
    const picked = chosen(answers[q.code]);
    if (q.type === 'knowledge') {
      const right = new Set(q.correct ?? []);
      const counted = picked.length === right.size && picked.every((c) => right.has(c));
      items.push({ question: q.code, rate: q.rate, valid: true, counted });
      continue;
    }
    const choices = (q.choices ?? []).filter((c) => picked.includes(c.code));
    const valid = choices.some((c) => c.valid !== false);
    const counted = valid && choices.some((c) => c.counts && c.valid !== false);
    items.push({ question: q.code, rate: q.rate, valid, counted });
  }
  return items;
}

/** Wilson score interval for k successes in n trials (95 % by default); n = 0 → null. k may be fractional (weights). */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, k / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Kish's effective sample size of a set of weights. */
export function effectiveSize(weights: number[]): number {
  const s = weights.reduce((a, b) => a + b, 0);
  const s2 = weights.reduce((a, b) => a + b * b, 0);
  return s2 > 0 ? (s * s) / s2 : 0;
}

/**
 * Quotas from population figures: the target split over cells in proportion to population, by largest remainder (the
 * cells' quotas add up to the target exactly; ties go to the larger population, then the earlier cell).
 */
export function allocateQuotas(target: number, populations: number[]): number[] {
  const total = populations.reduce((a, b) => a + b, 0);
  if (total <= 0 || target <= 0) return populations.map(() => 0);
  const exact = populations.map((p) => (target * p) / total);
  const out = exact.map(Math.floor);
  let left = target - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e), p: populations[i] })).sort((a, b) => b.r - a.r || b.p - a.p || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

export const WAVE_STATES = ['draft', 'open', 'closed'] as const;
export type WaveState = (typeof WAVE_STATES)[number];
export const WAVE_STATE_LABELS: Record<WaveState, string> = { draft: '筹备中', open: '调查中', closed: '已结束' };

export const RESPONSE_MODES = ['interview', 'public'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
export const RESPONSE_MODE_LABELS: Record<ResponseMode, string> = { interview: '入户/拦截访问', public: '公众链接' };
export const INTERVIEW_METHODS = ['door', 'street'] as const;
export const INTERVIEW_METHOD_LABELS: Record<(typeof INTERVIEW_METHODS)[number], string> = { door: '入户', street: '拦截' };

/** Why an interview looks suspicious (the office reviews flagged interviews). */
export const RESPONSE_FLAGS = ['too_fast', 'same_spot', 'same_pattern'] as const;
export type ResponseFlag = (typeof RESPONSE_FLAGS)[number];
export const RESPONSE_FLAG_LABELS: Record<ResponseFlag, string> = {
  too_fast: '用时过短',
  same_spot: '同一地点过多',
  same_pattern: '答案雷同',
};
