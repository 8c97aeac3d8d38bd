/**
 * 预测测评得分: load the campaign (404 outside the reader's scope), its active standards version, the latest published
 * rounds and what they observed, the registry and the open problems, then estimate (estimate.ts) and present.
 */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { can, scopeSql } from '../../platform/policy';
import { sql } from 'kysely';
import { BAND_LEVEL, cellKey, DRAWS, estimate, MIN_OBSERVATIONS, PRIOR_STRENGTH, type OpenProblems } from './estimate';
import {
  activeVersion,
  fieldStandards,
  findCampaign,
  firstCampaign,
  latestRounds,
  observationsBy,
  openProblemsBy,
  sampledBy,
  siteTypesIn,
  type CampaignRow,
} from './repository';
import './policy';

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** The campaign the reader asked for (or their first), or 404. */
export async function campaignFor(ctx: Ctx, campaignId: string | undefined): Promise<CampaignRow> {
  const c = campaignId
    ? await findCampaign(ctx.db, campaignId)
    : await firstCampaign(ctx.db, scopeSql(ctx.actor, 'prediction.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('c.id') }));
  if (!c || !can(ctx.actor, 'prediction.read', { regionPath: c.region_path, campaignId: c.id })) throw notFound('创建项目');
  return c;
}

export async function readPrediction(ctx: Ctx, q: { campaignId?: string; rounds: number }) {
  const campaign = await campaignFor(ctx, q.campaignId);
  const version = await activeVersion(ctx.db, campaign.id);
  const rounds = await latestRounds(ctx.db, campaign.id, q.rounds);
  const roundIds = rounds.map((r) => r.id);
  const standards = version ? await fieldStandards(ctx.db, version.id) : [];
  const [observed, sampled, types, problems] = await Promise.all([
    observationsBy(ctx.db, roundIds),
    sampledBy(ctx.db, roundIds),
    siteTypesIn(ctx.db, campaign.region_path),
    openProblemsBy(
      ctx.db,
      campaign.id,
      campaign.region_path,
      standards.map((s) => s.code),
      ctx.clock.now(),
    ),
  ]);
  const sampledByType = new Map(sampled.map((s) => [s.site_type, s.n]));
  const siteTypes = new Map(
    types.map((t) => [t.code, { name: t.name, sort: t.sort, registered: t.registered, sampled: sampledByType.get(t.code) ?? 0 }]),
  );
  const est = estimate({
    standards,
    observations: new Map(observed.map((o) => [cellKey(o.code, o.site_type), { passed: o.passed, failed: o.failed }])),
    problems: new Map(
      problems.map((p): [string, OpenProblems] => [
        cellKey(p.code, p.site_type),
        { count: p.n, sites: p.sites, overdue: p.overdue, oldest: p.oldest },
      ]),
    ),
    siteTypes,
    rounds: rounds.length,
    visits: rounds.reduce((n, r) => n + r.visits, 0),
    seed: `${campaign.id}:${roundIds.join(',')}`,
  });
  return {
    campaign: { id: campaign.id, name: campaign.name },
    version: version ? { id: version.id, name: version.name } : null,
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      startDate: String(r.start_date),
      endDate: String(r.end_date),
      sites: r.sites,
      visits: r.visits,
    })),
    score: {
      expected: r2(est.expected),
      low: r2(est.low),
      high: r2(est.high),
      fullMarks: r2(est.fullMarks),
      percent: r2(est.percent),
      grade: est.grade,
      lowGrade: est.lowGrade,
      highGrade: est.highGrade,
      observations: est.observations,
      visits: est.visits,
      coverage: r4(est.coverage),
      insufficient: est.insufficient,
    },
    method: {
      priorStrength: PRIOR_STRENGTH,
      draws: DRAWS,
      bandLevel: BAND_LEVEL,
      minObservations: MIN_OBSERVATIONS,
      roundsAsked: q.rounds,
    },
    byItem: est.byItem.map((i) => ({ ...i, fullMarks: r2(i.fullMarks), expected: r2(i.expected) })),
    bySiteType: est.bySiteType.map((t) => ({ ...t, fullMarks: r2(t.fullMarks), expected: r2(t.expected) })),
    priorities: est.cells.map((c) => ({
      standardId: c.standard.id,
      standardCode: c.standard.code,
      standardText: c.standard.text,
      itemName: c.standard.itemName,
      points: c.standard.points,
      siteTypeCode: c.siteType,
      siteTypeName: siteTypes.get(c.siteType)?.name ?? c.siteType,
      weight: r4(c.weight),
      passed: c.passed,
      failed: c.failed,
      passRate: r4(c.p),
      atStake: r4(c.atStake),
      expectedGain: r4(c.gain),
      openProblems: c.problems.count,
      problemSites: c.problems.sites,
      overdueProblems: c.problems.overdue,
      oldestOpenAt: c.problems.oldest,
      insufficient: c.passed + c.failed < MIN_OBSERVATIONS,
    })),
  };
}
export type Prediction = Awaited<ReturnType<typeof readPrediction>>;
