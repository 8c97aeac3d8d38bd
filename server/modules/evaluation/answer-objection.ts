/**
 * 答复申诉: the office answers each objection while the run is in 公示 — adjust (points added to or taken from the
 * subject's score, with the reason; the group is re-ranked and its lists follow) or reject (with the reason).
 */
import { sql } from 'kysely';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors';
import { can } from '../../platform/policy';
import { assertRunView } from './access';
import { rerankGroup } from './compute-run';
import { scopeOf } from './policy';
import { findObjection, findRun } from './repository';
import { round2 } from './rules';

export async function answerObjection(
  ctx: Ctx,
  id: string,
  input: { decision: 'adjust' | 'reject'; reason: string; adjustment?: number },
): Promise<void> {
  const objection = await findObjection(ctx.db, id);
  if (!objection) throw notFound('申诉');
  const run = await findRun(ctx.db, objection.run_id);
  const view = await assertRunView(ctx.db, ctx.actor, run);
  // A unit sees its own objections, never another unit's.
  if (view.kind === 'own' && !view.subjectIds.includes(objection.subject_id)) throw notFound('申诉');
  // They may know the objection (their own, or the office's run): answering is the office's alone (403).
  if (!can(ctx.actor, 'evaluation.manage', scopeOf(run!))) throw forbidden('只有创建办可以答复申诉');
  if (objection.state !== 'pending') throw new AppError('invalid_transition', '该申诉已答复');
  if (run!.state !== 'publicized') throw new AppError('invalid_transition', '只有公示中的考核可以答复申诉');
  if (input.decision === 'adjust' && (input.adjustment === undefined || input.adjustment === 0))
    throw new AppError('unprocessable', 'adjustment：调整须填写不为 0 的调整分值', { field: 'adjustment' });
  const adjustment = input.decision === 'adjust' ? round2(input.adjustment!) : null;
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('evaluation_objections')
      .set({
        state: input.decision === 'adjust' ? 'adjusted' : 'rejected',
        answer: input.reason,
        adjustment,
        answered_by: actorUserId(ctx.actor),
        answered_at: ctx.clock.now(),
        version: objection.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', objection.version)
      .where('state', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    if (adjustment !== null) {
      const rows = await tx
        .updateTable('evaluation_results')
        .set({
          adjustment: sql<number>`round((adjustment + ${adjustment})::numeric, 2)::float8`,
          score: sql<number>`round((score + ${adjustment})::numeric, 2)::float8`,
        })
        .where('run_id', '=', objection.run_id)
        .where('subject_id', '=', objection.subject_id)
        .returning('group_index')
        .execute();
      for (const g of new Set(rows.map((r) => r.group_index)))
        await rerankGroup(tx, objection.run_id, g, run!.red_count, run!.black_count, run!.escalation);
    }
    await recordEvent(tx, ctx, {
      action: input.decision === 'adjust' ? 'evaluation_objection.adjusted' : 'evaluation_objection.rejected',
      subjectType: 'evaluation_objection',
      subjectId: id,
      before: { state: objection.state },
      after: { state: input.decision === 'adjust' ? 'adjusted' : 'rejected', answer: input.reason, adjustment },
    });
  });
}
