/**
 * Demo data (示范县): the registry counts from the first day of last month, and each 点长 with an account has checked
 * in at his sites on most working days of the last two weeks (a few days missed, so the office's grid and missed-days
 * list show both). Demo check-ins carry no photos (the seed runs before file storage opens); today is left for a real
 * check-in. Written with their audit events, in the seed's transaction.
 */
import { PATROL_FAR_METRES } from '../../../common/contracts/patrols';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { beijingDay, isWorkingDay } from '../calendar/calendar';
import { distanceMetres } from './distance';

const DAY_MS = 24 * 3600_000;
const bj = (day: string, hh: number, mm: number) =>
  new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

/** Seeds the demo check-ins; returns how many. */
export async function seedDemoPatrols(tx: Tx, ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = beijingDay(now);
  const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  await tx
    .updateTable('sites')
    .set({ created_at: bj(lastMonth.toISOString().slice(0, 10), 9, 0) })
    .execute();
  const sites = await tx
    .selectFrom('sites')
    .select(['id', 'name', 'lat', 'lng', 'lead_user_id'])
    .where('lead_user_id', 'is not', null)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  let n = 0;
  for (let back = 14; back >= 1; back -= 1) {
    const day = beijingDay(now.getTime() - back * DAY_MS);
    if (!isWorkingDay(bj(day, 12, 0))) continue;
    for (const [i, s] of sites.entries()) {
      if ((i * 3 + back) % 7 === 0) continue; // a missed day now and then
      const at = new Date(bj(day, 8, 20).getTime() + (i * 6 + (back % 4) * 3) * 60_000);
      const lat = s.lat !== null ? s.lat + 0.0002 * ((i % 3) - 1) : null;
      const lng = s.lng !== null ? s.lng + 0.0003 * ((back % 3) - 1) : null;
      const distance = lat !== null && lng !== null ? Math.round(distanceMetres({ lat, lng }, { lat: s.lat!, lng: s.lng! })) : null;
      const row = await tx
        .insertInto('site_patrols')
        .values({
          site_id: s.id,
          day,
          lead_user_id: s.lead_user_id!,
          client_id: `demo-${s.id}-${day}`,
          result: 'ok',
          note: back % 5 === 0 ? '巡查无问题，环境整洁（演示数据）' : '演示数据',
          lat,
          lng,
          accuracy_m: lat !== null ? 15 : null,
          location_source: lat !== null ? 'device' : null,
          distance_m: distance,
          checked_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(tx, ctx, {
        action: 'patrol.checked_in',
        subjectType: 'site_patrol',
        subjectId: row.id,
        after: {
          site_id: s.id,
          day,
          result: 'ok',
          distance_m: distance,
          far: distance !== null && distance > PATROL_FAR_METRES,
          demo: true,
        },
      });
      n += 1;
    }
  }
  return n;
}
