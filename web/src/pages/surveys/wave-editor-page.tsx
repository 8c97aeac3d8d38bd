/**
 * 新建调查 / 编辑调查 (/surveys/waves/new, /surveys/waves/:id/edit): questionnaire version, dates, sample size and the
 * population of each town × respondent group, with the quota the server will set shown live (the same
 * `allocateQuotas`); interviewers and their towns. A wave is edited only while 筹备中; server errors appear by field.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useRegionTree, type RegionNode } from '../../api/regions';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { RemoteSelect } from '../../components/remote-select';
import { useCreateWave, useQuestionnaire, useQuestionnaires, useUpdateWave, useWave, type WaveInput } from '../../api/surveys';
import { cellKey, fieldErrors, previewQuotas, quotaByCell } from './wave-quotas';

interface FormValues {
  questionnaireId?: string;
  name?: string;
  regionId?: string;
  dates?: [Dayjs, Dayjs];
  targetSize?: number;
  quotaByGender: boolean;
  minDurationSeconds: number;
  publicLink: boolean;
}

interface InterviewerDraft {
  key: number;
  userId?: string;
  name?: string;
  townIds: string[];
}

/** Form fields the server's validation names (the rest is shown above the form). */
const FIELD_OF: Record<string, keyof FormValues> = {
  questionnaireId: 'questionnaireId',
  name: 'name',
  regionId: 'regionId',
  startsOn: 'dates',
  endsOn: 'dates',
  targetSize: 'targetSize',
  minDurationSeconds: 'minDurationSeconds',
};
const SECTION_OF: Record<string, string> = { population: '人口', interviewers: '访问员', version: '版本' };

