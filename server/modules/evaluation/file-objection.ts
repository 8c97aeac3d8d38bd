/**
 * 申诉: during 公示 and before its deadline, a unit's head or liaison objects to its own row with a reason and
 * optional evidence (their own uploads). Another unit's row, or a run the unit cannot see, answers 404.
 */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { assertOwnUploads } from '../../platform/visibility';
import { assertRunView } from './access';
import { actsForUnit } from './policy';
import { findRun, runSubjectIds } from './repository';

export async function fileObjection(ctx: Ctx, runId: string, input: { subjectId: string; reason: string; fileIds?: string[] }) {
  const run = await findRun(ctx.db, runId);
  await assertRunView(ctx.db, ctx.actor, run);
  // Only the unit itself objects for its row: anyone else (another unit, the office) never learns more than 404.
  if (!actsForUnit(ctx.actor, input.subjectId) || !(await runSubjectIds(ctx.db, runId)).has(input.subjectId)) throw notFound('考核对象');
  if (run!.state !== 'publicized') throw new AppError('invalid_transition', '只有公示中的考核可以申诉');
  if (run!.objection_deadline && ctx.clock.now() > run!.objection_deadline)
    throw new AppError('invalid_transition', '申诉期已过，不能再提出申诉');
  const fileIds = input.fileIds ?? [];
  await assertOwnUploads(ctx.db, ctx.actor, fileIds, '申诉材料');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('evaluation_objections')
      .values({
        run_id: runId,
        subject_id: input.subjectId,
        reason: input.reason,
        file_ids: fileIds,
        filed_by: actorUserId(ctx.actor),
        filed_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'evaluation_objection.filed',
      subjectType: 'evaluation_objection',
      subjectId: row.id,
      after: { run_id: runId, subject_id: input.subjectId, reason: input.reason, files: fileIds.length },
    });
    return row.id;
  });
}
