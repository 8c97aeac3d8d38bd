/**
 * A task's detail in a drawer: 具体措施, units, leader, dates against the baseline, milestones, links, the monthly
 * reports with their review, and the task's events. The office edits or deletes it; the lead unit reports this month.
 */
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  List,
  Modal,
  Progress as ProgressBar,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useDeleteTask, useTask, type Task } from '../../api/plans';
import { ConfirmDelete } from '../../components/confirm-delete';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { can } from '../../api/types';
import { ProgressFiles } from './progress-files';
import { ProgressForm } from './progress-form';
import { periodTitle, thisMonth } from './period';
import { EscalationTag, ProgressStateTag, TASK_STATUS_HEX, TaskStatusTag } from './status-tag';
import { TaskLinksView } from './task-links';
import { taskNumber } from './task-order';

/** Event actions as the timeline says them (unknown ones as they are). */
const EVENT_LABELS: Record<string, string> = {
  created: '创建任务',
  updated: '修改任务',
  imported: '导入任务',
  generated: '从测评体系生成',
  deleted: '删除任务',
  progress_submitted: '提交月度进度',
  progress_resubmitted: '重新提交月度进度',
  progress_approved: '进度审核通过',
  progress_returned: '进度退回补充',
  escalated: '督办',
  reminded: '提醒填报',
};

interface Props {
  taskId: string | null;
  onClose: () => void;
  onEdit?: (task: Task) => void;
}

export function TaskDrawer({ taskId, onClose, onEdit }: Props) {
  const detail = useTask(taskId ?? undefined);
  const remove = useDeleteTask();
  const [reporting, setReporting] = useState(false);
  const screens = Grid.useBreakpoint();
  const task = detail.data?.task;
  const period = thisMonth();
  const current = detail.data?.progress.find((p) => p.period === period) ?? null;
  const canReport = can(task, 'report') && current?.state !== 'approved';

  return (
    <Drawer
      title={task ? `${taskNumber(task)} ${task.title}` : '任务详情'}
      open={!!taskId}
      onClose={onClose}
      size={screens.md === false ? '100%' : 640}
      destroyOnHidden
      extra={
        task && (
          <Space>
            {canReport && (
              <Button type="primary" onClick={() => setReporting(true)}>
                {current?.state === 'returned' ? '重新提交' : '填报本月进度'}
              </Button>
            )}
            {can(task, 'edit') && <Button onClick={() => onEdit?.(task)}>编辑</Button>}
            {can(task, 'edit') && (
              <ConfirmDelete
                subject={`任务「${task.title}」`}
                description="任务及其下级任务、月度进度将一并删除，确定吗？"
                onConfirm={() =>
                  remove.mutateAsync(task.id).then(() => {
                    notifySuccess('任务已删除');
                    onClose();
                  })
                }
              />
            )}
          </Space>
        )
      }
    >
      {detail.isLoading && <Skeleton active />}
      {detail.isError && <Alert type="error" showIcon title={`任务加载失败：${detail.error.message}`} />}
      {task && detail.data && (
        <Tabs
          items={[
            {
              key: 'detail',
              label: '任务信息',
              children: (
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Space wrap>
                    <TaskStatusTag status={task.status} />
                    <EscalationTag level={task.escalationLevel} />
                    {task.overdueDays > 0 && <Tag color="red">逾期 {task.overdueDays} 天</Tag>}
                  </Space>
                  <ProgressBar percent={task.percent} strokeColor={TASK_STATUS_HEX[task.status]} />
                  <Descriptions column={1} size="small" bordered>
                    <Descriptions.Item label="所属方案">{task.planName}</Descriptions.Item>
                    <Descriptions.Item label="具体措施">
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.measures || '—'}</Typography.Paragraph>
                    </Descriptions.Item>
                    <Descriptions.Item label="牵头单位">{task.leadUnit.name}</Descriptions.Item>
                    <Descriptions.Item label="配合单位">{task.coopUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
                    <Descriptions.Item label="责任领导">
                      {task.leader ? `${task.leader.name}（${task.leader.post}）` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label="起止日期">
                      {task.startDate} 至 {task.dueDate}
                    </Descriptions.Item>
                    <Descriptions.Item label="计划基线">
                      {task.baselineStart} 至 {task.baselineDue}
                      {(task.baselineDue !== task.dueDate || task.baselineStart !== task.startDate) && (
                        <Tag color="orange" style={{ marginLeft: 8 }}>
                          已调整
                        </Tag>
                      )}
                    </Descriptions.Item>
                    <Descriptions.Item label="关联">
                      <TaskLinksView links={detail.data.links} />
                    </Descriptions.Item>
                  </Descriptions>
                  <div>
                    <Typography.Text strong>节点</Typography.Text>
                    {task.milestones.length ? (
                      <Timeline
                        style={{ marginTop: 12 }}
                        items={task.milestones.map((m) => ({
                          color: m.done ? 'green' : m.date < (task.dueDate ?? '') ? 'blue' : 'gray',
                          content: `${m.date} ${m.name}${m.done ? '（已完成）' : ''}`,
                        }))}
                      />
                    ) : (
                      <Typography.Paragraph type="secondary">未设节点</Typography.Paragraph>
                    )}
                  </div>
                </Space>
              ),
            },
            {
              key: 'progress',
              label: `月度进度（${detail.data.progress.length}）`,
              children: detail.data.progress.length ? (
                <List
                  itemLayout="vertical"
                  dataSource={detail.data.progress}
                  renderItem={(p) => (
                    <List.Item key={p.id}>
                      <Space wrap>
                        <Typography.Text strong>{periodTitle(p.period)}</Typography.Text>
                        <ProgressStateTag state={p.state} />
                        <span>完成 {p.percent}%</span>
                        {p.late && <Tag color="orange">逾期报送</Tag>}
                        {p.submissions > 1 && <Tag>第 {p.submissions} 次提交</Tag>}
                      </Space>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 4px' }}>{p.summary}</Typography.Paragraph>
                      {p.difficulties && (
                        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                          存在问题：{p.difficulties}
                        </Typography.Paragraph>
                      )}
                      <div style={{ marginBottom: 4 }}>
                        <ProgressFiles files={p.files} />
                      </div>
                      {p.reviewComment && (
                        <Alert
                          style={{ marginTop: 8 }}
                          type={p.state === 'returned' ? 'warning' : 'info'}
                          title={`审核意见：${p.reviewComment}`}
                          showIcon
                        />
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                        {p.submittedBy ?? ''} 提交于 {formatTime(p.submittedAt)}
                        {p.reviewedAt ? ` · 审核于 ${formatTime(p.reviewedAt)}` : ''}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有月度进度报告" />
              ),
            },
            {
              key: 'events',
              label: '操作记录',
              children: detail.data.events.length ? (
                <Timeline
                  items={detail.data.events.map((e) => ({
                    content: (
                      <>
                        <div>
                          {EVENT_LABELS[e.action] ?? e.action}
                          {e.actorName ? ` · ${e.actorName}` : ''}
                        </div>
                        {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                        <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>{formatTime(e.createdAt)}</div>
                      </>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无操作记录" />
              ),
            },
          ]}
        />
      )}
      <Modal
        title={`填报${periodTitle(period)}进度`}
        open={reporting && !!task}
        onCancel={() => setReporting(false)}
        footer={null}
        destroyOnHidden
        width={560}
      >
        {task && <ProgressForm task={task} period={period} previous={current} onDone={() => setReporting(false)} />}
      </Modal>
    </Drawer>
  );
}
