/**
 * 问卷设计 (the builder's state): a questionnaire definition edited as plain data. Question codes (Q1, Q2 …) stay with
 * their question when it moves, so skip logic keeps pointing at it; choice codes follow the order (A, B, C …) and
 * every reference to them (正确答案, 显示条件 of later questions) follows the renaming. Pure functions, no React.
 */
import {
  DEFAULT_RESPONDENT_GROUPS,
  QUESTION_TYPES,
  SCALE_PRESETS,
  questionnaireDefinition,
  validateDefinition,
  type ChoiceDef,
  type QuestionDef,
  type QuestionnaireDefinition,
  type QuestionType,
  type ScalePreset,
} from '@common/surveys';

export type Draft = QuestionnaireDefinition;
export type SectionDraft = Draft['sections'][number];

export const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple', 'scale', 'knowledge'];
export const hasChoices = (q: Pick<QuestionDef, 'type'>) => CHOICE_TYPES.includes(q.type);

/** A, B, … Z, then Z1, Z2 … (codes start with a letter). */
export function choiceLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `Z${i - 25}`;
}

function nextCode(prefix: string, used: string[]): string {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const max = used.reduce((m, c) => Math.max(m, Number(pattern.exec(c)?.[1] ?? 0)), 0);
  return `${prefix}${max + 1}`;
}

export const questionCodes = (d: Draft) => d.sections.flatMap((s) => s.questions.map((q) => q.code));
export const nextQuestionCode = (d: Draft) => nextCode('Q', questionCodes(d));
export const nextSectionCode = (d: Draft) =>
  nextCode(
    'S',
    d.sections.map((s) => s.code),
  );
export const nextGroupCode = (d: Draft) =>
  nextCode(
    'G',
    d.groups.map((g) => g.code),
  );

/** A new question of a type, with the choices that type starts with. */
export function newQuestion(code: string, type: QuestionType): QuestionDef {
  return withType({ code, type: 'text', text: '', required: true }, type);
}

/** The question turned into another type: choices kept where both types have them, the rate fitted to the type. */
export function withType(q: QuestionDef, type: QuestionType): QuestionDef {
  const base: QuestionDef = { code: q.code, type, text: q.text, help: q.help, required: q.required, showIf: q.showIf };
  if (type === 'number' || type === 'text') return base;
  if (type === 'scale') return applyPreset(base, 'satisfaction');
  const kept = hasChoices(q) && q.choices?.length ? q.choices.map((c) => ({ code: c.code, label: c.label })) : undefined;
  const choices = kept ?? [
    { code: 'A', label: '' },
    { code: 'B', label: '' },
  ];
  if (type === 'knowledge') return { ...base, choices, rate: 'awareness', correct: [], multi: false };
  return { ...base, choices: choices.map((c) => ({ ...c, counts: false })), rate: null };
}

/** A standard scale: its choices (copied) and the rate it feeds. */
export function applyPreset(q: QuestionDef, preset: ScalePreset): QuestionDef {
  const p = SCALE_PRESETS[preset];
  return {
    ...q,
    scale: preset,
    rate: p.rate,
    choices: p.choices.map((c) => ({ ...c })),
    correct: undefined,
    multi: undefined,
  };
}

export function blankDefinition(title = ''): Draft {
  const parsed = questionnaireDefinition.parse({
    title: title || '问卷',
    sections: [{ code: 'S1', title: '第一部分', questions: [{ code: 'Q1', type: 'text', text: '题目' }] }],
  });
  return {
    ...parsed,
    title,
    groups: DEFAULT_RESPONDENT_GROUPS.map((g) => ({ ...g })),
    sections: [{ code: 'S1', title: '第一部分', questions: [newQuestion('Q1', 'scale')] }],
  };
}

function mapQuestions(d: Draft, fn: (q: QuestionDef) => QuestionDef): Draft {
  return { ...d, sections: d.sections.map((s) => ({ ...s, questions: s.questions.map(fn) })) };
}

export function updateQuestion(d: Draft, code: string, fn: (q: QuestionDef) => QuestionDef): Draft {
  return mapQuestions(d, (q) => (q.code === code ? fn(q) : q));
}

/**
 * Replace a question's choices (added, removed or moved): codes follow the new order, and the question's correct
 * answers and later questions' 显示条件 are renamed with them (a removed choice leaves both).
 */
export function setChoices(d: Draft, code: string, next: Array<ChoiceDef & { from?: string }>): Draft {
  const rename = new Map<string, string>();
  const choices = next.map(({ from, ...c }, i) => {
    const fresh = choiceLetter(i);
    if (from) rename.set(from, fresh);
    return { ...c, code: fresh };
  });
  const renamed = (codes: string[]) => codes.flatMap((c) => (rename.has(c) ? [rename.get(c)!] : []));
  return mapQuestions(d, (q) => {
    if (q.code === code) return { ...q, choices, correct: q.correct ? renamed(q.correct) : q.correct };
    if (q.showIf?.question === code) {
      const anyOf = renamed(q.showIf.anyOf);
      return { ...q, showIf: { ...q.showIf, anyOf } };
    }
    return q;
  });
}

