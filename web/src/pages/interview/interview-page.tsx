/**
 * 访问 (the interviewer's phone, works with no signal): the method and the respondent's profile first; an ineligible
 * respondent ends the interview politely (recorded, no answers); a full quota cell is refused right there, counting
 * my interviews still waiting on this phone; then one question per screen with skip logic, required checks and a
 * progress bar. The interview is a draft in localStorage as it goes (继续上次访问 / 放弃); on submit it goes into the
 * interview outbox with its clientId and is sent when online. GPS is asked once, optional.
 */
import { DisconnectOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import {
  GENDER_LABELS,
  GENDERS,
  INTERVIEW_METHOD_LABELS,
  INTERVIEW_METHODS,
  RESIDENCE_BANDS,
  allQuestions,
  isEligible,
  isShown,
  validateAnswers,
  type AnswerValue,
  type Answers,
  type QuestionDef,
  type RespondentProfile,
} from '@common/surveys';
import { Alert, Button, Card, Input, InputNumber, Popconfirm, Progress, Result, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../../api/auth';
import { useMyWaves, type MyWave } from '../../api/interview';
import { PageLoading } from '../../components/page-loading';
import { newClientId } from '../../components/report-outbox';
import { queueInterview, type QueuedInterview } from '../../components/survey-outbox';
import { SurveyOutboxRunner } from '../../components/survey-outbox-runner';
import { useOnline } from '../field/use-device';
import { SingleChoice, MultipleChoice } from './choice-list';
import { dropDraft, loadDraft, saveDraft, type InterviewDraft } from './draft';
import { leftFor, useInterviews } from './use-interviews';

type Phase = 'resume' | 'interview' | 'ineligible' | 'done';

function freshDraft(waveId: string, method: InterviewDraft['method'] = 'door'): InterviewDraft {
  const now = new Date().toISOString();
  return { clientId: newClientId(), waveId, method, profile: {}, answers: {}, startedAt: now, stage: 'profile', index: 0, updatedAt: now };
}

function answered(v: AnswerValue | undefined): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim().length > 0;
  return Number.isFinite(v);
}

/** The questions shown for these answers, in order, and the answers to them only (a changed answer hides later ones). */
function shownQuestions(all: QuestionDef[], answers: Answers): { questions: QuestionDef[]; kept: Answers } {
  const kept: Answers = {};
  const questions: QuestionDef[] = [];
  for (const q of all) {
    if (!isShown(q, kept)) continue;
    questions.push(q);
    if (answered(answers[q.code])) kept[q.code] = answers[q.code];
  }
  return { questions, kept };
}

export default function InterviewPage() {
  const { waveId = '' } = useParams();
  const { data: session } = useSession();
  const userId = session ? String(session.user.id) : null;
  const waves = useMyWaves(userId);
  const wave = waves.data?.waves.find((w) => w.id === waveId);
  const online = useOnline();

  if (!session || !userId) return <PageLoading />;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <SurveyOutboxRunner session={session} />
      {!online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined aria-hidden />}
          role="status"
          style={{ marginBottom: 12 }}
          title="网络已断开"
          description="可以继续访问，问卷先保存在本机，联网后自动同步。"
        />
      )}
      {wave ? (
        <Interview key={wave.id} wave={wave} userId={userId} />
      ) : waves.isPending && !waves.data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Result
          status="404"
          title="找不到这项调查"
          subTitle={waves.isError ? '暂时无法加载调查任务，联网后再试' : '调查可能已结束，或未分配给您'}
          extra={<BackButton />}
        />
      )}
    </div>
  );
}

function BackButton() {
  const navigate = useNavigate();
  return (
    <Button size="large" onClick={() => void navigate('/interview')}>
      返回调查任务
    </Button>
  );
}

