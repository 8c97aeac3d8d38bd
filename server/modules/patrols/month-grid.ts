/**
 * 月度打卡表: the sites in the reader's scope × the days of a month, each cell done / missed / pending / rest / none /
 * future (days.ts), with each site's tally and the totals over every matching site. Aggregation in SQL.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PatrolDayState } from '../../../common/contracts/patrols';
import type { Db } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { daysSql, monthLabel, rateOf, siteDaysSql, TALLY_COLUMNS, type DayWindow } from './days';

/** region: sites whose 点长 has an account first, then by region and name; rate: lowest first; missed: most first. */
export type GridSort = 'region' | 'rate' | 'missed' | 'name';

/** The days of the window, for the grid's header. */
export async function windowDays(db: Db, w: DayWindow) {
  const { rows } = await sql<{ day: string; working: boolean; day_name: string | null; weekday: number }>`
    select d.day::text as day, d.working, d.day_name, d.weekday from (${daysSql(w)}) d order by d.day`.execute(db);
  return rows.map((d) => ({
    day: d.day,
    dayOfMonth: Number(d.day.slice(8, 10)),
    weekday: d.weekday,
    working: d.working,
    name: d.day_name,
  }));
}

/** Totals over every site passing `where` (sites, tally, today's progress). */
export async function patrolSummary(db: Db, w: DayWindow, where: RawBuilder<SqlBool>) {
  const { rows } = await sql<{
    sites: number;
    without_lead: number;
    required: number;
    done: number;
    missed: number;
    today_done: number;
    today_required: number;
  }>`
    with sd as (${siteDaysSql(w, where)})
    select count(distinct sd.site_id)::int as sites,
      count(distinct sd.site_id) filter (where not sd.has_lead)::int as without_lead,
      ${TALLY_COLUMNS},
      count(*) filter (where sd.day = ${w.today}::date and sd.counted)::int as today_done,
      count(*) filter (where sd.day = ${w.today}::date and (sd.counted or sd.state = 'pending'))::int as today_required
    from sd`.execute(db);
  const r = rows[0];
  return {
    sites: r.sites,
    sitesWithoutLead: r.without_lead,
    required: r.required,
    done: r.done,
    missed: r.missed,
    rate: rateOf(r),
    todayDone: r.today_done,
    todayRequired: r.today_required,
  };
}

/** A page of the grid: sites with their cells and tallies, and the totals. */
export async function monthGrid(
  db: Db,
  month: string,
  w: DayWindow,
  where: RawBuilder<SqlBool>,
  page: { limit: number; offset: number; sort: GridSort },
) {
  const order =
    page.sort === 'rate'
      ? sql`(x.done::float8 / nullif(x.required, 0)) asc nulls last, x.missed desc, x.town_name, x.site_name`
      : page.sort === 'missed'
        ? sql`x.missed desc, x.town_name, x.site_name`
        : page.sort === 'name'
          ? sql`x.site_name, x.site_id`
          : sql`(x.lead_user_id is null), x.region_code, x.site_name, x.site_id`;
  const [{ rows }, days, summary] = await Promise.all([
    sql<{
      site_id: string;
      site_name: string;
      site_type_name: string;
      town_name: string | null;
      unit_name: string | null;
      lead_user_id: string | null;
      lead_name: string | null;
      states: PatrolDayState[];
      patrol_ids: Array<string | null>;
      required: number;
      done: number;
      missed: number;
    }>`
      with sd as (${siteDaysSql(w, where)}),
      agg as (
        select sd.site_id, array_agg(sd.state order by sd.day) as states, array_agg(sd.patrol_id order by sd.day) as patrol_ids,
          ${TALLY_COLUMNS}
        from sd group by sd.site_id
      ),
      x as (
        select agg.*, s.name as site_name, st.name as site_type_name, r.code as region_code,
          (select tr.name from regions tr where tr.id = ${ancestorAtLevelSql(sql.ref('r.path'), 'town')}) as town_name,
          u.name as unit_name, s.lead_user_id::text as lead_user_id, coalesce(lu.name, s.lead_name) as lead_name
        from agg
        join sites s on s.id = agg.site_id
        join regions r on r.id = s.region_id
        join site_types st on st.code = s.site_type_code
        left join units u on u.id = s.unit_id
        left join users lu on lu.id = s.lead_user_id
      )
      select x.site_id::text as site_id, x.site_name, x.site_type_name, x.town_name, x.unit_name, x.lead_user_id, x.lead_name,
        x.states, x.patrol_ids, x.required, x.done, x.missed
      from x order by ${order}
      limit ${page.limit} offset ${page.offset}`.execute(db),
    windowDays(db, w),
    patrolSummary(db, w, where),
  ]);
  return {
    month,
    label: monthLabel(month),
    today: w.today,
    days,
    items: rows.map((r) => ({
      siteId: r.site_id,
      siteName: r.site_name,
      siteTypeName: r.site_type_name,
      townName: r.town_name,
      unitName: r.unit_name,
      leadUserId: r.lead_user_id,
      leadName: r.lead_name,
      cells: r.states.map((state, i) => ({ state, patrolId: r.patrol_ids[i] ?? null })),
      required: r.required,
      done: r.done,
      missed: r.missed,
      rate: rateOf(r),
    })),
    total: summary.sites,
    summary,
  };
}
