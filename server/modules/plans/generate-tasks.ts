/**
 * 从测评标准生成任务 (POST /api/plans/:id/generate): one task per standard of the campaign's current standards version
 * (the newest) that has a lead unit inside the plan's region — the title from the standard's 测评内容 and code, the
 * measures from its requirement text, the lead unit from the decomposition and its responsible units (inside the
 * region) as cooperating units, the standard linked. Idempotent: a plan holds at most one task per standard
 * (unique plan_id, source_standard_id), so a second call creates only the missing ones. Answers { created, skipped }.
 */
import type { z } from 'zod';
import type { generateTasksBody } from '../../../common/contracts/tasks';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { beijingDay } from '../calendar/calendar';
import { versionStandards } from '../standards/repository';
import { managedPlan, newTaskValues, nextSeq, taskEvent } from './create-task';
import { unitsInRegion } from './repository';

export async function generateTasks(ctx: Ctx, planId: string, body: z.output<typeof generateTasksBody>) {
  const plan = await managedPlan(ctx, planId);
  const startDate = body.startDate ?? beijingDay(ctx.clock.now());
  if (body.dueDate < startDate) throw new AppError('unprocessable', '完成时限不能早于开始日期', { field: 'dueDate' });
  const version = await ctx.db
    .selectFrom('standard_versions')
    .select('id')
    .where('campaign_id', '=', plan.campaign_id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!version) throw new AppError('unprocessable', '该创建项目还没有测评体系，请先导入测评体系');
  const standards = (await versionStandards(ctx.db, version.id)).filter((s) => s.lead_unit_id);
  const inside = new Set(
    (
      await unitsInRegion(
        ctx.db,
        standards.flatMap((s) => [s.lead_unit_id!, ...s.units.map((u) => u.id)]),
        plan.region_path,
      )
    ).map((u) => u.id),
  );
  const eligible = standards.filter((s) => inside.has(s.lead_unit_id!));
  return ctx.db.transaction().execute(async (tx) => {
    const existing = new Set(
      (
        await tx
          .selectFrom('tasks')
          .select('source_standard_id')
          .where('plan_id', '=', plan.id)
          .where('source_standard_id', 'is not', null)
          .execute()
      ).map((r) => r.source_standard_id!),
    );
    let seq = await nextSeq(tx, plan.id);
    let created = 0;
    for (const s of eligible) {
      if (existing.has(s.id)) continue;
      const title = `${s.content_name}（${s.code}）`.slice(0, 200);
      const values = newTaskValues(
        ctx,
        plan.id,
        {
          title: title.length >= 2 ? title : `测评标准 ${s.code}`,
          measures: s.text.slice(0, 4000),
          leadUnitId: s.lead_unit_id!,
          coopUnitIds: s.units.map((u) => u.id).filter((u) => u !== s.lead_unit_id && inside.has(u)),
          leaderMemberId: null,
          startDate,
          dueDate: body.dueDate,
          milestones: [],
          standardIds: [s.id],
          siteIds: [],
          code: null,
          parentId: null,
        },
        seq,
        { sourceStandardId: s.id },
      );
      const row = await tx
        .insertInto('tasks')
        .values(values)
        .onConflict((oc) => oc.columns(['plan_id', 'source_standard_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      seq += 1;
      created += 1;
      await tx
        .insertInto('task_events')
        .values(taskEvent(ctx, row.id, 'created', `由测评标准 ${s.code} 生成`))
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'plan.tasks_generated',
      subjectType: 'plan',
      subjectId: plan.id,
      after: { versionId: version.id, created, skipped: eligible.length - created, dueDate: body.dueDate, startDate },
    });
    return { created, skipped: eligible.length - created };
  });
}
