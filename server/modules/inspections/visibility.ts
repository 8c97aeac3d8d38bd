/**
 * Covert secrecy in one place. An unreleased covert round — and everything it found — exists only
 * for its inspectors and for office/leader roles whose scope covers the round's region. Every query
 * that can reveal a round or its problems goes through these functions.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { can, scopeSql } from '../../platform/policy';
import './policy';

/** SQL over a round aliased `alias`: true when the actor may know this round exists, if it is an unreleased covert round. */
export function covertAllowedSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(not ${ref('is_covert')} or ${ref('released_at')} is not null
    or ${scopeSql(actor, 'inspections.covert', { regionPath: sql<string | null>`(select path from regions where id = ${ref('region_id')})` })}
    or exists (select 1 from inspection_round_inspectors x where x.round_id = ${ref('id')} and x.user_id = ${actor.id || null}))`;
}

/** SQL over a round aliased `alias`: rounds the actor may list (scope, plus covert secrecy). */
export function visibleRoundSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  const regionPath = sql<string | null>`(select path from regions where id = ${sql.ref(`${alias}.region_id`)})`;
  return sql<SqlBool>`((${scopeSql(actor, 'inspections.list', { regionPath, areaPath: regionPath })}
    or exists (select 1 from inspection_round_inspectors x where x.round_id = ${sql.ref(`${alias}.id`)} and x.user_id = ${actor.id || null}))
    and ${covertAllowedSql(actor, alias)})`;
}

export interface RoundSecrecy {
  is_covert: boolean;
  released_at: Date | null;
  region_path: string;
  team: string[];
}

/** The JS form of covertAllowedSql for one loaded round. */
export function mayKnowRound(actor: Actor, r: RoundSecrecy): boolean {
  if (!r.is_covert || r.released_at) return true;
  return r.team.includes(actor.id) || can(actor, 'inspections.covert', { regionPath: r.region_path });
}
