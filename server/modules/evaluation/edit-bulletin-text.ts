/**
 * 编辑下步工作要求: the office writes the closing section of the month's bulletin (通报) — each line a paragraph — or
 * clears it to go back to the shipped text. Any state but 已被修订; the run's version guards a stale screen (409).
 */
import type { Ctx } from '../../platform/context';
import { recordEvent } from '../../platform/audit';
import { AppError, versionConflict } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { assertRunView } from './access';
import { scopeOf } from './policy';
import { findRun } from './repository';

export async function editBulletinText(ctx: Ctx, runId: string, input: { requirements: string; version?: number }): Promise<void> {
  const run = await findRun(ctx.db, runId);
  await assertRunView(ctx.db, ctx.actor, run);
  authorize(ctx.actor, 'evaluation.manage', scopeOf(run!));
  if (run!.state === 'superseded') throw new AppError('invalid_transition', '该考核已被修订版取代，请在修订版上编辑通报');
  if (input.version !== undefined && input.version !== run!.version) throw versionConflict();
  const text = input.requirements.trim() || null;
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('evaluation_runs')
      .set((eb) => ({ bulletin_requirements: text, version: eb('version', '+', 1) }))
      .where('id', '=', runId)
      .where('version', '=', run!.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'evaluation_run.bulletin_edited',
      subjectType: 'evaluation_run',
      subjectId: runId,
      before: { requirements: run!.bulletin_requirements },
      after: { requirements: text },
    });
  });
}
