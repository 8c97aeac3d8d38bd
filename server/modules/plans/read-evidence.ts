/**
 * 下载佐证材料: one evidence document of a task, for whoever may read that task's reports' evidence — the same rule
 * as for a report's photos (platform/visibility.ts FILE_HOLDERS): the lead unit (its head and liaison: every document
 * uploaded for the task, attached or not yet), and the office, leaders and task force whose scope covers the plan (the
 * documents a report of the task names). A cooperating unit, another county and a made-up id get the same 404.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { mayReadPlan, mayReport } from './access';
import { findTaskForProgress } from './progress-repository';

export interface EvidenceToSend {
  storageKey: string;
  mime: string;
  name: string;
}

export async function readEvidence(ctx: Ctx, taskId: string, fileId: string): Promise<EvidenceToSend> {
  const task = await findTaskForProgress(ctx.db, taskId);
  const doc = task
    ? await ctx.db
        .selectFrom('task_evidence_files')
        .select(['id', 'storage_key', 'mime', 'original_name'])
        .where('id', '=', fileId)
        .where('task_id', '=', task.id)
        .executeTakeFirst()
    : undefined;
  if (!task || !doc) throw notFound('佐证材料');
  let ok = mayReport(ctx.actor, task);
  if (!ok && mayReadPlan(ctx.actor, task)) {
    const attached = await ctx.db
      .selectFrom('task_progress')
      .select('id')
      .where('task_id', '=', task.id)
      .where(sql<boolean>`file_ids @> jsonb_build_array(${doc.id}::text)`)
      .executeTakeFirst();
    ok = !!attached;
  }
  if (!ok) throw notFound('佐证材料');
  return { storageKey: doc.storage_key, mime: doc.mime, name: doc.original_name };
}
