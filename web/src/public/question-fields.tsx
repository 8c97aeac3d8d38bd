/**
 * 附加问题 on the 随手拍 form: the chosen category's extra questions (data the office edits; Open311 asks the same ones),
 * one field per question by its datatype — chips for a choice, a number pad for a number, the phone's date-time picker
 * for a time (Beijing time). The server checks every answer again (common/category-questions.ts checkAnswers); this
 * file checks only what a person fixes before sending (a required one unanswered, a number that is not one), so the
 * public bundle does not load the shared zod schema.
 */
import type { PublicQuestion } from '@common/contracts/public-reports';

/** Answers by question code: a text, or the keys chosen. */
export type Answers = Record<string, string | string[]>;

/** The answers to send: empty ones left out; a date-time as W3C with the +08:00 offset. */
export function answersToSend(questions: readonly PublicQuestion[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const v = answers[q.code];
    if (Array.isArray(v)) {
      if (v.length) out[q.code] = v;
    } else if (v && v.trim()) {
      out[q.code] = q.datatype === 'datetime' ? `${v.length === 16 ? `${v}:00` : v}+08:00` : v.trim();
    }
  }
  return out;
}

/** The first thing to fix before sending, or null. */
export function answersProblem(questions: readonly PublicQuestion[], answers: Answers): string | null {
  for (const q of questions) {
    const v = answers[q.code];
    const empty = Array.isArray(v) ? v.length === 0 : !v?.trim();
    if (empty) {
      if (q.required) return `请回答「${q.description}」`;
      continue;
    }
    if (q.datatype === 'number' && !/^-?\d+(\.\d+)?$/.test(String(v).trim())) return `「${q.description}」请填写数字`;
  }
  return null;
}

export function QuestionFields({
  questions,
  answers,
  onChange,
}: {
  questions: readonly PublicQuestion[];
  answers: Answers;
  onChange: (next: Answers) => void;
}) {
  if (!questions.length) return null;
  const set = (code: string, v: string | string[]) => onChange({ ...answers, [code]: v });
  return (
    <div className="pp-questions" data-testid="category-questions">
      {questions.map((q) => {
        const id = `q-${q.code}`;
        const label = (
          <span className={`pp-label${q.required ? ' pp-required' : ''}`} id={`${id}-label`}>
            {q.description}
            {!q.required && '（选填）'}
          </span>
        );
        if (q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist') {
          const multi = q.datatype === 'multivaluelist';
          const chosen = ([] as string[]).concat(answers[q.code] ?? []);
          const toggle = (key: string) => {
            if (multi) set(q.code, chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key]);
            // A second tap clears a single choice (an optional question may be left unanswered).
            else set(q.code, chosen[0] === key ? '' : key);
          };
          return (
            <div className="pp-field" key={q.code}>
              {label}
              {multi && <span className="pp-muted">（可多选）</span>}
              <div className="pp-chips" role="group" aria-labelledby={`${id}-label`}>
                {q.values.map((v) => (
                  <button type="button" key={v.key} className="pp-chip" aria-pressed={chosen.includes(v.key)} onClick={() => toggle(v.key)}>
                    {v.name}
                  </button>
                ))}
              </div>
            </div>
          );
        }
        const value = typeof answers[q.code] === 'string' ? (answers[q.code] as string) : '';
        return (
          <label className="pp-field" key={q.code}>
            {label}
            {q.datatype === 'text' ? (
              <textarea className="pp-textarea" value={value} maxLength={1000} onChange={(e) => set(q.code, e.target.value)} />
            ) : (
              <input
                className="pp-input"
                value={value}
                type={q.datatype === 'datetime' ? 'datetime-local' : 'text'}
                inputMode={q.datatype === 'number' ? 'decimal' : undefined}
                maxLength={q.datatype === 'string' ? 100 : 40}
                onChange={(e) => set(q.code, e.target.value)}
              />
            )}
          </label>
        );
      })}
    </div>
  );
}
