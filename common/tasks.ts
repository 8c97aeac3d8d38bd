/**
 * 实施方案 → 任务分解 → 每月汇报进度, and 项目化 (construction projects with milestones and 交账), as data shared by
 * the server and the web: statuses and their labels, the rule that says a task is 滞后 or 逾期, the progress-report
 * review workflow (通过 / 退回补充), the reminder and escalation calendar, project types and milestone kinds, and the
 * schedule status of a project. Pure functions only (no zod here beyond the workflow payloads, no I/O).
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

// ---- plans -------------------------------------------------------------------------------------------------------

/** 实施方案 (the campaign's plan) or 专项行动 (a sub-plan under it). */
export const PLAN_KINDS = ['plan', 'special'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = { plan: '实施方案', special: '专项行动' };

// ---- tasks -------------------------------------------------------------------------------------------------------

/** A task's status as the plan tree colours it. Computed from dates, progress and today (never stored). */
export const TASK_STATUSES = ['not_started', 'in_progress', 'behind', 'done', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  behind: '滞后',
  done: '已完成',
  overdue: '逾期',
};
/** Status colours (antd preset names), shared by the tree, the Gantt bars and the phone cards. */
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  behind: 'warning',
  done: 'success',
  overdue: 'error',
};

/**
 * 滞后: the share of the task's time that has passed exceeds the approved percent done by more than this many points
 * (e.g. 60 % of the time gone and 40 % done is 20 points behind → 滞后).
 */
export const BEHIND_TOLERANCE_POINTS = 15;

export interface TaskStatusInput {
  /** YYYY-MM-DD (Beijing dates). */
  startDate: string;
  dueDate: string;
  /** The latest approved percent done (0–100). */
  percent: number;
  /** When the task was completed (the report that brought it to 100 % was approved), or null. */
  completedAt: string | Date | null;
}

/** Days between two YYYY-MM-DD dates (b − a), by calendar days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Elapsed share (0–1) of a task's span on `today`, counting both the start and the due day. */
export function elapsedShare(startDate: string, dueDate: string, today: string): number {
  const span = daysBetween(startDate, dueDate) + 1;
  if (span <= 0) return 1;
  const gone = daysBetween(startDate, today) + 1;
  return Math.min(1, Math.max(0, gone / span));
}

/**
 * The status of a task on `today` (YYYY-MM-DD):
 * 已完成 when completed (100 % approved); 逾期 when today is past the due date and it is not; 未开始 before the
 * start date with nothing done; 滞后 when the elapsed share of its time exceeds the percent done by more than
 * BEHIND_TOLERANCE_POINTS; otherwise 进行中.
 */
export function taskStatus(t: TaskStatusInput, today: string): TaskStatus {
  if (t.completedAt || t.percent >= 100) return 'done';
  if (today > t.dueDate) return 'overdue';
  if (today < t.startDate && t.percent <= 0) return 'not_started';
  const behindBy = elapsedShare(t.startDate, t.dueDate, today) * 100 - t.percent;
  return behindBy > BEHIND_TOLERANCE_POINTS ? 'behind' : 'in_progress';
}

/** A task milestone (节点): a name and a date, done when reported so. */
export interface TaskMilestone {
  name: string;
  date: string;
  done: boolean;
}

// ---- monthly progress reports ------------------------------------------------------------------------------------

/**
 * 每月汇报进度: the lead unit reports each month by this day of the month (the report is for that month); the unit's
 * head is reminded REMINDER_DAYS_BEFORE days before. Both are defaults a region may override in its settings.
 */
export const PROGRESS_DUE_DAY = 25;
export const PROGRESS_REMINDER_DAYS_BEFORE = 3;

/**
 * A task past its due date escalates like a problem: 督办单 to the lead unit at once (level 1), then, still not done
 * after ESCALATE_TO_LEADER_DAYS, to the responsible leader (level 2).
 */
export const ESCALATE_TO_LEADER_DAYS = 7;
/** The 督办单 goes out once a task is this many days past its due date (1: the day after it). */
export const ESCALATE_AFTER_DUE_DAYS = 1;
/** A project milestone's owner unit is reminded this many days before its planned date. */
export const MILESTONE_REMIND_DAYS_BEFORE = 3;

/**
 * 任务进度设置: the calendar above as a region's settings (region_task_settings; the nearest region's row wins). These
 * are the shipped defaults and the bounds the server and the settings form check.
 */
export interface TaskSettingsValues {
  progressDueDay: number;
  remindDaysBefore: number;
  escalateAfterDays: number;
  leaderAfterDays: number;
  milestoneRemindDays: number;
}
export const TASK_SETTINGS_DEFAULTS: TaskSettingsValues = {
  progressDueDay: PROGRESS_DUE_DAY,
  remindDaysBefore: PROGRESS_REMINDER_DAYS_BEFORE,
  escalateAfterDays: ESCALATE_AFTER_DUE_DAYS,
  leaderAfterDays: ESCALATE_TO_LEADER_DAYS,
  milestoneRemindDays: MILESTONE_REMIND_DAYS_BEFORE,
};
export const TASK_SETTINGS_BOUNDS: Record<keyof TaskSettingsValues, { min: number; max: number; label: string }> = {
  progressDueDay: { min: 1, max: 28, label: '每月报送日' },
  remindDaysBefore: { min: 0, max: 10, label: '报送前提醒天数' },
  escalateAfterDays: { min: 1, max: 30, label: '逾期发督办单天数' },
  leaderAfterDays: { min: 1, max: 60, label: '提请责任领导督办天数' },
  milestoneRemindDays: { min: 0, max: 30, label: '项目节点提前提醒天数' },
};
export const TASK_ESCALATION_LEVEL_LABELS: Record<1 | 2, string> = { 1: '督办单', 2: '提请责任领导督办' };

