/** 调查问卷 lists and one questionnaire with its versions (readers in scope; anything else 404). */
import type { z } from 'zod';
import type { questionnaireListQuery } from '../../../common/contracts/surveys';
import type { Ctx } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { mayReadQuestionnaire, questionnaireNotFound, visibleQuestionnaireSql } from './access';
import { presentQuestionnaireSummary } from './presenter';
import { familyVersions, findQuestionnaire, listQuestionnaires } from './repository';

export async function readQuestionnaires(ctx: Ctx, q: z.output<typeof questionnaireListQuery>) {
  authorize(ctx.actor, 'surveys.read');
  const { rows, total } = await listQuestionnaires(ctx.db, visibleQuestionnaireSql(ctx.actor), q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentQuestionnaireSummary(r, ctx.actor)), total };
}

export async function readQuestionnaire(ctx: Ctx, id: string) {
  const q = await findQuestionnaire(ctx.db, id);
  if (!q || !mayReadQuestionnaire(ctx.actor, q)) throw questionnaireNotFound();
  const versions = await familyVersions(ctx.db, q.family_key);
  return {
    ...presentQuestionnaireSummary(q, ctx.actor),
    definition: q.definition,
    versions: versions.map((v) => ({ id: v.id, version: v.version, createdAt: v.created_at, waveCount: v.wave_count })),
  };
}
