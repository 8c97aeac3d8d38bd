/**
 * Which days a site's 点长 must check in, as SQL — one statement shared by the month grid, the missed-days list, the
 * export and the indicator 点长巡查打卡率, so they cannot disagree.
 *
 * A day is required (counted) when it is a working day by the holiday calendar (`calendar_days`: a 法定节假日 is off
 * even on a weekday, a 调休上班日 is on even at the weekend; other days Monday–Friday — the same rule as
 * calendar/calendar.ts), the site is active and names a 点长 with an account, the site was registered by then, and the
 * day is over — today counts once it is done, so a 点长 is never "missing" before midnight. Days are Beijing calendar
 * days. A check-in on a rest day is shown but not required.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PatrolDayState } from '../../../common/contracts/patrols';
import { beijingDay } from '../calendar/calendar';

/** Inclusive day range [from, to] and the Beijing day that is today (YYYY-MM-DD each). */
export interface DayWindow {
  from: string;
  to: string;
  today: string;
}

/** A month (YYYY-MM) as a window, with today from `now`. */
export function monthWindow(month: string, now: Date): DayWindow {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, today: beijingDay(now) };
}

/** The Beijing month (YYYY-MM) holding the instant. */
export function beijingMonth(now: Date): string {
  return beijingDay(now).slice(0, 7);
}

/** 2026年12月. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** SQL rows (day, working, day_name) for every day of the window. */
export function daysSql(w: Pick<DayWindow, 'from' | 'to'>) {
  return sql<{ day: string; working: boolean; day_name: string | null; weekday: number }>`
    select (${w.from}::date + gi) as day,
      coalesce(cd.kind = 'workday', extract(isodow from ${w.from}::date + gi) < 6) as working,
      cd.name as day_name,
      extract(isodow from ${w.from}::date + gi)::int as weekday
    from generate_series(0, ${w.to}::date - ${w.from}::date) gi
    left join calendar_days cd on cd.day = ${w.from}::date + gi`;
}

/** SQL: the Beijing day a site (aliased `s`) was registered. */
const SITE_START = sql`((s.created_at at time zone 'UTC') + interval '8 hours')::date`;

/**
 * SQL rows, one per (active site passing `siteWhere`, day of the window): `site_id`, `day`, `has_lead`, `state`
 * (PatrolDayState), `counted` (a required day), `done` (checked in), `patrol_id`. `siteWhere` may use `s` (sites) and `r` (its region).
 */
export function siteDaysSql(w: DayWindow, siteWhere: RawBuilder<SqlBool>) {
  const today = sql`${w.today}::date`;
  return sql<{
    site_id: string;
    day: string;
    state: PatrolDayState;
    counted: boolean;
    done: boolean;
    patrol_id: string | null;
    has_lead: boolean;
  }>`
    select s.id as site_id, d.day, s.lead_user_id is not null as has_lead,
      case
        when p.id is not null then 'done'
        when d.day > ${today} then 'future'
        when s.lead_user_id is null or d.day < ${SITE_START} then 'none'
        when not d.working then 'rest'
        when d.day = ${today} then 'pending'
        else 'missed'
      end as state,
      (d.working and s.lead_user_id is not null and d.day >= ${SITE_START} and d.day <= ${today}
        and (d.day < ${today} or p.id is not null)) as counted,
      p.id is not null as done,
      p.id::text as patrol_id
    from sites s
    join regions r on r.id = s.region_id
    cross join (${daysSql(w)}) d
    left join site_patrols p on p.site_id = s.id and p.day = d.day
    where s.active and ${siteWhere}`;
}

/** SQL over `siteDaysSql` rows aliased `sd`: the tally columns required, done, missed (ints). */
export const TALLY_COLUMNS = sql`
  count(*) filter (where sd.counted)::int as required,
  count(*) filter (where sd.counted and sd.done)::int as done,
  count(*) filter (where sd.state = 'missed')::int as missed`;

/** done ÷ required, or null when nothing was required. */
export function rateOf(t: { required: number; done: number }): number | null {
  return t.required ? Math.round((t.done / t.required) * 10_000) / 10_000 : null;
}
