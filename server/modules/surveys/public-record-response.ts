/**
 * 问卷调查, public mode: a citizen's answers through the wave's public link (no account). One transaction: the proof
 * of work spent (随手拍's challenge, once), the per-address and per-device limits counted, the wave open, the profile
 * checked against the wave (its towns, the questionnaire's groups), eligibility, the answers checked, then the
 * response (mode public, no interviewer, one per device and wave by device_hash) and its rate items — or nothing at
 * all. Public responses never fill a quota: the office's figures count them apart (mode = 'public').
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicSurveyResponseBody } from '../../../common/contracts/surveys';
import { ageBandOf, isEligible, scoreAnswers, validateAnswers, type Answers } from '../../../common/surveys';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { spendChallenge } from '../public-reports/challenge';
import { asCitizen } from '../public-reports/citizen-actor';
import { keyHash, takeRateLimit } from '../public-reports/rate-limit';
import { loadPublicWave, publicOpenness } from './public-survey';

export type PublicSurveyResponseInput = z.output<typeof publicSurveyResponseBody>;

export const ALREADY_ANSWERED = '您已提交过本问卷，感谢参与';

/** Records a public response; answers whether the respondent was eligible and the closing text to show. */
export async function recordPublicResponse(
  ctx: Ctx,
  token: string,
  input: PublicSurveyResponseInput,
): Promise<{ eligible: boolean; message: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const wave = await loadPublicWave(tx, token);
    await spendChallenge(tx, now, input.proof);
    await takeRateLimit(tx, 'survey', { ip: ctx.meta.ip, device: input.deviceId }, now);
    const { open, message } = publicOpenness(wave, now);
    if (!open) throw new AppError('conflict', message ?? '本次调查不在填写期间');
    const def = wave.definition;
    const p = input.profile;
    if (!wave.towns.some((t) => t.id === p.townId)) throw new AppError('validation', '请从列表中选择所在乡镇（街道）');
    if (!def.groups.some((g) => g.code === p.group)) throw new AppError('validation', '请从列表中选择您的身份');
    // The same device answered this wave already (checked before the answers, so it is told so whatever it sent).
    const deviceHash = keyHash('survey-device', `${wave.id}:${input.deviceId}`);
    const seen = await sql`select 1 from survey_responses where wave_id = ${wave.id} and device_hash = ${deviceHash}`.execute(tx);
    if (seen.rows.length > 0) throw new AppError('duplicate', ALREADY_ANSWERED);
    const eligible = isEligible(def, p);
    const answers: Answers = eligible ? input.answers : {};
    if (eligible) {
      const errors = validateAnswers(def, answers);
      if (errors.length) throw new AppError('validation', errors.slice(0, 3).join('；'), { errors });
    }
    const startedAt = input.startedAt ? new Date(input.startedAt) : null;
    const duration = startedAt && startedAt <= now ? Math.round((now.getTime() - startedAt.getTime()) / 1000) : null;
    const inserted = await sql<{ id: string }>`
      insert into survey_responses (wave_id, mode, method, interviewer_id, client_id, device_hash, address_hash, town_id, group_code,
        gender, age, age_band, residence, eligible, answers, started_at, finished_at, duration_seconds, received_at)
      values (${wave.id}, 'public', null, null, null, ${deviceHash}, ${ctx.meta.ip ? keyHash('ip', ctx.meta.ip) : null}, ${p.townId},
        ${p.group}, ${p.gender}, ${p.age}, ${ageBandOf(p.age)}, ${p.residence}, ${eligible}, ${JSON.stringify(answers)}::jsonb,
        ${startedAt && duration !== null ? startedAt : null}, ${now}, ${duration}, ${now})
      on conflict (wave_id, device_hash) where device_hash is not null do nothing
      returning id`.execute(tx);
    const id = inserted.rows[0]?.id;
    if (!id) throw new AppError('duplicate', ALREADY_ANSWERED);
    const items = eligible ? scoreAnswers(def, answers) : [];
    if (items.length) {
      await tx
        .insertInto('survey_response_items')
        .values(
          items.map((i) => ({
            response_id: id,
            wave_id: wave.id,
            question_code: i.question,
            rate: i.rate,
            valid: i.valid,
            counted: i.counted,
          })),
        )
        .execute();
    }
    await recordEvent(tx, asCitizen(ctx), {
      action: 'survey_response.public_received',
      subjectType: 'survey_response',
      subjectId: id,
      after: { wave_id: wave.id, mode: 'public', town_id: p.townId, group_code: p.group, eligible },
    });
    return { eligible, message: eligible ? def.closing : def.ineligibleText };
  });
}
