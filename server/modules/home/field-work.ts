/**
 * The field side of the home page: the inspector's rounds running today with the sites still to visit, and the sites a
 * 点长 leads with their open problems and last inspection result. A round is listed only to its own team (a covert
 * round's team knows it); a site's problems and visits go through platform/visibility.ts like everywhere else, so a
 * covert round's findings and visits stay out of the 点长's view until release.
 */
import { sql, type SqlBool } from 'kysely';
import type { RoundKind } from '../../../common/inspections';
import type { Ctx } from '../../platform/context';
import { covertAllowedSql, problemVisibleSql } from '../../platform/visibility';
import { problemList } from './problem-lists';
import { beijingDay } from '../../../common/beijing';

/** Sites listed per round on the home page; the phone checklist page has them all. */
const DUE_PER_ROUND = 10;

/** Rounds the actor is on the team of that run today and are not yet released, with the sites not yet visited. */
export async function todaysRounds(ctx: Ctx) {
  const today = beijingDay(ctx.clock.now());
  const uid = ctx.actor.id || null;
  const { rows: rounds } = await sql<{
    id: string;
    name: string;
    kind: string;
    is_covert: boolean;
    start_date: string;
    end_date: string;
    sites: number;
    visited: number;
  }>`
    select ir.id, ir.name, ir.kind, ir.is_covert, ir.start_date, ir.end_date,
      (select count(*)::int from inspection_round_sites rs where rs.round_id = ir.id) as sites,
      (select count(*)::int from inspection_visits v where v.round_id = ir.id) as visited
    from inspection_rounds ir
    where exists (select 1 from inspection_round_inspectors x where x.round_id = ir.id and x.user_id = ${uid})
      and ir.start_date <= ${today}::date and ir.end_date >= ${today}::date and ir.released_at is null
    order by ir.end_date, ir.name`.execute(ctx.db);
  if (!rounds.length) return [];
  const { rows: due } = await sql<{
    round_id: string;
    site_id: string;
    name: string;
    site_type_name: string;
    address: string | null;
  }>`
    select d.round_id, d.site_id, d.name, d.site_type_name, d.address from (
      select rs.round_id, s.id as site_id, s.name, st.name as site_type_name, s.address,
        row_number() over (partition by rs.round_id order by st.sort, s.name) as n
      from inspection_round_sites rs
      join sites s on s.id = rs.site_id
      join site_types st on st.code = s.site_type_code
      where rs.round_id = any(${rounds.map((r) => r.id)}::uuid[])
        and not exists (select 1 from inspection_visits v where v.round_id = rs.round_id and v.site_id = rs.site_id)
    ) d where d.n <= ${DUE_PER_ROUND}
    order by d.round_id, d.n`.execute(ctx.db);
  return rounds.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as RoundKind,
    isCovert: r.is_covert,
    startDate: r.start_date,
    endDate: r.end_date,
    sites: r.sites,
    visited: r.visited,
    due: due
      .filter((d) => d.round_id === r.id)
      .map((d) => ({ siteId: d.site_id, name: d.name, siteTypeName: d.site_type_name, address: d.address })),
  }));
}

/** The sites the actor leads (点长), with open problems and the last visit they may know of, and those problems. */
export async function ledSites(ctx: Ctx) {
  const { actor, db } = ctx;
  const now = ctx.clock.now();
  const uid = actor.id || null;
  const visible = problemVisibleSql(actor, 'problems.list', {
    regionPath: sql.ref('r.path'),
    unitId: sql.ref('p.unit_id'),
    reporterId: sql.ref('p.reporter_id'),
    roundId: sql.ref('p.round_id'),
    siteId: sql.ref('p.site_id'),
  });
  const { rows } = await sql<{
    id: string;
    name: string;
    site_type_name: string;
    open_problems: number;
    overdue: number;
    score_rate: number | null;
    visited_at: Date | null;
    round_name: string | null;
  }>`
    select s.id, s.name, st.name as site_type_name,
      coalesce(o.open, 0)::int as open_problems, coalesce(o.overdue, 0)::int as overdue,
      lv.score_rate::float8 as score_rate, lv.visited_at, lv.round_name
    from sites s
    join site_types st on st.code = s.site_type_code
    left join lateral (
      select count(*)::int as open,
             count(*) filter (where p.state in ('dispatched', 'rectifying') and p.deadline < ${now})::int as overdue
      from problems p join regions r on r.id = p.region_id
      where p.site_id = s.id and p.state not in ('closed', 'rejected') and ${visible}
    ) o on true
    left join lateral (
      select v.score_rate, v.visited_at, ir.name as round_name
      from inspection_visits v join inspection_rounds ir on ir.id = v.round_id
      where v.site_id = s.id and ${covertAllowedSql(actor, 'ir')}
      order by v.visited_at desc
      limit 1
    ) lv on true
    where s.lead_user_id = ${uid} and s.active
    order by o.overdue desc nulls last, o.open desc nulls last, s.name`.execute(db);
  if (!rows.length) return null;
  const problems = await problemList(db, {
    where: sql<SqlBool>`p.state not in ('closed', 'rejected')
      and p.site_id in (select ls.id from sites ls where ls.lead_user_id = ${uid}) and ${visible}`,
    order: 'deadline',
    limit: 8,
    now,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      siteTypeName: r.site_type_name,
      openProblems: r.open_problems,
      overdue: r.overdue,
      lastScoreRate: r.score_rate === null ? null : Number(r.score_rate),
      lastVisitedAt: r.visited_at,
      lastRoundName: r.round_name,
    })),
    problems,
  };
}