function findNode(nodes: RegionNode[], id: string | undefined): RegionNode | undefined {
  if (!id) return undefined;
  for (const n of nodes) {
    if (String(n.id) === id) return n;
    const inner = findNode(n.children ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

/** The towns (乡镇/街道) of the chosen region: its children at town level, or the region itself when it is a town. */
function townsOf(node: RegionNode | undefined): Array<{ id: string; name: string }> {
  if (!node) return [];
  if (node.level === 'town') return [{ id: String(node.id), name: node.name }];
  return (node.children ?? []).filter((c) => c.level === 'town').map((c) => ({ id: String(c.id), name: c.name }));
}

export default function WaveEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [form] = Form.useForm<FormValues>();
  const wave = useWave(id);
  const create = useCreateWave();
  const update = useUpdateWave();
  const tree = useRegionTree();
  const [qSearch, setQSearch] = useState('');
  const questionnaires = useQuestionnaires({ search: qSearch || undefined, pageSize: 100 });
  const questionnaireId = Form.useWatch('questionnaireId', form);
  const regionId = Form.useWatch('regionId', form);
  const targetSize = Form.useWatch('targetSize', form) ?? 0;
  const byGender = Form.useWatch('quotaByGender', form) ?? false;
  const questionnaire = useQuestionnaire(questionnaireId);
  const [population, setPopulation] = useState<Record<string, number | null>>({});
  const [interviewers, setInterviewers] = useState<InterviewerDraft[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!wave.data || loaded) return;
    const w = wave.data;
    form.setFieldsValue({
      questionnaireId: String(w.questionnaire.id),
      name: w.name,
      regionId: String(w.regionId),
      dates: [dayjs(w.startsOn), dayjs(w.endsOn)],
      targetSize: w.targetSize,
      quotaByGender: w.quotaByGender,
      minDurationSeconds: w.minDurationSeconds,
      publicLink: w.publicToken !== null,
    });
    setPopulation(Object.fromEntries(w.population.map((p) => [cellKey(String(p.townId), p.groupCode), p.population])));
    setInterviewers(w.interviewers.map((i, k) => ({ key: k, userId: String(i.userId), name: i.name, townIds: i.townIds.map(String) })));
    setLoaded(true);
  }, [wave.data, loaded, form]);

  const towns = useMemo(() => townsOf(findNode(tree.data?.items ?? [], regionId)), [tree.data, regionId]);
  const groups = useMemo(() => questionnaire.data?.definition.groups ?? [], [questionnaire.data]);
  const rows = useMemo(
    () =>
      towns.flatMap((t) =>
        groups.map((g) => ({ townId: t.id, groupCode: g.code, population: Math.max(0, population[cellKey(t.id, g.code)] ?? 0) })),
      ),
    [towns, groups, population],
  );
  const filled = rows.filter((r) => r.population > 0);
  const preview = useMemo(() => previewQuotas(targetSize, filled, byGender), [targetSize, filled, byGender]);
  const quotas = useMemo(() => quotaByCell(preview), [preview]);
  const totalPopulation = filled.reduce((a, r) => a + r.population, 0);

  if (id && wave.isLoading) return <PageLoading />;
  if (id && !wave.data) return <Alert type="error" showIcon title="调查不存在或无权查看" />;
  if (wave.data && wave.data.state !== 'draft')
    return <Alert type="warning" showIcon title="调查已开始，不能再修改" action={<Link to={`/surveys/waves/${id}`}>查看进度</Link>} />;

  const questionnaireOptions = (questionnaires.data?.items ?? [])
    .filter((q) => q.latest && !q.retired)
    .map((q) => ({ value: String(q.id), label: `${q.name}（第 ${q.version} 版）` }));
  if (wave.data && !questionnaireOptions.some((o) => o.value === String(wave.data.questionnaire.id)))
    questionnaireOptions.unshift({
      value: String(wave.data.questionnaire.id),
      label: `${wave.data.questionnaire.name}（第 ${wave.data.questionnaire.version} 版）`,
    });

  const submit = async () => {
    setProblems([]);
    const values = await form.validateFields();
    const townIds = new Set(towns.map((t) => t.id));
    const body: WaveInput = {
      questionnaireId: values.questionnaireId!,
      regionId: values.regionId!,
      name: values.name!,
      startsOn: values.dates![0].format('YYYY-MM-DD'),
      endsOn: values.dates![1].format('YYYY-MM-DD'),
      targetSize: values.targetSize!,
      quotaByGender: values.quotaByGender,
      minDurationSeconds: values.minDurationSeconds,
      publicLink: values.publicLink,
      population: filled,
      interviewers: interviewers
        .filter((i) => i.userId)
        .map((i) => ({ userId: i.userId!, townIds: i.townIds.filter((t) => townIds.has(t)) })),
    };
    const local: string[] = [];
    if (filled.length === 0) local.push('人口：请填写各乡镇各类人群的人口');
    if (interviewers.some((i) => i.userId && i.townIds.length === 0)) local.push('访问员：请为每位访问员选择乡镇');
    if (local.length) return setProblems(local);
    try {
      const saved =
        id && wave.data ? await update.mutateAsync({ id, ...body, version: wave.data.version }) : await create.mutateAsync(body);
      message.success(id ? '调查已保存' : '调查已建立（筹备中），核对后即可开始调查');
      navigate(`/surveys/waves/${saved.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const byField = fieldErrors(error.message);
      if (byField.length === 0) return setProblems([error.message]);
      const formFields = new Map<keyof FormValues, string[]>();
      const rest: string[] = [];
      for (const e of byField) {
        const top = e.field.split('.')[0];
        const f = FIELD_OF[top];
        if (f) formFields.set(f, [...(formFields.get(f) ?? []), e.message]);
        else rest.push(`${SECTION_OF[top] ?? '填写内容'}：${e.message}`);
      }
      form.setFields([...formFields].map(([name, errors]) => ({ name, errors })));
      setProblems(rest.length ? rest : ['请按提示修改后再保存']);
    }
  };

  const popInput = (townId: string, townName: string, g: { code: string; label: string }) => {
    const key = cellKey(townId, g.code);
    return (
      <div style={{ minWidth: 72 }}>
        <InputNumber
          aria-label={`${townName}${g.label}人口`}
          min={0}
          max={50_000_000}
          precision={0}
          style={{ width: '100%' }}
          value={population[key] ?? null}
          onChange={(v) => setPopulation((p) => ({ ...p, [key]: v }))}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`quota-${townName}-${g.code}`}>
          配额 {quotas.get(key) ?? 0}
        </Typography.Text>
      </div>
    );
  };
  const townQuota = (townId: string) => groups.reduce((a, g) => a + (quotas.get(cellKey(townId, g.code)) ?? 0), 0);
  const townPop = (townId: string) => groups.reduce((a, g) => a + Math.max(0, population[cellKey(townId, g.code)] ?? 0), 0);
  const quotaTotal = preview.reduce((a, c) => a + c.quota, 0);

  const populationTable = phone ? (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {towns.map((t) => (
        <Card key={t.id} size="small" title={t.name} extra={<span>配额 {townQuota(t.id)}</span>}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
            {groups.map((g) => (
              <label key={g.code}>
                <div style={{ fontSize: 12 }}>{g.label}</div>
                {popInput(t.id, t.name, g)}
              </label>
            ))}
          </div>
        </Card>
      ))}
    </Space>
  ) : (
    <Table<{ id: string; name: string }>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={towns}
      scroll={{ x: groups.length > 6 ? 'max-content' : undefined }}
      columns={[
        { title: '乡镇（街道）', dataIndex: 'name', fixed: 'left', width: 110 },
        ...groups.map((g) => ({
          title: g.label,
          key: g.code,
          render: (_: unknown, t: { id: string; name: string }) => popInput(t.id, t.name, g),
        })),
        { title: '人口合计', key: 'pop', align: 'right' as const, render: (_: unknown, t) => townPop(t.id).toLocaleString('zh-CN') },
        { title: '配额合计', key: 'quota', align: 'right' as const, render: (_: unknown, t) => townQuota(t.id) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          {groups.map((g, i) => (
            <Table.Summary.Cell key={g.code} index={i + 1}>
              配额 {towns.reduce((a, t) => a + (quotas.get(cellKey(t.id, g.code)) ?? 0), 0)}
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={groups.length + 1} align="right">
            {totalPopulation.toLocaleString('zh-CN')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={groups.length + 2} align="right">
            <strong data-testid="quota-total">{quotaTotal}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageTitle title={id ? '编辑调查' : '新建调查'} subTitle="按各乡镇、各类人群的人口分配样本配额；开始调查后配额和访问员不再修改" />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="未能保存"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ quotaByGender: false, minDurationSeconds: 180, publicLink: true }}
        onValuesChange={() => problems.length && setProblems([])}
      >
        <Card size="small" title="基本信息" style={{ marginBottom: 16 }}>
          <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : 'repeat(2, minmax(0, 1fr))', columnGap: 16 }}>
            <Form.Item
              name="questionnaireId"
              label="问卷"
              rules={[{ required: true, message: '请选择问卷' }]}
              extra="只列出各问卷的最新版本"
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setQSearch }}
                options={questionnaireOptions}
                loading={questionnaires.isFetching}
                placeholder="选择问卷"
                notFoundContent="没有可用的问卷，请先在问卷设计中建立"
              />
            </Form.Item>
            <Form.Item name="name" label="调查名称" rules={[{ required: true, whitespace: true, message: '请填写调查名称' }, { max: 100 }]}>
              <Input placeholder="如：2026年第四季度群众满意度调查" maxLength={100} />
            </Form.Item>
            <Form.Item name="regionId" label="调查区域（县区）" rules={[{ required: true, message: '请选择调查区域' }]}>
              <RegionTreeSelect allowClear={false} placeholder="选择县区" />
            </Form.Item>
            <Form.Item name="dates" label="调查日期" rules={[{ required: true, message: '请选择调查日期' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
            </Form.Item>
            <Form.Item name="targetSize" label="目标样本量" rules={[{ required: true, message: '请填写样本量' }]}>
              <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} suffix="份" />
            </Form.Item>
            <Form.Item name="minDurationSeconds" label="最短用时" extra="短于此用时的访问标为“用时过短”，由办公室复核">
              <InputNumber min={0} max={7200} precision={0} style={{ width: '100%' }} suffix="秒" />
            </Form.Item>
            <Form.Item name="quotaByGender" label="按性别分配" valuePropName="checked" extra="每个配额格再分男、女各半">
              <Switch />
            </Form.Item>
            <Form.Item name="publicLink" label="公众链接" valuePropName="checked" extra="群众可扫码自行填写；公众答卷单独统计，不占配额">
              <Switch />
            </Form.Item>
          </div>
        </Card>
      </Form>

      <Card
        size="small"
        title="人口与配额"
        style={{ marginBottom: 16 }}
        extra={
          <span data-testid="quota-summary">
            样本 {targetSize || 0} 份 · 已分配 {quotaTotal}
          </span>
        }
      >
        {!regionId || !questionnaireId ? (
          <Typography.Text type="secondary">请先选择问卷和调查区域，再按乡镇、人群填写人口。</Typography.Text>
        ) : towns.length === 0 ? (
          <Alert type="warning" showIcon title="所选区域下没有乡镇（街道），请选择县区" />
        ) : groups.length === 0 ? (
          <PageLoading />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              配额按人口比例分配（最大余数法），与服务器开始调查时的计算一致。人口为 0 或未填的格子不分配样本。
            </Typography.Paragraph>
            {populationTable}
          </>
        )}
      </Card>

      <Card size="small" title="访问员" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {interviewers.length === 0 && <Typography.Text type="secondary">尚未指派访问员（可稍后再指派）。</Typography.Text>}
          {interviewers.map((row, index) => (
            <div key={row.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
              <RemoteSelect
                path="/api/users"
                resource="users"
                aria-label={`第${index + 1}位访问员`}
                placeholder="搜索姓名或账号"
                style={{ width: phone ? '100%' : 220 }}
                value={row.userId}
                initialOptions={row.userId && row.name ? [{ id: row.userId, name: row.name }] : []}
                onChange={(v) =>
                  setInterviewers((list) =>
                    list.map((r) => (r.key === row.key ? { ...r, userId: v === undefined ? undefined : String(v) } : r)),
                  )
                }
              />
              <Select
                mode="multiple"
                aria-label={`第${index + 1}位访问员的乡镇`}
                placeholder="负责的乡镇"
                style={{ flex: 1, minWidth: phone ? '100%' : 280 }}
                value={row.townIds}
                options={towns.map((t) => ({ value: t.id, label: t.name }))}
                onChange={(v: string[]) => setInterviewers((list) => list.map((r) => (r.key === row.key ? { ...r, townIds: v } : r)))}
              />
              <Button
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`移除第${index + 1}位访问员`}
                onClick={() => setInterviewers((list) => list.filter((r) => r.key !== row.key))}
              />
            </div>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setInterviewers((list) => [...list, { key: Date.now() + list.length, townIds: [] }])}
            disabled={towns.length === 0}
          >
            添加访问员
          </Button>
        </Space>
      </Card>

      <Space wrap>
        <Button type="primary" onClick={() => void submit().catch(() => undefined)} loading={create.isPending || update.isPending}>
          {id ? '保存' : '保存调查'}
        </Button>
        <Link to={id ? `/surveys/waves/${id}` : '/surveys'}>
          <Button>取消</Button>
        </Link>
      </Space>
    </div>
  );
}
