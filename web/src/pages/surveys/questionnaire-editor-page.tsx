/**
 * 问卷设计 (/surveys/questionnaires/new and /surveys/questionnaires/:id): title and texts, respondent groups,
 * eligibility (age range, months of residence), sections and their questions (types, choices with 计入/有效, the
 * standard scales, knowledge questions' correct answers, the rate each feeds, number ranges, 显示条件), and a preview.
 * The definition is checked in the browser with the server's own rules (validateDefinition) before it is sent.
 * Saving an existing questionnaire makes its next version: a version used by a wave stays as it was.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from '@common/surveys';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  ConfigProvider,
  Drawer,
  Dropdown,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import {
  downloadQuestionnaire,
  useCreateQuestionnaire,
  useQuestionnaire,
  useRetireQuestionnaire,
  useUpdateQuestionnaire,
  type Questionnaire,
} from '../../api/surveys';
import { notifyError } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import {
  addQuestion,
  addSection,
  blankDefinition,
  checkDraft,
  moveQuestion,
  moveSection,
  nextGroupCode,
  numbering,
  removeQuestion,
  removeSection,
  type Draft,
} from './builder-model';
import { QuestionEditor } from './builder-question';
import { QuestionnairePreview } from './builder-preview';

const LIST = '/surveys?tab=questionnaires';

function Label({ text, children }: { text: string; children: React.ReactNode }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12, minWidth: 0 }}>
      <Typography.Text type="secondary">{text}</Typography.Text>
      {children}
    </label>
  );
}

/** Messages of a refused save: the server's Chinese text, one line per problem. */
function messagesOf(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) return null;
  const rows = (error.rows ?? []).map((r) => r.message);
  return [...error.message.split(/[；;]\s*/).filter(Boolean), ...rows];
}

function Basics({ draft, set }: { draft: Draft; set: (d: Draft) => void }) {
  const e = draft.eligibility;
  return (
    <>
      <Label text="问卷标题（受访者看到的标题）">
        <Input aria-label="问卷标题" value={draft.title} maxLength={100} onChange={(x) => set({ ...draft, title: x.target.value })} />
      </Label>
      <Label text="开场白">
        <Input.TextArea
          aria-label="开场白"
          value={draft.intro}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder="您好！我们正在开展创建全国文明城市群众满意度调查，耽误您几分钟时间……"
          onChange={(x) => set({ ...draft, intro: x.target.value })}
        />
      </Label>
      <Label text="结束语">
        <Input.TextArea
          aria-label="结束语"
          value={draft.closing}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(x) => set({ ...draft, closing: x.target.value })}
        />
      </Label>
      <Label text="不符合受访条件时的结束语">
        <Input.TextArea
          aria-label="不符合条件时的结束语"
          value={draft.ineligibleText}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(x) => set({ ...draft, ineligibleText: x.target.value })}
        />
      </Label>
      <Typography.Text type="secondary">受访条件</Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '4px 0 12px', alignItems: 'center' }}>
        <InputNumber
          aria-label="最小年龄"
          min={0}
          max={120}
          value={e.minAge}
          suffix="岁"
          style={{ width: 100 }}
          onChange={(v) => set({ ...draft, eligibility: { ...e, minAge: v ?? 0 } })}
        />
        <span>至</span>
        <InputNumber
          aria-label="最大年龄"
          min={0}
          max={120}
          value={e.maxAge}
          suffix="岁"
          style={{ width: 100 }}
          onChange={(v) => set({ ...draft, eligibility: { ...e, maxAge: v ?? 0 } })}
        />
        <span>在本地居住满</span>
        <InputNumber
          aria-label="最少居住月数"
          min={0}
          max={120}
          value={e.minResidenceMonths}
          suffix="个月"
          style={{ width: 110 }}
          onChange={(v) => set({ ...draft, eligibility: { ...e, minResidenceMonths: v ?? 0 } })}
        />
      </div>
      <Typography.Text type="secondary">调查对象类别（配额按乡镇 × 类别分配）</Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 4 }}>
        {draft.groups.map((g, i) => (
          <Space.Compact key={g.code} style={{ width: 190, maxWidth: '100%' }}>
            <Input
              aria-label={`调查对象类别${i + 1}`}
              value={g.label}
              maxLength={30}
              onChange={(x) => set({ ...draft, groups: draft.groups.map((y, j) => (j === i ? { ...y, label: x.target.value } : y)) })}
            />
            <Button
              aria-label={`删除类别${g.label}`}
              icon={<DeleteOutlined aria-hidden />}
              disabled={draft.groups.length <= 1}
              onClick={() => set({ ...draft, groups: draft.groups.filter((_, j) => j !== i) })}
            />
          </Space.Compact>
        ))}
        <Button
          icon={<PlusOutlined aria-hidden />}
          disabled={draft.groups.length >= 20}
          onClick={() => set({ ...draft, groups: [...draft.groups, { code: nextGroupCode(draft), label: '' }] })}
        >
          添加类别
        </Button>
      </div>
    </>
  );
}