export const PROGRESS_STATES = ['submitted', 'approved', 'returned'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];
export const PROGRESS_STATE_LABELS: Record<ProgressState, string> = {
  submitted: '待审核',
  approved: '已通过',
  returned: '退回补充',
};

/** reviewer: the office whose scope covers the plan. */
export type ProgressActor = 'reviewer';

/** States from which the lead unit may (re)submit the month's report: an approved one is final. */
export const PROGRESS_SUBMITTABLE: readonly (ProgressState | null)[] = [null, 'submitted', 'returned'];

export const PROGRESS_PAYLOADS = {
  approve: z.object({ comment: z.string().trim().max(1000).optional() }),
  return: z.object({ comment: z.string({ error: '退回须填写意见' }).trim().min(2, '退回须填写意见（至少 2 个字）').max(1000) }),
} as const;

export const PROGRESS_ACTIONS = defineWorkflow(PROGRESS_STATES, {
  approve: { from: ['submitted'], to: ['approved'], by: 'reviewer', payload: PROGRESS_PAYLOADS.approve },
  return: { from: ['submitted'], to: ['returned'], by: 'reviewer', payload: PROGRESS_PAYLOADS.return },
} satisfies Record<string, WorkflowActionDef<ProgressState, ProgressActor>>);
export type ProgressAction = keyof typeof PROGRESS_ACTIONS;
export const PROGRESS_ACTION_NAMES = Object.keys(PROGRESS_ACTIONS) as [ProgressAction, ...ProgressAction[]];
export const PROGRESS_ACTION_LABELS: Record<ProgressAction, string> = { approve: '通过', return: '退回补充' };

/** The due date (YYYY-MM-DD) of a month's report, e.g. '2026-11' → '2026-11-25'. */
export function progressDueDate(period: string, dueDay = PROGRESS_DUE_DAY): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(Math.min(dueDay, last)).padStart(2, '0')}`;
}

// ---- projects ----------------------------------------------------------------------------------------------------

/** Project types (项目类型). Data: the list the office picks from; more may be added without a migration. */
export const PROJECT_TYPES = [
  { code: 'flower_sea', name: '花海' },
  { code: 'park', name: '公园游园' },
  { code: 'road', name: '道路改造' },
  { code: 'toilet', name: '公厕' },
  { code: 'market', name: '农贸市场改造' },
  { code: 'old_community', name: '老旧小区改造' },
  { code: 'greening', name: '绿化提升' },
  { code: 'facade', name: '街景立面整治' },
  { code: 'other', name: '其他' },
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number]['code'];
export const PROJECT_TYPE_CODES = PROJECT_TYPES.map((t) => t.code) as [ProjectType, ...ProjectType[]];
export const PROJECT_TYPE_LABELS = Object.fromEntries(PROJECT_TYPES.map((t) => [t.code, t.name])) as Record<ProjectType, string>;

/** The milestones every project passes, in order; 交账 is the hand-over the countdown counts to. */
export const MILESTONE_KINDS = ['approval', 'design', 'start', 'structure', 'acceptance', 'handover'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  approval: '立项',
  design: '设计',
  start: '开工',
  structure: '主体完工',
  acceptance: '验收',
  handover: '交账',
};

/** Photos per milestone: 施工前 / 施工中 / 完工后. */
export const PHOTO_STAGES = ['before', 'during', 'after'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];
export const PHOTO_STAGE_LABELS: Record<PhotoStage, string> = { before: '施工前', during: '施工中', after: '完工后' };

/** A project's schedule status on the battle map. */
export const PROJECT_STATUSES = ['not_started', 'on_track', 'behind', 'done', 'overdue'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  not_started: '未开工',
  on_track: '按计划推进',
  behind: '进度滞后',
  done: '已交账',
  overdue: '逾期未交账',
};
/** Map colours (hex: the battle map draws on a canvas). */
export const PROJECT_STATUS_COLORS: Record<ProjectStatus, string> = {
  not_started: '#8c8c8c',
  on_track: '#1677ff',
  behind: '#fa8c16',
  done: '#52c41a',
  overdue: '#f5222d',
};

export interface MilestoneInput {
  kind: MilestoneKind;
  plannedDate: string;
  actualDate: string | null;
}

/**
 * A project's schedule status on `today`: 已交账 when the hand-over milestone has its actual date; 逾期未交账 when the
 * planned hand-over has passed without it; 进度滞后 when any milestone's planned date has passed without an actual date;
 * 未开工 when no milestone has started (no actual dates) and the first planned date is still ahead; otherwise 按计划推进.
 */
export function projectStatus(milestones: readonly MilestoneInput[], handoverDate: string, today: string): ProjectStatus {
  const handover = milestones.find((m) => m.kind === 'handover');
  if (handover?.actualDate) return 'done';
  if (today > handoverDate) return 'overdue';
  if (milestones.some((m) => !m.actualDate && m.plannedDate < today)) return 'behind';
  if (milestones.every((m) => !m.actualDate)) return 'not_started';
  return 'on_track';
}

/** Days from today to the hand-over (negative once past); 0 on the day. */
export function daysToHandover(handoverDate: string, today: string): number {
  return daysBetween(today, handoverDate);
}
