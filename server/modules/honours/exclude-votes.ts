/**
 * 剔除投票: the office of the selection's region excludes votes (usually flagged ones) with a reason, before the
 * results are published. Excluded votes stay in the table (the evidence is kept) but count nowhere; the audit event
 * keeps the reason, the votes and the rules that caught them.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { excludeVotesBody } from '../../../common/contracts/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { assertManageSelection, mayReadSelection, selectionNotFound } from './access';
import { findSelection, lockSelection } from './repository';

/** Excludes votes of a selection; answers how many were newly excluded. */
export async function excludeVotes(ctx: Ctx, selectionId: string, body: z.output<typeof excludeVotesBody>) {
  return ctx.db.transaction().execute(async (tx) => {
    const s0 = await findSelection(tx, selectionId);
    if (!s0 || !mayReadSelection(ctx.actor, s0)) throw selectionNotFound();
    assertManageSelection(ctx.actor, s0, '只有本级文明办可以剔除投票');
    await lockSelection(tx, selectionId);
    const s = (await findSelection(tx, selectionId))!;
    if (s.state !== 'open') throw new AppError('invalid_transition', '评选结果已发布，不能再剔除投票');
    const ids = [...new Set(body.voteIds)];
    const known = await sql<{ n: number }>`select count(*)::int as n from honour_votes
      where id = any(${ids}::uuid[]) and selection_id = ${selectionId}`.execute(tx);
    if (known.rows[0].n !== ids.length) throw new AppError('validation', '所选投票不属于本次评选');
    const now = ctx.clock.now();
    const done = await sql<{ id: string; candidate_id: string; rules: string[] | null }>`update honour_votes v
      set is_excluded = true, excluded_reason = ${body.reason}, excluded_by = ${ctx.actor.id}, excluded_at = ${now}
      where v.id = any(${ids}::uuid[]) and v.selection_id = ${selectionId} and not v.is_excluded
      returning v.id, v.candidate_id, (select array_agg(distinct f.rule) from honour_vote_flags f where f.vote_id = v.id) as rules`.execute(
      tx,
    );
    if (!done.rows.length) throw new AppError('unprocessable', '所选投票均已剔除');
    const rules = [...new Set(done.rows.flatMap((r) => r.rules ?? []))];
    const perCandidate: Record<string, number> = {};
    for (const r of done.rows) perCandidate[r.candidate_id] = (perCandidate[r.candidate_id] ?? 0) + 1;
    await recordEvent(tx, ctx, {
      action: 'honour_vote.excluded',
      subjectType: 'honour_selection',
      subjectId: selectionId,
      after: { reason: body.reason, count: done.rows.length, voteIds: done.rows.map((r) => r.id), rules, perCandidate },
    });
    return { excluded: done.rows.length };
  });
}
