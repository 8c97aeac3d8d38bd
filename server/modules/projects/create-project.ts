/**
 * 项目化: the office registers a construction project over a region it manages, with its six milestones — as given
 * (all six, in order, 交账 on the hand-over date) or planned back from the hand-over date (project-checks.ts
 * `planMilestones`). One transaction, audited; the owner unit's head and liaison get a notice after commit.
 */
import type { z } from 'zod';
import { createProjectBody } from '../../../common/contracts/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify } from '../notifications/notify';
import { checkGivenMilestones, checkProjectBody, planMilestones } from './project-checks';
import { todayOf } from './read-projects';

/** Creates the project; returns its id. */
export async function createProject(ctx: Ctx, input: z.input<typeof createProjectBody>): Promise<string> {
  const body = createProjectBody.parse(input);
  const { values, region } = await checkProjectBody(ctx, body);
  const today = todayOf(ctx);
  const plan = body.milestones ? checkGivenMilestones(body.milestones, body.handoverDate, today) : planMilestones(body.handoverDate, today);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const user = actorUserId(ctx.actor);
    const row = await tx
      .insertInto('projects')
      .values({ ...values, created_by: user, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('project_milestones')
      .values(
        plan.map((m) => ({
          project_id: row.id,
          kind: m.kind,
          planned_date: m.plannedDate,
          actual_date: m.actualDate,
          note: m.note,
          updated_by: user,
          updated_at: now,
        })),
      )
      .execute();
    await recordEvent(tx, ctx, {
      action: 'project.created',
      subjectType: 'project',
      subjectId: row.id,
      after: {
        name: values.name,
        type: values.type,
        regionId: values.region_id,
        ownerUnitId: values.owner_unit_id,
        handoverDate: values.handover_date,
        investmentPlanned: values.investment_planned,
        milestones: Object.fromEntries(plan.map((m) => [m.kind, m.plannedDate])),
        milestonesPlanned: body.milestones ? 'given' : 'from_handover',
      },
    });
    // The owner unit learns of its project (after commit: the notice job).
    await notify(ctx, tx, [{ unit: values.owner_unit_id, roles: ['unit_head', 'unit_liaison'] }], {
      kind: 'project',
      title: `新项目：${values.name}`,
      body: `交账日期 ${values.handover_date}，请按节点推进，完成节点后填报实际完成日期并上传施工照片`,
      link: `/projects/${row.id}`,
      regionPath: region.path,
    });
    return row.id;
  });
}
