/** The project list (the countdown board and the battle map): visible rows, filtered, status and countdown for today. */
import type { Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { beijingDay } from '../calendar/calendar';
import { visibleProjectSql } from './access';
import './policy';
import { presentProject } from './presenter';
import { listProjects, milestonesOf, type ProjectsQuery } from './repository';

/** Today, the Beijing day of the app's clock. */
export const todayOf = (ctx: Ctx) => beijingDay(ctx.clock.now());

/** Readers: the office, leaders and task force (their scope) and owner units (their own projects). */
export function assertMayListProjects(ctx: Ctx) {
  if (!holds(ctx.actor, 'projects.read') && !holds(ctx.actor, 'projects.update')) throw forbidden();
}

export async function readProjects(ctx: Ctx, q: ProjectsQuery) {
  assertMayListProjects(ctx);
  const today = todayOf(ctx);
  const { rows, total } = await listProjects(ctx.db, visibleProjectSql(ctx.actor), q, today, q.pageSize, (q.page - 1) * q.pageSize);
  const milestones = await milestonesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      presentProject(
        r,
        milestones.filter((m) => m.project_id === r.id),
        today,
        ctx.actor,
      ),
    ),
    total,
  };
}
