/**
 * 回访: the office answers a 不满意 rating — records what it found and, when the problem is back, reopens it through
 * the loop's own 回头看 (`reopen`: a linked relapse sent back to the same unit). The citizen then follows the relapse.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { transitionInTransaction } from '../problems/transition-problem';
import { findFollowup } from './repository';

/** The 回访 row, if the actor may answer it (404 otherwise). */
export async function loadFollowup(ctx: Ctx, id: string) {
  const row = await findFollowup(ctx.db, id);
  if (!row || !can(ctx.actor, 'citizenReports.followup', { regionPath: row.region_path, unitId: row.unit_id })) throw notFound('回访记录');
  authorize(ctx.actor, 'citizenReports.followup', { regionPath: row.region_path, unitId: row.unit_id });
  return row;
}

/** Records the 回访 result, reopening the problem when asked. */
export async function answerFollowup(ctx: Ctx, id: string, input: { result: string; reopen: boolean }) {
  const row = await loadFollowup(ctx, id);
  if (row.followup_state !== 'open') throw new AppError('conflict', '该回访已处理');
  if (input.reopen && row.state !== 'closed') throw new AppError('invalid_transition', '只有已结案的问题可以重新办理');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    let followed = row.problem_id;
    if (input.reopen) {
      const extra = (await transitionInTransaction(ctx, tx, row.problem_id, 'reopen', row.version, {
        reason: `群众回访不满意：${input.result}`,
      })) as { relapseProblemId?: string };
      if (extra.relapseProblemId) followed = extra.relapseProblemId;
    }
    const updated = await sql`update citizen_reports set followup_state = 'done', followup_result = ${input.result},
        followup_reopened = ${input.reopen}, followup_by = ${ctx.actor.id || null}, followup_at = ${now}, problem_id = ${followed}
      where id = ${id} and followup_state = 'open'`.execute(tx);
    if (Number(updated.numAffectedRows ?? 0) === 0) throw new AppError('conflict', '该回访已处理');
    await recordEvent(tx, ctx, {
      action: 'citizen_report.followed_up',
      subjectType: 'citizen_report',
      subjectId: id,
      before: { followup_state: 'open' },
      after: { followup_state: 'done', followup_result: input.result, followup_reopened: input.reopen, problem_id: followed },
    });
  });
  return (await findFollowup(ctx.db, id))!;
}
