/**
 * 考核指标 per unit or per town, in SQL, following GB/T 30428. The cohort is every problem first
 * dispatched in [from, to); counts are taken as of min(to, now):
 * - 派遣数 dispatched; 结案数 closed before `to`;
 * - 应结案数 = closed, or past its deadline; 结案率 = 结案数 / 应结案数;
 * - 按期结案率 = closed on time without extension / (应结案数 − those with an approved extension);
 * - 返工率 = problems that failed a verification at least once / problems verified at least once;
 * - 延期率 = problems with an approved extension / 派遣数;
 * - 超期数 = open past the deadline, or rectified after it; 反弹数 = relapse cases in the cohort;
 * - 平均整改时长 = mean hours from first dispatch to closure.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db';

export interface MetricsRow {
  groupId: string;
  groupName: string;
  dispatched: number;
  closed: number;
  due: number;
  closeRate: number | null;
  closedOnTime: number;
  onTimeRate: number | null;
  reworked: number;
  reworkRate: number | null;
  extended: number;
  extensionRate: number | null;
  overdue: number;
  relapses: number;
  avgRectifyHours: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

/** One row per unit (or town) with the loop indicators for the period. */
export async function problemMetrics(db: Db, opts: { groupBy: 'unit' | 'region'; from: Date; to: Date; now: Date; scope: RawBuilder<SqlBool> }): Promise<MetricsRow[]> {
  const asOf = opts.to < opts.now ? opts.to : opts.now;
  // By town: each region's town is computed once (a materialized CTE), not once per problem.
  const groupKey = opts.groupBy === 'unit' ? sql`p.unit_id` : sql`rt.town_id`;
  const groupName = opts.groupBy === 'unit' ? sql`(select name from units where id = c.group_id)` : sql`(select name from regions where id = c.group_id)`;
  const { rows } = await sql<{
    group_id: string; group_name: string; dispatched: number; closed: number; due: number; closed_on_time: number; due_extended: number;
    verified: number; reworked: number; extended: number; overdue: number; relapses: number; avg_hours: number | null;
  }>`
    with towns as materialized (
      select r2.id, coalesce((select t.id from regions t where t.level = 'town' and r2.path like t.path || '%' limit 1), r2.id) as town_id
      from regions r2
    ), c as (
      select ${groupKey} as group_id, p.state, p.closed_at, p.deadline, p.rectified_at, p.extension_count, p.verify_count,
             p.rework_count, p.relapsed_from, p.first_dispatched_at,
             (p.state = 'closed' and p.closed_at < ${opts.to}) as is_closed
      from problems p
      join regions r on r.id = p.region_id
      join towns rt on rt.id = r.id
      where p.first_dispatched_at >= ${opts.from} and p.first_dispatched_at < ${opts.to}
        and p.unit_id is not null and ${opts.scope}
    )
    select c.group_id, ${groupName} as group_name,
      count(*)::int as dispatched,
      count(*) filter (where is_closed)::int as closed,
      count(*) filter (where is_closed or c.deadline < ${asOf})::int as due,
      count(*) filter (where is_closed and c.extension_count = 0 and c.rectified_at <= c.deadline)::int as closed_on_time,
      count(*) filter (where (is_closed or c.deadline < ${asOf}) and c.extension_count > 0)::int as due_extended,
      count(*) filter (where c.verify_count > 0)::int as verified,
      count(*) filter (where c.rework_count > 0)::int as reworked,
      count(*) filter (where c.extension_count > 0)::int as extended,
      count(*) filter (where (c.state in ('dispatched', 'rectifying') and c.deadline < ${asOf}) or c.rectified_at > c.deadline)::int as overdue,
      count(*) filter (where c.relapsed_from is not null)::int as relapses,
      (avg(extract(epoch from (c.closed_at - c.first_dispatched_at)) / 3600) filter (where is_closed))::float8 as avg_hours
    from c
    group by c.group_id
    order by count(*) desc, c.group_id`.execute(db);
  return rows.map((r) => ({
    groupId: r.group_id,
    groupName: r.group_name,
    dispatched: r.dispatched,
    closed: r.closed,
    due: r.due,
    closeRate: ratio(r.closed, r.due),
    closedOnTime: r.closed_on_time,
    onTimeRate: ratio(r.closed_on_time, r.due - r.due_extended),
    reworked: r.reworked,
    reworkRate: ratio(r.reworked, r.verified),
    extended: r.extended,
    extensionRate: ratio(r.extended, r.dispatched),
    overdue: r.overdue,
    relapses: r.relapses,
    avgRectifyHours: r.avg_hours === null ? null : Math.round(r.avg_hours * 10) / 10,
  }));
}
