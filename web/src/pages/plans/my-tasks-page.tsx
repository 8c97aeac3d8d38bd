/** 我的任务 (/my-tasks): a unit's own tasks (phone first) and the monthly progress report with evidence. */
import { Alert, Button, Drawer, Empty, Grid, Progress, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { PROGRESS_DUE_DAY, progressDueDate, type TaskStatus } from '@common/tasks';
import { useTask, useTasks, type Task } from '../../api/plans';
import { useTaskSettings } from '../../api/task-settings';
import { can } from '../../api/types';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { periodTitle, thisMonth } from './period';
import { ProgressForm } from './progress-form';
import { ProgressStateTag, TASK_STATUS_HEX, TASK_STATUS_OPTIONS, TaskStatusTag } from './status-tag';
import { TaskDrawer } from './task-drawer';
import { taskNumber } from './task-order';
import { beijingToday } from '../../components/beijing-time';

const FILTERS = ['status', 'show', 'report', 'task'] as const;
const SORTS: Record<string, string> = { dueDate: 'dueDate', percent: 'percent' };

export default function MyTasksPage() {
  const table = useTableState(FILTERS, 20);
  const period = thisMonth();
  const { status, show, report, task: openTaskId } = table.filters;
  const { sort, order, page, pageSize } = table.params;
  const apiSort = sort && SORTS[sort] ? `${order === 'desc' ? '-' : ''}${SORTS[sort]}` : 'dueDate';
  const tasks = useTasks({
    status: status as TaskStatus | undefined,
    missingPeriod: show === 'missing' ? period : undefined,
    sort: apiSort as 'dueDate',
    page,
    pageSize,
  });
  const items = tasks.data?.items ?? [];
  // The due day of the unit's region (任务进度设置); the platform default until it has loaded.
  const dueDay = useTaskSettings().data?.settings.progressDueDay ?? PROGRESS_DUE_DAY;

  const columns = [
    { title: '序号', key: 'code', width: 80, render: (_: unknown, t: Task) => taskNumber(t) },
    {
      title: '工作任务',
      key: 'title',
      render: (_: unknown, t: Task) => (
        <Typography.Link onClick={() => table.setFilters({ task: t.id })} aria-label={`查看任务 ${t.title}`}>
          {t.title}
        </Typography.Link>
      ),
    },
    {
      title: '完成时限',
      key: 'dueDate',
      width: 120,
      sorter: true,
      sortOrder: table.sortOrderOf('dueDate'),
      render: (_: unknown, t: Task) => t.dueDate,
    },
    {
      title: '进度',
      key: 'percent',
      width: 150,
      sorter: true,
      sortOrder: table.sortOrderOf('percent'),
      render: (_: unknown, t: Task) => <Progress percent={t.percent} size="small" strokeColor={TASK_STATUS_HEX[t.status]} />,
    },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, t: Task) => <TaskStatusTag status={t.status} /> },
    {
      title: '本月进度',
      key: 'report',
      width: 220,
      render: (_: unknown, t: Task) => <MonthReport task={t} period={period} dueDay={dueDay} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, t: Task) => <ReportButton task={t} period={period} onReport={() => table.setFilters({ report: t.id })} />,
    },
  ];

  return (
    <>
      <PageTitle
        title="我的任务"
        subTitle={`${periodTitle(period)}进度请于 ${progressDueDate(period, dueDay).slice(5).replace('-', '月')}日前报送（每月 ${dueDay} 日）`}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="显示范围"
          value={show === 'missing' ? 'missing' : 'all'}
          options={[
            { value: 'all', label: '全部任务' },
            { value: 'missing', label: '本月待填报' },
          ]}
          onChange={(v) => table.setFilters({ show: v === 'missing' ? 'missing' : undefined })}
        />
        <Select
          aria-label="按状态筛选"
          placeholder="全部状态"
          allowClear
          value={status}
          options={TASK_STATUS_OPTIONS}
          onChange={(v) => table.setFilters({ status: v })}
          style={{ width: 120 }}
        />
      </Space>
      {tasks.isError && <Alert type="error" showIcon title={`任务加载失败：${tasks.error.message}`} style={{ marginBottom: 12 }} />}
      <ResponsiveList<Task>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={tasks.isLoading}
        onChange={table.onChange}
        pagination={table.pagination(tasks.data?.total)}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                show === 'missing' ? `${periodTitle(period)}的进度都已报送` : status ? '没有该状态的任务' : '本单位暂无牵头或配合的任务'
              }
            />
          ),
        }}
        card={(t) => <MyTaskCard task={t} period={period} dueDay={dueDay} />}
        cardActions={(t) => (
          <>
            <ReportButton task={t} period={period} onReport={() => table.setFilters({ report: t.id })} />
            <Button onClick={() => table.setFilters({ task: t.id })} aria-label={`查看任务 ${t.title}`}>
              详情
            </Button>
          </>
        )}
      />
      <ReportDrawer taskId={report ?? null} period={period} onClose={() => table.setFilters({ report: undefined })} />
      <TaskDrawer taskId={openTaskId ?? null} onClose={() => table.setFilters({ task: undefined })} />
    </>
  );
}

