/** 修改整改时限: hours per severity and whether they count working days only, guarded by version. */
import { z } from 'zod';
import { PROBLEM_SEVERITIES } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { updateVersionedBy } from '../../platform/versioned';

export const severityParam = z.object({ severity: z.enum(PROBLEM_SEVERITIES) });
export const updateDeadlineInput = z.object({
  hours: z.number().int('时限须为整数小时').min(1, '时限至少 1 小时').max(8760, '时限最多 8760 小时（一年）'),
  workingDays: z.boolean(),
  version: z.number().int().min(1),
});

/** Returns the policy as saved. */
export async function updateDeadlinePolicy(ctx: Ctx, severity: string, input: z.infer<typeof updateDeadlineInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('problem_deadline_policies').selectAll().where('severity', '=', severity).executeTakeFirst();
    if (!before) throw notFound('时限设置');
    const row = await updateVersionedBy(tx, 'problem_deadline_policies', 'severity', severity, input.version, { hours: input.hours, working_days: input.workingDays }, ctx.clock.now());
    await recordEvent(tx, ctx, { action: 'deadline_policy.updated', subjectType: 'deadline_policy', subjectId: severity, before, after: row });
    return { severity, hours: Number(row.hours), workingDays: Boolean(row.working_days), version: Number(row.version) };
  });
}
