/**
 * 评审打分: the office enters the review panel's scores (0–100) for candidates of its open selection; a null clears
 * one. The audit event keeps each candidate's score before and after.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { reviewScoresBody } from '../../../common/contracts/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { assertManageSelection, mayReadSelection, selectionNotFound } from './access';
import { findSelection, lockSelection } from './repository';

/** Saves review scores. */
export async function setReviewScores(ctx: Ctx, selectionId: string, body: z.output<typeof reviewScoresBody>): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const s0 = await findSelection(tx, selectionId);
    if (!s0 || !mayReadSelection(ctx.actor, s0)) throw selectionNotFound();
    assertManageSelection(ctx.actor, s0, '只有本级文明办可以录入评审分');
    await lockSelection(tx, selectionId);
    const s = (await findSelection(tx, selectionId))!;
    if (s.state !== 'open') throw new AppError('invalid_transition', '评选结果已发布，不能修改评审分');
    const ids = [...new Set(body.items.map((i) => i.candidateId))];
    if (ids.length !== body.items.length) throw new AppError('validation', '同一候选人只能填写一次');
    const before = await sql<{ id: string; nominee_name: string; review_score: number | null }>`select id, nominee_name,
      review_score::float8 as review_score from honour_nominations
      where id = any(${ids}::uuid[]) and selection_id = ${selectionId} and state = 'approved'`.execute(tx);
    if (before.rows.length !== ids.length) throw new AppError('validation', '只能为本次评选的候选人打分');
    const now = ctx.clock.now();
    for (const i of body.items)
      await tx
        .updateTable('honour_nominations')
        .set({ review_score: i.score, review_note: i.note ?? null, updated_at: now })
        .where('id', '=', i.candidateId)
        .execute();
    const was = new Map(before.rows.map((r) => [r.id, r]));
    await recordEvent(tx, ctx, {
      action: 'honour_selection.review_scored',
      subjectType: 'honour_selection',
      subjectId: selectionId,
      before: {
        scores: body.items.map((i) => ({ candidate: was.get(i.candidateId)!.nominee_name, score: was.get(i.candidateId)!.review_score })),
      },
      after: { scores: body.items.map((i) => ({ candidate: was.get(i.candidateId)!.nominee_name, score: i.score })) },
    });
  });
}
