/**
 * 修改评选: the office changes a selection that is not published, at its version (409 on a stale one): title, period,
 * categories, places per category, schedule, winners' number, weights. The schedule and weights are checked again as a whole; the audit
 * event keeps before and after.
 */
import type { z } from 'zod';
import type { updateSelectionBody } from '../../../common/contracts/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, versionConflict } from '../../platform/errors';
import { assertManageSelection, mayReadSelection, selectionNotFound } from './access';
import { checkSelectionFields } from './create-selection';
import { findSelection } from './repository';

/** Updates a selection; returns its id. */
export async function updateSelection(ctx: Ctx, id: string, body: z.output<typeof updateSelectionBody>): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const s = await findSelection(tx, id);
    if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
    assertManageSelection(ctx.actor, s);
    if (s.version !== body.version) throw versionConflict();
    if (s.state !== 'open') throw new AppError('invalid_transition', '评选结果已发布，不能修改');
    const voteWeight = body.voteWeight ?? (body.reviewWeight !== undefined ? 1 - body.reviewWeight : s.vote_weight);
    const reviewWeight = body.reviewWeight ?? 1 - voteWeight;
    const next = {
      title: body.title ?? s.title,
      period: body.period ?? s.period,
      categories: body.categories ? [...new Set(body.categories)] : s.categories,
      categoryQuotas: body.categoryQuotas ?? s.category_quotas,
      description: body.description === undefined ? s.description : body.description,
      nominationStartsOn: body.nominationStartsOn ?? s.nomination_starts_on,
      nominationEndsOn: body.nominationEndsOn ?? s.nomination_ends_on,
      votingStartsOn: body.votingStartsOn ?? s.voting_starts_on,
      votingEndsOn: body.votingEndsOn ?? s.voting_ends_on,
      publishOn: body.publishOn ?? s.publish_on,
      winnersCount: body.winnersCount ?? s.winners_count,
      voteWeight: Math.round(voteWeight * 1000) / 1000,
      reviewWeight: Math.round(reviewWeight * 1000) / 1000,
    };
    await checkSelectionFields(tx, { ...next, kind: s.kind });
    const updated = await tx
      .updateTable('honour_selections')
      .set({
        title: next.title,
        period: next.period,
        categories: JSON.stringify(next.categories),
        category_quotas: JSON.stringify(next.categoryQuotas),
        description: next.description,
        nomination_starts_on: next.nominationStartsOn,
        nomination_ends_on: next.nominationEndsOn,
        voting_starts_on: next.votingStartsOn,
        voting_ends_on: next.votingEndsOn,
        publish_on: next.publishOn,
        winners_count: next.winnersCount,
        vote_weight: next.voteWeight,
        review_weight: next.reviewWeight,
        version: s.version + 1,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', s.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    const before = {
      title: s.title,
      period: s.period,
      categories: s.categories,
      categoryQuotas: s.category_quotas,
      nominationStartsOn: s.nomination_starts_on,
      nominationEndsOn: s.nomination_ends_on,
      votingStartsOn: s.voting_starts_on,
      votingEndsOn: s.voting_ends_on,
      publishOn: s.publish_on,
      winnersCount: s.winners_count,
      voteWeight: s.vote_weight,
      reviewWeight: s.review_weight,
    };
    await recordEvent(tx, ctx, { action: 'honour_selection.updated', subjectType: 'honour_selection', subjectId: id, before, after: next });
    return id;
  });
}
