/** Status tags shared by the plan tree, the Gantt legend, the phone cards and the review list. */
import { Space, Tag } from 'antd';
import {
  PROGRESS_STATE_LABELS,
  TASK_ESCALATION_LEVEL_LABELS,
  TASK_STATUS_COLORS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type ProgressState,
  type TaskStatus,
} from '@common/tasks';

/** Hex colours of the statuses (the Gantt draws on a canvas; the tags use antd's presets). */
export const TASK_STATUS_HEX: Record<TaskStatus, string> = {
  not_started: '#8c8c8c',
  in_progress: '#1677ff',
  behind: '#fa8c16',
  done: '#52c41a',
  overdue: '#f5222d',
};

export const PROGRESS_STATE_COLORS: Record<ProgressState, string> = { submitted: 'processing', approved: 'success', returned: 'warning' };

export const TASK_STATUS_OPTIONS = TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }));

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  return <Tag color={TASK_STATUS_COLORS[status]}>{TASK_STATUS_LABELS[status]}</Tag>;
}

export function ProgressStateTag({ state }: { state: ProgressState }) {
  return <Tag color={PROGRESS_STATE_COLORS[state]}>{PROGRESS_STATE_LABELS[state]}</Tag>;
}

/** 督办 level: nothing below 1. */
export function EscalationTag({ level }: { level: number }) {
  if (level < 1) return null;
  return <Tag color={level >= 2 ? 'red' : 'volcano'}>{TASK_ESCALATION_LEVEL_LABELS[level >= 2 ? 2 : 1]}</Tag>;
}

/** Task counts by status as coloured tags (zero counts left out; 暂无任务 when none). */
export function StatusCounts({ counts }: { counts: Record<TaskStatus, number> }) {
  const shown = TASK_STATUSES.filter((s) => (counts[s] ?? 0) > 0);
  if (!shown.length) return <Tag>暂无任务</Tag>;
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((s) => (
        <Tag key={s} color={TASK_STATUS_COLORS[s]}>
          {TASK_STATUS_LABELS[s]} {counts[s]}
        </Tag>
      ))}
    </Space>
  );
}
