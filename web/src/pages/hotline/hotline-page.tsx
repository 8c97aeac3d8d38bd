/**
 * 12345 工单 (the office): import the platform's .xlsx (template, every bad row shown, all or nothing), the orders with
 * their problem, 办结回复 and the callback's state, and the 办结回复 .xlsx for the 12345 operator.
 */
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PROBLEM_STATE_LABELS, type ProblemState } from '@common/problem-workflow';
import { ApiError } from '../../api/client';
import {
  downloadHotlineReplies,
  downloadHotlineTemplate,
  useHotlineImport,
  useHotlineOrders,
  type HotlineOrder,
} from '../../api/integrations';
import { ImportErrors, type ImportFailure } from '../../components/import-errors';
import { notifyError } from '../../components/notify';
import { formatTime } from '../../components/format';
import { ResponsiveList } from '../../components/responsive-list';

const time = (v: string | null) => formatTime(v);

const CALLBACK: Record<HotlineOrder['callback'], { label: string; color?: string }> = {
  none: { label: '未办结' },
  not_configured: { label: '未配置回调', color: 'default' },
  pending: { label: '待发送', color: 'blue' },
  retrying: { label: '重试中', color: 'orange' },
  failed: { label: '发送失败', color: 'red' },
  sent: { label: '已回调', color: 'green' },
};

export default function HotlinePage() {
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [orderNo, setOrderNo] = useState('');
  const [replied, setReplied] = useState<'all' | 'open' | 'replied'>('all');
  const [page, setPage] = useState(1);
  const filters = { orderNo: orderNo || undefined, replied: replied === 'all' ? undefined : replied === 'replied' };
  const orders = useHotlineOrders({ page, pageSize: 20, ...filters });
  const importFile = useHotlineImport();

  const handleUpload = () => {
    if (!file) return;
    setFailure(null);
    setDone(null);
    importFile.mutate(file, {
      onSuccess: (r) => {
        setDone(r.created);
        setFile(null);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status !== 401) setFailure({ message: error.message, rows: error.rows ?? [] });
      },
    });
  };

  const columns = [
    { title: '工单号', dataIndex: 'orderNo', key: 'orderNo' },
    {
      title: '问题',
      key: 'problem',
      render: (_: unknown, o: HotlineOrder) => <Link to={`/problems/${o.problemId}`}>{o.problemCode}</Link>,
    },
    { title: '诉求内容', dataIndex: 'content', key: 'content', ellipsis: true },
    { title: '诉求人', dataIndex: 'callerMasked', key: 'caller', render: (v: string | null) => v ?? '—' },
    { title: '来电时间', dataIndex: 'calledAt', key: 'calledAt', render: time },
    { title: '办理时限', dataIndex: 'dueAt', key: 'dueAt', render: time },
    {
      title: '状态',
      dataIndex: 'problemState',
      key: 'state',
      render: (s: string) => PROBLEM_STATE_LABELS[s as ProblemState] ?? s,
    },
    {
      title: '办结回复',
      key: 'callback',
      render: (_: unknown, o: HotlineOrder) => (
        <Space orientation="vertical" size={0}>
          <Tag color={CALLBACK[o.callback].color}>{CALLBACK[o.callback].label}</Tag>
          {o.callbackError && <Typography.Text type="danger">{`第 ${o.callbackAttempts} 次：${o.callbackError}`}</Typography.Text>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <PhoneOutlined aria-hidden /> 12345 工单
      </Typography.Title>
      <Card title="导入工单" size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            从 12345 平台导出工单后按模板整理上传：每条工单成为一条“待受理”问题（来源
            12345热线），诉求人只保存脱敏后的内容。任何一行有误时整个文件都不会导入。
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => downloadHotlineTemplate().catch(notifyError)}>
              下载模板
            </Button>
          </Space>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            beforeUpload={(picked) => {
              setFile(picked);
              setFailure(null);
              setDone(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p>点击或拖入 12345 工单 .xlsx 文件</p>
          </Upload.Dragger>
          <Button type="primary" disabled={!file} loading={importFile.isPending} onClick={handleUpload}>
            开始导入
          </Button>
          {done !== null && <Alert type="success" showIcon title={`已导入 ${done} 条工单，均已进入待受理队列`} />}
          {failure && <ImportErrors failure={failure} />}
        </Space>
      </Card>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="按工单号查找"
            style={{ width: 240 }}
            onSearch={(v) => {
              setOrderNo(v.trim());
              setPage(1);
            }}
          />
          <Segmented
            value={replied}
            onChange={(v) => {
              setReplied(v as typeof replied);
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'open', label: '办理中' },
              { value: 'replied', label: '已办结' },
            ]}
          />
        </Space>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => downloadHotlineReplies(filters).catch(notifyError)}>
          导出办结回复
        </Button>
      </Space>
      <ResponsiveList<HotlineOrder>
        rowKey="problemId"
        columns={columns}
        dataSource={orders.data?.items ?? []}
        loading={orders.isLoading}
        pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage }}
        cardHref={(o) => `/problems/${o.problemId}`}
        card={(o) => (
          <div>
            <strong>{o.orderNo}</strong> <Tag color={CALLBACK[o.callback].color}>{CALLBACK[o.callback].label}</Tag>
            <div>{o.content}</div>
            <Typography.Text type="secondary">
              {o.problemCode} · {PROBLEM_STATE_LABELS[o.problemState as ProblemState] ?? o.problemState} · 来电 {time(o.calledAt)}
            </Typography.Text>
          </div>
        )}
      />
    </Space>
  );
}
