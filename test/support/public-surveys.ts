/**
 * 问卷调查's public link for tests: a short questionnaire and a wave with a public token written straight into the
 * tables (the office's own commands are tested with the office's routes), and a citizen's answer through the public API.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SCALE_PRESETS, questionnaireDefinition, type QuestionnaireDefinitionInput } from '../../common/surveys';
import { solveChallenge } from '../../server/modules/public-reports/challenge';
import type { Db } from '../../server/platform/db';

/** 5 questions: 满意度 (scale), 参与率 (single) with a follow-up shown only on 参加过, 知晓率 (knowledge), a free text. */
export const PUBLIC_TEST_DEFINITION: QuestionnaireDefinitionInput = {
  title: '群众对创建全国文明城市工作满意度调查',
  intro: '为了解您对本地创建文明城市工作的看法，特开展本次调查。问卷匿名填写，约需3分钟。',
  sections: [
    {
      code: 'S1',
      title: '总体评价',
      questions: [
        {
          code: 'Q1',
          type: 'scale',
          scale: 'satisfaction',
          rate: 'satisfaction',
          text: '您对本地创建文明城市工作的总体评价是？',
          choices: SCALE_PRESETS.satisfaction.choices.map((c) => ({ ...c })),
        },
        {
          code: 'Q2',
          type: 'single',
          rate: 'participation',
          text: '近一年您是否参加过创城志愿服务活动？',
          choices: [
            { code: 'A', label: '参加过', counts: true },
            { code: 'B', label: '没有参加过', counts: false },
          ],
        },
        {
          code: 'Q3',
          type: 'multiple',
          text: '您参加过哪些志愿服务活动？（可多选）',
          showIf: { question: 'Q2', anyOf: ['A'] },
          choices: [
            { code: 'A', label: '清洁家园' },
            { code: 'B', label: '文明交通劝导' },
            { code: 'C', label: '敬老助残' },
          ],
        },
        {
          code: 'Q4',
          type: 'knowledge',
          rate: 'awareness',
          text: '全国文明城市每几年评选表彰一次？',
          choices: [
            { code: 'A', label: '三年' },
            { code: 'B', label: '五年' },
          ],
          correct: ['A'],
        },
        { code: 'Q5', type: 'text', required: false, text: '您对创城工作还有什么意见和建议？' },
      ],
    },
  ],
};

export interface PublicWaveOver {
  state?: 'draft' | 'open' | 'closed';
  startsOn?: string;
  endsOn?: string;
  name?: string;
  definition?: QuestionnaireDefinitionInput;
}

/** The Beijing day `days` from `now` (YYYY-MM-DD). */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A questionnaire and a wave of `regionId` over `townIds` (population rows per group), with a public token. */
export async function makePublicWave(
  db: Db,
  now: Date,
  regionId: string,
  townIds: string[],
  over: PublicWaveOver = {},
): Promise<{ waveId: string; questionnaireId: string; token: string }> {
  const definition = questionnaireDefinition.parse(over.definition ?? PUBLIC_TEST_DEFINITION);
  const q = await db
    .insertInto('survey_questionnaires')
    .values({
      family_key: crypto.randomUUID(),
      version: 1,
      region_id: regionId,
      name: definition.title,
      definition: JSON.stringify(definition),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = crypto.randomBytes(18).toString('base64url');
  const wave = await db
    .insertInto('survey_waves')
    .values({
      region_id: regionId,
      questionnaire_id: q.id,
      name: over.name ?? `2026年第四季度群众满意度调查${token.slice(0, 4)}`,
      state: over.state ?? 'open',
      starts_on: over.startsOn ?? dayFrom(now, -3),
      ends_on: over.endsOn ?? dayFrom(now, 20),
      target_size: 400,
      public_token: token,
      created_at: now,
      opened_at: over.state === 'draft' ? null : now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('survey_population')
    .values(
      townIds.flatMap((townId, i) =>
        definition.groups.map((g) => ({ wave_id: wave.id, town_id: townId, group_code: g.code, population: 1000 * (i + 1) })),
      ),
    )
    .execute();
  return { waveId: wave.id, questionnaireId: q.id, token };
}

/** A proof of work for the public API, asked from `ip`. */
export async function proofFor(app: FastifyInstance, ip: string) {
  const res = await app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip });
  const c = res.json() as { challenge: string; salt: string; maxnumber: number };
  return { challenge: c.challenge, salt: c.salt, number: solveChallenge(c) };
}

/** An eligible respondent's full answer (satisfied, volunteered, knows the answer). */
export const GOOD_ANSWERS = { Q1: 'A', Q2: 'A', Q3: ['A', 'C'], Q4: 'A', Q5: '希望多增设公共自行车停放点' };
