/** 进度审核 (/task-progress): the office reviews the month's progress reports (通过 / 退回补充); the .xlsx table and the .docx bulletin. */
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PROGRESS_PAYLOADS, PROGRESS_STATE_LABELS, PROGRESS_STATES, type ProgressState } from '@common/tasks';
import {
  downloadProgressBulletin,
  downloadProgressTable,
  useProgressAction,
  useProgressReports,
  useTasks,
  type Progress as Report,
  type Task,
} from '../../api/plans';
import { can } from '../../api/types';
import { formatTime } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { UnitSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { fieldRule } from '../../components/zod-rule';
import { periodTitle, thisMonth } from './period';
import { evidenceCount, ProgressFiles } from './progress-files';
import { ProgressStateTag, TaskStatusTag } from './status-tag';
import { taskNumber } from './task-order';

const FILTERS = ['period', 'state', 'unitId', 'tab', 'open'] as const;
const STATE_OPTIONS = PROGRESS_STATES.map((s) => ({ value: s, label: PROGRESS_STATE_LABELS[s] }));
const commentRule = fieldRule(PROGRESS_PAYLOADS.return.shape.comment);

export default function ProgressReviewPage() {
  const table = useTableState(FILTERS, 20);
  const { state, unitId, tab, open } = table.filters;
  const period = table.filters.period ?? thisMonth();
  const { page, pageSize } = table.params;
  const reports = useProgressReports({ period, state: state as ProgressState | undefined, unitId, page, pageSize }, tab !== 'missing');
  const missing = useTasks({ missingPeriod: period, unitId, sort: 'dueDate', page, pageSize }, tab === 'missing');
  const [unitName, setUnitName] = useState<string | undefined>();
  const openReport = reports.data?.items.find((r) => r.id === open) ?? null;

  const reportColumns = [
    {
      title: '工作任务',
      key: 'task',
      render: (_: unknown, r: Report) => (
        <Typography.Link onClick={() => table.setFilters({ open: r.id })} aria-label={`审核 ${r.taskTitle}`}>
          {r.taskCode ? `${r.taskCode} ` : ''}
          {r.taskTitle}
        </Typography.Link>
      ),
    },
    { title: '牵头单位', key: 'unit', width: 140, render: (_: unknown, r: Report) => r.leadUnit.name },
    { title: '完成进度', key: 'percent', width: 150, render: (_: unknown, r: Report) => <Progress percent={r.percent} size="small" /> },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, r: Report) => (
        <Space size={4} wrap>
          <ProgressStateTag state={r.state} />
          {r.late && <Tag color="orange">逾期报送</Tag>}
        </Space>
      ),
    },
    { title: '佐证', key: 'files', width: 130, render: (_: unknown, r: Report) => evidenceCount(r.files) },
    { title: '提交时间', key: 'submittedAt', width: 150, render: (_: unknown, r: Report) => formatTime(r.submittedAt) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, r: Report) => (
        <Button size="small" type={can(r, 'approve') ? 'primary' : 'default'} onClick={() => table.setFilters({ open: r.id })}>
          {can(r, 'approve') ? '审核' : '查看'}
        </Button>
      ),
    },
  ];

  const missingColumns = [
    { title: '序号', key: 'code', width: 80, render: (_: unknown, t: Task) => taskNumber(t) },
    { title: '工作任务', key: 'title', render: (_: unknown, t: Task) => t.title },
    { title: '所属方案', key: 'plan', width: 200, render: (_: unknown, t: Task) => t.planName },
    { title: '牵头单位', key: 'unit', width: 140, render: (_: unknown, t: Task) => t.leadUnit.name },
    { title: '完成时限', key: 'due', width: 110, render: (_: unknown, t: Task) => t.dueDate },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, t: Task) => <TaskStatusTag status={t.status} /> },
  ];

  return (
    <>
      <PageTitle
        title="进度审核"
        subTitle={`${periodTitle(period)}各单位月度进度报告`}
        extra={
          <>
            <DownloadButton icon={<DownloadOutlined aria-hidden />} label="导出进度表" run={() => downloadProgressTable(period)} />
            <DownloadButton icon={<FileWordOutlined aria-hidden />} label="下载通报" run={() => downloadProgressBulletin(period)} />
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          aria-label="月份"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          format="YYYY年M月"
          onChange={(d) => d && table.setFilters({ period: d.format('YYYY-MM') === thisMonth() ? undefined : d.format('YYYY-MM') })}
        />
        {tab !== 'missing' && (
          <Select
            aria-label="按审核状态筛选"
            placeholder="全部状态"
            allowClear
            value={state}
            options={STATE_OPTIONS}
            onChange={(v) => table.setFilters({ state: v })}
            style={{ width: 120 }}
          />
        )}
        <UnitSelect
          aria-label="按单位筛选"
          value={unitId}
          initialOptions={unitId && unitName ? [{ id: unitId, name: unitName }] : []}
          onChange={(v) => {
            setUnitName(undefined);
            table.setFilters({ unitId: v === undefined ? undefined : String(v) });
          }}
          style={{ width: 200 }}
        />
      </Space>
      <Tabs
        activeKey={tab === 'missing' ? 'missing' : 'reports'}
        onChange={(k) => table.setFilters({ tab: k === 'missing' ? 'missing' : undefined, state: undefined })}
        items={[
          {
            key: 'reports',
            label: `进度报告${reports.data ? `（${reports.data.total}）` : ''}`,
            children: (
              <>
                {reports.isError && (
                  <Alert type="error" showIcon title={`进度报告加载失败：${reports.error.message}`} style={{ marginBottom: 12 }} />
                )}
                <ResponsiveList<Report>
                  rowKey="id"
                  columns={reportColumns}
                  dataSource={reports.data?.items ?? []}
                  loading={reports.isLoading}
                  onChange={table.onChange}
                  pagination={table.pagination(reports.data?.total)}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={`${periodTitle(period)}还没有${state ? PROGRESS_STATE_LABELS[state as ProgressState] : ''}的进度报告`}
                      />
                    ),
                  }}
                  card={(r) => <ReportCard report={r} />}
                  cardActions={(r) => (
                    <Button
                      type={can(r, 'approve') ? 'primary' : 'default'}
                      onClick={() => table.setFilters({ open: r.id })}
                      aria-label={`审核 ${r.taskTitle}`}
                    >
                      {can(r, 'approve') ? '审核' : '查看'}
                    </Button>
                  )}
                />
              </>
            ),
          },
          {
            key: 'missing',
            label: `本月未报送${missing.data ? `（${missing.data.total}）` : ''}`,
            children: (
              <>
                {missing.isError && (
                  <Alert type="error" showIcon title={`任务加载失败：${missing.error.message}`} style={{ marginBottom: 12 }} />
                )}
                <ResponsiveList<Task>
                  rowKey="id"
                  columns={missingColumns}
                  dataSource={missing.data?.items ?? []}
                  loading={missing.isLoading}
                  onChange={table.onChange}
                  pagination={table.pagination(missing.data?.total)}
                  locale={{
                    emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${periodTitle(period)}所有任务都已报送`} />,
                  }}
                  card={(t) => (
                    <div>
                      <Typography.Text strong>{t.title}</Typography.Text>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>
                        {t.leadUnit.name} · 时限 {t.dueDate}
                      </div>
                      <TaskStatusTag status={t.status} />
                    </div>
                  )}
                />
              </>
            ),
          },
        ]}
      />
      <ReviewDrawer report={openReport} onClose={() => table.setFilters({ open: undefined })} />
    </>
  );
}

function DownloadButton({ icon, label, run }: { icon: React.ReactNode; label: string; run: () => Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={icon}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await run();
        } catch (error) {
          notifyError(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}

function ReportCard({ report: r }: { report: Report }) {
  return (
    <div>
      <Typography.Text strong>{r.taskTitle}</Typography.Text>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)', margin: '2px 0 4px' }}>
        {r.leadUnit.name} · {formatTime(r.submittedAt)} · 佐证 {evidenceCount(r.files)}
      </div>
      <Space size={4} wrap>
        <ProgressStateTag state={r.state} />
        {r.late && <Tag color="orange">逾期报送</Tag>}
      </Space>
      <Progress percent={r.percent} size="small" />
    </div>
  );
}

/** One report with its evidence; 通过 (confirm) and 退回补充 (comment required, confirm). */
function ReviewDrawer({ report, onClose }: { report: Report | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const action = useProgressAction();
  const [form] = Form.useForm<{ comment: string }>();
  const [returning, setReturning] = useState(false);

  const close = () => {
    setReturning(false);
    form.resetFields();
    onClose();
  };
  const act = (name: 'approve' | 'return', comment?: string) =>
    action.mutateAsync({ id: report!.id, action: name, version: report!.version, comment }).then(
      () => {
        notifySuccess(name === 'approve' ? '已通过' : '已退回补充，单位将收到退回意见');
        close();
      },
      (error) => notifyError(error),
    );

  return (
    <Drawer
      title={report ? `${report.taskCode ? `${report.taskCode} ` : ''}${report.taskTitle}` : '进度报告'}
      open={!!report}
      onClose={close}
      size={screens.md === false ? '100%' : 600}
      destroyOnHidden
    >
      {report && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <ProgressStateTag state={report.state} />
            {report.late && <Tag color="orange">逾期报送</Tag>}
            {report.submissions > 1 && <Tag>第 {report.submissions} 次提交</Tag>}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="月份">{periodTitle(report.period)}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">{report.leadUnit.name}</Descriptions.Item>
            <Descriptions.Item label="完成进度">
              <Progress percent={report.percent} size="small" style={{ maxWidth: 240 }} />
            </Descriptions.Item>
            <Descriptions.Item label="本月完成情况">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{report.summary}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="存在问题">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{report.difficulties || '—'}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="提交">
              {report.submittedBy ?? '—'} · {formatTime(report.submittedAt)}
            </Descriptions.Item>
            {report.reviewComment && <Descriptions.Item label="审核意见">{report.reviewComment}</Descriptions.Item>}
          </Descriptions>
          <div>
            <Typography.Text strong>佐证材料</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <ProgressFiles files={report.files} />
            </div>
          </div>
          {(can(report, 'approve') || can(report, 'return')) && !returning && (
            <Space wrap>
              {can(report, 'approve') && (
                <Popconfirm
                  title="通过这份进度报告？"
                  description={`任务进度将更新为 ${report.percent}%`}
                  okText="通过"
                  cancelText="取消"
                  onConfirm={() => act('approve')}
                >
                  <Button type="primary" loading={action.isPending}>
                    通过
                  </Button>
                </Popconfirm>
              )}
              {can(report, 'return') && (
                <Button danger onClick={() => setReturning(true)}>
                  退回补充
                </Button>
              )}
            </Space>
          )}
          {returning && (
            <Form form={form} layout="vertical" onFinish={(v) => act('return', v.comment.trim())}>
              <Form.Item name="comment" label="退回意见" validateFirst rules={[{ required: true, message: '退回须填写意见' }, commentRule]}>
                <Input.TextArea rows={3} maxLength={1000} showCount placeholder="说明需要补充的内容，如：请补充整治前后对比照片" />
              </Form.Item>
              <Space>
                <Button onClick={() => setReturning(false)}>取消</Button>
                <Popconfirm
                  title="确认退回补充？"
                  description="单位将收到退回意见并重新提交"
                  okText="退回"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    form.validateFields().then(
                      () => form.submit(),
                      () => undefined,
                    )
                  }
                >
                  <Button danger type="primary" loading={action.isPending}>
                    确认退回
                  </Button>
                </Popconfirm>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
