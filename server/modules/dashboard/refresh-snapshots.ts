/**
 * 指挥大屏 refresh: computes the figures of every city, county and town (or of one subtree) and stores one snapshot row
 * per region, plus each located site's last score for the map. Every figure is SQL over the base tables, grouped once
 * per refresh by the problem's own region and then rolled up to each snapshot region through `anc` (region → every
 * city/county/town at or above it), so 1 000 000 problems are read once per statement, not once per region or per view.
 * Official figures: a finding of a covert round counts only after release (`roundPublishedSql`), for every reader.
 * One refresh at a time (an advisory lock); the minute job skips when another node holds it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { dashboardFigures } from '../../../common/contracts';
import { formatPeriod, periodEnd, periodLabel, periodOf, periodStart, previousPeriod, type Period } from '../../../common/period';
import { PROBLEM_STATES, type ProblemState } from '../../../common/problem-workflow';
import type { Db, Tx } from '../../platform/db';
import { scoreRateSql } from '../inspections/report';
import { problemCountsSql, rateOf, summedCountsSql, type ProblemCounts } from '../problems/metrics';

/** The region levels that get a snapshot: an office, leader or task force is placed at one of them. */
export const SNAPSHOT_LEVELS = ['city', 'county', 'town'] as const;
const TREND_MONTHS = 12;
const TOP_TOWNS = 10;
const TOP_LIST = 10;
const LOCK_KEY = 'dashboard-refresh';

type Figures = z.input<typeof dashboardFigures>;

export interface RefreshResult {
  regions: number;
  sites: number;
  computedAt: Date;
  ms: number;
}

