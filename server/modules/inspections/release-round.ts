/** 发布暗访结果: the covert round and its findings become visible; its problems can now be dispatched. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findRound } from './repository';
import { mayKnowRound } from './visibility';

/** Releases a covert round. */
export async function releaseRound(ctx: Ctx, id: string): Promise<void> {
  const r = await findRound(ctx.db, id);
  if (!r || !mayKnowRound(ctx.actor, r)) throw notFound('督查轮次');
  authorize(ctx.actor, 'inspections.release', { regionPath: r.region_path, campaignId: r.campaign_id });
  if (!r.is_covert) throw new AppError('invalid_transition', '只有暗访轮次需要发布');
  if (r.released_at) throw new AppError('conflict', '该暗访轮次已发布');
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const done = await tx.updateTable('inspection_rounds').set({ released_at: now, released_by: ctx.actor.id, updated_at: now, version: r.version + 1 }).where('id', '=', id).where('released_at', 'is', null).returning('id').executeTakeFirst();
    if (!done) throw new AppError('conflict', '该暗访轮次已发布');
    const problems = await tx.selectFrom('problems').select('id').where('round_id', '=', id).execute();
    await recordEvent(tx, ctx, { action: 'inspection_round.released', subjectType: 'inspection_round', subjectId: id, after: { problems: problems.length } });
  });
}
