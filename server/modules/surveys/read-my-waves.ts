/** GET /my-waves: the caller's open waves (assigned in survey_interviewers) with the frozen questionnaire, towns and cells. */
import type { QuestionnaireDefinition } from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { dayOf } from './presenter';
import { assignedTowns, interviewsBy, openWavesOf, waveQuotas } from './repository';

export async function readMyWaves(ctx: Ctx) {
  authorize(ctx.actor, 'surveys.interview');
  const userId = actorUserId(ctx.actor);
  if (!userId) return [];
  const waves = await openWavesOf(ctx.db, userId);
  return Promise.all(
    waves.map(async (w) => {
      const towns = new Set(await assignedTowns(ctx.db, w.id, userId));
      const cells = (await waveQuotas(ctx.db, w.id)).filter((c) => towns.has(c.town_id));
      const townNames = new Map(cells.map((c) => [c.town_id, c.town_name]));
      return {
        id: w.id,
        name: w.name,
        endsOn: dayOf(w.ends_on),
        minDurationSeconds: w.min_duration_seconds,
        quotaByGender: w.quota_by_gender,
        definition: w.definition as QuestionnaireDefinition,
        towns: [...towns].filter((t) => townNames.has(t)).map((t) => ({ id: t, name: townNames.get(t)! })),
        cells: cells.map((c) => ({ townId: c.town_id, groupCode: c.group_code, gender: c.gender, target: c.target, done: c.done })),
        mine: await interviewsBy(ctx.db, w.id, userId),
      };
    }),
  );
}
