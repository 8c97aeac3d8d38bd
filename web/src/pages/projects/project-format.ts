/** How a project's countdown, money and milestone read on every projects screen. */
import { MILESTONE_KIND_LABELS, PROJECT_STATUS_COLORS, PROJECT_STATUS_LABELS, PROJECT_TYPE_LABELS } from '@common/tasks';
import { openRing, outlineAreaM2 } from '@common/contracts/project-outline';
import type { Project } from '../../api/projects';

/** Within this many days of the hand-over the countdown turns orange. */
export const HANDOVER_WARN_DAYS = 30;

export interface Countdown {
  /** The big number (days), or null when handed over. */
  days: number | null;
  /** What the number means: 天后交账, 天 逾期, 今天交账, 已交账. */
  caption: string;
  /** Red when overdue, orange within 30 days, green when handed over, navy otherwise. */
  color: string;
  /** One line for a screen reader or a popup. */
  text: string;
}

/** The countdown to 交账 of a project (from the server's daysToHandover and status). */
export function countdownOf(p: Pick<Project, 'daysToHandover' | 'status'>): Countdown {
  if (p.status === 'done') return { days: null, caption: '已交账', color: PROJECT_STATUS_COLORS.done, text: '已交账' };
  const d = p.daysToHandover;
  if (d < 0) return { days: -d, caption: '天 已逾期', color: '#cf1322', text: `已逾期 ${-d} 天` };
  if (d === 0) return { days: 0, caption: '今天交账', color: '#cf1322', text: '今天交账' };
  const color = d <= HANDOVER_WARN_DAYS ? '#d46b08' : '#1f3a5f';
  return { days: d, caption: '天后交账', color, text: `距交账还有 ${d} 天` };
}

/** 元 → 万元 with two decimals (1234567 → 123.46 万元). */
export function wan(yuan: number): string {
  return `${(yuan / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 万元`;
}

/** The milestone reached last, in words. */
export function currentMilestoneLabel(p: Pick<Project, 'currentMilestone'>): string {
  return p.currentMilestone ? `当前节点：${MILESTONE_KIND_LABELS[p.currentMilestone]}` : '尚未立项';
}

export const typeLabel = (p: Pick<Project, 'type'>) => PROJECT_TYPE_LABELS[p.type] ?? p.type;
export const statusLabel = (p: Pick<Project, 'status'>) => PROJECT_STATUS_LABELS[p.status];
export const statusColor = (p: Pick<Project, 'status'>) => PROJECT_STATUS_COLORS[p.status];

/** An outline's size in words: "6 个角点，约 1.2 公顷（18.0 亩）" or "…约 850 平方米（1.3 亩）". */
export function outlineText(points: ReadonlyArray<readonly [number, number]>): string {
  const corners = openRing(points).length;
  const m2 = outlineAreaM2(points);
  const mu = (m2 / (10_000 / 15)).toFixed(1);
  const size = m2 >= 10_000 ? `${(m2 / 10_000).toFixed(1)} 公顷` : `${Math.round(m2).toLocaleString('zh-CN')} 平方米`;
  return `${corners} 个角点，约 ${size}（${mu} 亩）`;
}
