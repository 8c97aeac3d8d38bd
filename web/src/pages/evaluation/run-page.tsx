/**
 * One month's 考核结果: the ranking of each group (rank, score, 红榜/黑榜, 一票否决, what a black-list streak proposes),
 * each row opening to its indicators (value, points) and the records behind each value (数据来源); the workflow's
 * next step (公示 → 审定 → 发布, 重新计算 after publication); objections (申诉) and the office's answers; the bulletin
 * (.docx) and the figures (.xlsx). A unit in 公示 sees its own row only and may object to it.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { EVALUATION_ACTION_LABELS, OBJECTION_STATE_LABELS, type EvaluationAction } from '@common/evaluation-workflow';
import {
  App,
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { downloadFile } from '../../api/client';
import {
  useAnswerObjection,
  useFileObjection,
  useObjections,
  useProvenance,
  useRun,
  useRunResults,
  useRunTransition,
  type Objection,
  type ResultItem,
  type Run,
} from '../../api/evaluation';
import { formatTime } from '../../components/format';
import { notifyError } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { RunStateTag } from './evaluation-page';
import { BulletinTextButton } from './bulletin-text-modal';
import { fmt, RankingGroup } from './ranking-group';
import { ResponsiveList } from '../../components/responsive-list';

/** Where a provenance record is read in the web app. */
function recordLink(recordType: string, apiLink: string): string | null {
  const problem = /^\/api\/problems\/([0-9a-f-]{36})/.exec(apiLink);
  if (problem) return `/problems/${problem[1]}`;
  const round = /^\/api\/inspection-rounds\/([0-9a-f-]{36})/.exec(apiLink);
  if (round) return `/inspections/${round[1]}`;
  if (recordType === 'material') return '/materials';
  if (recordType === 'standard') return '/standards';
  return null;
}

const RECORD_TYPE_LABELS: Record<string, string> = {
  problem: '问题',
  visit: '测评记录',
  material: '材料',
  standard: '测评标准',
  manual_score: '人工评分',
};

