/**
 * SQL for monthly progress reports (每月汇报进度): report rows with their task, plan scope and lead unit, the list the
 * actor may see (access.ts: the plan's readers see every report, a unit its own tasks' reports), and the evidence
 * files a page of reports names.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ProgressEvidenceDto } from '../../../common/contracts/tasks';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { visibleTaskSql } from './access';

/** Reports (`tp`) joined with their task (`t`), plan (`p`), region (`r`), lead unit (`lu`) and submitter (`su`). */
export function progressRows(db: Db | Tx) {
  return db
    .selectFrom('task_progress as tp')
    .innerJoin('tasks as t', 't.id', 'tp.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .leftJoin('users as su', 'su.id', 'tp.submitted_by')
    .selectAll('tp')
    .select([
      't.title as task_title',
      't.code as task_code',
      't.seq as task_seq',
      't.plan_id',
      't.lead_unit_id',
      't.coop_unit_ids',
      'lu.name as lead_unit_name',
      'p.campaign_id',
      'r.path as region_path',
      'su.name as submitted_by_name',
    ]);
}
export type ProgressRow = Awaited<ReturnType<ReturnType<typeof progressRows>['execute']>>[number];

/** One report with its scope (no visibility check). */
export function findProgress(db: Db | Tx, id: string) {
  return progressRows(db).where('tp.id', '=', id).executeTakeFirst();
}

/** A task's reports, the latest month first. */
export function progressOfTask(db: Db | Tx, taskId: string) {
  return progressRows(db).where('tp.task_id', '=', taskId).orderBy('tp.period', 'desc').execute();
}

/**
 * Reports the actor sees: those of the tasks it sees (the plan's readers: all; a unit: the tasks it leads or
 * cooperates on — as the task's own page shows them; only the lead unit submits).
 */
export function visibleProgressSql(actor: Actor): RawBuilder<SqlBool> {
  return visibleTaskSql(actor);
}

export interface ProgressFilter {
  period?: string;
  state?: 'submitted' | 'approved' | 'returned';
  unitId?: string;
  planId?: string;
}

/** The WHERE of a report list, visibility included. */
export function progressWhere(actor: Actor, f: ProgressFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [visibleProgressSql(actor)];
  if (f.period) parts.push(sql<SqlBool>`tp.period = ${f.period}`);
  if (f.state) parts.push(sql<SqlBool>`tp.state = ${f.state}`);
  if (f.unitId) parts.push(sql<SqlBool>`t.lead_unit_id = ${f.unitId}`);
  if (f.planId) parts.push(sql<SqlBool>`(t.plan_id = ${f.planId} or p.parent_id = ${f.planId})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export type EvidenceItem = ProgressEvidenceDto;

/** Where a task's evidence document is downloaded. */
export const evidenceUrl = (taskId: string, id: string) => `/api/tasks/${taskId}/evidence/${id}`;

/**
 * A page of reports' evidence by id: photos (`files`; the url opens the watermarked copy) and documents
 * (`task_evidence_files`; the url downloads it through the task).
 */
export async function evidenceFiles(db: Db | Tx, ids: string[]): Promise<Map<string, EvidenceItem>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const [photos, docs] = await Promise.all([
    db.selectFrom('files').select(['id', 'original_name', 'mime', 'size']).where('id', 'in', unique).execute(),
    db
      .selectFrom('task_evidence_files')
      .select(['id', 'task_id', 'original_name', 'mime', 'size_bytes'])
      .where('id', 'in', unique)
      .execute(),
  ]);
  return new Map<string, EvidenceItem>([
    ...photos.map((f): [string, EvidenceItem] => [
      f.id,
      {
        id: f.id,
        kind: 'photo',
        name: f.original_name ?? '现场照片',
        mime: f.mime,
        size: Number(f.size),
        url: `/api/files/${f.id}/evidence`,
      },
    ]),
    ...docs.map((d): [string, EvidenceItem] => [
      d.id,
      { id: d.id, kind: 'document', name: d.original_name, mime: d.mime, size: d.size_bytes, url: evidenceUrl(d.task_id, d.id) },
    ]),
  ]);
}

/** A task as reporting and review need it: scope, lead and cooperating units, dates, progress and escalation. */
export function findTaskForProgress(db: Db | Tx, id: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .select([
      't.id',
      't.title',
      't.code',
      't.lead_unit_id',
      't.coop_unit_ids',
      't.start_date',
      't.due_date',
      't.percent',
      't.completed_at',
      't.version',
      'p.campaign_id',
      'r.path as region_path',
      'lu.name as lead_unit_name',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type ProgressTask = NonNullable<Awaited<ReturnType<typeof findTaskForProgress>>>;

/** A task event (the task's own timeline: 报送、通过、退回、提醒、督办 …). */
export function appendTaskEvent(
  tx: Tx,
  e: { taskId: string; action: string; actorId: string | null; note?: string | null; data?: Record<string, unknown>; at: Date },
) {
  return tx
    .insertInto('task_events')
    .values({
      task_id: e.taskId,
      action: e.action,
      actor_user_id: e.actorId,
      note: e.note ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
      created_at: e.at,
    })
    .execute();
}