function Sections({ draft, set, readOnly }: { draft: Draft; set: (d: Draft) => void; readOnly: boolean }) {
  const numbers = numbering(draft);
  const total = numbers.size;
  return (
    <>
      {draft.sections.map((s, si) => (
        <Card
          key={s.code}
          data-section={s.code}
          size="small"
          style={{ marginBottom: 16, background: '#fafafa' }}
          styles={{ body: { padding: 12 } }}
          title={`第 ${si + 1} 部分`}
          extra={
            !readOnly && (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  aria-label="上移部分"
                  icon={<ArrowUpOutlined aria-hidden />}
                  disabled={si === 0}
                  onClick={() => set(moveSection(draft, s.code, -1))}
                />
                <Button
                  type="text"
                  size="small"
                  aria-label="下移部分"
                  icon={<ArrowDownOutlined aria-hidden />}
                  disabled={si === draft.sections.length - 1}
                  onClick={() => set(moveSection(draft, s.code, 1))}
                />
                <Popconfirm
                  title={`删除第 ${si + 1} 部分？`}
                  description={`其中的 ${s.questions.length} 道题一并删除`}
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  disabled={draft.sections.length <= 1}
                  onConfirm={() => set(removeSection(draft, s.code))}
                >
                  <Button
                    type="text"
                    size="small"
                    danger
                    aria-label="删除部分"
                    icon={<DeleteOutlined aria-hidden />}
                    disabled={draft.sections.length <= 1}
                  />
                </Popconfirm>
              </Space>
            )
          }
        >
          <Label text="部分标题">
            <Input
              aria-label="部分标题"
              value={s.title}
              maxLength={100}
              placeholder="如：群众满意度"
              onChange={(x) =>
                set({ ...draft, sections: draft.sections.map((y) => (y.code === s.code ? { ...y, title: x.target.value } : y)) })
              }
            />
          </Label>
          {s.questions.map((q) => {
            const n = numbers.get(q.code)!;
            return (
              <QuestionEditor
                key={q.code}
                draft={draft}
                question={q}
                number={n}
                onChange={set}
                onMove={(delta) => set(moveQuestion(draft, q.code, delta))}
                onRemove={() => set(removeQuestion(draft, q.code))}
                canMoveUp={n > 1 && !(s.questions.length === 1)}
                canMoveDown={n < total && !(s.questions.length === 1)}
                readOnly={readOnly}
              />
            );
          })}
          {!readOnly && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: QUESTION_TYPES.map((t) => ({ key: t, label: QUESTION_TYPE_LABELS[t] })),
                onClick: ({ key }) => set(addQuestion(draft, s.code, key as QuestionType)),
              }}
            >
              <Button icon={<PlusOutlined aria-hidden />}>添加题目</Button>
            </Dropdown>
          )}
        </Card>
      ))}
      {!readOnly && (
        <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => set(addSection(draft))}>
          添加部分
        </Button>
      )}
    </>
  );
}

