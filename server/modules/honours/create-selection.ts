/**
 * 新建评选: the office of a region (or above) opens a selection in it — kind, period, categories (reference data),
 * the schedule (voting of 2–4 weeks, common/honours.ts scheduleProblem), winners' number and the weights of vote and
 * review scores (default 0.4 / 0.6, summing to 1). The level is the region's (村 → 镇 → 县 → 市).
 */
import type { z } from 'zod';
import type { selectionBody } from '../../../common/contracts/honours';
import { DEFAULT_WEIGHTS, quotaProblem, scheduleProblem, type CategoryQuotas } from '../../../common/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import './policy';
import { listCategories, regionPathOf } from './repository';

/** Checks the schedule, weights and categories of a selection's fields; throws a Chinese 4xx. */
export async function checkSelectionFields(
  db: Db | Tx,
  f: {
    nominationStartsOn: string;
    nominationEndsOn: string;
    votingStartsOn: string;
    votingEndsOn: string;
    publishOn: string;
    voteWeight: number;
    reviewWeight: number;
    categories: string[];
    categoryQuotas: CategoryQuotas;
    winnersCount: number;
    kind: string;
    period: string;
  },
): Promise<void> {
  const problem = scheduleProblem(f);
  if (problem) throw new AppError('validation', problem);
  if (Math.abs(f.voteWeight + f.reviewWeight - 1) > 0.0005) throw new AppError('validation', '投票权重与评审权重之和须为 1');
  if (f.kind === 'monthly' && !/^\d{4}-\d{2}$/.test(f.period)) throw new AppError('validation', '月度好人榜的评选期须为月份，如 2026-11');
  const known = new Set((await listCategories(db)).map((c) => c.code));
  const unknown = f.categories.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError('validation', `类别不存在：${unknown.join('、')}`);
  const quotas = quotaProblem(f.categoryQuotas, f.categories, f.winnersCount);
  if (quotas) throw new AppError('validation', quotas);
}

/** Creates a selection; returns its id. */
export async function createSelection(ctx: Ctx, body: z.output<typeof selectionBody>): Promise<string> {
  const region = await regionPathOf(ctx.db, body.regionId);
  if (!region || !can(ctx.actor, 'honours.read', { regionPath: region.path, areaWide: true })) throw notFound('地区');
  if (!can(ctx.actor, 'honours.manage', { regionPath: region.path })) throw new AppError('forbidden', '只有本级或上级文明办可以发起评选');
  const voteWeight = body.voteWeight ?? (body.reviewWeight !== undefined ? 1 - body.reviewWeight : DEFAULT_WEIGHTS.vote);
  const reviewWeight = body.reviewWeight ?? 1 - voteWeight;
  const categories = [...new Set(body.categories)];
  const categoryQuotas = body.categoryQuotas ?? {};
  const winnersCount = body.winnersCount ?? 10;
  await checkSelectionFields(ctx.db, { ...body, voteWeight, reviewWeight, categories, categoryQuotas, winnersCount });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('honour_selections')
      .values({
        region_id: region.id,
        kind: body.kind,
        title: body.title,
        period: body.period,
        categories: JSON.stringify(categories),
        category_quotas: JSON.stringify(categoryQuotas),
        description: body.description ?? null,
        nomination_starts_on: body.nominationStartsOn,
        nomination_ends_on: body.nominationEndsOn,
        voting_starts_on: body.votingStartsOn,
        voting_ends_on: body.votingEndsOn,
        publish_on: body.publishOn,
        winners_count: winnersCount,
        vote_weight: voteWeight,
        review_weight: reviewWeight,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'title', 'kind', 'period', 'version'])
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'honour_selection.created',
      subjectType: 'honour_selection',
      subjectId: row.id,
      after: { ...row, region: region.name, categories, categoryQuotas, winnersCount, voteWeight, reviewWeight },
    });
    return row.id;
  });
}
