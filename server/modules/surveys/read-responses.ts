/** GET /waves/:id/responses: the interviews and public responses of a wave for review (readers of the wave). */
import type { z } from 'zod';
import type { responseListQuery } from '../../../common/contracts/surveys';
import type { QuestionnaireDefinition } from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import { mayManageWave } from './access';
import { presentResponse } from './presenter';
import { listResponses } from './repository';
import { readableWave } from './read-waves';

export async function readResponses(ctx: Ctx, waveId: string, q: z.output<typeof responseListQuery>) {
  const w = await readableWave(ctx, waveId);
  const def = (
    await ctx.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', w.questionnaire_id).executeTakeFirstOrThrow()
  ).definition as QuestionnaireDefinition;
  const { rows, total } = await listResponses(ctx.db, waveId, q, q.pageSize, (q.page - 1) * q.pageSize);
  const canReview = mayManageWave(ctx.actor, w);
  return { items: rows.map((r) => presentResponse(r, def, canReview)), total };
}