/** The choices as they are, each remembering its code (for setChoices). */
export const currentChoices = (q: QuestionDef) => (q.choices ?? []).map((c) => ({ ...c, from: c.code }));

function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/** Up or down within its section; past the section's edge it goes to the end (start) of the neighbouring section. */
export function moveQuestion(d: Draft, code: string, delta: -1 | 1): Draft {
  const si = d.sections.findIndex((s) => s.questions.some((q) => q.code === code));
  if (si < 0) return d;
  const section = d.sections[si];
  const qi = section.questions.findIndex((q) => q.code === code);
  const to = qi + delta;
  if (to >= 0 && to < section.questions.length) {
    return { ...d, sections: d.sections.map((s, i) => (i === si ? { ...s, questions: move(s.questions, qi, delta) } : s)) };
  }
  const ti = si + delta;
  if (ti < 0 || ti >= d.sections.length || section.questions.length === 1) return d;
  const q = section.questions[qi];
  return {
    ...d,
    sections: d.sections.map((s, i) => {
      if (i === si) return { ...s, questions: s.questions.filter((x) => x.code !== code) };
      if (i === ti) return { ...s, questions: delta < 0 ? [...s.questions, q] : [q, ...s.questions] };
      return s;
    }),
  };
}

/** Remove a question; later questions shown only after it lose that condition. */
export function removeQuestion(d: Draft, code: string): Draft {
  const out = { ...d, sections: d.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.code !== code) })) };
  return mapQuestions(out, (q) => (q.showIf?.question === code ? { ...q, showIf: undefined } : q));
}

export function addQuestion(d: Draft, sectionCode: string, type: QuestionType): Draft {
  const q = newQuestion(nextQuestionCode(d), type);
  return { ...d, sections: d.sections.map((s) => (s.code === sectionCode ? { ...s, questions: [...s.questions, q] } : s)) };
}

export function addSection(d: Draft): Draft {
  const code = nextSectionCode(d);
  const section: SectionDraft = { code, title: '', questions: [newQuestion(nextQuestionCode(d), 'single')] };
  return { ...d, sections: [...d.sections, section] };
}

export function moveSection(d: Draft, code: string, delta: -1 | 1): Draft {
  return {
    ...d,
    sections: move(
      d.sections,
      d.sections.findIndex((s) => s.code === code),
      delta,
    ),
  };
}

export function removeSection(d: Draft, code: string): Draft {
  const gone = d.sections.find((s) => s.code === code)?.questions.map((q) => q.code) ?? [];
  return gone.reduce(removeQuestion, { ...d, sections: d.sections.filter((s) => s.code !== code) });
}

/** The earlier questions a question's 显示条件 may name: choice questions before it. */
export function earlierChoiceQuestions(d: Draft, code: string): QuestionDef[] {
  const out: QuestionDef[] = [];
  for (const q of d.sections.flatMap((s) => s.questions)) {
    if (q.code === code) break;
    if (hasChoices(q) && q.choices?.length) out.push(q);
  }
  return out;
}

/** Position of each question in the whole questionnaire (第 N 题). */
export function numbering(d: Draft): Map<string, number> {
  return new Map(questionCodes(d).map((c, i) => [c, i + 1]));
}

const FIELD_NAMES: Record<string, string> = {
  title: '问卷标题',
  intro: '开场白',
  closing: '结束语',
  ineligibleText: '不符合条件时的结束语',
  groups: '调查对象',
  eligibility: '受访条件',
};

/** The definition as sent: every check the server makes on it, in the browser first, with the same Chinese messages. */
export function checkDraft(d: Draft): { ok: true; definition: Draft } | { ok: false; errors: string[] } {
  const cleaned: Draft = mapQuestions(d, (q) => {
    const out: QuestionDef = { ...q };
    if (!out.help) delete out.help;
    if (!hasChoices(out)) {
      delete out.choices;
      delete out.rate;
      delete out.correct;
      delete out.multi;
      delete out.scale;
    }
    if (out.type !== 'knowledge') {
      delete out.correct;
      delete out.multi;
    }
    if (out.type !== 'scale') delete out.scale;
    if (out.type !== 'number') {
      delete out.min;
      delete out.max;
    }
    if (!out.showIf) delete out.showIf;
    if (out.rate === undefined) delete out.rate;
    return out;
  });
  const parsed = questionnaireDefinition.safeParse(cleaned);
  if (!parsed.success) {
    const numbers = numbering(d);
    const errors = parsed.error.issues.map((issue) => {
      const [head, a, , b] = issue.path;
      if (head === 'sections' && typeof a === 'number') {
        const section = d.sections[a];
        const q = typeof b === 'number' ? section?.questions[b] : undefined;
        const where = q ? `第 ${numbers.get(q.code)} 题（${q.code}）` : `第 ${a + 1} 部分`;
        return `${where}：${issue.message}`;
      }
      const name = FIELD_NAMES[String(head)];
      return name ? `${name}：${issue.message}` : issue.message;
    });
    return { ok: false, errors: [...new Set(errors)] };
  }
  const errors = validateDefinition(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

export const QUESTION_TYPE_OPTIONS = QUESTION_TYPES;
