/**
 * 评价: once a report is closed its citizen rates the outcome once (满意 / 基本满意 / 不满意, with a comment). 不满意
 * puts the case in front of the office as 回访 (the list in staff-routes.ts) with a notice to the nearest office.
 */
import { sql } from 'kysely';
import { RATING_LABELS, type Rating } from '../../../common/public-reports';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { asCitizen } from './citizen-actor';
import { takeRateLimit } from './rate-limit';
import { loadTracked, readTracking } from './read-tracking';

/** Records the rating; answers the tracking view. */
export async function rateReport(ctx: Ctx, code: string, input: { rating: Rating; comment?: string | null }) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadTracked(tx, code);
    if (row.state !== 'closed') throw new AppError('conflict', '问题办结后才能评价');
    if (row.rating) throw new AppError('conflict', '您已评价过，不能重复评价');
    await takeRateLimit(tx, 'rating', { ip: ctx.meta.ip }, now);
    const dissatisfied = input.rating === 'dissatisfied';
    const updated =
      await sql`update citizen_reports set rating = ${input.rating}, rating_comment = ${input.comment || null}, rated_at = ${now},
        followup_state = ${dissatisfied ? 'open' : null}
      where id = ${row.id} and rating is null`.execute(tx);
    if (Number(updated.numAffectedRows ?? 0) === 0) throw new AppError('conflict', '您已评价过，不能重复评价');
    await recordEvent(tx, asCitizen(ctx), {
      action: 'citizen_report.rated',
      subjectType: 'citizen_report',
      subjectId: row.id,
      after: { problem_id: row.problem_id, rating: input.rating },
    });
    if (dissatisfied) {
      await notify(ctx, tx, [{ nearestOffice: row.region_path }], {
        kind: 'reported',
        title: `群众${RATING_LABELS[input.rating]}：${row.code} 待回访`,
        body: (input.comment || '').slice(0, 80) || null,
        link: '/citizen-reports?tab=followups',
        problemId: row.problem_id,
        regionPath: row.region_path,
      });
    }
  });
  return readTracking(ctx.db, code);
}
