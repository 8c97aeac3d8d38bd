/**
 * Short problem lists for the home page: one statement each, the visibility rule given by the caller (always one of
 * platform/visibility.ts's predicates), the total counted in the same statement.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ProblemState } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';

export interface HomeProblemRow {
  id: string;
  code: string;
  description: string;
  state: ProblemState;
  deadline: Date | null;
  overdue: boolean;
  unitName: string | null;
  siteName: string | null;
  createdAt: Date;
}

/** Problems `p` (joined to its region `r`) that `where` admits, ordered by `order`: the first `limit` and the total. */
export async function problemList(
  db: Db,
  o: { where: RawBuilder<SqlBool>; order: 'deadline' | 'newest'; limit: number; now: Date },
): Promise<{ total: number; items: HomeProblemRow[] }> {
  const order = o.order === 'deadline' ? sql`p.deadline asc nulls last, p.created_at asc` : sql`p.created_at desc`;
  const { rows } = await sql<{
    id: string;
    code: string;
    description: string;
    state: string;
    deadline: Date | null;
    overdue: boolean;
    unit_name: string | null;
    site_name: string | null;
    created_at: Date;
    total: number;
  }>`
    select p.id, p.code, p.description, p.state, p.deadline, p.created_at,
      (p.state in ('dispatched', 'rectifying') and p.deadline < ${o.now}) as overdue,
      u.name as unit_name, s.name as site_name, count(*) over ()::int as total
    from problems p
    join regions r on r.id = p.region_id
    left join units u on u.id = p.unit_id
    left join sites s on s.id = p.site_id
    where ${o.where}
    order by ${order}, p.code
    limit ${o.limit}`.execute(db);
  return {
    // With no row there is no window to count in: nothing matched.
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      description: r.description,
      state: r.state as ProblemState,
      deadline: r.deadline,
      overdue: r.overdue,
      unitName: r.unit_name,
      siteName: r.site_name,
      createdAt: r.created_at,
    })),
  };
}
