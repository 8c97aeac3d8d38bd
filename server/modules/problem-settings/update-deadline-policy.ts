/**
 * 修改整改时限: hours per severity and whether they count working days only. The global defaults
 * (`problem_deadline_policies`) change only through a global grant; a region's override
 * (`region_deadline_policies`) applies to that region and everything under it. Guarded by version:
 * an override that does not exist yet is created with `version: null`, and two offices creating it at
 * once give one winner and one 409.
 */
import { z } from 'zod';
import type { regionDeadlineBody, updateDeadlineBody } from '../../../common/contracts';
import { PROBLEM_SEVERITIES, type ProblemSeverity } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { updateVersionedBy } from '../../platform/versioned';
import { editableRegion, mayEditGlobal } from './resolve';

export const severityParam = z.object({ severity: z.enum(PROBLEM_SEVERITIES) });
export const regionSeverityParam = z.object({ regionId: z.uuid('区域编号格式不正确'), severity: z.enum(PROBLEM_SEVERITIES) });
const present = (severity: ProblemSeverity, row: Record<string, unknown>, regionId: string | null) => ({
  severity,
  hours: Number(row.hours),
  workingDays: Boolean(row.working_days),
  version: Number(row.version),
  regionId,
  inherited: false,
});

/** Changes a global default; returns the policy as saved. */
export async function updateDeadlinePolicy(ctx: Ctx, severity: ProblemSeverity, input: z.infer<typeof updateDeadlineBody>) {
  if (!mayEditGlobal(ctx.actor, 'problems.manageRules')) throw new AppError('forbidden', '全国默认时限只读；请在本辖区设置本级时限');
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('problem_deadline_policies').selectAll().where('severity', '=', severity).executeTakeFirst();
    if (!before) throw notFound('时限设置');
    const row = await updateVersionedBy(
      tx,
      'problem_deadline_policies',
      'severity',
      severity,
      input.version,
      { hours: input.hours, working_days: input.workingDays },
      ctx.clock.now(),
    );
    await recordEvent(tx, ctx, {
      action: 'deadline_policy.updated',
      subjectType: 'deadline_policy',
      subjectId: severity,
      before,
      after: row,
    });
    return present(severity, row, null);
  });
}

/** Sets a region's own 整改时限 for one severity (creating the override when `version` is null). */
export async function setRegionDeadlinePolicy(
  ctx: Ctx,
  regionId: string,
  severity: ProblemSeverity,
  input: z.infer<typeof regionDeadlineBody>,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'problems.manageRules', regionId);
    const set = { hours: input.hours, working_days: input.workingDays };
    const before = await tx
      .selectFrom('region_deadline_policies')
      .selectAll()
      .where('region_id', '=', region.id)
      .where('severity', '=', severity)
      .executeTakeFirst();
    let row: Record<string, unknown> | undefined;
    if (input.version === null) {
      if (before) throw versionConflict();
      row = await tx
        .insertInto('region_deadline_policies')
        .values({ region_id: region.id, severity, ...set, updated_at: ctx.clock.now() })
        .onConflict((oc) => oc.columns(['region_id', 'severity']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw versionConflict();
    } else {
      if (!before || Number(before.version) !== input.version) throw versionConflict();
      row = await tx
        .updateTable('region_deadline_policies')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: ctx.clock.now() }))
        .where('region_id', '=', region.id)
        .where('severity', '=', severity)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw versionConflict();
    }
    await recordEvent(tx, ctx, {
      action: 'deadline_policy.updated',
      subjectType: 'deadline_policy',
      subjectId: `${region.id}:${severity}`,
      before: before ?? null,
      after: row,
    });
    return { ...present(severity, row, region.id), regionName: region.name };
  });
}

/** Removes a region's override, so the region inherits again from above. */
export async function resetRegionDeadlinePolicy(ctx: Ctx, regionId: string, severity: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const region = await editableRegion(tx, ctx.actor, 'problems.manageRules', regionId);
    const before = await tx
      .deleteFrom('region_deadline_policies')
      .where('region_id', '=', region.id)
      .where('severity', '=', severity)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw notFound('本级时限设置');
    await recordEvent(tx, ctx, {
      action: 'deadline_policy.reset',
      subjectType: 'deadline_policy',
      subjectId: `${region.id}:${severity}`,
      before,
    });
  });
}
