/**
 * Monthly progress reports as the API shows them (contract: progressResponse), with the caller's abilities: the office
 * over the plan approves or returns a pending report; the lead unit resubmits a pending or returned one (an approved
 * month is final). Used by /api/task-progress and by GET /api/tasks/:id (its `progress` list).
 */
import type { ProgressDto } from '../../../common/contracts/tasks';
import { PROGRESS_SUBMITTABLE } from '../../../common/tasks';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { mayManagePlan, mayReport } from './access';
import { evidenceFiles, progressOfTask, type EvidenceItem, type ProgressRow } from './progress-repository';

export type ProgressOut = Omit<ProgressDto, 'submittedAt' | 'reviewedAt'> & { submittedAt: Date; reviewedAt: Date | null };

/** One report (its evidence files looked up already). */
export function presentProgressRow(actor: Actor, r: ProgressRow, files: Map<string, EvidenceItem>): ProgressOut {
  const review = mayManagePlan(actor, r) && r.state === 'submitted';
  return {
    id: r.id,
    taskId: r.task_id,
    taskTitle: r.task_title,
    taskCode: r.task_code,
    planId: r.plan_id,
    leadUnit: { id: r.lead_unit_id, name: r.lead_unit_name },
    period: r.period,
    percent: r.percent,
    summary: r.summary,
    difficulties: r.difficulties,
    files: r.file_ids.flatMap((id) => {
      const f = files.get(id);
      return f ? [f] : [];
    }),
    state: r.state,
    late: r.late,
    submissions: r.submissions,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by_name,
    reviewComment: r.review_comment,
    reviewedAt: r.reviewed_at,
    version: r.version,
    abilities: {
      approve: review,
      return: review,
      resubmit: mayReport(actor, r) && PROGRESS_SUBMITTABLE.includes(r.state),
    },
  };
}

/**
 * Reports as the API shows them: pass the rows (progress-repository `progressRows`), or a task id for all of that
 * task's reports, the latest month first. The caller has checked that the actor may see them.
 */
export async function presentProgress(db: Db | Tx, actor: Actor, rowsOrTaskId: ProgressRow[] | string): Promise<ProgressOut[]> {
  const rows = typeof rowsOrTaskId === 'string' ? await progressOfTask(db, rowsOrTaskId) : rowsOrTaskId;
  const files = await evidenceFiles(
    db,
    rows.flatMap((r) => r.file_ids),
  );
  return rows.map((r) => presentProgressRow(actor, r, files));
}
