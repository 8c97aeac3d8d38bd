/**
 * 审核: the office keeps a flagged interview or voids it (it leaves the results, and a voided interview gives its quota
 * cell back; keeping a voided one again takes the cell back). Audited with the decision and note.
 */
import type { z } from 'zod';
import type { reviewBody } from '../../../common/contracts/surveys';
import type { QuestionnaireDefinition } from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { mayManageWave, mayReadWave, responseNotFound } from './access';
import { presentResponse } from './presenter';
import { findResponse, findWave, giveBackQuota } from './repository';

export async function reviewResponse(ctx: Ctx, id: string, body: z.output<typeof reviewBody>) {
  const r = await findResponse(ctx.db, id);
  const w = r && (await findWave(ctx.db, r.wave_id));
  if (!r || !w || !mayReadWave(ctx.actor, w)) throw responseNotFound();
  if (!mayManageWave(ctx.actor, w)) throw forbidden('只有创建办可以审核问卷');
  if (!r.eligible) throw new AppError('unprocessable', '不符合调查条件的答卷不计入结果，无需审核');
  const gender = w.quota_by_gender ? r.gender : '';
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('survey_responses')
      .set({ review: body.decision, review_note: body.note || null, reviewed_by: actorUserId(ctx.actor), reviewed_at: ctx.clock.now() })
      .where('id', '=', id)
      .where((eb) => (r.review === null ? eb('review', 'is', null) : eb('review', '=', r.review)))
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('conflict', '该答卷刚被他人审核，请刷新后重试');
    if (r.mode === 'interview') {
      if (body.decision === 'voided' && r.review !== 'voided') await giveBackQuota(tx, r.wave_id, r.town_id, r.group_code, gender);
      if (body.decision === 'kept' && r.review === 'voided')
        await tx
          .updateTable('survey_quotas')
          .set((eb) => ({ done: eb('done', '+', 1) }))
          .where('wave_id', '=', r.wave_id)
          .where('town_id', '=', r.town_id)
          .where('group_code', '=', r.group_code)
          .where('gender', '=', gender)
          .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'survey_response.reviewed',
      subjectType: 'survey_response',
      subjectId: id,
      before: { review: r.review, reviewNote: r.review_note },
      after: { review: body.decision, reviewNote: body.note || null, flags: r.flags },
    });
  });
  const def = (
    await ctx.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', w.questionnaire_id).executeTakeFirstOrThrow()
  ).definition as QuestionnaireDefinition;
  return presentResponse((await findResponse(ctx.db, id))!, def, true);
}