function Builder({ existing }: { existing?: Questionnaire }) {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const create = useCreateQuestionnaire();
  const update = useUpdateQuestionnaire();
  const retire = useRetireQuestionnaire();
  const [draft, setDraft] = useState<Draft>(() => (existing ? (existing.definition as Draft) : blankDefinition()));
  const [name, setName] = useState(existing?.name ?? '');
  const [regionId, setRegionId] = useState<string | undefined>(session?.user.regionId ?? undefined);
  const [shown, setShown] = useState<{ from: 'browser' | 'server'; list: string[] }>({ from: 'browser', list: [] });
  // Once the browser's check has refused a save, its list follows the edits (a fixed problem leaves it at once).
  const errors = useMemo(() => {
    if (shown.from === 'server' || !shown.list.length) return shown.list;
    const checked = checkDraft(draft);
    return [
      ...(name.trim() ? [] : ['请填写问卷名称']),
      ...(existing || regionId ? [] : ['请选择区划']),
      ...(checked.ok ? [] : checked.errors),
    ];
  }, [shown, draft, name, existing, regionId]);
  const setErrors = (list: string[], from: 'browser' | 'server' = 'browser') => setShown({ from, list });
  const [previewOpen, setPreviewOpen] = useState(false);
  const errorsRef = useRef<HTMLDivElement>(null);

  const latestVersion = existing ? Math.max(existing.version, ...existing.versions.map((v) => v.version)) : 0;
  const latestId = existing?.versions.find((v) => v.version === latestVersion)?.id;
  const readOnly = !!existing && (!existing.latest || !existing.abilities.update);
  const nextVersion = latestVersion + 1;
  const side = !!screens.xl;

  const showErrors = (list: string[], from: 'browser' | 'server' = 'browser') => {
    setErrors(list, from);
    requestAnimationFrame(() => errorsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }));
  };

  const save = async () => {
    const problems: string[] = [];
    if (!name.trim()) problems.push('请填写问卷名称');
    if (!existing && !regionId) problems.push('请选择区划');
    const checked = checkDraft(draft);
    if (!checked.ok) problems.push(...checked.errors);
    if (problems.length || !checked.ok) return showErrors(problems);
    setErrors([]);
    try {
      const saved = existing
        ? await update.mutateAsync({ id: existing.id, name: name.trim(), definition: checked.definition })
        : await create.mutateAsync({ regionId: regionId!, name: name.trim(), definition: checked.definition });
      message.success(existing ? `已保存为新版本 v${saved.version}` : '问卷已建立（v1）');
      navigate(`/surveys/questionnaires/${saved.id}`, { replace: true });
    } catch (error) {
      const list = messagesOf(error);
      if (list) showErrors(list, 'server');
      else notifyError(error);
    }
  };

  const title = existing ? `问卷：${existing.name}` : '新建问卷';
  const subTitle = existing
    ? `v${existing.version} · ${existing.regionName} · ${existing.questionCount} 题${existing.waveCount ? ` · ${existing.waveCount} 个调查在用` : ''}${existing.retired ? ' · 已停用' : ''}`
    : '设计题目、选项、计入的指标和跳题规则';

  const preview = <QuestionnairePreview draft={draft} />;
  return (
    <>
      <PageTitle
        title={title}
        subTitle={subTitle}
        extra={
          <Space wrap>
            {!side && (
              <Button icon={<EyeOutlined aria-hidden />} onClick={() => setPreviewOpen(true)}>
                预览
              </Button>
            )}
            {existing && (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => downloadQuestionnaire(existing.id, existing.name).catch(notifyError)}
              >
                导出
              </Button>
            )}
            {existing?.abilities.retire && !existing.retired && (
              <Popconfirm
                title="停用此问卷？"
                description="停用后不能再用于新的调查；已有调查不受影响"
                okText="停用"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={() => retire.mutateAsync(existing.id).then(() => message.success('问卷已停用'))}
              >
                <Button danger>停用</Button>
              </Popconfirm>
            )}
            <Button onClick={() => navigate(LIST)}>{readOnly ? '返回' : '取消'}</Button>
            {!readOnly && (
              <Button type="primary" loading={create.isPending || update.isPending} onClick={save}>
                {existing ? `保存为新版本（v${nextVersion}）` : '保存'}
              </Button>
            )}
          </Space>
        }
      />
      {existing && !existing.latest && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`这是历史版本 v${existing.version}（只读），最新为 v${latestVersion}`}
          action={latestId && <Link to={`/surveys/questionnaires/${latestId}`}>打开最新版本</Link>}
        />
      )}
      {existing && existing.latest && !readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            existing.waveCount
              ? `v${existing.version} 已被 ${existing.waveCount} 个调查使用，内容已冻结；保存后生成新版本 v${nextVersion}，这些调查仍使用 v${existing.version}。`
              : `保存后生成新版本 v${nextVersion}，v${existing.version} 保留在版本记录中。`
          }
        />
      )}
      {errors.length > 0 && (
        <div ref={errorsRef}>
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setErrors([]) }}
            style={{ marginBottom: 16 }}
            title="问卷未保存，请修改以下问题"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label="问卷错误">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
          />
        </div>
      )}
      <Row gutter={16}>
        <Col span={side ? 14 : 24}>
          <ConfigProvider componentDisabled={readOnly}>
            <Card variant="borderless" style={{ marginBottom: 16 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <Label text="问卷名称（列表中显示）">
                    <Input
                      aria-label="问卷名称"
                      value={name}
                      maxLength={100}
                      placeholder="如：2026年第四季度群众满意度问卷"
                      onChange={(x) => {
                        const before = name;
                        setName(x.target.value);
                        if (!existing && (draft.title === before || !draft.title)) setDraft({ ...draft, title: x.target.value });
                      }}
                    />
                  </Label>
                </div>
                {!existing && (
                  <div style={{ flex: '1 1 200px', minWidth: 0 }}>
                    <Label text="所属区划">
                      <RegionTreeSelect
                        aria-label="所属区划"
                        value={regionId}
                        onChange={(v) => setRegionId(v === undefined ? undefined : String(v))}
                        style={{ width: '100%' }}
                      />
                    </Label>
                  </div>
                )}
              </div>
              <Basics draft={draft} set={setDraft} />
              {existing && existing.versions.length > 1 && (
                <div style={{ marginTop: 12 }}>
                  <Typography.Text type="secondary">版本记录：</Typography.Text>
                  <Space wrap size={[12, 4]}>
                    {existing.versions.map((v) =>
                      v.id === existing.id ? (
                        <strong key={v.id}>v{v.version}</strong>
                      ) : (
                        <Link key={v.id} to={`/surveys/questionnaires/${v.id}`}>
                          v{v.version}
                          {v.waveCount ? `（${v.waveCount} 个调查）` : ''}
                        </Link>
                      ),
                    )}
                  </Space>
                </div>
              )}
            </Card>
            <Sections draft={draft} set={setDraft} readOnly={readOnly} />
          </ConfigProvider>
        </Col>
        {side && (
          <Col span={10}>
            <Card
              title="预览（受访者看到的问卷）"
              size="small"
              style={{ position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflow: 'auto' }}
            >
              {preview}
            </Card>
          </Col>
        )}
      </Row>
      {!side && (
        <Drawer title="预览" open={previewOpen} onClose={() => setPreviewOpen(false)} size="min(480px, 100vw)" placement="right">
          {preview}
        </Drawer>
      )}
    </>
  );
}

export default function QuestionnaireEditorPage() {
  const { id } = useParams();
  const questionnaire = useQuestionnaire(id);
  if (id && questionnaire.isLoading) return <PageLoading />;
  if (id && !questionnaire.data) return <Alert type="error" showIcon title="问卷不存在或无权查看" />;
  return <Builder key={questionnaire.data?.id ?? 'new'} existing={questionnaire.data} />;
}
