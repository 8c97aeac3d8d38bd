/**
 * 漏打卡名单: per 点长 (a user named as lead of sites in the reader's scope), the month's tally over those sites and
 * every missed day (day and site), most missed first. Sites whose lead has no account are not listed: nobody could
 * have checked in there (the grid's summary counts them as sitesWithoutLead).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db';
import { monthLabel, rateOf, siteDaysSql, TALLY_COLUMNS, type DayWindow } from './days';

interface MissedDay {
  day: string;
  siteId: string;
  siteName: string;
}

/** The leads with their tallies and missed days; `limit` keeps the first ones only (the home's worst leads). */
export async function missedDaysByLead(db: Db, month: string, w: DayWindow, where: RawBuilder<SqlBool>, limit = 1000) {
  const { rows } = await sql<{
    lead_user_id: string;
    lead_name: string;
    sites: number;
    required: number;
    done: number;
    missed: number;
    missed_days: unknown;
  }>`
    with sd as (${siteDaysSql(w, where)})
    select s.lead_user_id::text as lead_user_id, u.name as lead_name, count(distinct sd.site_id)::int as sites,
      ${TALLY_COLUMNS},
      coalesce(json_agg(json_build_object('day', sd.day::text, 'siteId', sd.site_id::text, 'siteName', s.name) order by sd.day, s.name)
        filter (where sd.state = 'missed'), '[]'::json) as missed_days
    from sd
    join sites s on s.id = sd.site_id
    join users u on u.id = s.lead_user_id
    group by s.lead_user_id, u.name
    order by missed desc, (count(*) filter (where sd.counted and sd.done))::float8 / nullif(count(*) filter (where sd.counted), 0) asc nulls last,
      u.name, s.lead_user_id
    limit ${limit}`.execute(db);
  const items = rows.map((r) => ({
    leadUserId: r.lead_user_id,
    leadName: r.lead_name,
    sites: r.sites,
    required: r.required,
    done: r.done,
    missed: r.missed,
    rate: rateOf(r),
    missedDays: (typeof r.missed_days === 'string' ? JSON.parse(r.missed_days) : r.missed_days) as MissedDay[],
  }));
  return { month, label: monthLabel(month), items, total: items.length };
}
