/**
 * The categories a reporter is most likely to want (the phone report form offers them as chips before search):
 * those the caller reported most in the last 90 days first, then those reported most in the area they report in.
 *
 * Counts only, never a record: over the problems visible to the caller under `problems.report` (their report
 * grant's scope, their own reports, the sites they lead) through platform/visibility.ts, so an unreleased covert
 * finding is never counted for anyone outside its round, and another county's problems never are. Only categories
 * usable in the caller's home region are offered (a stopped or foreign local category could not be reported).
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { problemVisibleSql } from '../../platform/visibility';
import { homeRegion } from '../problem-settings/resolve';
import { resolveCategories } from './list-categories';

export const FREQUENT_DAYS = 90;
export const FREQUENT_LIMIT = 6;

/** The caller's most reported categories (theirs first, then their area's), at most FREQUENT_LIMIT. */
export async function frequentCategories(ctx: Ctx) {
  const { actor, db } = ctx;
  const since = new Date(ctx.clock.now().getTime() - FREQUENT_DAYS * 86_400_000);
  const uid = actor.id || null;
  const visible = problemVisibleSql(actor, 'problems.report', {
    regionPath: sql.ref('r.path'),
    unitId: sql.ref('p.unit_id'),
    reporterId: sql.ref('p.reporter_id'),
    roundId: sql.ref('p.round_id'),
    siteId: sql.ref('p.site_id'),
  });
  // More rows than shown: some may be stopped in the caller's region and are dropped below.
  const { rows } = await sql<{ code: string; mine: number; reports: number }>`
    select p.category_code as code,
      count(*) filter (where p.reporter_id = ${uid})::int as mine,
      count(*)::int as reports
    from problems p join regions r on r.id = p.region_id
    where p.created_at >= ${since} and ${visible}
    group by p.category_code
    order by mine desc, reports desc, p.category_code
    limit ${FREQUENT_LIMIT * 4}`.execute(db);
  if (!rows.length) return { days: FREQUENT_DAYS, items: [] };
  const region = await homeRegion(db, actor, 'problemCategories.list');
  const usable = new Map(
    (
      await resolveCategories(
        db,
        region?.path ?? null,
        rows.map((r) => r.code),
        { withParents: true },
      )
    ).map((c) => [c.code, c]),
  );
  const items = rows
    .filter((r) => usable.get(r.code)?.active && usable.get(r.code)?.parent_code)
    .slice(0, FREQUENT_LIMIT)
    .map((r) => {
      const c = usable.get(r.code)!;
      return { code: c.code, name: c.name, parentCode: c.parent_code, mine: Number(r.mine), reports: Number(r.reports) };
    });
  return { days: FREQUENT_DAYS, items };
}
