/**
 * 关联志愿活动: a project names the volunteer activities carried out for it (the activity pages stay the volunteers
 * module's). Each activity must be one the editor may read (activity-access.ts) in the organisation's county. The set
 * replaces the previous one; audited with the before and after lists.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { visibleActivitySql } from '../volunteers/activity-access';
import { adminOrgIdsOf, assertMay, mayEditProjects, mayReadOrg } from './access';
import { countyPathOf, findProject } from './repository';

export async function linkActivities(ctx: Ctx, projectId: string, activityIds: string[]): Promise<void> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const p = await findProject(ctx.db, projectId);
  if (!p || !mayReadOrg(ctx.actor, p, adminOrgs)) throw notFound('慈善项目');
  assertMay(mayEditProjects(ctx.actor, p, adminOrgs), '只有组织管理员或本区划的文明办可以关联志愿活动');
  const ids = [...new Set(activityIds)];
  await ctx.db.transaction().execute(async (tx) => {
    if (ids.length) {
      const county = await countyPathOf(tx, p.org_region_path);
      const ok = await sql<{ id: string }>`select a.id from volunteer_activities a join regions r on r.id = a.region_id
        where a.id in (${sql.join(ids)}) and r.path like ${county + '%'} and ${visibleActivitySql(ctx.actor)}`.execute(tx);
      if (ok.rows.length !== ids.length) {
        throw new AppError('unprocessable', '志愿活动不存在，或不是本区县您可查看的活动', { field: 'activityIds' });
      }
    }
    const before = await tx.selectFrom('charity_project_activities').select('activity_id').where('project_id', '=', projectId).execute();
    await tx.deleteFrom('charity_project_activities').where('project_id', '=', projectId).execute();
    const now = ctx.clock.now();
    if (ids.length) {
      await tx
        .insertInto('charity_project_activities')
        .values(ids.map((activity_id) => ({ project_id: projectId, activity_id, created_by: ctx.actor.id, created_at: now })))
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'charity_project.activities_linked',
      subjectType: 'charity_project',
      subjectId: projectId,
      before: { activities: before.map((b) => b.activity_id) },
      after: { activities: ids },
    });
  });
}
