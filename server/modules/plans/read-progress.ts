/** Reading monthly reports: the review queue / a unit's own reports (a page), and one report — through access.ts. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { progressQuery } from '../../../common/contracts/tasks';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { mayReadTask } from './access';
import { presentProgress, type ProgressOut } from './progress-presenter';
import { findProgress, progressRows, progressWhere } from './progress-repository';

/** Whoever may see any report: the plans' readers and the units' heads and liaisons; anyone else 403 (role-wide). */
export function assertProgressReader(ctx: Ctx) {
  if (!holds(ctx.actor, 'plans.read') && !holds(ctx.actor, 'plans.report')) throw new AppError('forbidden', '没有权限查看任务进度');
}

export async function readProgressPage(ctx: Ctx, q: z.infer<typeof progressQuery>): Promise<{ items: ProgressOut[]; total: number }> {
  assertProgressReader(ctx);
  const where = progressWhere(ctx.actor, q);
  const [rows, count] = await Promise.all([
    progressRows(ctx.db)
      .where(where)
      // Pending reports first, then the latest month, then the plan's order.
      .orderBy(sql`case tp.state when 'submitted' then 0 when 'returned' then 1 else 2 end`)
      .orderBy('tp.period', 'desc')
      .orderBy('t.seq')
      .orderBy('tp.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom('task_progress as tp')
      .innerJoin('tasks as t', 't.id', 'tp.task_id')
      .innerJoin('plans as p', 'p.id', 't.plan_id')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await presentProgress(ctx.db, ctx.actor, rows), total: Number(count.n) };
}

export async function readProgress(ctx: Ctx, id: string): Promise<ProgressOut> {
  const r = await findProgress(ctx.db, id);
  if (!r || !mayReadTask(ctx.actor, r)) throw notFound('进度报告');
  return (await presentProgress(ctx.db, ctx.actor, [r]))[0];
}
