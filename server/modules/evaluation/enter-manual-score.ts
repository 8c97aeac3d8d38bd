/**
 * 人工评分: the office (or task force) enters a subject's score or bonus items for a month with the reason and an
 * optional attachment (their own upload). The newest entry for (indicator, subject, month) is the value; each entry
 * is audited with what it replaced.
 */
import { sql } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { assertOwnUploads } from '../../platform/visibility';

/** A subject's name and where it sits (region path, unit), or undefined. */
export async function findSubject(db: Db | Tx, type: IndicatorSubjectType, id: string) {
  const q =
    type === 'unit'
      ? sql<{
          name: string;
          region_path: string;
          unit_id: string | null;
        }>`select u.name, r.path as region_path, u.id::text as unit_id from units u join regions r on r.id = u.region_id where u.id = ${id}`
      : type === 'site'
        ? sql<{
            name: string;
            region_path: string;
            unit_id: string | null;
          }>`select s.name, r.path as region_path, s.unit_id::text as unit_id from sites s join regions r on r.id = s.region_id where s.id = ${id}`
        : sql<{
            name: string;
            region_path: string;
            unit_id: string | null;
          }>`select r.name, r.path as region_path, null::text as unit_id from regions r where r.id = ${id} and r.level = ${type}`;
  return (await q.execute(db)).rows[0];
}

export async function enterManualScore(
  ctx: Ctx,
  input: {
    code: 'manual.score' | 'manual.bonus';
    subjectType: IndicatorSubjectType;
    subjectId: string;
    period: string;
    value: number;
    reason: string;
    fileId?: string;
  },
): Promise<string> {
  authorize(ctx.actor, 'evaluation.manage');
  const subject = await findSubject(ctx.db, input.subjectType, input.subjectId);
  if (!subject) throw notFound('考核对象');
  authorize(
    ctx.actor,
    'evaluation.manage',
    { regionPath: subject.region_path, unitId: subject.unit_id },
    { permission: 'evaluation.read' },
  );
  if (input.fileId) await assertOwnUploads(ctx.db, ctx.actor, [input.fileId], '附件');
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('evaluation_manual_scores')
      .select(['value', 'reason'])
      .where('code', '=', input.code)
      .where('subject_type', '=', input.subjectType)
      .where('subject_id', '=', input.subjectId)
      .where('period', '=', input.period)
      .executeTakeFirst();
    const row = await tx
      .insertInto('evaluation_manual_scores')
      .values({
        code: input.code,
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        period: input.period,
        value: input.value,
        reason: input.reason,
        file_id: input.fileId ?? null,
        entered_by: actorUserId(ctx.actor),
        entered_at: ctx.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['code', 'subject_type', 'subject_id', 'period']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          reason: eb.ref('excluded.reason'),
          file_id: eb.ref('excluded.file_id'),
          entered_by: eb.ref('excluded.entered_by'),
          entered_at: eb.ref('excluded.entered_at'),
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'evaluation_manual_score.entered',
      subjectType: 'evaluation_manual_score',
      subjectId: row.id,
      before: before ?? undefined,
      after: { code: input.code, subject_id: input.subjectId, period: input.period, value: input.value, reason: input.reason },
    });
    return row.id;
  });
}
