/** Which sites' check-ins an actor reads, and the list filters, as SQL over `s` (sites) and `r` (its region). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { forbidden } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { siteVisibleSql } from '../../platform/visibility';

export interface PatrolFilter {
  /** A region (town, county, …): its whole subtree. */
  regionId?: string;
  siteTypeCode?: string;
  unitId?: string;
  leadUserId?: string;
  search?: string;
}

/** The reader must hold `patrols.read` (office, leader, task force, 包保单位) or be a 点长 (his own sites only). */
export function assertMayRead(actor: Actor): void {
  if (!holds(actor, 'patrols.read') && !holds(actor, 'patrols.checkIn')) throw forbidden();
}

/** SQL: sites in the actor's scope for check-ins (the one rule in platform/visibility.ts) that pass the filters. */
export function patrolSitesSql(actor: Actor, f: PatrolFilter = {}): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    siteVisibleSql(actor, 'patrols.read', {
      regionPath: sql.ref('r.path'),
      unitId: sql.ref('s.unit_id'),
      leadUserId: sql.ref('s.lead_user_id'),
    }),
  ];
  if (f.regionId) parts.push(sql<SqlBool>`r.path like (select fr.path from regions fr where fr.id = ${f.regionId}) || '%'`);
  if (f.siteTypeCode) parts.push(sql<SqlBool>`s.site_type_code = ${f.siteTypeCode}`);
  if (f.unitId) parts.push(sql<SqlBool>`s.unit_id = ${f.unitId}`);
  if (f.leadUserId) parts.push(sql<SqlBool>`s.lead_user_id = ${f.leadUserId}`);
  if (f.search) parts.push(sql<SqlBool>`s.name like ${`%${f.search}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