function Interview({ wave, userId }: { wave: MyWave; userId: string }) {
  const def = wave.definition;
  const all = useMemo(() => allQuestions(def), [def]);
  const { items, loaded } = useInterviews(userId);
  const [draft, setDraft] = useState<InterviewDraft>(() => loadDraft(userId, wave.id) ?? freshDraft(wave.id));
  const [phase, setPhase] = useState<Phase>(() => (loadDraft(userId, wave.id) ? 'resume' : 'interview'));
  const [error, setError] = useState<string | null>(null);
  const [storageError, setStorageError] = useState(false);
  const [refusedCell, setRefusedCell] = useState(false);
  const [busy, setBusy] = useState(false);

  const update = useCallback(
    (fn: (d: InterviewDraft) => InterviewDraft) => {
      setDraft((d) => {
        const next = fn(d);
        setStorageError(!saveDraft(userId, next));
        return next;
      });
      setError(null);
    },
    [userId],
  );

  // GPS once per interview, optional: the interview goes on without it.
  const locating = phase === 'interview' && !draft.location;
  useEffect(() => {
    if (!locating || !('geolocation' in navigator)) return;
    let alive = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        if (!alive) return;
        const location = { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: Math.min(pos.coords.accuracy, 100_000) };
        setDraft((d) => (d.location ? d : { ...d, location }));
      },
      () => undefined,
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 120_000 },
    );
    return () => {
      alive = false;
    };
  }, [locating, draft.clientId]);

  const { questions, kept } = useMemo(() => shownQuestions(all, draft.answers), [all, draft.answers]);

  const startNext = () => {
    dropDraft(userId, wave.id);
    setDraft(freshDraft(wave.id, draft.method));
    setRefusedCell(false);
    setError(null);
    setPhase('interview');
    window.scrollTo(0, 0);
  };

  if (phase === 'resume') {
    const p = draft.profile;
    return (
      <Card variant="borderless" title="有一份未完成的访问">
        <Typography.Paragraph>
          {wave.name}：{dayjs(draft.startedAt).format('M月D日 HH:mm')} 开始
          {p.gender ? `，${GENDER_LABELS[p.gender]}` : ''}
          {p.age !== undefined ? `，${p.age}岁` : ''}
          {draft.stage === 'questions' ? `，已答到第 ${Math.min(draft.index + 1, questions.length)} 题` : '，正在填写基本情况'}。
        </Typography.Paragraph>
        <Button type="primary" size="large" block style={{ marginBottom: 12 }} onClick={() => setPhase('interview')}>
          继续上次访问
        </Button>
        <Popconfirm
          title="放弃上次的访问？"
          description="已填写的内容将被删除，无法恢复。"
          okText="放弃"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={startNext}
        >
          <Button size="large" block danger>
            放弃，重新开始
          </Button>
        </Popconfirm>
      </Card>
    );
  }

  if (phase === 'ineligible') {
    return (
      <Result
        status="info"
        title="访问结束"
        subTitle={def.ineligibleText}
        extra={[
          <Typography.Paragraph key="n" type="secondary">
            已记为不符合调查条件，联网后自动同步。
          </Typography.Paragraph>,
          <Button key="next" type="primary" size="large" onClick={startNext}>
            访问下一位
          </Button>,
          <BackButton key="back" />,
        ]}
      />
    );
  }

  if (phase === 'done') {
    return (
      <Result
        status="success"
        title="问卷已保存"
        subTitle={def.closing}
        extra={[
          <Typography.Paragraph key="n" type="secondary">
            已放入待同步，联网后自动提交。
          </Typography.Paragraph>,
          <Button key="next" type="primary" size="large" onClick={startNext}>
            访问下一位
          </Button>,
          <BackButton key="back" />,
        ]}
      />
    );
  }

  const enqueue = async (eligible: boolean, answers: Answers) => {
    const profile = draft.profile as RespondentProfile;
    const item: QueuedInterview = {
      clientId: draft.clientId,
      userId,
      waveId: wave.id,
      waveName: wave.name,
      eligible,
      createdAt: new Date().toISOString(),
      status: 'queued',
      attempts: 0,
      body: {
        clientId: draft.clientId,
        method: draft.method,
        profile: { townId: profile.townId, group: profile.group, gender: profile.gender, age: profile.age, residence: profile.residence },
        answers,
        location: draft.location,
        startedAt: draft.startedAt,
        finishedAt: new Date().toISOString(),
      },
    };
    setBusy(true);
    try {
      await queueInterview(item);
      dropDraft(userId, wave.id);
      window.scrollTo(0, 0);
      return true;
    } catch {
      setError('本机存储不可用，问卷未能保存，请检查浏览器设置后重试');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const p = draft.profile;
  const cell = p.townId && p.group && p.gender ? leftFor(wave, items, p.townId, p.group, p.gender) : undefined;
  const cellFull = cell !== undefined && (cell === null || cell.left <= 0);
  // An ineligible respondent is recorded whatever the quota (they never fill one).
  const knownIneligible =
    p.age !== undefined && p.age !== null && !!p.residence && !isEligible(def, { age: p.age, residence: p.residence });
  const showFull = (refusedCell || cellFull) && !knownIneligible;

  const finishProfile = async () => {
    const missing = [
      !p.townId && '乡镇（街道）',
      !p.group && '调查对象',
      !p.gender && '性别',
      (p.age === undefined || p.age === null) && '年龄',
      !p.residence && '居住年限',
    ].filter(Boolean);
    if (missing.length) {
      setError(`请填写：${missing.join('、')}`);
      return;
    }
    if (!isEligible(def, { age: p.age!, residence: p.residence! })) {
      if (await enqueue(false, {})) setPhase('ineligible');
      return;
    }
    if (!loaded || cellFull) {
      setRefusedCell(true);
      return;
    }
    update((d) => ({ ...d, stage: 'questions', index: 0 }));
    window.scrollTo(0, 0);
  };

  if (draft.stage === 'profile') {
    return (
      <Card variant="borderless" styles={{ body: { padding: 16 } }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {def.title}
        </Typography.Title>
        {def.intro && (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {def.intro}
          </Typography.Paragraph>
        )}
        {storageError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="本机存储不可用，草稿无法保存" />}
        <Field label="访问方式">
          <SingleChoice
            label="访问方式"
            columns={2}
            options={INTERVIEW_METHODS.map((m) => ({ value: m, label: INTERVIEW_METHOD_LABELS[m] }))}
            value={draft.method}
            onChange={(v) => update((d) => ({ ...d, method: v as InterviewDraft['method'] }))}
          />
        </Field>
        <Field label="乡镇（街道）">
          <SingleChoice
            label="乡镇（街道）"
            columns={wave.towns.length > 3 ? 2 : 1}
            options={wave.towns.map((t) => ({ value: t.id, label: t.name }))}
            value={p.townId}
            onChange={(v) => {
              setRefusedCell(false);
              update((d) => ({ ...d, profile: { ...d.profile, townId: v } }));
            }}
          />
        </Field>
        <Field label="调查对象">
          <SingleChoice
            label="调查对象"
            columns={2}
            options={def.groups.map((g) => ({ value: g.code, label: g.label }))}
            value={p.group}
            onChange={(v) => {
              setRefusedCell(false);
              update((d) => ({ ...d, profile: { ...d.profile, group: v } }));
            }}
          />
        </Field>
        <Field label="性别">
          <SingleChoice
            label="性别"
            columns={2}
            options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
            value={p.gender}
            onChange={(v) => {
              setRefusedCell(false);
              update((d) => ({ ...d, profile: { ...d.profile, gender: v as RespondentProfile['gender'] } }));
            }}
          />
        </Field>
        <Field label="年龄（周岁）">
          <InputNumber
            aria-label="年龄（周岁）"
            size="large"
            inputMode="numeric"
            min={0}
            max={120}
            precision={0}
            style={{ width: '100%' }}
            value={p.age ?? null}
            onChange={(v) => update((d) => ({ ...d, profile: { ...d.profile, age: typeof v === 'number' ? v : undefined } }))}
          />
        </Field>
        <Field label="在本地居住年限">
          <SingleChoice
            label="在本地居住年限"
            columns={2}
            options={RESIDENCE_BANDS.map((b) => ({ value: b.code, label: b.label }))}
            value={p.residence}
            onChange={(v) => update((d) => ({ ...d, profile: { ...d.profile, residence: v as RespondentProfile['residence'] } }))}
          />
        </Field>
        {cell && !cellFull && !knownIneligible && (
          <Typography.Paragraph type="secondary">
            该类受访者还差 {cell.left} 份（{cell.townName} · {cell.label}）
          </Typography.Paragraph>
        )}
        {showFull && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title="配额已满"
            description={
              loaded
                ? '该乡镇（街道）这类受访者的配额已满（含本机待同步的问卷），请另选一位受访者。'
                : '正在读取本机待同步的问卷，请稍候再试。'
            }
          />
        )}
        {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />}
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={cellFull && !knownIneligible}
          onClick={() => void finishProfile()}
        >
          下一步
        </Button>
        <GiveUp userId={userId} waveId={wave.id} />
      </Card>
    );
  }

  // Questions, one per screen.
  const index = Math.min(draft.index, questions.length - 1);
  const q = questions[index];
  const section = def.sections.find((s) => s.questions.some((x) => x.code === q.code))!;
  const last = index === questions.length - 1;
  const value = draft.answers[q.code];

  const setAnswer = (v: AnswerValue | undefined) =>
    update((d) => {
      const answers = { ...d.answers };
      if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') delete answers[q.code];
      else answers[q.code] = v;
      return { ...d, answers };
    });

  const next = async () => {
    if (q.required && !answered(value)) {
      setError('本题为必答题，请作答后继续');
      return;
    }
    if (!last) {
      update((d) => ({ ...d, index: index + 1 }));
      window.scrollTo(0, 0);
      return;
    }
    const problems = validateAnswers(def, kept);
    if (problems.length) {
      setError(problems[0]);
      return;
    }
    if (await enqueue(true, kept)) setPhase('done');
  };

  const back = () => {
    if (index === 0) update((d) => ({ ...d, stage: 'profile' }));
    else update((d) => ({ ...d, index: index - 1 }));
    window.scrollTo(0, 0);
  };

  const options = (q.choices ?? []).map((c) => ({ value: c.code, label: c.label }));
  const multi = q.type === 'multiple' || (q.type === 'knowledge' && !!q.multi);

  return (
    <Card variant="borderless" styles={{ body: { padding: 16 } }}>
      <Progress
        percent={Math.round((index / questions.length) * 100)}
        showInfo={false}
        aria-label={`进度 第 ${index + 1} 题，共 ${questions.length} 题`}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{section.title}</Typography.Text>
        <Typography.Text type="secondary">
          第 {index + 1} / {questions.length} 题
        </Typography.Text>
      </div>
      <Typography.Title level={5} style={{ marginTop: 0 }} id={`q-${q.code}`}>
        {q.text}
        {!q.required && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            （选填）
          </Typography.Text>
        )}
        {multi && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            （可多选）
          </Typography.Text>
        )}
      </Typography.Title>
      {q.help && <Typography.Paragraph type="secondary">{q.help}</Typography.Paragraph>}
      {q.type === 'number' ? (
        <InputNumber
          aria-labelledby={`q-${q.code}`}
          size="large"
          inputMode="decimal"
          min={q.min}
          max={q.max}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => setAnswer(typeof v === 'number' ? v : undefined)}
        />
      ) : q.type === 'text' ? (
        <Input.TextArea
          aria-labelledby={`q-${q.code}`}
          rows={4}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => setAnswer(e.target.value)}
        />
      ) : multi ? (
        <MultipleChoice label={q.text} options={options} value={Array.isArray(value) ? value : []} onChange={setAnswer} />
      ) : (
        <SingleChoice label={q.text} options={options} value={typeof value === 'string' ? value : undefined} onChange={setAnswer} />
      )}
      {storageError && <Alert type="error" showIcon style={{ marginTop: 12 }} title="本机存储不可用，草稿无法保存" />}
      {error && <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={error} />}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 8, marginTop: 16 }}>
        <Button size="large" icon={<LeftOutlined aria-hidden />} onClick={back}>
          上一题
        </Button>
        <Button type="primary" size="large" loading={busy} onClick={() => void next()}>
          {last ? '提交问卷' : '下一题'}
          {!last && <RightOutlined aria-hidden />}
        </Button>
      </div>
      {last && <TooFast startedAt={draft.startedAt} minSeconds={wave.minDurationSeconds} />}
      <GiveUp userId={userId} waveId={wave.id} />
    </Card>
  );
}

/** On the last question: a reminder when the interview would be flagged as too fast (the server flags it, never refuses). */
function TooFast({ startedAt, minSeconds }: { startedAt: string; minSeconds: number }) {
  const [seconds] = useState(() => Math.round((Date.now() - Date.parse(startedAt)) / 1000));
  if (!minSeconds || seconds >= minSeconds) return null;
  return (
    <Typography.Paragraph type="warning" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
      本次访问用时约 {Math.max(1, Math.round(seconds / 60))} 分钟，少于 {Math.ceil(minSeconds / 60)}{' '}
      分钟的问卷会被标记为待核查，请确认已逐题询问。
    </Typography.Paragraph>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/** 放弃本次访问 (with confirmation): the draft is deleted, nothing is sent. */
function GiveUp({ userId, waveId }: { userId: string; waveId: string }) {
  const navigate = useNavigate();
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Popconfirm
        title="放弃本次访问？"
        description="已填写的内容将被删除，不会提交。"
        okText="放弃"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onConfirm={() => {
          dropDraft(userId, waveId);
          void navigate('/interview');
        }}
      >
        <Button type="link" danger>
          放弃本次访问
        </Button>
      </Popconfirm>
    </div>
  );
}
