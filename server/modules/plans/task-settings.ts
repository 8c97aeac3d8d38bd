/**
 * 任务进度设置 as region-scoped data (`region_task_settings`, migration 20261208_0131): the monthly report's due day,
 * the reminder lead days, the days past due before a task's 督办单 and the days after it before the responsible
 * leader, and the project milestone reminder lead days. The nearest region's row wins (problem-settings/resolve.ts
 * `nearest`, the platform's one rule); the row without a region is the shipped default (common/tasks.ts
 * TASK_SETTINGS_DEFAULTS). In JS for one region (`taskSettingsAt`), and in SQL per row for the sweeps
 * (`taskSettingsLateral`: a lateral join resolving the same rule for the region path of each row).
 */
import { sql, type RawBuilder } from 'kysely';
import { TASK_SETTINGS_DEFAULTS, type TaskSettingsValues } from '../../../common/tasks';
import type { Db, Tx } from '../../platform/db';
import { nearest } from '../problem-settings/resolve';

export interface ResolvedTaskSettings extends TaskSettingsValues {
  /** The region whose row applies; null: the shipped default. */
  regionId: string | null;
}

type Row = {
  region_id: string | null;
  progress_due_day: number;
  remind_days_before: number;
  escalate_after_days: number;
  leader_after_days: number;
  milestone_remind_days: number;
};

const fromRow = (r: Row): ResolvedTaskSettings => ({
  progressDueDay: r.progress_due_day,
  remindDaysBefore: r.remind_days_before,
  escalateAfterDays: r.escalate_after_days,
  leaderAfterDays: r.leader_after_days,
  milestoneRemindDays: r.milestone_remind_days,
  regionId: r.region_id,
});

/** The settings that apply in the region at `regionPath` (null or undefined: the shipped default). */
export async function taskSettingsAt(db: Db | Tx, regionPath: string | null | undefined): Promise<ResolvedTaskSettings> {
  const rows = await db
    .selectFrom('region_task_settings')
    .select(['region_id', 'progress_due_day', 'remind_days_before', 'escalate_after_days', 'leader_after_days', 'milestone_remind_days'])
    .execute();
  const row = nearest(regionPath, rows);
  return row ? fromRow(row) : { ...TASK_SETTINGS_DEFAULTS, regionId: null };
}

/** The applying row's values as the lateral join `ts` gives them. */
export interface TaskSettingsColumns {
  progress_due_day: number;
  remind_days_before: number;
  escalate_after_days: number;
  leader_after_days: number;
  milestone_remind_days: number;
}

/**
 * SQL for `.leftJoinLateral(taskSettingsLateral('r.path'), (j) => j.onTrue())`: for the region path in `pathRef`, the
 * applying row as `ts` (`ts.progress_due_day`, `ts.remind_days_before`, `ts.escalate_after_days`,
 * `ts.leader_after_days`, `ts.milestone_remind_days`): the nearest region's row, else the default row.
 */
export function taskSettingsLateral(pathRef: string) {
  return sql<TaskSettingsColumns>`(
    select s.progress_due_day, s.remind_days_before, s.escalate_after_days, s.leader_after_days, s.milestone_remind_days
    from region_task_settings s left join regions sr on sr.id = s.region_id
    where s.region_id is null or ${sql.ref(pathRef)} like sr.path || '%'
    order by length(sr.path) desc nulls last limit 1)`.as('ts');
}

/** SQL: a month's report due date at the applying settings (`period` 'YYYY-MM'; the due day is at most 28). */
export function dueDateSql(period: string): RawBuilder<string> {
  return sql<string>`(${`${period}-01`}::date + (coalesce(ts.progress_due_day, ${TASK_SETTINGS_DEFAULTS.progressDueDay}) - 1))`;
}

/** SQL: a settings column of the lateral row, defaulting to the shipped value. */
export function settingSql(column: keyof TaskSettingsColumns, fallback: number): RawBuilder<number> {
  return sql<number>`coalesce(${sql.ref(`ts.${column}`)}, ${fallback})`;
}
