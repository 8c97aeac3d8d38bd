/**
 * 生成月度考核: a run of a scheme version for a month, computed at once and stored in 草稿. A month already run for the
 * scheme's family in 公示 or later answers 409 (a published month is revised, not run again); a draft of the same
 * month is replaced by the new computation.
 */
import { formatPeriod, parsePeriod, periodStart } from '../../../common/period';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { adjustmentsOf, computeRun } from './compute-run';
import { scopeOf } from './policy';
import { findScheme, type SchemeRow } from './repository';

/** Inserts a run row and computes it (shared with 重新计算). */
export async function insertComputedRun(
  ctx: Ctx,
  tx: Tx,
  scheme: SchemeRow,
  period: string,
  revision: { number: number; revises: string | null } = { number: 1, revises: null },
): Promise<{ id: string }> {
  const now = ctx.clock.now();
  const run = await tx
    .insertInto('evaluation_runs')
    .values({
      scheme_id: scheme.id,
      scheme_key: scheme.scheme_key,
      campaign_id: scheme.campaign_id,
      period,
      revision: revision.number,
      revises_run_id: revision.revises,
      state: 'draft',
      computed_at: now,
      created_by: actorUserId(ctx.actor),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const carried = revision.revises ? await adjustmentsOf(tx, revision.revises) : undefined;
  await computeRun(ctx, tx, run.id, scheme, period, carried);
  return run;
}

/** Creates and computes the month's run of a scheme version. */
export async function createRun(ctx: Ctx, input: { schemeId: string; period: string }): Promise<{ id: string; state: 'draft' }> {
  const scheme = await findScheme(ctx.db, input.schemeId);
  if (!scheme) throw notFound('考核方案');
  authorize(ctx.actor, 'evaluation.manage', scopeOf(scheme));
  const parsed = parsePeriod(input.period);
  if (!parsed || parsed.kind !== 'month') throw new AppError('unprocessable', 'period：考核期次须为月份，如 2026-11', { field: 'period' });
  const period = formatPeriod(parsed);
  if (periodStart(parsed) > ctx.clock.now()) throw new AppError('unprocessable', 'period：该月尚未开始，不能考核', { field: 'period' });
  return ctx.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('evaluation_runs')
      .select(['id', 'state'])
      .where('scheme_key', '=', scheme.scheme_key)
      .where('period', '=', period)
      .where('state', '!=', 'superseded')
      .forUpdate()
      .execute();
    if (existing.some((r) => r.state !== 'draft'))
      throw new AppError('conflict', '该方案本月的考核已公示或发布，如需更正请“重新计算”生成修订版');
    for (const old of existing) {
      await tx.deleteFrom('evaluation_runs').where('id', '=', old.id).execute();
      await recordEvent(tx, ctx, {
        action: 'evaluation_run.discarded',
        subjectType: 'evaluation_run',
        subjectId: old.id,
        before: { period },
      });
    }
    const run = await insertComputedRun(ctx, tx, scheme, period);
    await recordEvent(tx, ctx, {
      action: 'evaluation_run.created',
      subjectType: 'evaluation_run',
      subjectId: run.id,
      after: { period, scheme_id: scheme.id, version: scheme.version },
    });
    return { id: run.id, state: 'draft' as const };
  });
}
