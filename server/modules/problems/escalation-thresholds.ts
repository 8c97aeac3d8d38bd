/**
 * The deadline sweep's thresholds as region-scoped data (`region_escalation_settings`, migration 20261203_0501): how
 * many hours before the deadline the unit is reminded, and how many hours after the 督办单 the matter escalates to
 * the linked leader. The nearest region's row wins (problem-settings/resolve.ts `nearest`); the row without a region
 * is the shipped default (24 h and 72 h). The sweep resolves the same rule in SQL (`thresholdFor`), per problem.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import { nearest } from '../problem-settings/resolve';

export interface EscalationThresholds {
  remindBeforeHours: number;
  escalateAfterHours: number;
  /** The region whose row applies; null: the shipped default. */
  regionId: string | null;
}

/** The thresholds that apply in the region at `regionPath` (or the default for none). */
export async function escalationThresholds(db: Db | Tx, regionPath: string | null | undefined): Promise<EscalationThresholds> {
  const rows = await db
    .selectFrom('region_escalation_settings')
    .select(['region_id', 'remind_before_hours', 'escalate_after_hours'])
    .execute();
  const row = nearest(regionPath, rows);
  if (!row) return { remindBeforeHours: 24, escalateAfterHours: 72, regionId: null };
  return { remindBeforeHours: row.remind_before_hours, escalateAfterHours: row.escalate_after_hours, regionId: row.region_id };
}

/** "3 日" for whole days, else "30 小时". */
export function formatHours(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} 日` : `${hours} 小时`;
}

/**
 * The threshold row that applies to the region of `regionPathColumn` (a lateral subquery: the nearest region's
 * row, else the default), as SQL; `column` picks the value.
 */
export function thresholdFor(regionPathColumn: string, column: 'remind_before_hours' | 'escalate_after_hours'): RawBuilder<number> {
  return sql<number>`(select ${sql.ref(`s.${column}`)} from region_escalation_settings s left join regions sr on sr.id = s.region_id
    where s.region_id is null or ${sql.ref(regionPathColumn)} like sr.path || '%'
    order by length(sr.path) desc nulls last limit 1)`;
}

/** The widest span of a threshold over every region, to narrow the sweep's candidates with an index first. */
export async function thresholdSpan(db: Db | Tx): Promise<{ maxRemind: number; minEscalate: number }> {
  const r = await db
    .selectFrom('region_escalation_settings')
    .select([sql<number>`max(remind_before_hours)`.as('maxRemind'), sql<number>`min(escalate_after_hours)`.as('minEscalate')])
    .executeTakeFirst();
  return { maxRemind: r?.maxRemind ?? 24, minEscalate: r?.minEscalate ?? 72 };
}
