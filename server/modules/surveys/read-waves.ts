/** 问卷调查 waves: the list and one wave with its population, quota cells and interviewers (readers in scope). */
import type { z } from 'zod';
import type { waveListQuery } from '../../../common/contracts/surveys';
import type { QuestionnaireDefinition } from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { mayReadWave, visibleWaveSql, waveNotFound } from './access';
import { groupLabelOf, presentWaveSummary } from './presenter';
import { findWave, listWaves, waveInterviewers, wavePopulation, waveQuotas } from './repository';

export async function readWaves(ctx: Ctx, q: z.output<typeof waveListQuery>) {
  authorize(ctx.actor, 'surveys.read');
  const { rows, total } = await listWaves(ctx.db, visibleWaveSql(ctx.actor), q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((w) => presentWaveSummary(w, ctx.actor)), total };
}

/** The wave a reader may see, or 404. */
export async function readableWave(ctx: Ctx, id: string) {
  const w = await findWave(ctx.db, id);
  if (!w || !mayReadWave(ctx.actor, w)) throw waveNotFound();
  return w;
}

export async function readWave(ctx: Ctx, id: string) {
  const w = await readableWave(ctx, id);
  const def = (
    await ctx.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', w.questionnaire_id).executeTakeFirstOrThrow()
  ).definition as QuestionnaireDefinition;
  const [population, quotas, interviewers] = await Promise.all([
    wavePopulation(ctx.db, id),
    waveQuotas(ctx.db, id),
    waveInterviewers(ctx.db, id),
  ]);
  const byUser = new Map<string, { userId: string; name: string; townIds: string[]; done: number }>();
  for (const i of interviewers) {
    const entry = byUser.get(i.user_id) ?? { userId: i.user_id, name: i.name, townIds: [], done: i.done };
    entry.townIds.push(i.town_id);
    byUser.set(i.user_id, entry);
  }
  return {
    ...presentWaveSummary(w, ctx.actor),
    quotaByGender: w.quota_by_gender,
    minDurationSeconds: w.min_duration_seconds,
    publicToken: w.public_token,
    population: population.map((p) => ({ townId: p.town_id, townName: p.town_name, groupCode: p.group_code, population: p.population })),
    quotas: quotas.map((c) => ({
      townId: c.town_id,
      townName: c.town_name,
      groupCode: c.group_code,
      groupLabel: groupLabelOf(def, c.group_code),
      gender: c.gender,
      target: c.target,
      done: c.done,
      publicDone: c.public_done,
    })),
    interviewers: [...byUser.values()],
  };
}
