/**
 * The demo's 问卷调查 (part of the story, seed-history.ts): the office of 示范县 copies the 全国文明城市 starter
 * questionnaire, sets up last month's 群众满意度调查 (population per town and respondent group, quotas from it, three
 * interviewers: the inspector and the volunteer everywhere, the grid worker in 城东街道), opens it, the interviewers
 * send about 230 interviews through `recordInterview` over three weeks (a few too short, a few ineligible respondents),
 * and the office closes it; this month's wave is open and about half done. Answers come from a seeded PRNG with a
 * propensity per town and rate, so towns differ — 白塔乡 is clearly weaker on 知晓率.
 *
 * Every step is an event on the story's queue (its clock), through the commands the API calls.
 */
import crypto from 'node:crypto';
import {
  allQuestions,
  isShown,
  validateAnswers,
  type Answers,
  type QuestionnaireDefinition,
  type SurveyRate,
} from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { prng, seedFrom } from '../../modules/inspections/sample-sites';
import { recordInterview } from '../../modules/surveys/record-interview';
import { createFromTemplate } from '../../modules/surveys/save-questionnaire';
import { createWave } from '../../modules/surveys/save-wave';
import { transitionWave } from '../../modules/surveys/wave-workflow';
import '../../modules/surveys/policy';
import { beijingDay } from '../../../common/beijing';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface SurveyStoryDeps {
  db: Db;
  /** The story's present (ms). */
  now: number;
  /** Schedules an event on the story's queue (dropped when after `now`). */
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
}

/** Beijing midnight of a day (year, month 0-based, day) as ms. */
const bjDay = (y: number, m0: number, d: number) => Date.UTC(y, m0, d) - 8 * HOUR;

/** Town propensities: how likely an answer counts, per rate (the weak and strong towns of the story). */
const TOWN_LEANING: Record<string, Partial<Record<SurveyRate, number>>> = {
  白塔乡: { awareness: 0.42, support: 0.86, participation: 0.45, satisfaction: 0.72 },
  杏林乡: { awareness: 0.7, satisfaction: 0.78 },
  城关街道: { awareness: 0.9, satisfaction: 0.9, participation: 0.8 },
  城东街道: { awareness: 0.88, satisfaction: 0.86 },
};
const BASE: Record<SurveyRate, number> = { awareness: 0.8, support: 0.94, participation: 0.7, satisfaction: 0.84 };

/** Population (thousands) per respondent group, for a town of weight 1. */
const GROUP_SIZE: Record<string, number> = { citizen: 30, employee: 6, teacher: 1.2, parent: 8, merchant: 3 };

