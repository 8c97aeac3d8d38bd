/** One plan (/plans/:id): the task tree with status colours, the Gantt chart, task editing, import/export, generation from standards. */
import { ApartmentOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PLAN_KIND_LABELS, TASK_STATUSES } from '@common/tasks';
import { downloadPlan, downloadPlanTemplate, usePlanTree, type Task } from '../../api/plans';
import { can } from '../../api/types';
import { notifyError } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { GanttChart } from './gantt-chart';
import { GenerateTasksModal, ImportTasksModal } from './plan-actions';
import { StatusCounts } from './status-tag';
import { TaskDrawer } from './task-drawer';
import { TaskFormDrawer } from './task-form';
import { TaskTree } from './task-tree';

export default function PlanPage() {
  const { id } = useParams<{ id: string }>();
  const tree = usePlanTree(id);
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'gantt' ? 'gantt' : 'tree';
  const openTaskId = search.get('task');
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const setParam = (key: string, value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (tree.isLoading) return <Skeleton active />;
  if (tree.isError || !tree.data)
    return (
      <Alert type="error" showIcon title={tree.error?.message ?? '方案加载失败'} description={<Link to="/plans">返回实施方案列表</Link>} />
    );
  const { plan, subPlans, tasks, today } = tree.data;
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, tasks.filter((t) => t.status === s).length])) as typeof plan.statusCounts;

  const exportPlan = async () => {
    setExporting(true);
    try {
      await downloadPlan(plan.id, plan.name);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageTitle
        title={plan.name}
        subTitle={`${PLAN_KIND_LABELS[plan.kind]} · ${plan.campaignName}`}
        extra={
          <>
            {can(plan, 'addTask') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
                新增任务
              </Button>
            )}
            {can(plan, 'import') && (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                导入任务表
              </Button>
            )}
            {can(plan, 'import') && (
              <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => downloadPlanTemplate().catch(notifyError)}>
                下载模板
              </Button>
            )}
            <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={exportPlan}>
              导出
            </Button>
            {can(plan, 'addTask') && (
              <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setGenerating(true)}>
                从测评体系生成
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>任务 {tasks.length} 项</Typography.Text>
            <StatusCounts counts={counts} />
          </Space>
          {plan.summary && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
              {plan.summary}
            </Typography.Paragraph>
          )}
          {plan.parentId && (
            <Link to={`/plans/${plan.parentId}`} style={{ fontSize: 13 }}>
              ← 所属实施方案
            </Link>
          )}
          {subPlans.length > 0 && (
            <Space wrap size={[4, 4]}>
              <Typography.Text type="secondary">专项行动：</Typography.Text>
              {subPlans.map((s) => (
                <Link key={s.id} to={`/plans/${s.id}`}>
                  <Tag color="blue">
                    {s.name}（{s.taskCount}）
                  </Tag>
                </Link>
              ))}
            </Space>
          )}
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'gantt' ? 'gantt' : null)}
        items={[
          { key: 'tree', label: '任务树', children: <TaskTree tasks={tasks} onOpen={(taskId) => setParam('task', taskId)} /> },
          {
            key: 'gantt',
            label: '甘特图',
            children: <GanttChart tasks={tasks} today={today} onSelect={(taskId) => setParam('task', taskId)} />,
          },
        ]}
      />
      <TaskDrawer taskId={openTaskId} onClose={() => setParam('task', null)} onEdit={(t) => setEditing(t)} />
      <TaskFormDrawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        planId={plan.id}
        campaignId={plan.campaignId}
        tasks={tasks}
        task={editing}
      />
      <ImportTasksModal planId={plan.id} open={importing} onClose={() => setImporting(false)} />
      <GenerateTasksModal planId={plan.id} open={generating} onClose={() => setGenerating(false)} />
    </>
  );
}
