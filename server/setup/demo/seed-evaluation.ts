/**
 * The demo's 月评排名 (part of the story, seed-history.ts): the county office sets up its monthly scheme (县直部门,
 * 乡镇街道, 窗口单位) on the story's third day and the city its scheme over the counties the day after; 人工评分 at each
 * month's end (领导小组评议); each past month is run on the 1st, 公示, one 申诉 answered (adjusted once, rejected once),
 * 审定 by the leader and 发布 — squeezed before `now` for the last month; the current month waits in 草稿.
 * Draws come from the story's PRNG at the events' times, so the same `now` gives the same rankings.
 */
import { formatPeriod, periodEnd, periodOf } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { createCampaign } from '../../modules/campaigns/create-campaign';
import { addLeadingMember } from '../../modules/campaigns/manage-leading-group';
import { answerObjection } from '../../modules/evaluation/answer-objection';
import { createRun } from '../../modules/evaluation/create-run';
import { createScheme } from '../../modules/evaluation/create-scheme';
import { enterManualScore } from '../../modules/evaluation/enter-manual-score';
import { fileObjection } from '../../modules/evaluation/file-objection';
import { transitionRun } from '../../modules/evaluation/run-workflow';
import '../../modules/evaluation/policy';
import '../../modules/campaigns/policy';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** 人工评分 as a scheme indicator: the 领导小组评议 score graded into points at 90 / 80 / 70 / below. */
const manualScore = (weight: number, points: [number, number, number, number]) => ({
  code: 'manual.score',
  weight,
  rule: { type: 'grade' as const, bands: [90, 80, 70, 0].map((min, i) => ({ min, points: points[i]! })) },
});

export interface EvaluationStoryDeps {
  db: Db;
  /** The story's present (ms). */
  now: number;
  /** Schedules an event on the story's queue (dropped when after `now`). */
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
  /** Day d of the story's k-th month (0 = three months before today's) at hour h, Beijing time. */
  dayOf: (k: number, d: number, h?: number) => number;
  /** The county's 全国文明城市 campaign. */
  campaignId: string;
  /** The county's towns and their town offices (units). */
  towns: Array<{ id: string; unitId: string | null }>;
  /** How well a unit works (0 poor … 1 good), the story's own figure. */
  diligent: (unitId: string) => number;
  rnd: (a?: number, b?: number) => number;
}

