/**
 * 新建实施方案 / 专项行动: the office whose scope covers the campaign's region. A 专项行动 sits under a 实施方案 of the
 * same campaign; the plan's region is the campaign's. Audited.
 */
import type { z } from 'zod';
import type { createPlanBody } from '../../../common/contracts/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findPlan } from './repository';

const bad = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** A new plan; returns its id. */
export async function createPlan(ctx: Ctx, body: z.output<typeof createPlanBody>): Promise<string> {
  const campaign = await ctx.db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.region_id', 'r.path'])
    .where('c.id', '=', body.campaignId)
    .executeTakeFirst();
  if (!campaign) throw notFound('创建项目');
  authorize(
    ctx.actor,
    'plans.manage',
    { regionPath: campaign.path, campaignId: campaign.id },
    { permission: 'plans.read', subject: { regionPath: campaign.path, campaignId: campaign.id } },
  );
  let sort = 0;
  if (body.kind === 'special') {
    if (!body.parentId) throw bad('专项行动须选择所属的实施方案', 'parentId');
    const parent = await findPlan(ctx.db, body.parentId);
    if (!parent || parent.campaign_id !== campaign.id || parent.kind !== 'plan')
      throw bad('上级方案不存在或不是本创建项目的实施方案', 'parentId');
  } else if (body.parentId) {
    throw bad('实施方案不能有上级方案（专项行动请选择类型“专项行动”）', 'parentId');
  }
  const last = await ctx.db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('campaign_id', '=', campaign.id)
    .executeTakeFirst();
  sort = Number(last?.sort ?? 0) + 1;
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const row = await tx
      .insertInto('plans')
      .values({
        campaign_id: campaign.id,
        region_id: campaign.region_id,
        parent_id: body.kind === 'special' ? body.parentId! : null,
        kind: body.kind,
        name: body.name,
        summary: body.summary ?? null,
        sort,
        created_by: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'plan.created',
      subjectType: 'plan',
      subjectId: row.id,
      after: { campaignId: campaign.id, parentId: body.parentId ?? null, kind: body.kind, name: body.name },
    });
    return row.id;
  });
}
