/**
 * 今日打卡 (the 点长's phone page and home): the active sites naming the actor as their 点长, each with today's state
 * (done / pending / rest), today's check-in and the month's tally so far.
 */
import { sql } from 'kysely';
import { PATROL_FAR_METRES } from '../../../common/contracts/patrols';
import type { Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { beijingMonth, daysSql, monthWindow, rateOf, siteDaysSql, TALLY_COLUMNS } from './days';

/** Today's list of the actor's sites. */
export async function patrolToday(ctx: Ctx) {
  if (!holds(ctx.actor, 'patrols.checkIn')) throw forbidden('只有点长可以巡查打卡');
  const now = ctx.clock.now();
  const w = monthWindow(beijingMonth(now), now);
  const mine = sql<boolean>`s.lead_user_id = ${ctx.actor.id || null}`;
  const [day, sites] = await Promise.all([
    sql<{
      working: boolean;
      day_name: string | null;
      weekday: number;
    }>`select d.working, d.day_name, d.weekday from (${daysSql({ from: w.today, to: w.today })}) d`.execute(ctx.db),
    sql<{
      site_id: string;
      site_name: string;
      site_type_name: string;
      address: string | null;
      lat: number | null;
      lng: number | null;
      patrol_id: string | null;
      checked_at: Date | null;
      result: 'ok' | 'problem' | null;
      distance_m: number | null;
      photo_count: number;
      required: number;
      done: number;
      missed: number;
    }>`
      with sd as (${siteDaysSql(w, mine)}),
      tally as (select sd.site_id, ${TALLY_COLUMNS} from sd group by sd.site_id)
      select s.id::text as site_id, s.name as site_name, st.name as site_type_name, s.address, s.lat, s.lng,
        p.id::text as patrol_id, p.checked_at, p.result, p.distance_m,
        (select count(*) from site_patrol_photos pp where pp.patrol_id = p.id)::int as photo_count,
        coalesce(t.required, 0) as required, coalesce(t.done, 0) as done, coalesce(t.missed, 0) as missed
      from sites s
      join site_types st on st.code = s.site_type_code
      left join site_patrols p on p.site_id = s.id and p.day = ${w.today}::date
      left join tally t on t.site_id = s.id
      where s.active and ${mine}
      order by (p.id is not null), s.name, s.id`.execute(ctx.db),
  ]);
  const d = day.rows[0];
  const items = sites.rows.map((s) => ({
    siteId: s.site_id,
    siteName: s.site_name,
    siteTypeName: s.site_type_name,
    address: s.address,
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    state: s.patrol_id ? ('done' as const) : d.working ? ('pending' as const) : ('rest' as const),
    patrol: s.patrol_id
      ? {
          id: s.patrol_id,
          checkedAt: s.checked_at!,
          result: s.result!,
          distanceM: s.distance_m,
          far: s.distance_m !== null && s.distance_m > PATROL_FAR_METRES,
          photoCount: s.photo_count,
        }
      : null,
    month: { required: s.required, done: s.done, missed: s.missed, rate: rateOf(s) },
  }));
  return {
    day: w.today,
    weekday: d.weekday,
    working: d.working,
    dayName: d.day_name,
    items,
    total: items.length,
    doneToday: items.filter((i) => i.state === 'done').length,
  };
}