export async function seedSurveyStory(d: SurveyStoryDeps): Promise<void> {
  const { db, now, at } = d;
  const county = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901').executeTakeFirst();
  if (!county) return;
  const towns = await db
    .selectFrom('regions')
    .select(['id', 'name', 'code'])
    .where('level', '=', 'town')
    .where('path', 'like', `${county.path}%`)
    .orderBy('code')
    .execute();
  const office = await d.user('office');
  const interviewers = {
    inspector: await d.user('inspector'),
    volunteer: await d.user('volunteer'),
    grid: await d.user('grid'),
  };
  const gridTown = towns.find((t) => t.code === '139901002');
  const random = prng(seedFrom('demo-surveys'));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;

  const bj = new Date(now + 8 * HOUR);
  const [y, m0] = [bj.getUTCFullYear(), bj.getUTCMonth()];
  const lastStart = bjDay(y, m0 - 1, 1);
  const thisStart = bjDay(y, m0, 1);
  const day = beijingDay;
  const monthName = (t: number) => `${new Date(t + 8 * HOUR).getUTCFullYear()}年${new Date(t + 8 * HOUR).getUTCMonth() + 1}月`;

  const state: { questionnaireId?: string; definition?: QuestionnaireDefinition } = {};
  const population = (weight: number) => (townId: string) =>
    Object.entries(GROUP_SIZE).map(([groupCode, k]) => ({ townId, groupCode, population: Math.round(k * weight * 1000) }));
  const townWeight = new Map(towns.map((t) => [t.id, t.code.slice(6, 7) === '0' ? 1.4 : t.code.slice(6, 7) === '1' ? 0.9 : 0.6]));

  at(lastStart - 2 * DAY + 10 * HOUR, 'survey questionnaire', async () => {
    state.questionnaireId = await createFromTemplate(office, { regionId: county.id, template: 'wenming-manyidu' });
    const q = await db
      .selectFrom('survey_questionnaires')
      .select('definition')
      .where('id', '=', state.questionnaireId)
      .executeTakeFirstOrThrow();
    state.definition = q.definition as QuestionnaireDefinition;
  });

  const answersFor = (def: QuestionnaireDefinition, townName: string): Answers => {
    const p = (r: SurveyRate) => TOWN_LEANING[townName]?.[r] ?? BASE[r];
    const a: Answers = {};
    for (const q of allQuestions(def)) {
      if (!isShown(q, a)) continue;
      const choices = q.choices ?? [];
      if (q.type === 'text') continue;
      if (q.type === 'number') {
        a[q.code] = Math.round((q.min ?? 1) + random() * ((q.max ?? 10) - (q.min ?? 1)));
        continue;
      }
      if (q.type === 'knowledge') {
        const right = q.correct ?? [];
        if (chance(p('awareness'))) a[q.code] = q.multi ? [...right] : right[0]!;
        else {
          const wrong = choices.map((c) => c.code).filter((c) => !right.includes(c));
          a[q.code] = q.multi ? [...right.slice(0, Math.max(1, right.length - 1)), pick(wrong)] : pick(wrong);
        }
        continue;
      }
      if (q.rate) {
        const counting = choices.filter((c) => c.counts && c.valid !== false);
        const invalid = choices.filter((c) => c.valid === false);
        const other = choices.filter((c) => !c.counts && c.valid !== false);
        let chosen: string[];
        if (invalid.length && chance(0.04)) chosen = [pick(invalid).code];
        else if (chance(p(q.rate)))
          chosen = q.type === 'multiple' ? [...new Set([pick(counting).code, pick(counting).code])] : [pick(counting).code];
        else chosen = [pick(other.length ? other : choices).code];
        a[q.code] = q.type === 'multiple' ? chosen : chosen[0]!;
        continue;
      }
      a[q.code] = q.type === 'multiple' ? [pick(choices).code] : pick(choices).code;
    }
    return a;
  };

  /** A wave from `start` to `end`: created two days before, opened at `start`, `share` of each cell interviewed. */
  const wave = (name: string, start: number, end: number, target: number, share: number, close: boolean) => {
    const w: { id?: string } = {};
    at(start - DAY + 11 * HOUR, `survey wave ${name}`, async () => {
      const pops = towns.flatMap((t) => population(townWeight.get(t.id)!)(t.id));
      w.id = await createWave(office, {
        questionnaireId: state.questionnaireId!,
        regionId: county.id,
        name,
        startsOn: day(start),
        endsOn: day(end - DAY),
        targetSize: target,
        minDurationSeconds: 180,
        publicLink: true,
        population: pops,
        interviewers: [
          { userId: actorUserId(interviewers.inspector.actor)!, townIds: towns.map((t) => t.id) },
          { userId: actorUserId(interviewers.volunteer.actor)!, townIds: towns.map((t) => t.id) },
          ...(gridTown ? [{ userId: actorUserId(interviewers.grid.actor)!, townIds: [gridTown.id] }] : []),
        ],
      });
    });
    at(start + 8.5 * HOUR, `survey open ${name}`, async () => {
      const v = await db.selectFrom('survey_waves').select('version').where('id', '=', w.id!).executeTakeFirstOrThrow();
      await transitionWave(office, w.id!, { action: 'open', version: v.version });
    });
    // The interviews: each quota cell filled to `share` over the working hours of the wave's days.
    at(start + 8.6 * HOUR, `survey plan ${name}`, async () => {
      const cells = await db.selectFrom('survey_quotas').select(['town_id', 'group_code', 'target']).where('wave_id', '=', w.id!).execute();
      const span = Math.max(1, Math.floor((Math.min(end, now) - start) / DAY));
      for (const cell of cells) {
        const n = Math.round(cell.target * share);
        const town = towns.find((t) => t.id === cell.town_id)!;
        for (let i = 0; i < n; i += 1) {
          const t = start + Math.floor(random() * span) * DAY + (9 + random() * 9) * HOUR;
          const who =
            gridTown && town.id === gridTown.id && chance(0.5)
              ? interviewers.grid
              : chance(0.55)
                ? interviewers.inspector
                : interviewers.volunteer;
          const ineligible = chance(0.03);
          const duration = chance(0.04) ? 100 + Math.floor(random() * 60) : 300 + Math.floor(random() * 600);
          const age = ineligible ? 68 + Math.floor(random() * 8) : 18 + Math.floor(random() * 48);
          const gender = chance(0.5) ? 'male' : 'female';
          at(t, `survey interview ${name}`, async () => {
            const finished = t;
            const def = state.definition!;
            const answers = ineligible ? {} : answersFor(def, town.name);
            if (!ineligible && validateAnswers(def, answers).length) throw new Error(validateAnswers(def, answers).join('；'));
            await recordInterview(who, w.id!, {
              clientId: crypto.randomUUID(),
              method: chance(0.6) ? 'door' : 'street',
              profile: { townId: town.id, group: cell.group_code, gender, age, residence: chance(0.8) ? 'gt3y' : '1y-3y' },
              answers,
              startedAt: new Date(finished - duration * 1000).toISOString(),
              finishedAt: new Date(finished).toISOString(),
            });
          });
        }
      }
    });
    if (close)
      at(end + 9 * HOUR, `survey close ${name}`, async () => {
        const v = await db.selectFrom('survey_waves').select('version').where('id', '=', w.id!).executeTakeFirstOrThrow();
        await transitionWave(office, w.id!, { action: 'close', version: v.version });
      });
  };

  // Last month: the 5th to the 25th, closed the day after; this month: the 1st to the 28th, under way.
  wave(`${monthName(lastStart)}群众满意度调查`, lastStart + 4 * DAY, lastStart + 25 * DAY, 240, 0.96, true);
  wave(`${monthName(thisStart)}群众满意度调查`, thisStart, thisStart + 28 * DAY, 200, 0.5, false);
}
