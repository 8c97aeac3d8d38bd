/**
 * 每月汇报进度: the lead unit's head or liaison reports a task's month — percent done, what was done, problems met and
 * evidence: photos uploaded through /api/files and documents (PDF, Word, Excel) through /api/tasks/:id/evidence, both
 * checked by content type at upload. One report per task and month: the first submission creates it (201), a pending
 * or returned one is submitted again (200, submissions + 1, back to 待审核), an approved month is final (409). The
 * office is told after COMMIT.
 */
import type { ProgressBody } from '../../../common/contracts/tasks';
import { progressDueDate, PROGRESS_SUBMITTABLE, type ProgressState } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { beijingDay } from '../calendar/calendar';
import { notify } from '../notifications/notify';
import { mayReadPlan, mayReadTask, mayReport } from './access';
import { appendTaskEvent, findTaskForProgress, type ProgressTask } from './progress-repository';
import { taskSettingsAt } from './task-settings';

/**
 * Photo evidence (the `files` table, /api/files: type by content, watermarked): the photo kinds that pipeline stores.
 * Documents — PDF, Word, Excel — come through POST /api/tasks/:id/evidence (upload-evidence.ts, task_evidence_files).
 */
export const EVIDENCE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);

/** 'YYYY-MM' → '2026年11月'. */
export const periodName = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

/** The task for a report by this actor: 404 out of scope, 403 for a reader who is not the lead unit. */
export async function taskToReport(ctx: Ctx, taskId: string): Promise<ProgressTask> {
  const task = await findTaskForProgress(ctx.db, taskId);
  if (!task || !mayReadTask(ctx.actor, task)) throw notFound('任务');
  if (mayReport(ctx.actor, task)) return task;
  // The office, leaders and task force see the task but do not report on it; a cooperating unit learns nothing more.
  if (mayReadPlan(ctx.actor, task)) throw new AppError('forbidden', '由牵头单位填报');
  throw notFound('任务');
}

/** The month must be this one or earlier, and not before the task starts. */
export function checkPeriod(period: string, task: { start_date: string }, today: string) {
  if (period > today.slice(0, 7)) throw new AppError('unprocessable', `不能填报未来月份（${periodName(period)}）的进度`);
  if (period < task.start_date.slice(0, 7))
    throw new AppError('unprocessable', `任务自 ${task.start_date} 开始，不能填报${periodName(period)}的进度`);
}

/**
 * Evidence: photos the caller uploaded (/api/files) and documents the caller uploaded for this task
 * (/api/tasks/:id/evidence); anything else is a 422 naming 佐证材料. Ids the report already holds (`kept`: a returned
 * report resubmitted by a colleague of the unit) stay valid whoever uploaded them.
 */
export async function checkEvidence(tx: Tx, ctx: Ctx, taskId: string, fileIds: string[], kept: string[] = []): Promise<string[]> {
  const ids = [...new Set(fileIds)];
  if (!ids.length) return [];
  const [photos, docs] = await Promise.all([
    tx.selectFrom('files').select(['id', 'mime', 'uploaded_by']).where('id', 'in', ids).execute(),
    tx.selectFrom('task_evidence_files').select(['id', 'task_id', 'uploaded_by']).where('id', 'in', ids).execute(),
  ]);
  const me = actorUserId(ctx.actor);
  for (const id of ids) {
    const photo = photos.find((x) => x.id === id);
    const doc = docs.find((x) => x.id === id);
    const mine = kept.includes(id) || (!!me && (photo ?? doc)?.uploaded_by === me);
    if ((!photo && !doc) || !mine) throw new AppError('unprocessable', '佐证材料不存在或不是您上传的文件，请重新上传');
    if (photo && !EVIDENCE_MIMES.has(photo.mime))
      throw new AppError('unprocessable', '佐证材料的文件类型不支持（限 PDF、Word、Excel 或照片）');
    if (doc && doc.task_id !== taskId) throw new AppError('unprocessable', '佐证材料不是为本任务上传的，请在本任务下重新上传');
  }
  return ids;
}

export interface SubmitResult {
  id: string;
  created: boolean;
}

export async function submitProgress(ctx: Ctx, taskId: string, input: ProgressBody): Promise<SubmitResult> {
  const task = await taskToReport(ctx, taskId);
  const now = ctx.clock.now();
  const today = beijingDay(now);
  checkPeriod(input.period, task, today);
  const late = today > progressDueDate(input.period, (await taskSettingsAt(ctx.db, task.region_path)).progressDueDay);
  const me = actorUserId(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('task_progress')
      .selectAll()
      .where('task_id', '=', task.id)
      .where('period', '=', input.period)
      .forUpdate()
      .executeTakeFirst();
    const fileIds = await checkEvidence(tx, ctx, task.id, input.fileIds ?? [], existing?.file_ids ?? []);
    if (existing && !PROGRESS_SUBMITTABLE.includes(existing.state as ProgressState))
      throw new AppError('conflict', `${periodName(input.period)}的进度已审核通过，不能再修改`);
    const wasLate = existing ? existing.late : late;
    const values = {
      percent: input.percent,
      summary: input.summary,
      difficulties: input.difficulties?.trim() || null,
      file_ids: JSON.stringify(fileIds),
      state: 'submitted' as const,
      // Lateness is the first submission's: resubmitting what the office returned is not a late report.
      late: wasLate,
      submitted_by: me,
      submitted_at: now,
    };
    let id: string;
    if (existing) {
      const r = await tx
        .updateTable('task_progress')
        .set({
          ...values,
          submissions: existing.submissions + 1,
          review_comment: null,
          reviewed_by: null,
          reviewed_at: null,
          version: existing.version + 1,
        })
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .returning('id')
        .executeTakeFirst();
      if (!r) throw new AppError('version_conflict', '数据已被他人修改，请刷新后重试');
      id = r.id;
    } else {
      const r = await tx
        .insertInto('task_progress')
        .values({ task_id: task.id, period: input.period, ...values })
        .onConflict((oc) => oc.columns(['task_id', 'period']).doNothing())
        .returning('id')
        .executeTakeFirst();
      // Someone of the unit submitted the same month at the same moment.
      if (!r) throw new AppError('conflict', `${periodName(input.period)}的进度刚刚已有人报送，请刷新后查看`);
      id = r.id;
    }
    await appendTaskEvent(tx, {
      taskId: task.id,
      action: existing ? 'progress_resubmitted' : 'progress_submitted',
      actorId: me,
      note: `${periodName(input.period)}进度 ${input.percent}%${wasLate ? '（逾期报送）' : ''}`,
      data: { progressId: id, period: input.period, percent: input.percent, late: wasLate },
      at: now,
    });
    await recordEvent(tx, ctx, {
      action: existing ? 'task_progress.resubmitted' : 'task_progress.submitted',
      subjectType: 'task_progress',
      subjectId: id,
      before: existing ? { state: existing.state, percent: existing.percent, submissions: existing.submissions } : null,
      after: { task_id: task.id, period: input.period, percent: input.percent, files: fileIds.length, late: wasLate },
    });
    await notify(ctx, tx, [{ nearestOffice: task.region_path }], {
      kind: 'task_progress',
      title: `${task.lead_unit_name}${existing ? '重新' : ''}报送了${periodName(input.period)}任务进度`,
      body: `${task.code ? `${task.code} ` : ''}${task.title}：完成 ${input.percent}%${wasLate ? '（逾期报送）' : ''}`,
      link: `/task-progress?period=${input.period}`,
      regionPath: task.region_path,
    });
    return { id, created: !existing };
  });
}