/** Schedules the 月评排名 story; `runs` counts the runs made as the queue plays it. */
export async function seedEvaluationStory(d: EvaluationStoryDeps): Promise<{ runs: number }> {
  const { db, now, at, user, dayOf, diligent, rnd } = d;
  const counter = { runs: 0 };
  const office = await user('office');
  const leader = await user('leader');
  const city = await user('city');
  const cityLeader = await user('cityleader');
  const admin = await user('admin');
  // The county's departments and 窗口单位 (hospitals and schools sit in the towns' regions), for 人工评分.
  const countyUnits = await db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.type'])
    .where(
      'r.path',
      'like',
      `${(await db.selectFrom('regions').select('path').where('code', '=', '139901').executeTakeFirstOrThrow()).path}%`,
    )
    .where('u.type', 'in', ['county_dept', 'window', 'hospital', 'school', 'enterprise'])
    .where('u.active', '=', true)
    .orderBy('u.name')
    .execute();
  const townUnitTowns = d.towns;
  let schemeId = '';
  let citySchemeId = '';
  at(dayOf(0, 2, 10), 'scheme', async () => {
    schemeId = (
      await createScheme(office, {
        campaignId: d.campaignId,
        name: '全国文明城市创建工作月度考核',
        periodType: 'month',
        redCount: 3,
        blackCount: 3,
        objectionDays: 3,
        groups: [
          {
            name: '县直部门',
            subjectType: 'unit',
            unitTypes: ['county_dept'],
            indicators: [
              { code: 'problem.close_rate', weight: 30, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.on_time_rate', weight: 25, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.overdue_count', weight: 15, rule: { type: 'deduction', per: 3, cap: 15 } },
              { code: 'materials.completeness_rate', weight: 15, rule: { type: 'linear', floor: 0, ceiling: 1 } },
              manualScore(15, [15, 12, 8, 4]),
            ],
          },
          {
            name: '乡镇街道',
            subjectType: 'town',
            indicators: [
              { code: 'problem.close_rate', weight: 30, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.on_time_rate', weight: 20, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'inspection.avg_score_rate', weight: 25, rule: { type: 'linear', floor: 0.6, ceiling: 1 } },
              { code: 'inspection.covert_findings', weight: 10, rule: { type: 'deduction', per: 1, cap: 10 } },
              manualScore(15, [15, 12, 8, 4]),
            ],
          },
          {
            name: '窗口单位',
            subjectType: 'unit',
            unitTypes: ['window', 'hospital', 'school', 'enterprise'],
            indicators: [
              { code: 'problem.close_rate', weight: 40, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.overdue_count', weight: 20, rule: { type: 'deduction', per: 5, cap: 20 } },
              manualScore(40, [40, 32, 24, 12]),
            ],
          },
        ],
      })
    ).id;
  });
  at(dayOf(0, 3, 10), 'city campaign and scheme', async () => {
    const cityRegion = await db.selectFrom('regions').select('id').where('code', '=', '139900').executeTakeFirstOrThrow();
    const campaign = await createCampaign(admin, {
      name: '示范市创建全国文明城市（2024—2026年）',
      titleType: 'civilized_city',
      level: 'national',
      regionId: cityRegion.id,
      cycleStartYear: 2024,
      cycleEndYear: 2026,
      status: 'active',
      description: '全市一盘棋，各县（区）同台比拼，按月排名通报。',
    } as never);
    await addLeadingMember(admin, campaign.id, {
      name: '欧阳明',
      post: '副市长',
      groupRole: 'leader',
      phone: '13903090001',
      userId: cityLeader.actor.id,
      sort: 0,
      unitIds: [],
    });
    await addLeadingMember(admin, campaign.id, {
      name: '林静',
      post: '市文明办副主任',
      groupRole: 'member',
      phone: '13903090002',
      userId: city.actor.id,
      sort: 1,
      unitIds: [],
    });
    citySchemeId = (
      await createScheme(city, {
        campaignId: campaign.id,
        name: '各县（区）创建工作月度考核',
        periodType: 'month',
        redCount: 1,
        blackCount: 1,
        objectionDays: 3,
        groups: [
          {
            name: '县（区）',
            subjectType: 'county',
            indicators: [
              { code: 'problem.close_rate', weight: 35, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.on_time_rate', weight: 25, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
              { code: 'problem.overdue_count', weight: 20, rule: { type: 'deduction', per: 1, cap: 20 } },
              manualScore(20, [20, 16, 12, 6]),
            ],
          },
        ],
      })
    ).id;
  });

  // 人工评分 at each month's end: 领导小组评议 for the county's units and towns, the city's for each county.
  const manualUnits = countyUnits.map((u) => u.id);
  const counties = await db.selectFrom('regions').select(['id', 'code']).where('level', '=', 'county').orderBy('code').execute();
  for (let k = 0; k < 3; k += 1) {
    const period = formatPeriod(periodOf('month', new Date(dayOf(k, 1))));
    at(dayOf(k, 28, 15), 'manual scores', async () => {
      for (const id of manualUnits)
        await enterManualScore(office, {
          code: 'manual.score',
          subjectType: 'unit',
          subjectId: id,
          period,
          value: Math.round(60 + 38 * diligent(id) * rnd(0.85, 1.05)),
          reason: '领导小组月度评议',
        });
      for (const t of townUnitTowns)
        await enterManualScore(office, {
          code: 'manual.score',
          subjectType: 'town',
          subjectId: t.id,
          period,
          value: Math.round(62 + 35 * diligent(t.unitId ?? t.id) * rnd(0.85, 1.05)),
          reason: '领导小组月度评议',
        });
      for (const c of counties)
        await enterManualScore(city, {
          code: 'manual.score',
          subjectType: 'county',
          subjectId: c.id,
          period,
          value: c.code === '139901' ? 93 : c.code === '139902' ? 84 : 76,
          reason: '市创建领导小组月度评议',
        });
    });
  }

  // Each past month: run on the 1st, 公示, one 申诉 answered, 审定, 发布 — squeezed before `now` for the last month.
  const objector = await user('unit');
  const objectorUnit = objector.actor.unitId!;
  for (let k = 0; k < 3; k += 1) {
    const period = formatPeriod(periodOf('month', new Date(dayOf(k, 1))));
    const t0 = periodEnd(periodOf('month', new Date(dayOf(k, 1)))).getTime() + 9 * HOUR;
    const span = Math.min(5 * DAY, now - t0 - HOUR);
    const step = (i: number) => t0 + (span * i) / 6;
    let runId = '';
    let cityRunId = '';
    at(step(0), `run ${period}`, async () => {
      runId = (await createRun(office, { schemeId, period })).id;
      await transitionRun(office, runId, { action: 'publicize' });
      counter.runs += 1;
      if (k >= 1) {
        cityRunId = (await createRun(city, { schemeId: citySchemeId, period })).id;
        await transitionRun(city, cityRunId, { action: 'publicize' });
        counter.runs += 1;
      }
    });
    at(step(1), `objection ${period}`, async () => {
      await fileObjection(objector, runId, {
        subjectId: objectorUnit,
        reason:
          k === 1
            ? '本月有 2 件问题因上游单位退回重新派遣，超期天数不应计入我局，请予核减'
            : '本月超期问题中有 1 件已办理延期手续，申请重新核定按期结案率',
      });
    });
    at(step(2), `answer ${period}`, async () => {
      const o = await db.selectFrom('evaluation_objections').select('id').where('run_id', '=', runId).executeTakeFirstOrThrow();
      if (k === 1)
        await answerObjection(office, o.id, {
          decision: 'adjust',
          reason: '经核实，2 件问题的超期天数应由原承办单位承担，予以加 2 分',
          adjustment: 2,
        });
      else await answerObjection(office, o.id, { decision: 'reject', reason: '经核实，延期申请在时限届满后提出，按规定不予调整' });
    });
    at(step(3), `sign off ${period}`, async () => {
      await transitionRun(leader, runId, { action: 'sign_off', comment: '同意发布' });
      if (cityRunId) await transitionRun(cityLeader, cityRunId, { action: 'sign_off', comment: '同意通报' });
    });
    at(step(4), `publish ${period}`, async () => {
      await transitionRun(office, runId, { action: 'publish' });
      if (cityRunId) await transitionRun(city, cityRunId, { action: 'publish' });
    });
  }
  // The current month so far, in 草稿 (recomputed whenever the office runs it again).
  at(now - 30 * 60_000, 'run current month', async () => {
    await createRun(office, { schemeId, period: formatPeriod(periodOf('month', new Date(now))) });
    counter.runs += 1;
  });
  return counter;
}
