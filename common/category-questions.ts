/**
 * 附加问题: the optional extra questions of a problem category (data, edited by the office), asked of a citizen or an
 * integrator who reports in that category. Open311 publishes them as the service definition's attributes (GeoReport
 * v2: code, datatype, required, datatype_description, order, description, values); the server checks the answers to
 * them with `checkAnswers` below, and the web editor validates with the same schema — one rule for both.
 */
import { z } from 'zod';
import { OPEN311_DATATYPES, type Open311Datatype } from './open311';

export const QUESTION_DATATYPE_LABELS: Record<Open311Datatype, string> = {
  string: '单行文字',
  number: '数字',
  datetime: '日期时间',
  text: '多行文字',
  singlevaluelist: '单选',
  multivaluelist: '多选',
};

/** How each datatype is to be answered (Open311's datatype_description). */
export const QUESTION_DATATYPE_HINTS: Record<Open311Datatype, string> = {
  string: '不超过 100 字',
  number: '数字，如 2 或 3.5',
  datetime: 'W3C 日期时间，如 2026-12-01T08:30:00+08:00',
  text: '不超过 1000 字',
  singlevaluelist: '从列表中选择一项',
  multivaluelist: '可多选（attribute[代码][]=值，可重复）',
};

export const isListType = (d: Open311Datatype) => d === 'singlevaluelist' || d === 'multivaluelist';

const questionCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '问题代码须为小写英文字母开头，只含小写字母、数字和下划线，最多 40 个字符');

export const categoryQuestionValue = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '选项代码只含字母、数字、下划线和连字符，最多 40 个字符'),
  name: z.string().trim().min(1, '请填写选项名称').max(40, '选项名称不超过 40 字'),
});

export const categoryQuestion = z
  .object({
    code: questionCode,
    datatype: z.enum(OPEN311_DATATYPES, '请选择答案类型'),
    required: z.boolean(),
    description: z.string().trim().min(2, '问题至少 2 个字').max(100, '问题不超过 100 字'),
    order: z.number().int().min(1, '顺序从 1 开始').max(99, '顺序最大 99'),
    values: z.array(categoryQuestionValue).max(30, '选项至多 30 个').default([]),
  })
  .superRefine((q, ctx) => {
    if (isListType(q.datatype)) {
      if (q.values.length < 2)
        ctx.addIssue({ code: 'custom', path: ['values'], message: `「${q.description}」是选择题，至少需要 2 个选项` });
      const keys = q.values.map((v) => v.key);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup) ctx.addIssue({ code: 'custom', path: ['values'], message: `「${q.description}」的选项代码 ${dup} 重复` });
    } else if (q.values.length) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `「${q.description}」不是选择题，不能设置选项` });
    }
  });
export type CategoryQuestion = z.infer<typeof categoryQuestion>;

export const categoryQuestions = z
  .array(categoryQuestion)
  .max(20, '每个类别至多 20 个附加问题')
  .superRefine((qs, ctx) => {
    const codes = qs.map((q) => q.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `问题代码 ${dup} 重复` });
  });

/** The questions in their order (ties by code). */
export const orderedQuestions = (qs: readonly CategoryQuestion[]) =>
  [...qs].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));

/** One stored answer: the question as it was asked, the value, and how to show it. */
export interface QuestionAnswer {
  code: string;
  question: string;
  datatype: Open311Datatype;
  value: string | number | string[];
  display: string;
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks the answers given (code → the values sent; a multivaluelist may repeat or comma-join) against the
 * questions: an unknown code, a missing required answer, a value of the wrong type or not in the list is an error
 * naming `attribute[code]`. Answers the stored answers in the questions' order, or the first error.
 */
export function checkAnswers(
  questions: readonly CategoryQuestion[],
  given: ReadonlyMap<string, string[]>,
  /** How a message names the question: Open311's `attribute[code]` (default), or the question itself for a person. */
  naming: 'attribute' | 'question' = 'attribute',
): { ok: true; answers: QuestionAnswer[] } | { ok: false; code: string; message: string } {
  const fail = (code: string, message: string) => {
    const q = questions.find((x) => x.code === code);
    const name = naming === 'question' && q ? `「${q.description}」` : `attribute[${code}] `;
    return { ok: false as const, code, message: `${name}${message}` };
  };
  for (const code of given.keys()) if (!questions.some((q) => q.code === code)) return fail(code, '不是该类别的附加问题');
  const answers: QuestionAnswer[] = [];
  for (const q of orderedQuestions(questions)) {
    const values = (given.get(q.code) ?? []).map((v) => v.trim()).filter(Boolean);
    if (!values.length) {
      if (q.required) return fail(q.code, naming === 'question' ? '为必答题，请回答' : `必填（${q.description}）`);
      continue;
    }
    const label = (k: string) => q.values.find((v) => v.key === k)?.name;
    const base = { code: q.code, question: q.description, datatype: q.datatype };
    switch (q.datatype) {
      case 'singlevaluelist':
        if (values.length > 1 || !label(values[0])) return fail(q.code, `须为以下之一：${q.values.map((v) => v.key).join(', ')}`);
        answers.push({ ...base, value: values[0], display: label(values[0])! });
        break;
      case 'multivaluelist': {
        const keys = [
          ...new Set(
            values
              .flatMap((v) => v.split(','))
              .map((v) => v.trim())
              .filter(Boolean),
          ),
        ];
        const unknown = keys.filter((k) => !label(k));
        if (unknown.length) return fail(q.code, `含未知取值：${unknown.join(', ')}`);
        answers.push({ ...base, value: keys, display: keys.map((k) => label(k)).join('、') });
        break;
      }
      case 'number': {
        const n = Number(values[0]);
        if (values.length > 1 || !/^-?\d+(\.\d+)?$/.test(values[0]) || !Number.isFinite(n) || Math.abs(n) > 1e9)
          return fail(q.code, '须为一个数字');
        answers.push({ ...base, value: n, display: String(n) });
        break;
      }
      case 'datetime': {
        const d = new Date(values[0]);
        if (values.length > 1 || !W3C.test(values[0]) || Number.isNaN(d.getTime()))
          return fail(q.code, '须为 W3C 日期时间，如 2026-12-01T08:30:00+08:00');
        answers.push({ ...base, value: d.toISOString(), display: values[0] });
        break;
      }
      default: {
        const max = q.datatype === 'text' ? 1000 : 100;
        if (values.length > 1) return fail(q.code, '只能有一个值');
        if (values[0].length > max) return fail(q.code, `不超过 ${max} 字`);
        answers.push({ ...base, value: values[0], display: values[0] });
      }
    }
  }
  return { ok: true, answers };
}

/**
 * A question coded `severity` whose answer is one of the loop's severities sets the reported problem's severity
 * (an office may ask 「是否影响通行安全」 with the values normal / major / serious / urgent); otherwise normal.
 */
export function severityFromAnswers<S extends string>(answers: readonly QuestionAnswer[], severities: readonly S[], fallback: S): S {
  const v = answers.find((a) => a.code === 'severity')?.value;
  return typeof v === 'string' && (severities as readonly string[]).includes(v) ? (v as S) : fallback;
}
