/**
 * A milestone reached or re-planned: the office or the owner unit records the actual date (not in the future) and a
 * note; only the office moves the planned date (kept in milestone order; 交账's planned date is the project's
 * hand-over date and moves it). Setting 交账's actual date makes the project 已交账. At the milestone's version (409
 * when stale); one transaction, audited. A milestone the owner unit records as reached notifies the office after
 * commit.
 */
import type { z } from 'zod';
import type { updateMilestoneBody } from '../../../common/contracts/tasks';
import { MILESTONE_KIND_LABELS, MILESTONE_KINDS } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import { changedFields, recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound, versionConflict } from '../../platform/errors';
import { mayManageProject, mayUpdateProgress } from './access';
import { checkMilestoneOrder, unprocessable } from './project-checks';
import { readableProject } from './read-project';
import { todayOf } from './read-projects';
import { findMilestone, milestonesOf } from './repository';
import { notify } from '../notifications/notify';

export async function updateMilestone(
  ctx: Ctx,
  projectId: string,
  milestoneId: string,
  body: z.output<typeof updateMilestoneBody>,
): Promise<void> {
  const p = await readableProject(ctx, projectId);
  if (!mayUpdateProgress(ctx.actor, p)) throw forbidden('只有创建办或责任单位可以更新项目节点');
  const m = await findMilestone(ctx.db, projectId, milestoneId);
  if (!m) throw notFound('项目节点');
  if (m.version !== body.version) throw versionConflict();
  const label = MILESTONE_KIND_LABELS[m.kind];
  const today = todayOf(ctx);
  const planned = body.plannedDate ?? m.planned_date;
  const actual = body.actualDate === undefined ? m.actual_date : body.actualDate;
  const note = body.note === undefined ? m.note : body.note;
  if (planned !== m.planned_date) {
    if (!mayManageProject(ctx.actor, p)) throw forbidden('计划日期由创建办调整，责任单位只能填写实际完成日期');
    const all = await milestonesOf(ctx.db, [projectId]);
    checkMilestoneOrder(
      MILESTONE_KINDS.map((kind) => ({ kind, plannedDate: kind === m.kind ? planned : all.find((x) => x.kind === kind)!.planned_date })),
    );
  }
  if (actual && actual > today) throw unprocessable(`${label}的实际日期不能晚于今天（${today}）`, 'actualDate');
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const user = actorUserId(ctx.actor);
    const done = await tx
      .updateTable('project_milestones')
      .set({ planned_date: planned, actual_date: actual, note, updated_by: user, updated_at: now, version: body.version + 1 })
      .where('id', '=', milestoneId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw versionConflict();
    // 交账's planned date is the project's hand-over date: they move together (the project's version with it).
    if (m.kind === 'handover' && planned !== m.planned_date)
      await tx
        .updateTable('projects')
        .set((eb) => ({ handover_date: planned, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', projectId)
        .execute();
    // A milestone reached by the owner unit reaches the office (交账 above all: the countdown board changes).
    if (actual && !m.actual_date && !mayManageProject(ctx.actor, p))
      await notify(ctx, tx, [{ nearestOffice: p.region_path }], {
        kind: 'project',
        title: m.kind === 'handover' ? `${p.name} 已交账` : `${p.name}：${label}节点已完成`,
        body: `${p.owner_unit_name}填报${label}实际完成日期 ${actual}（计划 ${planned}）`,
        link: `/projects/${projectId}`,
        regionPath: p.region_path,
      });
    await recordEvent(tx, ctx, {
      action: m.kind === 'handover' && actual && !m.actual_date ? 'project.handed_over' : 'project.milestone_updated',
      subjectType: 'project',
      subjectId: projectId,
      ...changedFields(
        { milestone: label, planned_date: m.planned_date, actual_date: m.actual_date, note: m.note },
        { milestone: label, planned_date: planned, actual_date: actual, note },
      ),
    });
  });
}
