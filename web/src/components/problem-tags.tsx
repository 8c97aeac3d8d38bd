/** Problem state / severity tags and the live deadline countdown, shared by the problem pages and the field page. */
import {
  DEADLINE_STATES,
  PROBLEM_SEVERITY_LABELS,
  PROBLEM_STATE_LABELS,
  type ProblemSeverity,
  type ProblemState,
} from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';

/** One colour per state: tags use it, the map draws markers with it. */
export const STATE_COLORS: Record<ProblemState, string> = {
  pending: '#fa8c16',
  rejected: '#8c8c8c',
  accepted: '#13c2c2',
  dispatched: '#1677ff',
  rectifying: '#722ed1',
  verifying: '#eb2f96',
  closed: '#52c41a',
};

const SEVERITY_COLORS: Record<ProblemSeverity, string | undefined> = {
  normal: undefined,
  major: 'gold',
  serious: 'orange',
  urgent: 'red',
};

/** State tag (待受理, 整改中 …). */
export function ProblemStateTag({ state }: { state: ProblemState }) {
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {labelOf(PROBLEM_STATE_LABELS, state)}
    </Tag>
  );
}

/** Severity tag (一般 shows plain). */
export function SeverityTag({ severity }: { severity: ProblemSeverity }) {
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={{ marginInlineEnd: 0 }}>
      {labelOf(PROBLEM_SEVERITY_LABELS, severity)}
    </Tag>
  );
}

/** Red 超期 tag. */
export function OverdueTag() {
  return (
    <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
      超期
    </Tag>
  );
}

/** The current time, refreshed every `intervalMs` (one timer per component). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "2天3小时", "3小时20分钟", "15分钟". */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}天${hours ? `${hours}小时` : ''}`;
  if (hours > 0) return `${hours}小时${mins ? `${mins}分钟` : ''}`;
  return `${mins}分钟`;
}

/** Text and tone of a deadline right now; null when the state has no running clock. */
export function deadlineStatus(deadline: string | null, state: ProblemState, now: number) {
  if (!deadline || !(DEADLINE_STATES as readonly string[]).includes(state)) return null;
  const left = new Date(deadline).getTime() - now;
  if (left < 0) return { text: `已超期 ${formatSpan(left)}`, tone: 'danger' as const, overdue: true };
  return { text: `剩余 ${formatSpan(left)}`, tone: left < 24 * 3600_000 ? ('warning' as const) : undefined, overdue: false };
}

/** Live countdown to the deadline: 剩余 2天3小时 / 已超期 5小时 (red). */
export function DeadlineCountdown({
  deadline,
  state,
  strong,
  hideEmpty,
}: {
  deadline: string | null;
  state: ProblemState;
  strong?: boolean;
  hideEmpty?: boolean;
}) {
  const now = useNow();
  const status = deadlineStatus(deadline, state, now);
  if (!status) return hideEmpty ? null : <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={status.tone} strong={strong || status.overdue} style={{ whiteSpace: 'nowrap' }}>
      {status.text}
    </Typography.Text>
  );
}
