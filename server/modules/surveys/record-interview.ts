/**
 * 提交访问问卷: an assigned interviewer sends one interview (online or later from the offline queue).
 *
 * - The wave must be assigned to the caller (else 404) in the respondent's town (else 422), and 调查中 (else 409).
 * - Idempotent on (wave, interviewer, clientId): the same clientId answers the stored interview with `duplicate: true`
 *   (the route answers 200 then, 201 for a new one) — an offline client may send again after a lost answer.
 * - Eligibility (`isEligible`): an ineligible respondent is stored with eligible = false, no answers and no quota use.
 * - Answers are checked by `validateAnswers` (400 with the messages).
 * - The quota cell (town, group, gender or '') is taken in the same transaction by one conditional UPDATE
 *   (done < target); none left → 409 quota_full 该配额已满（乡镇×人群）.
 * - Rate items from `scoreAnswers` go to survey_response_items; the flags are computed at insert:
 *   too_fast (duration under the wave's minimum), same_spot (this interview is the 5th or more of the wave within 30 m
 *   whose finish lies within an hour of this one's), same_pattern (another eligible interview of the same interviewer in
 *   the wave has exactly these answers).
 */
import type { z } from 'zod';
import { interviewBody } from '../../../common/contracts/surveys';
import {
  ageBandOf,
  isEligible,
  scoreAnswers,
  validateAnswers,
  type QuestionnaireDefinition,
  type ResponseFlag,
} from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { waveNotFound } from './access';
import { assignedTowns, findResponseByClient, findWave, interviewsNear, samePattern, takeQuota } from './repository';

export const SAME_SPOT_METRES = 30;
export const SAME_SPOT_COUNT = 5;

export interface InterviewRecorded {
  id: string;
  eligible: boolean;
  duplicate: boolean;
  flags: ResponseFlag[];
}

class Duplicate extends Error {}

export const quotaFull = () => new AppError('conflict', '该配额已满（乡镇×人群）', { code: 'quota_full' });

export async function recordInterview(ctx: Ctx, waveId: string, input: z.input<typeof interviewBody>): Promise<InterviewRecorded> {
  const body = interviewBody.parse(input);
  const userId = actorUserId(ctx.actor);
  const wave = await findWave(ctx.db, waveId);
  const towns = wave && userId ? await assignedTowns(ctx.db, waveId, userId) : [];
  if (!wave || !userId || !towns.length) throw waveNotFound();

  const again = await findResponseByClient(ctx.db, waveId, userId, body.clientId);
  if (again) return { id: again.id, eligible: again.eligible, duplicate: true, flags: again.flags as ResponseFlag[] };

  if (wave.state !== 'open')
    throw new AppError('conflict', wave.state === 'draft' ? '调查尚未开始，暂不能提交问卷' : '调查已结束，不能再提交问卷');
  if (!towns.includes(body.profile.townId)) throw new AppError('unprocessable', 'profile.townId：您未被分配在该乡镇（街道）访问');
  const def = (
    await ctx.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', wave.questionnaire_id).executeTakeFirstOrThrow()
  ).definition as QuestionnaireDefinition;
  if (!def.groups.some((g) => g.code === body.profile.group))
    throw new AppError('validation', `输入有误：profile.group：调查对象 ${body.profile.group} 不在问卷中`);

  const started = new Date(body.startedAt);
  const finished = new Date(body.finishedAt);
  if (finished < started) throw new AppError('validation', '输入有误：finishedAt：结束时间不能早于开始时间');
  if (finished.getTime() > ctx.clock.now().getTime() + 10 * 60_000)
    throw new AppError('validation', '输入有误：finishedAt：结束时间晚于当前时间');
  const duration = Math.round((finished.getTime() - started.getTime()) / 1000);

  const eligible = isEligible(def, body.profile);
  const answers = eligible ? body.answers : {};
  if (eligible) {
    const errors = validateAnswers(def, answers);
    if (errors.length) throw new AppError('validation', `输入有误：${errors.join('；')}`, { fields: errors });
  }
  const answersJson = JSON.stringify(answers);
  const gender = wave.quota_by_gender ? body.profile.gender : '';

  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (eligible) {
        const cell = await takeQuota(tx, waveId, body.profile.townId, body.profile.group, gender);
        if (!cell) throw quotaFull();
      }
      const flags: ResponseFlag[] = [];
      if (eligible) {
        if (duration < wave.min_duration_seconds) flags.push('too_fast');
        if (
          body.location &&
          (await interviewsNear(tx, waveId, body.location.lat, body.location.lng, finished, SAME_SPOT_METRES)) >= SAME_SPOT_COUNT - 1
        )
          flags.push('same_spot');
        if (Object.keys(answers).length && (await samePattern(tx, waveId, userId, answersJson))) flags.push('same_pattern');
      }
      const row = await tx
        .insertInto('survey_responses')
        .values({
          wave_id: waveId,
          mode: 'interview',
          method: body.method,
          interviewer_id: userId,
          client_id: body.clientId,
          town_id: body.profile.townId,
          group_code: body.profile.group,
          gender: body.profile.gender,
          age: body.profile.age,
          age_band: ageBandOf(body.profile.age),
          residence: body.profile.residence,
          eligible,
          answers: answersJson,
          lat: body.location?.lat ?? null,
          lng: body.location?.lng ?? null,
          accuracy_m: body.location?.accuracy ?? null,
          started_at: started,
          finished_at: finished,
          duration_seconds: duration,
          received_at: ctx.clock.now(),
          flags,
        })
        .onConflict((oc) => oc.columns(['wave_id', 'interviewer_id', 'client_id']).where('client_id', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new Duplicate();
      const items = eligible ? scoreAnswers(def, answers) : [];
      if (items.length)
        await tx
          .insertInto('survey_response_items')
          .values(
            items.map((i) => ({
              response_id: row.id,
              wave_id: waveId,
              question_code: i.question,
              rate: i.rate,
              valid: i.valid,
              counted: i.counted,
            })),
          )
          .execute();
      await recordEvent(tx, ctx, {
        action: 'survey_response.recorded',
        subjectType: 'survey_response',
        subjectId: row.id,
        after: { waveId, townId: body.profile.townId, group: body.profile.group, eligible, durationSeconds: duration, flags },
      });
      return { id: row.id, eligible, duplicate: false, flags };
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    // The same clientId arrived twice at once: the other one was stored (and took the quota).
    const stored = await findResponseByClient(ctx.db, waveId, userId, body.clientId);
    if (!stored) throw error;
    return { id: stored.id, eligible: stored.eligible, duplicate: true, flags: stored.flags as ResponseFlag[] };
  }
}
