/**
 * 年度加减分事项: the office (or task force) adds points to, or takes them from, a subject's annual total under a scheme
 * family (e.g. 获省级以上表彰 +2, 发生重大舆情 −3), with the reason and an optional attachment (their own upload). The
 * subject must be in the campaign's region; the item is audited.
 */
import type { AnnualItemBody } from '../../../common/contracts/evaluation-standings';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { assertOwnUploads } from '../../platform/visibility';
import { findSubject } from './enter-manual-score';
import { scopeOf } from './policy';
import { findScheme } from './repository';

export async function enterAnnualItem(ctx: Ctx, input: AnnualItemBody): Promise<string> {
  const scheme = await findScheme(ctx.db, input.schemeId);
  if (!scheme) throw notFound('考核方案');
  authorize(ctx.actor, 'evaluation.manage', scopeOf(scheme), { permission: 'evaluation.read' });
  const subject = await findSubject(ctx.db, input.subjectType, input.subjectId);
  if (!subject || !subject.region_path.startsWith(scheme.region_path)) throw notFound('考核对象');
  if (input.fileId) await assertOwnUploads(ctx.db, ctx.actor, [input.fileId], '附件');
  if (input.year > ctx.clock.now().getUTCFullYear() + 1) throw new AppError('unprocessable', 'year：年度不能晚于明年', { field: 'year' });
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('evaluation_annual_items')
      .values({
        scheme_key: scheme.scheme_key,
        year: input.year,
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        points: input.points,
        reason: input.reason,
        file_id: input.fileId ?? null,
        entered_by: actorUserId(ctx.actor),
        entered_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'evaluation_annual_item.entered',
      subjectType: 'evaluation_annual_item',
      subjectId: row.id,
      after: { scheme: scheme.name, year: input.year, subject: subject.name, points: input.points, reason: input.reason },
    });
    return row.id;
  });
}
