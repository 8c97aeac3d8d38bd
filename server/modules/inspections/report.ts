/**
 * 督查报告: scores per site (its visit), per site type, per town and for the round, with 达标率 = share
 * of visited sites whose 得分率 reaches the round's threshold, compared with the previous round of the
 * same campaign and kind.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import type { RoundRow } from './repository';

/** SQL: a visit's 得分率 (passed ÷ applicable observations; null when nothing applied), for the visit aliased `v`. */
export const scoreRateSql = (v: string) =>
  sql<number | null>`(${sql.ref(`${v}.passed`)}::float8 / nullif(${sql.ref(`${v}.passed`)} + ${sql.ref(`${v}.failed`)}, 0))`;

interface Group {
  key: string;
  name: string;
  sites: number;
  visited: number;
  avgScoreRate: number | null;
  avgDeduction: number | null;
  passRate: number | null;
  failures: number;
}

const round4 = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10000) / 10000);

async function grouped(db: Db, roundId: string, threshold: number, by: 'type' | 'town' | 'all'): Promise<Group[]> {
  // By town: the site's town (platform/region-rollup.ts), or its own region when it lies above any town.
  const key = by === 'type' ? sql`s.site_type_code` : by === 'town' ? sql`coalesce(tn.id, r.id)::text` : sql`'all'`;
  const name = by === 'type' ? sql`max(st.name)` : by === 'town' ? sql`max(coalesce(tn.name, r.name))` : sql`'全部'`;
  const { rows } = await sql<{
    key: string;
    name: string;
    sites: number;
    visited: number;
    avg_rate: number | null;
    avg_deduction: number | null;
    pass_rate: number | null;
    failures: number;
  }>`
    select ${key} as key, ${name} as name,
      count(*)::int as sites, count(v.id)::int as visited,
      avg(${scoreRateSql('v')}) as avg_rate, avg(v.deduction_score)::float8 as avg_deduction,
      (count(*) filter (where ${scoreRateSql('v')} >= ${threshold})::float8 / nullif(count(v.score_rate), 0)) as pass_rate,
      coalesce(sum(v.failed), 0)::int as failures
    from inspection_round_sites rs
    join sites s on s.id = rs.site_id
    join site_types st on st.code = s.site_type_code
    join regions r on r.id = s.region_id
    left join regions tn on tn.id = ${ancestorAtLevelSql(sql.ref('r.path'), 'town')}
    left join inspection_visits v on v.round_id = rs.round_id and v.site_id = rs.site_id
    where rs.round_id = ${roundId}
    group by 1 order by 2`.execute(db);
  return rows.map((g) => ({
    key: g.key,
    name: g.name,
    sites: g.sites,
    visited: g.visited,
    avgScoreRate: round4(g.avg_rate),
    avgDeduction: g.avg_deduction === null ? null : Math.round(g.avg_deduction * 100) / 100,
    passRate: round4(g.pass_rate),
    failures: g.failures,
  }));
}

/** The round report, with the previous comparable round for comparison (if any). */
export async function roundReport(db: Db, r: RoundRow, previousVisible: (id: string) => Promise<boolean>) {
  const threshold = Number(r.pass_threshold);
  const sites = await sql<{
    id: string;
    name: string;
    site_type_name: string;
    region_name: string;
    unit_name: string | null;
    score_rate: number | null;
    deduction_score: number | null;
    passed: number | null;
    failed: number | null;
    not_applicable: number | null;
  }>`
    select s.id, s.name, st.name as site_type_name, r.name as region_name, u.name as unit_name, ${scoreRateSql('v')} as score_rate, v.deduction_score::float8 as deduction_score, v.passed, v.failed, v.not_applicable
    from inspection_round_sites rs join sites s on s.id = rs.site_id join site_types st on st.code = s.site_type_code
    join regions r on r.id = s.region_id left join units u on u.id = s.unit_id
    left join inspection_visits v on v.round_id = rs.round_id and v.site_id = rs.site_id
    where rs.round_id = ${r.id} order by 6 asc nulls last, s.name`.execute(db);
  const [overall] = await grouped(db, r.id, threshold, 'all');
  const previousRow = await db
    .selectFrom('inspection_rounds')
    .select('id')
    .where('campaign_id', '=', r.campaign_id)
    .where('kind', '=', r.kind)
    .where('id', '!=', r.id)
    // The latest earlier round: an earlier start, or the same start created before this one.
    .where((eb) =>
      eb.or([eb('start_date', '<', r.start_date), eb.and([eb('start_date', '=', r.start_date), eb('created_at', '<', r.created_at)])]),
    )
    .orderBy('start_date', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  let previous: { id: string; overall: Group } | null = null;
  if (previousRow && (await previousVisible(previousRow.id))) {
    previous = { id: previousRow.id, overall: (await grouped(db, previousRow.id, threshold, 'all'))[0] };
  }
  const delta = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined ? null : round4(a - b);
  return {
    round: { id: r.id, name: r.name, kind: r.kind, startDate: r.start_date, endDate: r.end_date, threshold, released: !!r.released_at },
    overall,
    bySite: sites.rows.map((s) => ({
      siteId: s.id,
      name: s.name,
      siteType: s.site_type_name,
      region: s.region_name,
      unit: s.unit_name,
      scoreRate: round4(s.score_rate),
      deductionScore: s.deduction_score,
      passed: s.passed,
      failed: s.failed,
      notApplicable: s.not_applicable,
      meetsThreshold: s.score_rate === null ? null : s.score_rate >= threshold,
    })),
    bySiteType: await grouped(db, r.id, threshold, 'type'),
    byRegion: await grouped(db, r.id, threshold, 'town'),
    previous: previous
      ? {
          roundId: previous.id,
          overall: previous.overall,
          change: {
            avgScoreRate: delta(overall.avgScoreRate, previous.overall.avgScoreRate),
            passRate: delta(overall.passRate, previous.overall.passRate),
          },
        }
      : null,
  };
}
