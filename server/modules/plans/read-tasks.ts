/**
 * The task list (GET /api/tasks): filtered by plan, campaign, unit (lead or cooperating), status (computed in SQL on
 * today, the Beijing day of the clock), a month without a report, and text; sorted and paged; only the tasks the
 * caller sees (access.ts visibleTaskSql).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { tasksQuery } from '../../../common/contracts/tasks';
import type { Ctx } from '../../platform/context';
import { beijingDay } from '../calendar/calendar';
import { presentTasks } from './presenter';
import { taskRows, taskWhere } from './repository';

export async function readTasks(ctx: Ctx, q: z.output<typeof tasksQuery>) {
  const today = beijingDay(ctx.clock.now());
  const where = taskWhere(
    ctx.actor,
    {
      planIds: q.planId ? [q.planId] : undefined,
      campaignId: q.campaignId,
      unitId: q.unitId,
      status: q.status,
      missingPeriod: q.missingPeriod,
      q: q.q || undefined,
    },
    today,
  );
  let list = taskRows(ctx.db, today).where(where);
  switch (q.sort) {
    case 'dueDate':
      list = list.orderBy('t.due_date').orderBy('p.sort').orderBy('t.seq');
      break;
    case '-dueDate':
      list = list.orderBy('t.due_date', 'desc').orderBy('p.sort').orderBy('t.seq');
      break;
    case 'percent':
      list = list.orderBy('t.percent').orderBy('t.due_date');
      break;
    case '-percent':
      list = list.orderBy('t.percent', 'desc').orderBy('t.due_date');
      break;
    default:
      list = list.orderBy('p.created_at').orderBy('p.sort').orderBy('t.seq');
  }
  const rows = await list
    .orderBy('t.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = await ctx.db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  return { items: await presentTasks(ctx.db, ctx.actor, rows, today), total: Number(total.n) };
}
