/**
 * 任务树: the plan's tasks as a table with expandable tree rows (序号, 工作任务, 牵头/配合单位, 责任领导, 完成时限,
 * 进度, 状态, 督办), filtered by status, unit and a search; while filtering the matches are listed flat. On a phone the
 * rows are cards (indented by depth) with no sideways scrolling.
 */
import { Grid, Input, Progress, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TaskStatus } from '@common/tasks';
import type { Task } from '../../api/plans';
import { ResponsiveList } from '../../components/responsive-list';
import { EscalationTag, TASK_STATUS_HEX, TASK_STATUS_OPTIONS, TaskStatusTag } from './status-tag';
import { orderTasks, taskNumber } from './task-order';

type Row = Task & { depth: number; children?: Row[] };

interface Props {
  tasks: readonly Task[];
  onOpen: (taskId: string) => void;
}

function buildTree(tasks: readonly Task[]): Row[] {
  const ordered = orderTasks(tasks);
  const rows = new Map<string, Row>(ordered.map(({ task, depth }) => [task.id, { ...task, depth }]));
  const roots: Row[] = [];
  for (const { task } of ordered) {
    const row = rows.get(task.id)!;
    const parent = task.parentId ? rows.get(task.parentId) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), row];
    else roots.push(row);
  }
  return roots;
}

export function TaskTree({ tasks, onOpen }: Props) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  // Every parent open unless the user closed it (new rows from an import open too).
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const parentIds = useMemo(() => new Set(tasks.map((t) => t.parentId).filter((id): id is string => !!id)), [tasks]);
  const expandedRowKeys = [...parentIds].filter((id) => !collapsed.has(id));

  const units = useMemo(() => {
    const byId = new Map<string, string>();
    for (const t of tasks) {
      byId.set(t.leadUnit.id, t.leadUnit.name);
      for (const u of t.coopUnits) byId.set(u.id, u.name);
    }
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [tasks]);

  const filtering = !!status || !!unitId || !!q.trim();
  const rows = useMemo(() => {
    if (!filtering && !phone) return buildTree(tasks);
    const needle = q.trim();
    return orderTasks(tasks)
      .filter(({ task: t }) => !status || t.status === status)
      .filter(({ task: t }) => !unitId || t.leadUnit.id === unitId || t.coopUnits.some((u) => u.id === unitId))
      .filter(({ task: t }) => !needle || t.title.includes(needle) || (t.measures ?? '').includes(needle) || taskNumber(t) === needle)
      .map(({ task, depth }) => ({ ...task, depth: filtering ? 0 : depth }));
  }, [tasks, status, unitId, q, filtering, phone]);
  const shown = rows.slice((page.current - 1) * page.pageSize, page.current * page.pageSize);

  const columns = [
    { title: '序号', key: 'code', width: 90, render: (_: unknown, t: Row) => taskNumber(t) },
    {
      title: '工作任务',
      key: 'title',
      render: (_: unknown, t: Row) => (
        <Typography.Link onClick={() => onOpen(t.id)} aria-label={`查看任务 ${t.title}`}>
          {t.title}
        </Typography.Link>
      ),
    },
    { title: '牵头单位', key: 'lead', width: 130, render: (_: unknown, t: Row) => t.leadUnit.name },
    {
      title: '配合单位',
      key: 'coop',
      width: 160,
      render: (_: unknown, t: Row) => (
        <Typography.Text ellipsis={{ tooltip: t.coopUnits.map((u) => u.name).join('、') }} style={{ maxWidth: 150 }}>
          {t.coopUnits.map((u) => u.name).join('、') || '—'}
        </Typography.Text>
      ),
    },
    { title: '责任领导', key: 'leader', width: 100, render: (_: unknown, t: Row) => t.leader?.name ?? '—' },
    { title: '完成时限', key: 'dueDate', width: 110, render: (_: unknown, t: Row) => t.dueDate },
    {
      title: '进度',
      key: 'percent',
      width: 140,
      render: (_: unknown, t: Row) => <Progress percent={t.percent} size="small" strokeColor={TASK_STATUS_HEX[t.status]} />,
    },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, t: Row) => <TaskStatusTag status={t.status} /> },
    {
      title: '督办',
      key: 'escalation',
      width: 110,
      render: (_: unknown, t: Row) => (t.escalationLevel > 0 ? <EscalationTag level={t.escalationLevel} /> : '—'),
    },
  ];

  const empty = filtering ? '没有符合条件的任务' : '还没有任务：新增任务、导入任务表或从测评体系生成';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="按状态筛选"
          placeholder="全部状态"
          allowClear
          value={status}
          options={TASK_STATUS_OPTIONS}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 120 }}
        />
        <Select
          aria-label="按单位筛选"
          placeholder="全部单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={unitId}
          options={units}
          onChange={(v) => {
            setUnitId(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 180 }}
        />
        <Input.Search
          aria-label="搜索任务"
          placeholder="搜索任务、措施或序号"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 220 }}
        />
        <Typography.Text type="secondary">共 {filtering ? rows.length : tasks.length} 项</Typography.Text>
      </Space>
      {phone ? (
        <ResponsiveList<Row>
          mode="cards"
          rowKey="id"
          columns={columns}
          dataSource={shown}
          pagination={{ ...page, total: rows.length, showTotal: (t) => `共 ${t} 项` }}
          onChange={(p) => setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          locale={{ emptyText: empty }}
          card={(t) => <TaskCard task={t} />}
          cardActions={(t) => (
            <Typography.Link onClick={() => onOpen(t.id)} aria-label={`查看任务 ${t.title}`}>
              查看详情
            </Typography.Link>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          expandable={{
            indentSize: 20,
            expandedRowKeys,
            onExpand: (open, row) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (open) next.delete(row.id);
                else next.add(row.id);
                return next;
              }),
          }}
          pagination={{ ...page, total: rows.length, showSizeChanger: true, showTotal: (t) => `共 ${t} 项${filtering ? '' : '一级任务'}` }}
          onChange={(p) => setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          locale={{ emptyText: empty }}
          scroll={{ x: 1100 }}
        />
      )}
    </>
  );
}

function TaskCard({ task }: { task: Row }) {
  return (
    <div style={{ paddingLeft: task.depth * 12 }}>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{taskNumber(task)}</Typography.Text>
        <Typography.Text strong>{task.title}</Typography.Text>
      </Space>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)', margin: '2px 0' }}>
        牵头：{task.leadUnit.name} · 时限 {task.dueDate}
      </div>
      <Space size={4} wrap>
        <TaskStatusTag status={task.status} />
        <EscalationTag level={task.escalationLevel} />
      </Space>
      <Progress percent={task.percent} size="small" strokeColor={TASK_STATUS_HEX[task.status]} />
    </div>
  );
}
