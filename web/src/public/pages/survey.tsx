/**
 * /s/:waveToken: 问卷调查's public link — anyone answers the wave's questionnaire on a phone, no account. Intro, the
 * respondent's profile (town, identity, gender, age, residence), a polite end when not eligible, the questions with
 * skip logic and required checks (common/survey-logic.ts, the server's own check, without zod), the proof of work
 * solved in the background, then thanks. One answer per phone: a second one is told 已提交过.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PublicSurveyDto } from '@common/contracts/surveys';
import {
  allQuestions,
  GENDER_LABELS,
  GENDERS,
  isEligible,
  isShown,
  RESIDENCE_BANDS,
  validateAnswers,
  type Answers,
  type AnswerValue,
} from '@common/survey-logic';
import type { QuestionDef, QuestionnaireDefinition } from '@common/surveys';
import { getJson, postJson, PublicApiError } from '../api';
import { useProof } from '../challenge';
import { deviceId } from '../device';
import './survey.css';

type Survey = Omit<PublicSurveyDto, 'definition'> & { definition: QuestionnaireDefinition };
interface Profile {
  townId: string;
  group: string;
  gender: string;
  age: string;
  residence: string;
}
type Step = 'intro' | 'profile' | 'questions' | 'done';

const DONE_KEY = 'cc-public-surveys';
const answeredHere = (token: string) => (localStorage.getItem(DONE_KEY) ?? '').split(',').includes(token);
const rememberAnswered = (token: string) =>
  localStorage.setItem(DONE_KEY, [token, ...(localStorage.getItem(DONE_KEY) ?? '').split(',').filter(Boolean)].slice(0, 50).join(','));

export default function SurveyPage({ params }: { params: Record<string, string> }) {
  const token = params.waveToken ?? '';
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>('intro');
  const [profile, setProfile] = useState<Profile>({ townId: '', group: '', gender: '', age: '', residence: '' });
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ eligible: boolean; message: string; already?: boolean } | null>(null);
  const { progress, start: startProof, take: takeProof } = useProof();
  const startedAt = useRef(new Date().toISOString());

  useEffect(() => {
    const town = new URLSearchParams(window.location.search).get('town');
    getJson<Survey>(`/api/public/surveys/${encodeURIComponent(token)}${town ? `?town=${encodeURIComponent(town)}` : ''}`)
      .then((s) => {
        setSurvey(s);
        setProfile((p) => ({ ...p, townId: s.townId ?? (s.towns.length === 1 ? s.towns[0]!.id : '') }));
        if (answeredHere(token)) {
          setDone({ eligible: true, message: '您已提交过本问卷，感谢参与', already: true });
          setStep('done');
        } else if (s.open) startProof();
      })
      .catch((e: Error) => setLoadError(e instanceof PublicApiError && e.status === 404 ? '问卷链接无效或已失效' : e.message));
  }, [token, startProof]);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [step]);

  if (loadError) return <div className="pp-card pp-error">{loadError}</div>;
  if (!survey) return <p className="pp-muted">加载中…</p>;
  const def = survey.definition;

  const send = async (eligible: boolean) => {
    setSending(true);
    setErrors([]);
    try {
      const p = await takeProof();
      const res = await postJson<{ eligible: boolean; message: string }>(`/api/public/surveys/${encodeURIComponent(token)}/responses`, {
        deviceId: deviceId(),
        proof: p,
        profile: { ...profile, age: Number(profile.age) },
        answers: eligible ? answers : {},
        startedAt: startedAt.current,
      });
      rememberAnswered(token);
      setDone(res);
      setStep('done');
    } catch (e) {
      if (e instanceof PublicApiError && e.status === 409 && e.code === 'duplicate') {
        rememberAnswered(token);
        setDone({ eligible: true, message: e.message, already: true });
        setStep('done');
      } else {
        setErrors([e instanceof Error ? e.message : '提交失败，请重试']);
        // A proof is spent only by a response that was kept; a new one after any refusal keeps the next try simple.
        startProof();
      }
    } finally {
      setSending(false);
    }
  };

  const handleProfile = (e: FormEvent) => {
    e.preventDefault();
    const missing: string[] = [];
    if (!profile.townId) missing.push('请选择所在乡镇（街道）');
    if (!profile.group) missing.push('请选择您的身份');
    if (!profile.gender) missing.push('请选择性别');
    const age = Number(profile.age);
    if (!profile.age || !Number.isInteger(age) || age < 1 || age > 120) missing.push('请填写周岁年龄（整数）');
    if (!profile.residence) missing.push('请选择在本地居住的时间');
    setErrors(missing);
    if (missing.length) return;
    if (!isEligible(def, { age, residence: profile.residence as 'gt3y' })) void send(false);
    else setStep('questions');
  };

  const handleQuestions = (e: FormEvent) => {
    e.preventDefault();
    const problems = validateAnswers(def, answers);
    setErrors(problems);
    if (!problems.length) void send(true);
  };

  const setAnswer = (q: QuestionDef, v: AnswerValue | undefined) => {
    setErrors([]);
    setAnswers((prev) => {
      const next = { ...prev };
      if (v === undefined || (Array.isArray(v) && !v.length) || v === '') delete next[q.code];
      else next[q.code] = v;
      // Answers to questions the new answer hides are dropped (the server refuses them).
      for (const x of allQuestions(def)) if (!isShown(x, next)) delete next[x.code];
      return next;
    });
  };

  const errorBox = errors.length > 0 && (
    <div className="pp-error sv-errors" role="alert">
      {errors.slice(0, 5).map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );

  if (step === 'done' && done) {
    return (
      <div className="pp-card sv-end">
        <h2>{done.already ? '已提交过' : done.eligible ? '提交成功' : '感谢您的配合'}</h2>
        <p>{done.message}</p>
        {!done.already && done.eligible && <p className="pp-muted">您的回答已匿名提交，仅用于统计分析。</p>}
      </div>
    );
  }

  if (!survey.open) {
    return (
      <div className="pp-card sv-end">
        <h2>{survey.name}</h2>
        <p>{survey.message}</p>
      </div>
    );
  }

  if (step === 'intro') {
    return (
      <div className="pp-card">
        <h2>{def.title}</h2>
        <p className="pp-muted">{survey.name}</p>
        {def.intro && <p className="sv-intro">{def.intro}</p>}
        <p className="pp-muted">本问卷匿名填写，不收集姓名、电话等个人信息；每台手机限填一次。</p>
        <button type="button" className="pp-btn pp-btn-primary pp-btn-block" onClick={() => setStep('profile')}>
          开始填写
        </button>
      </div>
    );
  }

  if (step === 'profile') {
    const set = (k: keyof Profile) => (v: string) => {
      setErrors([]);
      setProfile((p) => ({ ...p, [k]: v }));
    };
    return (
      <form onSubmit={handleProfile} noValidate>
        <div className="pp-card">
          <h2>基本情况</h2>
          <label className="pp-field">
            <span className="pp-label pp-required">所在乡镇（街道）</span>
            <select className="pp-select" value={profile.townId} onChange={(e) => set('townId')(e.target.value)}>
              <option value="">请选择</option>
              {survey.towns.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <Chips label="您的身份" options={def.groups.map((g) => [g.code, g.label])} value={profile.group} onChange={set('group')} />
          <Chips label="性别" options={GENDERS.map((g) => [g, GENDER_LABELS[g]])} value={profile.gender} onChange={set('gender')} />
          <label className="pp-field">
            <span className="pp-label pp-required">年龄（周岁）</span>
            <input
              className="pp-input"
              inputMode="numeric"
              maxLength={3}
              value={profile.age}
              onChange={(e) => set('age')(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <Chips
            label="在本地居住的时间"
            options={RESIDENCE_BANDS.map((b) => [b.code, b.label])}
            value={profile.residence}
            onChange={set('residence')}
          />
          {errorBox}
          <button type="submit" className="pp-btn pp-btn-primary pp-btn-block" disabled={sending}>
            {sending ? '提交中…' : '下一步'}
          </button>
        </div>
      </form>
    );
  }

  let n = 0;
  return (
    <form onSubmit={handleQuestions} noValidate>
      {def.sections.map((s) => {
        const shown = s.questions.filter((q) => isShown(q, answers));
        if (!shown.length) return null;
        return (
          <div className="pp-card" key={s.code}>
            <h2>{s.title}</h2>
            {shown.map((q) => (
              <Question key={q.code} number={++n} q={q} value={answers[q.code]} onChange={(v) => setAnswer(q, v)} />
            ))}
          </div>
        );
      })}
      <div className="pp-card">
        <div className="pp-progress" aria-hidden>
          <div style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
        <p className="pp-muted">{progress >= 1 ? '安全验证已完成' : '正在进行安全验证（无需操作）…'}</p>
        {errorBox}
        <button type="submit" className="pp-btn pp-btn-primary pp-btn-block" disabled={sending}>
          {sending ? '提交中…' : '提交问卷'}
        </button>
      </div>
    </form>
  );
}

function Chips({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<readonly [string, string]>;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="pp-field">
      <span className="pp-label pp-required">{label}</span>
      <div className="pp-chips" role="group" aria-label={label}>
        {options.map(([code, text]) => (
          <button type="button" key={code} className="pp-chip" aria-pressed={value === code} onClick={() => onChange(code)}>
            {text}
          </button>
        ))}
      </div>
    </div>
  );
}

function Question({
  number,
  q,
  value,
  onChange,
}: {
  number: number;
  q: QuestionDef;
  value: AnswerValue | undefined;
  onChange: (v: AnswerValue | undefined) => void;
}) {
  const multi = q.type === 'multiple' || (q.type === 'knowledge' && !!q.multi);
  const picked = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const id = `sv-${q.code}`;
  return (
    <fieldset className="sv-question" aria-labelledby={id}>
      <legend id={id} className={q.required ? 'pp-required' : undefined}>
        {number}. {q.text}
        {multi && !q.text.includes('多选') && <span className="pp-muted">（可多选）</span>}
      </legend>
      {q.help && <p className="pp-muted">{q.help}</p>}
      {q.choices?.length ? (
        <div className="sv-choices" role={multi ? 'group' : 'radiogroup'} aria-labelledby={id}>
          {q.choices.map((c) => {
            const on = picked.includes(c.code);
            return (
              <button
                type="button"
                key={c.code}
                role={multi ? 'checkbox' : 'radio'}
                aria-checked={on}
                className="sv-choice"
                onClick={() =>
                  multi
                    ? onChange(on ? picked.filter((x) => x !== c.code) : [...picked, c.code])
                    : onChange(on && !q.required ? undefined : c.code)
                }
              >
                {c.label}
              </button>
            );
          })}
        </div>
      ) : q.type === 'number' ? (
        <input
          className="pp-input"
          inputMode="decimal"
          aria-labelledby={id}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) =>
            onChange(e.target.value.trim() === '' || Number.isNaN(Number(e.target.value)) ? undefined : Number(e.target.value))
          }
        />
      ) : (
        <textarea
          className="pp-textarea"
          aria-labelledby={id}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </fieldset>
  );
}
