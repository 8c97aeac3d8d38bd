/**
 * The month's progress table (月度任务进度表) as .xlsx for the office's ledger: every task of the plans the caller reads
 * that had to report that month (started by the month's end, not completed before it, or reported anyway), with the
 * month's report — 本月进度, 本月完成情况, 存在问题, 状态, 汇报时间, 是否逾期汇报 — or 未报送. `monthProgress` is
 * the same set of rows for the bulletin (progress-bulletin.ts).
 */
import { sql } from 'kysely';
import {
  PROGRESS_STATE_LABELS,
  progressDueDate,
  TASK_SETTINGS_DEFAULTS,
  taskStatus,
  type ProgressState,
  type TaskStatus,
} from '../../../common/tasks';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { buildWorkbook, type SheetColumn } from '../../platform/xlsx';
import { beijingDay } from '../calendar/calendar';
import { homeRegion } from '../problem-settings/resolve';
import { readablePlanSql } from './access';
import { periodName } from './submit-progress';
import { settingSql, taskSettingsAt, taskSettingsLateral } from './task-settings';

export interface MonthQuery {
  period?: string;
  planId?: string;
}

/** The last day (YYYY-MM-DD) of a month 'YYYY-MM'. */
export function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export interface MonthRow {
  taskId: string;
  code: string | null;
  title: string;
  planName: string;
  unitId: string;
  unitName: string;
  startDate: string;
  dueDate: string;
  taskPercent: number;
  status: TaskStatus;
  escalationLevel: number;
  campaignId: string;
  regionId: string;
  /** A report was due this month (progress-indicators.ts dueReportsSql's rule): started by the due day, not completed before it. */
  due: boolean;
  report: {
    percent: number;
    summary: string;
    difficulties: string | null;
    state: ProgressState;
    late: boolean;
    submittedAt: Date;
  } | null;
}

/** The month's rows for the plans the caller reads whole (office, leaders, task force); anyone else 403. */
export async function monthProgress(ctx: Ctx, q: MonthQuery): Promise<{ period: string; due: string; today: string; rows: MonthRow[] }> {
  if (!holds(ctx.actor, 'plans.read')) throw new AppError('forbidden', '没有权限导出任务进度');
  const today = beijingDay(ctx.clock.now());
  const period = q.period ?? today.slice(0, 7);
  const first = `${period}-01`;
  const last = monthEnd(period);
  let query = ctx.db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .leftJoin('task_progress as tp', (j) => j.onRef('tp.task_id', '=', 't.id').on('tp.period', '=', period))
    .leftJoinLateral(taskSettingsLateral('r.path'), (j) => j.onTrue())
    .select([
      settingSql('progress_due_day', TASK_SETTINGS_DEFAULTS.progressDueDay).as('due_day'),
      't.id',
      't.code',
      't.title',
      't.start_date',
      't.due_date',
      't.percent',
      't.completed_at',
      't.escalation_level',
      sql<string | null>`to_char(t.completed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('completed_day'),
      'p.campaign_id',
      'p.region_id',
      'p.name as plan_name',
      'lu.id as unit_id',
      'lu.name as unit_name',
      'tp.id as report_id',
      'tp.percent as report_percent',
      'tp.summary',
      'tp.difficulties',
      'tp.state',
      'tp.late',
      'tp.submitted_at',
    ])
    .where(readablePlanSql(ctx.actor))
    .where('t.start_date', '<=', last)
    .where(
      sql<boolean>`(t.completed_at is null or (t.completed_at at time zone 'Asia/Shanghai')::date >= ${first}::date or tp.id is not null)`,
    );
  if (q.planId) query = query.where((eb) => eb.or([eb('p.id', '=', q.planId!), eb('p.parent_id', '=', q.planId!)]));
  const rows = await query.orderBy('p.sort').orderBy('p.created_at').orderBy('t.seq').orderBy('t.id').limit(20_000).execute();
  // The header's due day is the caller's region's (任务进度设置); each row's is its plan's region's.
  const due = progressDueDate(
    period,
    (await taskSettingsAt(ctx.db, (await homeRegion(ctx.db, ctx.actor, 'plans.read'))?.path)).progressDueDay,
  );
  return {
    period,
    due,
    today,
    rows: rows.map((t) => ({
      taskId: t.id,
      code: t.code,
      title: t.title,
      planName: t.plan_name,
      unitId: t.unit_id,
      unitName: t.unit_name,
      startDate: t.start_date,
      dueDate: t.due_date,
      taskPercent: t.percent,
      status: taskStatus({ startDate: t.start_date, dueDate: t.due_date, percent: t.percent, completedAt: t.completed_at }, today),
      escalationLevel: t.escalation_level,
      campaignId: t.campaign_id,
      regionId: t.region_id,
      due: ((d) => t.start_date <= d && (!t.completed_day || t.completed_day > d || !!t.report_id))(progressDueDate(period, t.due_day)),
      report:
        t.report_id && t.state
          ? {
              percent: t.report_percent ?? 0,
              summary: t.summary ?? '',
              difficulties: t.difficulties,
              state: t.state,
              late: !!t.late,
              submittedAt: t.submitted_at!,
            }
          : null,
    })),
  };
}

const COLUMNS: SheetColumn[] = [
  { header: '工作任务', width: 36 },
  { header: '牵头单位', width: 16 },
  { header: '完成时限', kind: 'date', width: 12 },
  { header: '本月进度', kind: 'percent', numFmt: '0%', width: 10 },
  { header: '本月完成情况', width: 44 },
  { header: '存在问题', width: 30 },
  { header: '状态', width: 10 },
  { header: '汇报时间', kind: 'datetime', width: 17 },
  { header: '是否逾期汇报', width: 13 },
];

export async function buildProgressWorkbook(ctx: Ctx, q: MonthQuery): Promise<{ fileName: string; buffer: Buffer }> {
  const m = await monthProgress(ctx, q);
  const overdueReport = m.today > m.due;
  const title = `${periodName(m.period)}任务进度表`;
  const reported = m.rows.filter((r) => r.report).length;
  const buffer = await buildWorkbook(
    '任务进度',
    COLUMNS,
    m.rows.map((r) => [
      `${r.code ? `${r.code} ` : ''}${r.title}`,
      r.unitName,
      r.dueDate,
      r.report ? r.report.percent / 100 : null,
      r.report?.summary ?? '',
      r.report?.difficulties ?? '',
      r.report ? PROGRESS_STATE_LABELS[r.report.state] : '未报送',
      r.report?.submittedAt ?? null,
      r.report ? (r.report.late ? '是' : '否') : overdueReport ? '未报送' : '',
    ]),
    {
      title,
      period: periodName(m.period),
      now: ctx.clock.now(),
      info: [`报送截止：${m.due}`, `已报送 ${reported} 项，未报送 ${m.rows.length - reported} 项`],
    },
  );
  return { fileName: `${title}.xlsx`, buffer };
}
