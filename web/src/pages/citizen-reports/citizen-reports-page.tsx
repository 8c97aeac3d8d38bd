/**
 * 群众诉求 (the office): 待受理 — reports from the public door (随手拍, Open311, 12345) with their photos, accepted into
 * the loop, declined with a reason the citizen sees, or merged into a nearby open problem; 回访 — 不满意 ratings,
 * answered with a result and, when the problem is back, reopened.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Image, Input, Modal, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  useAcceptReport,
  useAnswerFollowup,
  useFollowups,
  useMergeCandidates,
  useMergeReport,
  useRejectReasons,
  useRejectReport,
  useTriageQueue,
  type FollowupItem,
  type TriageItem,
} from '../../api/citizen-reports';
import { fileUrls } from '../../api/files';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { PublicCategoriesButton } from './public-categories-modal';

const SOURCES = [
  { value: '', label: '全部来源' },
  { value: 'citizen', label: '随手拍' },
  { value: 'open311', label: 'Open311' },
  { value: 'hotline', label: '12345热线' },
];

function TriagePreview({ item, onDone }: { item: TriageItem; onDone: () => void }) {
  const reasons = useRejectReasons();
  const candidates = useMergeCandidates(item.abilities.merge ? item.id : null);
  const accept = useAcceptReport();
  const reject = useRejectReport();
  const merge = useMergeReport();
  const [mode, setMode] = useState<'none' | 'reject' | 'merge'>('none');
  const [reasonCode, setReasonCode] = useState<string>();
  const [note, setNote] = useState('');
  const [targetId, setTargetId] = useState<string>();
  const chosen = reasons.data?.items.find((r) => r.code === reasonCode);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="编号">
          <Link to={`/problems/${item.id}`}>{item.code}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="来源">
          <Tag>{item.sourceLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="类别">{item.categoryName}</Descriptions.Item>
        <Descriptions.Item label="区域">{item.regionName}</Descriptions.Item>
        <Descriptions.Item label="位置">
          {item.address ?? '—'}
          {item.lat !== null && item.lng !== null && (
            <Typography.Text type="secondary">
              {' '}
              ({item.lat.toFixed(5)}, {item.lng.toFixed(5)})
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="描述">{item.description}</Descriptions.Item>
        {item.answers.map((a) => (
          <Descriptions.Item key={a.question} label={a.question}>
            {a.display}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="反映人">
          {item.reporterName || '匿名'}
          {item.reporterPhone && ` · ${item.reporterPhone}${item.phoneVerified ? '（已验证）' : ''}`}
        </Descriptions.Item>
        <Descriptions.Item label="上报时间">{formatTime(item.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Image.PreviewGroup>
        <Space wrap>
          {item.photoIds.map((id) => (
            <Image
              key={id}
              width={120}
              height={90}
              style={{ objectFit: 'cover' }}
              src={fileUrls(id).thumbnailUrl}
              preview={{ src: fileUrls(id).evidenceUrl }}
              alt="现场照片"
            />
          ))}
        </Space>
      </Image.PreviewGroup>
      <Space wrap>
        <Button
          type="primary"
          disabled={!item.abilities.accept}
          loading={accept.isPending}
          onClick={() =>
            accept.mutate(
              { id: item.id, version: item.version },
              {
                onSuccess: () => {
                  notifySuccess(`${item.code} 已受理立案`);
                  onDone();
                },
              },
            )
          }
        >
          受理
        </Button>
        <Button danger disabled={!item.abilities.reject} onClick={() => setMode('reject')}>
          不予受理
        </Button>
        <Button disabled={!item.abilities.merge} onClick={() => setMode('merge')}>
          合并
        </Button>
      </Space>
      {mode === 'reject' && (
        <Card size="small" title="不予受理（群众可见的理由）">
          <Radio.Group value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            <Space direction="vertical">
              {reasons.data?.items
                .filter((r) => r.code !== 'duplicate')
                .map((r) => (
                  <Radio key={r.code} value={r.code}>
                    {r.label}
                  </Radio>
                ))}
            </Space>
          </Radio.Group>
          {chosen && <Alert style={{ marginTop: 8 }} type="info" showIcon message={`群众将看到：${chosen.publicText}`} />}
          <Input.TextArea
            style={{ marginTop: 8 }}
            rows={2}
            maxLength={500}
            placeholder="内部备注（群众不可见，选填）"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button
            style={{ marginTop: 8 }}
            danger
            type="primary"
            disabled={!reasonCode}
            loading={reject.isPending}
            onClick={() =>
              reject.mutate(
                { id: item.id, version: item.version, reasonCode: reasonCode!, note },
                {
                  onSuccess: () => {
                    notifySuccess(`${item.code} 不予受理`);
                    onDone();
                  },
                },
              )
            }
          >
            确认不予受理
          </Button>
        </Card>
      )}
      {mode === 'merge' && (
        <Card size="small" title="合并到附近的同类问题（50 米、14 天内）">
          {candidates.data?.items.length === 0 && <Typography.Text type="secondary">附近没有可合并的问题</Typography.Text>}
          <Radio.Group value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            <Space direction="vertical">
              {candidates.data?.items.map((c) => (
                <Radio key={c.id} value={c.id}>
                  {c.code} · {c.stateLabel} · 相距 {Math.round(c.distanceMeters)} 米 · {c.description.slice(0, 30)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          <div>
            <Button
              style={{ marginTop: 8 }}
              type="primary"
              disabled={!targetId}
              loading={merge.isPending}
              onClick={() =>
                merge.mutate(
                  { id: item.id, version: item.version, targetId: targetId! },
                  {
                    onSuccess: () => {
                      notifySuccess(`${item.code} 已合并`);
                      onDone();
                    },
                  },
                )
              }
            >
              确认合并
            </Button>
          </div>
        </Card>
      )}
    </Space>
  );
}

function TriageTab() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<'createdAt' | '-createdAt'>('createdAt');
  const [source, setSource] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<TriageItem | null>(null);
  const list = useTriageQueue({ page, pageSize, sort, source: source || undefined, q: q || undefined });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 140 }} value={source} options={SOURCES} onChange={(v) => (setSource(v), setPage(1))} aria-label="来源" />
        <Input.Search allowClear placeholder="编号、描述或地址" onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ width: 240 }} />
        <Select
          style={{ width: 140 }}
          value={sort}
          onChange={setSort}
          aria-label="排序"
          options={[
            { value: 'createdAt', label: '先报先办' },
            { value: '-createdAt', label: '最新上报' },
          ]}
        />
      </Space>
      <ResponsiveList<TriageItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => (setPage(p), setPageSize(s)),
        }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 210 },
          { title: '来源', dataIndex: 'sourceLabel', width: 100, render: (v: string) => <Tag>{v}</Tag> },
          { title: '类别', dataIndex: 'categoryName', width: 120 },
          { title: '描述', dataIndex: 'description', ellipsis: true },
          { title: '区域', dataIndex: 'regionName', width: 120 },
          { title: '照片', dataIndex: 'photoIds', width: 70, render: (ids: string[]) => `${ids.length} 张` },
          { title: '上报时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setOpen(r)}>
                处理
              </Button>
            ),
          },
        ]}
        card={(r) => (
          <div>
            <div>
              <Tag>{r.sourceLabel}</Tag> {r.categoryName} · {r.regionName}
            </div>
            <div>{r.description}</div>
            <Typography.Text type="secondary">
              {r.code} · {formatTime(r.createdAt)}
            </Typography.Text>
          </div>
        )}
        cardActions={(r) => <Button onClick={() => setOpen(r)}>处理</Button>}
      />
      <Modal open={!!open} title={`待受理 ${open?.code ?? ''}`} footer={null} onCancel={() => setOpen(null)} width={720} destroyOnHidden>
        {open && <TriagePreview item={open} onDone={() => setOpen(null)} />}
      </Modal>
    </>
  );
}

function FollowupTab() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [state, setState] = useState<'open' | 'done' | ''>('open');
  const [open, setOpen] = useState<FollowupItem | null>(null);
  const [result, setResult] = useState('');
  const [reopen, setReopen] = useState(false);
  const list = useFollowups({ page, pageSize, state: state || undefined });
  const answer = useAnswerFollowup();
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 140 }}
          value={state}
          onChange={(v) => (setState(v), setPage(1))}
          aria-label="回访状态"
          options={[
            { value: 'open', label: '待回访' },
            { value: 'done', label: '已回访' },
            { value: '', label: '全部' },
          ]}
        />
      </Space>
      <ResponsiveList<FollowupItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => (setPage(p), setPageSize(s)),
        }}
        columns={[
          {
            title: '问题',
            dataIndex: 'problemCode',
            width: 210,
            render: (v: string, r) => <Link to={`/problems/${r.problemId}`}>{v}</Link>,
          },
          { title: '评价', dataIndex: 'ratingLabel', width: 90, render: (v: string) => <Tag color="red">{v}</Tag> },
          { title: '群众意见', dataIndex: 'comment', ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '反映人',
            key: 'who',
            width: 160,
            render: (_: unknown, r) => [r.reporterName || '匿名', r.reporterPhone].filter(Boolean).join(' · '),
          },
          { title: '评价时间', dataIndex: 'ratedAt', width: 150, render: (v: string) => formatTime(v) },
          {
            title: '回访',
            key: 'state',
            width: 200,
            render: (_: unknown, r) =>
              r.state === 'open' ? (
                <Button size="small" type="primary" onClick={() => (setOpen(r), setResult(''), setReopen(false))}>
                  回访
                </Button>
              ) : (
                <span>
                  {r.result}
                  {r.reopened ? '（已重新办理）' : ''}
                </span>
              ),
          },
        ]}
        card={(r) => (
          <div>
            <Tag color="red">{r.ratingLabel}</Tag> {r.problemCode}
            <div>{r.comment ?? '—'}</div>
            <Typography.Text type="secondary">{r.state === 'open' ? '待回访' : r.result}</Typography.Text>
          </div>
        )}
        cardActions={(r) =>
          r.state === 'open' && (
            <Button type="primary" onClick={() => (setOpen(r), setResult(''), setReopen(false))}>
              回访
            </Button>
          )
        }
      />
      <Modal
        open={!!open}
        title={`回访 ${open?.problemCode ?? ''}`}
        okText="保存回访结果"
        okButtonProps={{ disabled: result.trim().length < 2, loading: answer.isPending }}
        onCancel={() => setOpen(null)}
        onOk={() =>
          answer.mutate(
            { id: open!.id, result: result.trim(), reopen },
            {
              onSuccess: () => {
                notifySuccess(reopen ? '已记录回访并重新办理' : '已记录回访结果');
                setOpen(null);
              },
            },
          )
        }
        destroyOnHidden
      >
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>群众意见：{open.comment ?? '（未填写）'}</Typography.Paragraph>
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder="回访情况（至少 2 个字）"
              value={result}
              onChange={(e) => setResult(e.target.value)}
            />
            <Checkbox checked={reopen} disabled={!open.canReopen} onChange={(e) => setReopen(e.target.checked)}>
              问题仍存在，重新办理（回头看反弹，退回原责任单位）
            </Checkbox>
          </Space>
        )}
      </Modal>
    </>
  );
}

export default function CitizenReportsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'followups' ? 'followups' : 'triage';
  return (
    <>
      <PageTitle title="群众诉求" subTitle="随手拍、Open311 与 12345 的待受理和不满意回访" extra={<PublicCategoriesButton />} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'followups' ? { tab: 'followups' } : {})}
          items={[
            { key: 'triage', label: '待受理', children: <TriageTab /> },
            { key: 'followups', label: '回访', children: <FollowupTab /> },
          ]}
        />
      </Card>
    </>
  );
}
