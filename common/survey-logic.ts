/**
 * 问卷调查: the questionnaire's pure logic without zod — the respondent profile's choices, eligibility, skip logic and
 * the answers check — so the light public bundle (web/src/public, /s/<token>) can import it without zod (about 90 kB
 * gzipped). common/surveys.ts re-exports all of it; import from there everywhere else.
 */
import type { QuestionDef, QuestionnaireDefinition, RespondentProfile } from './surveys';

/** Respondent profile (asked first in every interview). */
export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

export const RESIDENCE_BANDS = [
  { code: 'lt6m', label: '不满6个月', months: 0 },
  { code: '6m-1y', label: '6个月至1年', months: 6 },
  { code: '1y-3y', label: '1至3年', months: 12 },
  { code: 'gt3y', label: '3年以上', months: 36 },
] as const;
export type ResidenceBand = (typeof RESIDENCE_BANDS)[number]['code'];

/** An answer: a choice code, several choice codes, a number or a text. */
export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;

export function allQuestions(def: QuestionnaireDefinition): QuestionDef[] {
  return def.sections.flatMap((s) => s.questions);
}

/** Eligible when the age is within the rule and the residence band reaches the minimum months. */
export function isEligible(def: QuestionnaireDefinition, p: Pick<RespondentProfile, 'age' | 'residence'>): boolean {
  const band = RESIDENCE_BANDS.find((b) => b.code === p.residence);
  return p.age >= def.eligibility.minAge && p.age <= def.eligibility.maxAge && !!band && band.months >= def.eligibility.minResidenceMonths;
}

/** The choice codes of an answer (none for a number or a text). */
export function chosen(v: AnswerValue | undefined): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

/** Skip logic: a question with `showIf` is shown only when that earlier answer includes one of the choices. */
export function isShown(q: QuestionDef, answers: Answers): boolean {
  if (!q.showIf) return true;
  const picked = chosen(answers[q.showIf.question]);
  return q.showIf.anyOf.some((c) => picked.includes(c));
}

/** Whether an answer was given (a non-empty choice list or text, a finite number). */
export function answered(v: AnswerValue | undefined): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim().length > 0;
  return Number.isFinite(v);
}

/**
 * Checks an eligible respondent's answers against the questionnaire: every shown required question answered, each
 * answer of its question's kind, choices among the question's, numbers within range; answers to hidden or unknown
 * questions are errors too (a client that skipped wrong). Returns Chinese messages (none: valid).
 */
export function validateAnswers(def: QuestionnaireDefinition, answers: Answers): string[] {
  const errors: string[] = [];
  const questions = allQuestions(def);
  const known = new Set(questions.map((q) => q.code));
  for (const k of Object.keys(answers)) if (!known.has(k)) errors.push(`题目 ${k} 不在问卷中`);
  questions.forEach((q, i) => {
    const where = `第 ${i + 1} 题（${q.text.slice(0, 20)}）`;
    const v = answers[q.code];
    if (!isShown(q, answers)) {
      if (answered(v)) errors.push(`${where}：按跳题规则不应作答`);
      return;
    }
    if (!answered(v)) {
      if (q.required) errors.push(`${where}：请作答`);
      return;
    }
    const codes = new Set((q.choices ?? []).map((c) => c.code));
    const multi = q.type === 'multiple' || (q.type === 'knowledge' && q.multi);
    if (['single', 'multiple', 'scale', 'knowledge'].includes(q.type)) {
      if (multi ? !Array.isArray(v) : typeof v !== 'string') {
        errors.push(`${where}：${multi ? '须为选项列表' : '须为一个选项'}`);
        return;
      }
      const picked = chosen(v);
      if (new Set(picked).size !== picked.length) errors.push(`${where}：选项重复`);
      for (const c of picked) if (!codes.has(c)) errors.push(`${where}：选项 ${c} 不存在`);
    } else if (q.type === 'number') {
      if (typeof v !== 'number') errors.push(`${where}：须为数字`);
      else if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
        errors.push(`${where}：须在 ${q.min ?? '-∞'} 至 ${q.max ?? '∞'} 之间`);
    } else if (typeof v !== 'string') errors.push(`${where}：须为文字`);
  });
  return errors;
}
