/**
 * 领导驾驶舱: the area of the reader's `problems.metrics` grants at a glance. These are official figures, the same ones
 * the indicators publish: a finding of a covert round counts only once the round is released (`roundPublishedSql`),
 * for everyone — the leader's covert role lets him follow a round, not count it early. All aggregation is SQL; the
 * closure rates reuse the loop's cohort counts and rate definitions (problems/metrics.ts), so the cockpit, the metrics
 * page and /api/indicators cannot disagree.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { homeCockpit } from '../../../common/contracts';
import { formatPeriod, periodEnd, periodLabel, periodOf, periodStart, previousPeriod, type Period } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { holds, scopeSql } from '../../platform/policy';
import { problemCountableSql, problemVisibleSql, roundPublishedSql } from '../../platform/visibility';
import { problemCountsSql, rateOf, readCohort, summedCountsSql, type ProblemCounts } from '../problems/metrics';
import { problemList } from './problem-lists';

const PERMISSION = 'problems.metrics';
const TREND_MONTHS = 6;

/** SQL over a problem `p` joined to its region `r`: in the reader's metrics scope, and published. */
function officialScope(ctx: Ctx): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${problemCountableSql(ctx.actor, PERMISSION, {
    regionPath: sql.ref('r.path'),
    unitId: sql.ref('p.unit_id'),
    roundId: sql.ref('p.round_id'),
  })} and ${roundPublishedSql(sql.ref('p.round_id'))})`;
}

/** The name of the widest region the reader's metrics grants cover (示范县), or the first grant's. */
async function areaName(ctx: Ctx): Promise<string> {
  const paths = ctx.actor.grants
    .filter((g) => g.regionPath && holds({ ...ctx.actor, grants: [g] }, PERMISSION))
    .map((g) => g.regionPath!)
    .sort((a, b) => a.length - b.length);
  if (!paths.length) return '全部区域';
  const r = await ctx.db.selectFrom('regions').select('name').where('path', '=', paths[0]).executeTakeFirst();
  return r?.name ?? '本区域';
}

/** The last `n` months up to the one holding `now`, oldest first. */
function lastMonths(now: Date, n: number): Period[] {
  const out: Period[] = [periodOf('month', now)];
  while (out.length < n) out.unshift(previousPeriod(out[0]));
  return out;
}

/** The cockpit for the reader. */
export async function leaderCockpit(ctx: Ctx): Promise<z.output<typeof homeCockpit>> {
  const { db, actor } = ctx;
  const now = ctx.clock.now();
  const month = periodOf('month', now);
  const from = periodStart(month);
  const to = periodEnd(month);
  const scope = officialScope(ctx);

  const [counts, cohort, covert, worst, trend, escalated, regionName] = await Promise.all([
    sql<{ open: number; overdue: number }>`
      select count(*) filter (where p.state not in ('closed', 'rejected'))::int as open,
             count(*) filter (where p.state in ('dispatched', 'rectifying') and p.deadline < ${now})::int as overdue
      from problems p join regions r on r.id = p.region_id
      where ${scope}`
      .execute(db)
      .then((r) => r.rows[0]),
    // This month's cohort summed over its units (the cohort has a unit by definition), then the shared rates.
    readCohort(db, (tx) =>
      sql<ProblemCounts>`
        select ${summedCountsSql('k')}, null::float8 as avg_hours
        from (${problemCountsSql({ by: 'unit', from, to, asOf: to < now ? to : now, where: scope })}) k`.execute(tx),
    ).then((r) => r.rows[0]),
    // Each 不符合 of a released covert round's visits this month, at sites in the reader's area.
    sql<{ n: number }>`
      select count(*)::int as n
      from inspection_results res
      join inspection_visits v on v.id = res.visit_id
      join inspection_rounds ir on ir.id = v.round_id
      join sites s on s.id = v.site_id
      join regions r on r.id = s.region_id
      where res.verdict = 'fail' and ir.is_covert and ir.released_at is not null
        and v.visited_at >= ${from} and v.visited_at < ${to}
        and ${scopeSql(actor, PERMISSION, { regionPath: sql.ref('r.path'), unitId: sql.ref('s.unit_id') })}`
      .execute(db)
      .then((r) => r.rows[0].n),
    sql<{ unit_id: string; unit_name: string; open: number; overdue: number }>`
      select p.unit_id, u.name as unit_name, count(*)::int as open,
             count(*) filter (where p.state in ('dispatched', 'rectifying') and p.deadline < ${now})::int as overdue
      from problems p join regions r on r.id = p.region_id join units u on u.id = p.unit_id
      where p.state in ('dispatched', 'rectifying', 'verifying') and ${scope}
      group by p.unit_id, u.name
      order by overdue desc, open desc, u.name
      limit 5`
      .execute(db)
      .then((r) => r.rows),
    monthlyTrend(ctx, scope, lastMonths(now, TREND_MONTHS)),
    // 升级督办 on the units this person is linked to in a leading group (结对联创), still open.
    problemList(db, {
      where: sql<SqlBool>`p.escalated_at is not null and p.state in ('dispatched', 'rectifying')
        and p.unit_id in (select l.unit_id from leading_group_unit_links l join leading_group_members m on m.id = l.member_id
                          where m.user_id = ${actor.id || null})
        and ${problemVisibleSql(actor, 'problems.list', {
          regionPath: sql.ref('r.path'),
          unitId: sql.ref('p.unit_id'),
          reporterId: sql.ref('p.reporter_id'),
          roundId: sql.ref('p.round_id'),
          siteId: sql.ref('p.site_id'),
        })}`,
      order: 'deadline',
      limit: 5,
      now,
    }),
    areaName(ctx),
  ]);

  return {
    regionName,
    period: formatPeriod(month),
    periodLabel: periodLabel(month),
    open: counts.open,
    overdue: counts.overdue,
    closeRate: rateOf('closeRate', cohort),
    closed: cohort.closed,
    due: cohort.due,
    onTimeRate: rateOf('onTimeRate', cohort),
    covertFindings: covert,
    worstUnits: worst.map((w) => ({ unitId: w.unit_id, unitName: w.unit_name, open: w.open, overdue: w.overdue })),
    trend,
    escalated,
  };
}

/** Problems reported and closed in each month (Beijing calendar), in one statement. */
async function monthlyTrend(ctx: Ctx, scope: RawBuilder<SqlBool>, months: Period[]) {
  const codes = months.map(formatPeriod);
  const starts = months.map((m) => periodStart(m).toISOString());
  const ends = months.map((m) => periodEnd(m).toISOString());
  const { rows } = await sql<{ code: string; reported: number; closed: number }>`
    with m as (select * from unnest(${codes}::text[], ${starts}::timestamptz[], ${ends}::timestamptz[]) as m(code, s, e)),
    p as (
      select p.created_at, p.closed_at, p.state
      from problems p join regions r on r.id = p.region_id
      where (p.created_at >= ${starts[0]}::timestamptz or p.closed_at >= ${starts[0]}::timestamptz) and ${scope}
    )
    select m.code,
      count(p.created_at) filter (where p.created_at >= m.s and p.created_at < m.e)::int as reported,
      count(p.closed_at) filter (where p.state = 'closed' and p.closed_at >= m.s and p.closed_at < m.e)::int as closed
    from m left join p on (p.created_at >= m.s and p.created_at < m.e) or (p.closed_at >= m.s and p.closed_at < m.e)
    group by m.code, m.s
    order by m.s`.execute(ctx.db);
  return rows.map((r, i) => ({ period: r.code, label: `${months[i].index}月`, reported: r.reported, closed: r.closed }));
}