/** The last `n` months up to the one holding `now`, oldest first. */
function lastMonths(now: Date, n: number): Period[] {
  const out: Period[] = [periodOf('month', now)];
  while (out.length < n) out.unshift(previousPeriod(out[0]));
  return out;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

/**
 * Recomputes the snapshots of every city, county and town, or only those inside `under` (a region path: the on-demand
 * refresh of an office's own area). `wait: false` (the minute job) returns null at once when a refresh is running.
 */
export async function refreshSnapshots(db: Db, now: Date, opts: { under?: string; wait?: boolean } = {}): Promise<RefreshResult | null> {
  const started = performance.now();
  return db.transaction().execute(async (tx) => {
    const wait = opts.wait ?? true;
    const locked = wait
      ? (await sql`select pg_advisory_xact_lock(hashtext(${LOCK_KEY}))`.execute(tx), true)
      : (await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${LOCK_KEY})) as ok`.execute(tx)).rows[0].ok;
    if (!locked) return null;
    // The sites' last scores first: the 达标率 by site type is counted from them.
    const sites = await writeSitePoints(tx, now, opts.under ?? '/');
    const figures = await computeFigures(tx, now, opts.under ?? '/');
    const ids = [...figures.keys()];
    const paths = ids.map((id) => figures.get(id)!.path);
    const datas = ids.map((id) => JSON.stringify(figures.get(id)!.data));
    if (ids.length)
      await sql`
        insert into dashboard_snapshots (region_id, region_path, computed_at, data)
        select x.id, x.path, ${now}, x.data::jsonb from unnest(${ids}::uuid[], ${paths}::text[], ${datas}::text[]) as x(id, path, data)
        on conflict (region_id) do update
          set region_path = excluded.region_path, computed_at = excluded.computed_at, data = excluded.data`.execute(tx);
    // A region moved out of the snapshot levels (or deleted: cascade) keeps no stale row.
    await sql`delete from dashboard_snapshots where region_path like ${(opts.under ?? '/') + '%'} and not (region_id = any(${ids}::uuid[]))`.execute(
      tx,
    );
    return { regions: ids.length, sites, computedAt: now, ms: Math.round(performance.now() - started) };
  });
}

interface Target {
  id: string;
  path: string;
  level: string;
  name: string;
}

/** Every figure of every snapshot region inside `under`, keyed by region id. */
async function computeFigures(tx: Tx, now: Date, under: string): Promise<Map<string, { path: string; data: Figures }>> {
  const month = periodOf('month', now);
  const from = periodStart(month);
  const to = periodEnd(month);
  const months = lastMonths(now, TREND_MONTHS);
  const inside = `${under}%`;
  // Month boundaries of the trend (13 instants): width_bucket puts an instant in its month 1..12 without time-zone
  // arithmetic per row (to_char … at time zone over a million rows costs seconds).
  const bounds = [...months.map((m) => periodStart(m).toISOString()), periodEnd(months[months.length - 1]).toISOString()];
  // roundPublishedSql (visibility.ts) as a join: an open round, or a covert one after release. Same rows, but a hash
  // join instead of a subquery per problem.
  const publishedJoin = sql`left join inspection_rounds pub on pub.id = p.round_id`;
  const published = sql`(p.round_id is null or not pub.is_covert or pub.released_at is not null)`;
  const inRegion = under === '/' ? sql`true` : sql`p.region_id in (select id from regions where path like ${inside})`;
  // The snapshot regions, and every region's snapshot ancestors (itself included): the roll-up of each statement.
  const tg = sql`tg as materialized (select id, path, level, name from regions where level in ('city', 'county', 'town') and path like ${inside})`;
  const anc = sql`anc as materialized (select rr.id as region_id, tg.id as target_id from regions rr join tg on rr.path like tg.path || '%')`;
  const withRollup = (rest: RawBuilder<unknown>) => sql`with ${tg}, ${anc}, ${rest}`;

  const [targets, problemRows, cohort, covert, siteTypes, lists] = await Promise.all([
    sql<Target>`select id, path, level, name from regions where level in ('city', 'county', 'town') and path like ${inside} order by path`
      .execute(tx)
      .then((r) => r.rows),
    // One pass over problems, grouped by region, state, month reported and month closed (a few thousand groups); then
    // per snapshot region: problems per state with overdue and 督办中, and the twelve months' trend.
    sql<{
      kind: 'state' | 'trend';
      target_id: string;
      state: ProblemState | null;
      month: number | null;
      n: number;
      overdue: number;
      supervising: number;
      reported_closed: number;
      closed: number;
    }>`${withRollup(sql`
      base as materialized (
        select p.region_id, p.state,
          width_bucket(p.created_at, ${bounds}::timestamptz[]) as cb,
          case when p.state = 'closed' then width_bucket(p.closed_at, ${bounds}::timestamptz[]) end as xb,
          count(*)::int as n,
          count(*) filter (where p.state in ('dispatched', 'rectifying') and p.deadline < ${now})::int as overdue,
          count(*) filter (where p.supervised_at is not null and p.state not in ('closed', 'rejected'))::int as supervising
        from problems p ${publishedJoin}
        where ${inRegion} and ${published}
        group by 1, 2, 3, 4),
      st as (
        select anc.target_id, b.state, sum(b.n)::int as n, sum(b.overdue)::int as overdue, sum(b.supervising)::int as supervising
        from base b join anc on anc.region_id = b.region_id
        group by anc.target_id, b.state),
      tr as (
        select anc.target_id, m.i,
          coalesce(sum(b.n) filter (where b.cb = m.i), 0)::int as reported,
          coalesce(sum(b.n) filter (where b.cb = m.i and b.state = 'closed'), 0)::int as reported_closed,
          coalesce(sum(b.n) filter (where b.xb = m.i), 0)::int as closed
        from base b join anc on anc.region_id = b.region_id
        join generate_series(1, ${TREND_MONTHS}::int) as m(i) on m.i = b.cb or m.i = b.xb
        group by anc.target_id, m.i)
      select 'state' as kind, target_id, state, null::int as month, n, overdue, supervising, 0 as reported_closed, 0 as closed from st
      union all
      select 'trend', target_id, null, i, reported, 0, 0, reported_closed, closed from tr`)}`
      .execute(tx)
      .then((r) => r.rows),
    // This month's cohort: the loop's own counts (problems/metrics.ts), by region, rolled up.
    sql<ProblemCounts & { target_id: string }>`${withRollup(sql`
      k as (${problemCountsSql({
        by: 'region',
        from,
        to,
        asOf: to < now ? to : now,
        where: sql`r.path like ${inside} and (p.round_id is null or p.round_id in (select id from inspection_rounds where not is_covert or released_at is not null))`,
      })})
      select anc.target_id, ${summedCountsSql('k')}, null::float8 as avg_hours
      from k join anc on anc.region_id = k.group_id
      group by anc.target_id`)}`
      .execute(tx)
      .then((r) => r.rows),
    // 暗访发现问题: each 不符合 of a released covert round's visits this month, at the site's region.
    sql<{ target_id: string; n: number }>`${withRollup(sql`
      c as (
        select s.region_id, count(*)::int as n
        from inspection_results res
        join inspection_visits v on v.id = res.visit_id
        join inspection_rounds ir on ir.id = v.round_id
        join sites s on s.id = v.site_id
        where res.verdict = 'fail' and ir.is_covert and ir.released_at is not null
          and v.visited_at >= ${from} and v.visited_at < ${to}
        group by s.region_id)
      select anc.target_id, sum(c.n)::int as n from c join anc on anc.region_id = c.region_id group by anc.target_id`)}`
      .execute(tx)
      .then((r) => r.rows),
    // 达标率 per site type: each active site's last visit of a published round (written just before), at or above
    // that round's line.
    sql<{ target_id: string; code: string; name: string; visited: number; passed: number }>`${withRollup(sql`
      st as (
        select rr.id as region_id, sp.site_type_code, count(*)::int as visited, count(*) filter (where sp.passed)::int as passed
        from dashboard_site_points sp join regions rr on rr.path = sp.region_path
        where sp.score_rate is not null and sp.region_path like ${inside}
        group by rr.id, sp.site_type_code)
      select anc.target_id, st.site_type_code as code, t.name, min(t.sort) as sort,
        sum(st.visited)::int as visited, sum(st.passed)::int as passed
      from st join anc on anc.region_id = st.region_id join site_types t on t.code = st.site_type_code
      group by anc.target_id, st.site_type_code, t.name
      order by anc.target_id, min(t.sort), st.site_type_code`)}`
      .execute(tx)
      .then((r) => r.rows),
    // 红黑榜: the latest published run of a campaign covering the region (else one inside it).
    sql<{
      target_id: string;
      run_id: string;
      period: string;
      campaign_name: string;
      group_name: string | null;
      subject_name: string | null;
      score: number | null;
      rank: number | null;
      list: 'red' | 'black' | null;
    }>`
      with ${tg},
      pick as (
        select tg.id as target_id, run.id as run_id, run.period, run.campaign_name
        from tg cross join lateral (
          select e.id, e.period, c.name as campaign_name
          from evaluation_runs e join campaigns c on c.id = e.campaign_id join regions cr on cr.id = c.region_id
          where e.state = 'published' and (tg.path like cr.path || '%' or cr.path like tg.path || '%')
          order by (tg.path like cr.path || '%') desc, e.period desc, e.published_at desc nulls last, e.id
          limit 1) run)
      select pick.*, er.group_name, er.subject_name, er.score::float8 as score, er.rank, er.list
      from pick left join evaluation_results er on er.run_id = pick.run_id and er.list is not null
      order by pick.target_id, er.group_index, er.rank, er.subject_name`
      .execute(tx)
      .then((r) => r.rows),
  ]);

  const out = new Map<string, { path: string; data: Figures }>();
  for (const t of targets) {
    out.set(t.id, {
      path: t.path,
      data: {
        period: formatPeriod(month),
        periodLabel: periodLabel(month),
        kpis: { open: 0, overdue: 0, closeRate: null, closed: 0, due: 0, onTimeRate: null, covertFindings: 0, supervising: 0 },
        byState: PROBLEM_STATES.map((state) => ({ state, count: 0 })),
        siteTypes: [],
        trend: months.map((m) => ({
          period: formatPeriod(m),
          label: periodLabel(m),
          reported: 0,
          closed: 0,
          reportedClosed: 0,
          closureRate: null,
        })),
        towns: [],
        lists: null,
      },
    });
  }
  const of = (id: string) => out.get(id)?.data;
  const openByTarget = new Map<string, { open: number; overdue: number }>();
  for (const s of problemRows) {
    const d = of(s.target_id);
    if (!d) continue;
    if (s.kind === 'trend') {
      const row = d.trend[s.month! - 1];
      row.reported = s.n;
      row.closed = s.closed;
      row.reportedClosed = s.reported_closed;
      row.closureRate = ratio(s.reported_closed, s.n);
      continue;
    }
    d.byState.find((b) => b.state === s.state)!.count = s.n;
    if (s.state !== 'closed' && s.state !== 'rejected') d.kpis.open += s.n;
    d.kpis.overdue += s.overdue;
    d.kpis.supervising += s.supervising;
  }
  for (const t of targets) openByTarget.set(t.id, { open: of(t.id)!.kpis.open, overdue: of(t.id)!.kpis.overdue });
  for (const c of cohort) {
    const d = of(c.target_id);
    if (!d) continue;
    d.kpis.closed = c.closed;
    d.kpis.due = c.due;
    d.kpis.closeRate = rateOf('closeRate', c);
    d.kpis.onTimeRate = rateOf('onTimeRate', c);
  }
  for (const c of covert) {
    const d = of(c.target_id);
    if (d) d.kpis.covertFindings = c.n;
  }
  for (const s of siteTypes) {
    of(s.target_id)?.siteTypes.push({ code: s.code, name: s.name, visited: s.visited, passed: s.passed, rate: ratio(s.passed, s.visited) });
  }
  // Towns ranked by overdue, then open: a city's or county's towns (a town has none below it).
  const towns = targets.filter((t) => t.level === 'town');
  for (const t of targets) {
    if (t.level === 'town') continue;
    of(t.id)!.towns = towns
      .filter((x) => x.path.startsWith(t.path))
      .map((x) => ({ regionId: x.id, name: x.name, ...openByTarget.get(x.id)! }))
      .filter((x) => x.open > 0)
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, TOP_TOWNS);
  }
  for (const l of lists) {
    const d = of(l.target_id);
    if (!d) continue;
    d.lists ??= { runId: l.run_id, period: l.period, campaignName: l.campaign_name, red: [], black: [] };
    if (!l.list) continue;
    const side = l.list === 'red' ? d.lists.red : d.lists.black;
    if (side.length < TOP_LIST)
      side.push({ groupName: l.group_name ?? '', subjectName: l.subject_name ?? '', score: Number(l.score), rank: l.rank ?? 0 });
  }
  return out;
}

/** CTE `lv`: each site's last visit with a score in a published round (an open round, or a covert one after release). */
function lastVisits(): RawBuilder<unknown> {
  return sql`lv as (
    select distinct on (v.site_id) v.site_id, ${scoreRateSql('v')} as rate, ir.pass_threshold::float8 as threshold
    from inspection_visits v join inspection_rounds ir on ir.id = v.round_id
    where v.passed + v.failed > 0 and (not ir.is_covert or ir.released_at is not null)
    order by v.site_id, v.visited_at desc)`;
}

/** Replaces the points inside `under`: every active site with its last published score (and its location, if any). */
async function writeSitePoints(tx: Tx, now: Date, under: string): Promise<number> {
  const inside = `${under}%`;
  await sql`delete from dashboard_site_points where region_path like ${inside}`.execute(tx);
  const res = await sql`
    with ${lastVisits()}
    insert into dashboard_site_points (site_id, region_path, name, site_type_code, lat, lng, score_rate, passed, computed_at)
    select s.id, r.path, s.name, s.site_type_code, round(s.lat::numeric, 5)::float8, round(s.lng::numeric, 5)::float8,
      round(lv.rate::numeric, 4)::float8, lv.rate >= lv.threshold, ${now}
    from sites s join regions r on r.id = s.region_id left join lv on lv.site_id = s.id
    where s.active and r.path like ${inside}`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}