/** This month's report: its state, or 未报送 (red once the due day has passed). */
function MonthReport({ task, period, dueDay }: { task: Task; period: string; dueDay: number }) {
  const last = task.lastProgress;
  if (last && last.period === period)
    return (
      <Space size={4} wrap>
        <ProgressStateTag state={last.state} />
        <span style={{ fontSize: 12 }}>报 {last.percent}%</span>
      </Space>
    );
  if (!can(task, 'report')) return <Typography.Text type="secondary">由牵头单位填报</Typography.Text>;
  return <Tag color={beijingToday() > progressDueDate(period, dueDay) ? 'red' : 'gold'}>本月未报送</Tag>;
}

function ReportButton({ task, period, onReport }: { task: Task; period: string; onReport: () => void }) {
  if (!can(task, 'report')) return null;
  const last = task.lastProgress?.period === period ? task.lastProgress : null;
  if (last?.state === 'approved') return null;
  const label = last?.state === 'returned' ? '重新提交' : last?.state === 'submitted' ? '修改本月进度' : '填报本月进度';
  return (
    <Button
      type={last?.state === 'submitted' ? 'default' : 'primary'}
      danger={last?.state === 'returned'}
      onClick={onReport}
      aria-label={`${label}：${task.title}`}
    >
      {label}
    </Button>
  );
}

function MyTaskCard({ task, period, dueDay }: { task: Task; period: string; dueDay: number }) {
  const returned = task.lastProgress?.period === period && task.lastProgress.state === 'returned';
  return (
    <div>
      <Typography.Text strong style={{ fontSize: 15 }}>
        {task.title}
      </Typography.Text>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)', margin: '2px 0 4px' }}>
        {taskNumber(task)} · {task.planName} · 完成时限 {task.dueDate}
        {task.overdueDays > 0 ? `（已逾期 ${task.overdueDays} 天）` : ''}
      </div>
      <Space size={4} wrap>
        <TaskStatusTag status={task.status} />
        <MonthReport task={task} period={period} dueDay={dueDay} />
      </Space>
      <Progress percent={task.percent} strokeColor={TASK_STATUS_HEX[task.status]} />
      {returned && <ReturnedComment taskId={task.id} period={period} />}
    </div>
  );
}

/** The office's comment on this month's returned report. */
function ReturnedComment({ taskId, period }: { taskId: string; period: string }) {
  const detail = useTask(taskId);
  const comment = detail.data?.progress.find((p) => p.period === period)?.reviewComment;
  if (!comment) return null;
  return <Alert type="warning" showIcon title={`退回意见：${comment}`} style={{ marginTop: 6, padding: '4px 8px' }} />;
}

/** 填报本月进度 in a drawer (the whole screen on a phone), starting from this month's report when there is one. */
function ReportDrawer({ taskId, period, onClose }: { taskId: string | null; period: string; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useTask(taskId ?? undefined);
  const task = detail.data?.task;
  const previous = detail.data?.progress.find((p) => p.period === period) ?? null;
  return (
    <Drawer
      title={`填报${periodTitle(period)}进度`}
      open={!!taskId}
      onClose={onClose}
      size={screens.md === false ? '100%' : 560}
      destroyOnHidden
    >
      {detail.isLoading && <Skeleton active />}
      {detail.isError && <Alert type="error" showIcon title={`任务加载失败：${detail.error.message}`} />}
      {task && (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {taskNumber(task)} {task.title}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            完成时限 {task.dueDate} · 已审核进度 {task.percent}%
          </Typography.Paragraph>
          {previous?.state === 'approved' ? (
            <Alert type="success" showIcon title="本月进度已审核通过" />
          ) : (
            <ProgressForm key={previous?.id ?? 'new'} task={task} period={period} previous={previous} onDone={onClose} />
          )}
        </>
      )}
    </Drawer>
  );
}
