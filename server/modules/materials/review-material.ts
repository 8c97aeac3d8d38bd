/** 审核材料: the office passes the evidence, or returns it with a comment the unit will see. */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { notifyUsers, unitPeople } from '../notifications/notify';
import { findSubmission } from './repository';

/** Records the review decision at the version the reviewer saw. */
export async function reviewMaterial(ctx: Ctx, id: string, input: { decision: 'pass' | 'return'; comment?: string; version: number }) {
  const s = await findSubmission(ctx.db, id);
  if (!s) throw notFound('材料');
  authorize(ctx.actor, 'materials.review', { regionPath: s.region_path, unitId: s.unit_id }, { subject: { regionPath: s.region_path, unitId: s.unit_id } });
  if (s.status !== 'submitted') throw new AppError('invalid_transition', '只有待审核的材料可以审核');
  if (input.decision === 'return' && (input.comment?.length ?? 0) < 2) throw new AppError('validation', '退回材料须填写意见');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('material_submissions')
      .set({ status: input.decision === 'pass' ? 'passed' : 'returned', reviewed_by: actorUserId(ctx.actor), reviewed_at: now, review_comment: input.comment ?? null, updated_at: now, version: s.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw versionConflict();
    await recordEvent(tx, ctx, { action: `material.${input.decision === 'pass' ? 'passed' : 'returned'}`, subjectType: 'material_submission', subjectId: id, before: { status: s.status }, after: { status: input.decision === 'pass' ? 'passed' : 'returned', comment: input.comment ?? null } });
    if (input.decision === 'return') {
      await notifyUsers(tx, await unitPeople(tx, s.unit_id, ['unit_head', 'unit_liaison']), { kind: 'returned', title: `材料被退回：${s.standard_code}（${s.period}）`, body: input.comment, link: `/materials` }, now);
    }
  });
}
