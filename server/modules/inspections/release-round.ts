/** 发布暗访结果: the covert round and its findings become visible; its problems can now be dispatched. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { appendEvent, nextCode } from '../problems/repository';
import { COVERT_CODE_PREFIX } from '../problems/insert-problem';
import { findRound } from './repository';
import { mayKnowRound } from '../../platform/visibility';

/** Releases a covert round. */
export async function releaseRound(ctx: Ctx, id: string): Promise<void> {
  const r = await findRound(ctx.db, id);
  if (!r || !mayKnowRound(ctx.actor, r)) throw notFound('督查轮次');
  authorize(ctx.actor, 'inspections.release', { regionPath: r.region_path, campaignId: r.campaign_id });
  if (!r.is_covert) throw new AppError('invalid_transition', '只有暗访轮次需要发布');
  if (r.released_at) throw new AppError('conflict', '该暗访轮次已发布');
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const done = await tx
      .updateTable('inspection_rounds')
      .set({ released_at: now, released_by: ctx.actor.id, updated_at: now, version: r.version + 1 })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('conflict', '该暗访轮次已发布');
    const problems = await tx
      .selectFrom('problems')
      .select(['id', 'code', 'region_id'])
      .where('round_id', '=', id)
      .orderBy('created_at')
      .orderBy('code')
      .execute();
    // Findings now take public codes, in the order they were found: the public sequence never had a gap for them.
    const renumbered: Array<{ from: string; to: string }> = [];
    for (const p of problems.filter((x) => x.code.startsWith(COVERT_CODE_PREFIX))) {
      const code = await nextCode(tx, 'WT', p.region_id, now);
      await tx.updateTable('problems').set({ code, covert_code: p.code }).where('id', '=', p.id).execute();
      await appendEvent(tx, {
        problemId: p.id,
        action: 'covert_released',
        from: null,
        to: null,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        at: now,
        payload: { roundId: id, roundName: r.name, covertCode: p.code, code },
      });
      renumbered.push({ from: p.code, to: code });
    }
    await recordEvent(tx, ctx, {
      action: 'inspection_round.released',
      subjectType: 'inspection_round',
      subjectId: id,
      after: { problems: problems.length, renumbered },
    });
  });
}