function ProvenanceDrawer({ runId, item, onClose }: { runId: string; item: ResultItem | null; onClose: () => void }) {
  const provenance = useProvenance(runId, item?.subjectId);
  return (
    <Drawer title={item ? `${item.subjectName} 的数据来源` : ''} open={!!item} onClose={onClose} size="large" destroyOnHidden>
      {provenance.data && (
        <Typography.Paragraph type="secondary">
          按本次考核的口径（考核月份，计算时间 {formatTime(provenance.data.computedAt)}
          ）列出各指标的来源记录；计算后被修改的记录（如重新打开的问题）按现状显示。
        </Typography.Paragraph>
      )}
      {provenance.isLoading ? (
        <PageLoading />
      ) : (
        <List
          dataSource={provenance.data?.items ?? []}
          locale={{ emptyText: <Empty description="这些指标没有可查看的来源记录" /> }}
          renderItem={(p) => {
            const to = recordLink(p.recordType, p.link);
            return (
              <List.Item>
                <Space wrap>
                  <Tag>{p.indicatorName}</Tag>
                  <Tag color={p.counted ? 'red' : 'default'}>{p.counted ? '计入' : '未计入'}</Tag>
                  <span>{RECORD_TYPE_LABELS[p.recordType] ?? p.recordType}：</span>
                  {to ? <Link to={to}>{p.label}</Link> : <span>{p.label}</span>}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Drawer>
  );
}

function ObjectModal({ run, item, onClose }: { run: Run; item: ResultItem | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const file = useFileObjection(run.id);
  const { message } = App.useApp();
  return (
    <Modal
      title={item ? `对 ${item.subjectName} 的考核结果提出申诉` : ''}
      open={!!item}
      onCancel={onClose}
      okText="提交申诉"
      confirmLoading={file.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        await file.mutateAsync({ subjectId: item!.subjectId, reason: v.reason });
        message.success('申诉已提交，等待创建办答复');
        onClose();
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="申诉理由"
          name="reason"
          rules={[
            { required: true, message: '请填写申诉理由' },
            { min: 5, message: '申诉理由至少 5 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="说明哪项数据有误、原因和依据" />
        </Form.Item>
        {run.objectionDeadline && <Typography.Text type="secondary">申诉截止：{formatTime(run.objectionDeadline)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function AnswerModal({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const [form] = Form.useForm<{ decision: 'adjust' | 'reject'; reason: string; adjustment?: number }>();
  const decision = Form.useWatch('decision', form);
  const answer = useAnswerObjection();
  return (
    <Modal
      title={objection ? `答复 ${objection.subjectName} 的申诉` : ''}
      open={!!objection}
      onCancel={onClose}
      okText="提交答复"
      confirmLoading={answer.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        await answer.mutateAsync({ id: objection!.id, ...v });
        onClose();
      }}
    >
      <Typography.Paragraph>申诉理由：{objection?.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'reject' }}>
        <Form.Item label="答复" name="decision">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'adjust', label: '调整得分' },
              { value: 'reject', label: '驳回' },
            ]}
          />
        </Form.Item>
        {decision === 'adjust' && (
          <Form.Item label="调整分值（扣分填负数）" name="adjustment" rules={[{ required: true, message: '请填写调整分值' }]}>
            <InputNumber min={-100} max={100} step={0.5} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item label="答复理由" name="reason" rules={[{ required: true, message: '请填写答复理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Objections({ run }: { run: Run }) {
  const objections = useObjections(run.id);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const items = objections.data?.items ?? [];
  if (!items.length && !['publicized', 'signed_off'].includes(run.state)) return null;
  return (
    <Card variant="borderless" title="申诉" style={{ marginTop: 16 }}>
      <ResponsiveList<Objection>
        rowKey="id"
        size="middle"
        loading={objections.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无申诉' }}
        card={(o) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{o.subjectName}</strong>
              <Tag color={o.state === 'pending' ? 'orange' : o.state === 'adjusted' ? 'blue' : 'default'}>
                {OBJECTION_STATE_LABELS[o.state]}
              </Tag>
            </div>
            <div>{o.reason}</div>
            {o.answer && (
              <Typography.Text type="secondary">
                答复：{o.answer}
                {o.adjustment ? `（调整 ${o.adjustment > 0 ? '+' : ''}${o.adjustment} 分）` : ''}
              </Typography.Text>
            )}
          </div>
        )}
        cardActions={(o) =>
          o.abilities?.answer ? (
            <Button size="small" onClick={() => setAnswering(o)}>
              答复
            </Button>
          ) : null
        }
        columns={[
          { title: '考核对象', dataIndex: 'subjectName' },
          { title: '申诉理由', dataIndex: 'reason', width: 320 },
          { title: '提出时间', dataIndex: 'filedAt', render: formatTime },
          {
            title: '状态',
            dataIndex: 'state',
            render: (s: Objection['state']) => (
              <Tag color={s === 'pending' ? 'orange' : s === 'adjusted' ? 'blue' : 'default'}>{OBJECTION_STATE_LABELS[s]}</Tag>
            ),
          },
          {
            title: '答复',
            render: (_: unknown, o) =>
              o.answer ? `${o.answer}${o.adjustment ? `（调整 ${o.adjustment > 0 ? '+' : ''}${o.adjustment} 分）` : ''}` : '—',
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, o) =>
              o.abilities?.answer ? (
                <Button size="small" onClick={() => setAnswering(o)}>
                  答复
                </Button>
              ) : null,
          },
        ]}
      />
      <AnswerModal objection={answering} onClose={() => setAnswering(null)} />
    </Card>
  );
}

const CONFIRM: Record<EvaluationAction, string> = {
  publicize: '公示后，各单位可看到本单位的得分和排名，并可在申诉期内提出申诉。确定公示？',
  sign_off: '审定后由创建办发布，全县可见排名。确定审定？',
  publish: '发布后全县可见排名和红黑榜，结果冻结，不能再修改（可重新计算生成修订版）。确定发布？',
  revise: '将按当前数据重新计算，生成一份修订草稿，与已发布结果对比后再走公示、审定、发布。确定重新计算？',
};

function RunActions({ run }: { run: Run }) {
  const transition = useRunTransition(run.id);
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  return (
    <>
      {run.allowedActions.map((action) => (
        <Button
          key={action}
          type={action === 'revise' ? 'default' : 'primary'}
          loading={transition.isPending && transition.variables?.action === action}
          onClick={() =>
            modal.confirm({
              title: EVALUATION_ACTION_LABELS[action],
              content: CONFIRM[action],
              okText: EVALUATION_ACTION_LABELS[action],
              cancelText: '取消',
              onOk: async () => {
                try {
                  const out = await transition.mutateAsync({ action, version: run.version });
                  message.success(`已${EVALUATION_ACTION_LABELS[action]}`);
                  if (out.revisionId) navigate(`/evaluation/runs/${out.revisionId}`);
                } catch (error) {
                  notifyError(error);
                }
              },
            })
          }
        >
          {EVALUATION_ACTION_LABELS[action]}
        </Button>
      ))}
    </>
  );
}

function Downloads({ run }: { run: Run }) {
  const [busy, setBusy] = useState<string | null>(null);
  const get = async (what: 'bulletin.docx' | 'results.xlsx', name: string) => {
    setBusy(what);
    try {
      await downloadFile(`/api/evaluation/runs/${run.id}/${what}`, undefined, name);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={busy === 'bulletin.docx'}
        onClick={() => get('bulletin.docx', `${run.periodLabel}考核排名通报.docx`)}
      >
        通报（.docx）
      </Button>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={busy === 'results.xlsx'}
        onClick={() => get('results.xlsx', `${run.periodLabel}考核结果.xlsx`)}
      >
        考核结果（.xlsx）
      </Button>
    </>
  );
}

/** The run page. */
export default function RunPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const run = useRun(id);
  const results = useRunResults(id);
  const [sources, setSources] = useState<ResultItem | null>(null);
  const [objecting, setObjecting] = useState<ResultItem | null>(null);
  if (run.isLoading) return <PageLoading />;
  if (!run.data) return <Alert type="error" showIcon title="考核结果不存在或无权查看" />;
  const r = run.data;
  // A unit's head or liaison objects to its own row while the run is in 公示 (the server checks it is theirs).
  const canObject = r.state === 'publicized' && hasPermission(session, 'evaluation.object');
  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {r.periodLabel}考核结果 <RunStateTag state={r.state} />
          </Space>
        }
        subTitle={`${r.schemeName}（第 ${r.schemeVersion} 版）${r.revision > 1 ? `· 第 ${r.revision} 次修订` : ''}`}
        extra={
          <>
            <RunActions run={r} />
            <Downloads run={r} />
            {hasPermission(session, 'evaluation.manage') && r.state !== 'superseded' && <BulletinTextButton run={r} />}
            {(r.state === 'published' || r.state === 'superseded') &&
              (hasPermission(session, 'evaluation.read') || hasPermission(session, 'evaluation.object')) && (
                <Button onClick={() => navigate(`/rewards?runId=${r.id}`)}>奖惩兑现</Button>
              )}
          </>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'computed', label: '计算时间', children: formatTime(r.computedAt) },
            { key: 'publicized', label: '公示时间', children: formatTime(r.publicizedAt) },
            { key: 'deadline', label: '申诉截止', children: formatTime(r.objectionDeadline) },
            {
              key: 'signed',
              label: '审定',
              children: r.signedOffAt
                ? `${r.signedOffByName ?? ''} ${formatTime(r.signedOffAt)}${r.signOffComment ? `：${r.signOffComment}` : ''}`
                : '—',
            },
            { key: 'published', label: '发布时间', children: formatTime(r.publishedAt) },
            { key: 'pending', label: '待答复申诉', children: r.pendingObjections ? <Tag color="red">{r.pendingObjections}</Tag> : '无' },
          ]}
        />
        {r.diff && r.diff.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={`与已发布结果相比，${r.diff.length} 个考核对象的得分、排名或榜单有变化`}
            description={r.diff
              .slice(0, 10)
              .map(
                (d) =>
                  `${d.subjectName}：${d.before ? `${fmt(d.before.score)} 分第 ${d.before.rank} 名` : '无'} → ${d.after ? `${fmt(d.after.score)} 分第 ${d.after.rank} 名` : '无'}`,
              )
              .join('；')}
          />
        )}
      </Card>
      {results.data?.groups.map((group) => (
        <RankingGroup
          key={group.name}
          group={group}
          onSources={setSources}
          onObject={canObject ? setObjecting : undefined}
          period={r.period}
        />
      ))}
      {results.data && results.data.groups.length === 0 && <Empty description="暂无结果" />}
      <Objections run={r} />
      <ProvenanceDrawer runId={r.id} item={sources} onClose={() => setSources(null)} />
      <ObjectModal run={r} item={objecting} onClose={() => setObjecting(null)} />
    </>
  );
}
