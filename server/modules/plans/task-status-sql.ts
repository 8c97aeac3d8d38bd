/**
 * A task's status in SQL — the CASE form of common/tasks.ts `taskStatus`, for filtering and counting lists by status
 * (the JS function presents one task; both must agree, see task-status-sql.test.ts). Same order of rules, same
 * arithmetic (float8 like JS numbers): 已完成, 逾期, 未开始, 滞后 (elapsed share × 100 − percent > tolerance), 进行中.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { BEHIND_TOLERANCE_POINTS, type TaskStatus } from '../../../common/tasks';

export interface TaskStatusColumns {
  startDate: Expression<string>;
  dueDate: Expression<string>;
  percent: Expression<number>;
  completedAt: Expression<Date | null>;
}

/** The columns of a task aliased `t`. */
export const TASK_COLUMNS: TaskStatusColumns = {
  startDate: sql.ref('t.start_date'),
  dueDate: sql.ref('t.due_date'),
  percent: sql.ref('t.percent'),
  completedAt: sql.ref('t.completed_at'),
};

/** SQL: the task's status on `today` (YYYY-MM-DD, the Beijing day of the clock). */
export function taskStatusSql(today: string, c: TaskStatusColumns = TASK_COLUMNS): RawBuilder<TaskStatus> {
  const d = sql`${today}::date`;
  // elapsedShare: (today − start + 1) / (due − start + 1), clamped to [0, 1]; a span ≤ 0 counts as all gone.
  const span = sql`(${c.dueDate} - ${c.startDate} + 1)`;
  const share = sql`case when ${span} <= 0 then 1::float8 else least(1::float8, greatest(0::float8, (${d} - ${c.startDate} + 1)::float8 / ${span}::float8)) end`;
  return sql<TaskStatus>`(case
    when ${c.completedAt} is not null or ${c.percent} >= 100 then 'done'
    when ${d} > ${c.dueDate} then 'overdue'
    when ${d} < ${c.startDate} and ${c.percent} <= 0 then 'not_started'
    when ${share} * 100 - ${c.percent} > ${sql.lit(BEHIND_TOLERANCE_POINTS)} then 'behind'
    else 'in_progress' end)`;
}
