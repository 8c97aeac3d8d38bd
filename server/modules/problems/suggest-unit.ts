/**
 * 派遣建议: the site's responsible unit (包保单位), else the most specific dispatch rule
 * (category × region, nearest region first), else the town (street) government of the problem's area.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';
import { resolveDispatchRule } from '../problem-settings/resolve';
import type { ProblemRow } from './repository';

export interface Suggestion {
  unitId: string;
  unitName: string;
  reason: string;
}

/** The suggested unit for a problem, or null when nothing matches. */
export async function suggestUnit(db: Db, p: ProblemRow): Promise<Suggestion | null> {
  if (p.site_id) {
    const site = await db
      .selectFrom('sites as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['u.id', 'u.name'])
      .where('s.id', '=', p.site_id)
      .where('u.active', '=', true)
      .executeTakeFirst();
    if (site) return { unitId: site.id, unitName: site.name, reason: '点位包保单位' };
  }
  // One resolution of region-scoped rules (problem-settings/resolve.ts): nearest region, most specific class.
  const rule = await resolveDispatchRule(db, p.category_code, p.region_path);
  if (rule) return { unitId: rule.unit_id, unitName: rule.unit_name, reason: '派遣规则' };
  const town = await sql<{ id: string; name: string }>`
    select u.id, u.name from units u
    where u.type = 'town' and u.active and u.region_id = ${ancestorAtLevelSql(p.region_path, 'town')}
    order by u.name limit 1`.execute(db);
  if (town.rows[0]) return { unitId: town.rows[0].id, unitName: town.rows[0].name, reason: '属地乡镇（街道）' };
  return null;
}
