/**
 * The office edits a project (at the caller's version: 409 when stale). A new hand-over date moves the 交账 milestone's
 * planned date with it (422 when that would put it before 验收). The new region must be one the office manages too.
 * One transaction, audited with the fields that changed.
 */
import type { z } from 'zod';
import type { updateProjectBody } from '../../../common/contracts/tasks';
import { MILESTONE_KINDS } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import { changedFields, recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, versionConflict } from '../../platform/errors';
import { mayManageProject } from './access';
import { checkMilestoneOrder, checkProjectBody } from './project-checks';
import { readableProject } from './read-project';
import { lockProject, milestonesOf } from './repository';

export async function updateProject(ctx: Ctx, id: string, body: z.output<typeof updateProjectBody>): Promise<void> {
  const p = await readableProject(ctx, id);
  if (!mayManageProject(ctx.actor, p)) throw forbidden('只有创建办可以修改项目');
  if (p.version !== body.version) throw versionConflict();
  const { values } = await checkProjectBody(ctx, body);
  const milestones = await milestonesOf(ctx.db, [id]);
  if (values.handover_date !== p.handover_date)
    checkMilestoneOrder(
      MILESTONE_KINDS.map((kind) => ({
        kind,
        plannedDate: kind === 'handover' ? values.handover_date : (milestones.find((m) => m.kind === kind)?.planned_date ?? ''),
      })),
    );
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await lockProject(tx, id);
    if (!locked || locked.version !== body.version) throw versionConflict();
    const now = ctx.clock.now();
    await tx
      .updateTable('projects')
      .set({ ...values, updated_at: now, version: body.version + 1 })
      .where('id', '=', id)
      .execute();
    if (values.handover_date !== p.handover_date)
      await tx
        .updateTable('project_milestones')
        .set((eb) => ({
          planned_date: values.handover_date,
          updated_by: actorUserId(ctx.actor),
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('project_id', '=', id)
        .where('kind', '=', 'handover')
        .execute();
    const before = {
      campaign_id: p.campaign_id,
      region_id: p.region_id,
      name: p.name,
      type: p.type,
      address: p.address,
      lat: p.lat,
      lng: p.lng,
      outline: p.outline ? JSON.stringify(p.outline) : null,
      owner_unit_id: p.owner_unit_id,
      investment_planned: Number(p.investment_planned),
      investment_spent: Number(p.investment_spent),
      handover_date: p.handover_date,
      description: p.description,
      task_id: p.task_id,
    };
    await recordEvent(tx, ctx, { action: 'project.updated', subjectType: 'project', subjectId: id, ...changedFields(before, values) });
  });
}
