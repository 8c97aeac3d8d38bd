/** 慈善项目 as the caller may see them: a page in scope, or one project with its ledger, receipts and activities (or 404). */
import type { ProjectsQuery } from '../../../common/contracts/charity';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { adminOrgIdsOf, mayReadOrg, visibleOrgSql } from './access';
import { toProjectDto, toProjectSummary, type ProjectDto, type ProjectSummaryDto } from './presenter';
import { entryReceipts, findProject, linkedActivities, listProjects, projectEntries } from './repository';

export async function readProjects(ctx: Ctx, q: ProjectsQuery): Promise<{ items: ProjectSummaryDto[]; total: number }> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const { rows, total } = await listProjects(ctx.db, visibleOrgSql(ctx.actor, adminOrgs), q);
  return { items: rows.map(toProjectSummary), total };
}

export async function readProject(ctx: Ctx, id: string): Promise<ProjectDto> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const p = await findProject(ctx.db, id);
  if (!p || !mayReadOrg(ctx.actor, p, adminOrgs)) throw notFound('慈善项目');
  const [entries, receipts, activities] = await Promise.all([
    projectEntries(ctx.db, id),
    entryReceipts(ctx.db, id),
    linkedActivities(ctx.db, id),
  ]);
  return toProjectDto(p, entries, receipts, activities, ctx.actor, adminOrgs);
}
