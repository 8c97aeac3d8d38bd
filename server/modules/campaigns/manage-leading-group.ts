/** 领导小组: add, change and remove members and their 结对联创 unit links. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { campaignManageSubject, campaignSubject } from './presenter';
import { countUnits, findCampaign, setMemberUnits } from './repository';
import type { MemberInput } from './schemas';

async function loadForGroupChange(ctx: Ctx, campaignId: string) {
  const c = await findCampaign(ctx.db, campaignId);
  if (!c) throw notFound('创建项目');
  authorize(ctx.actor, 'campaigns.manageGroup', campaignManageSubject(c), { subject: campaignSubject(c) });
  return c;
}

async function checkReferences(ctx: Ctx, input: Partial<MemberInput>) {
  if (input.unitIds && (await countUnits(ctx.db, input.unitIds)) !== new Set(input.unitIds).size) {
    throw new AppError('validation', '结对单位中有不存在的单位');
  }
  if (input.userId && !(await ctx.db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst())) {
    throw new AppError('validation', '关联的用户不存在');
  }
}

function memberColumns(input: Partial<MemberInput>) {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.post !== undefined) out.post = input.post;
  if (input.groupRole !== undefined) out.group_role = input.groupRole;
  if (input.phone !== undefined) out.phone = input.phone || null;
  if (input.userId !== undefined) out.user_id = input.userId;
  if (input.sort !== undefined) out.sort = input.sort;
  return out;
}

/** Adds a member to a campaign's leading group. */
export async function addLeadingMember(ctx: Ctx, campaignId: string, input: MemberInput): Promise<string> {
  await loadForGroupChange(ctx, campaignId);
  await checkReferences(ctx, input);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('leading_group_members')
      .values({ ...memberColumns(input), campaign_id: campaignId, created_at: ctx.clock.now() } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setMemberUnits(tx, row.id, input.unitIds);
    await recordEvent(tx, ctx, {
      action: 'leading_group.member_added',
      subjectType: 'campaign',
      subjectId: campaignId,
      after: { ...row, unit_ids: input.unitIds },
    });
    return row.id;
  });
}

/** Changes a member (and, when given, replaces their unit links). */
export async function updateLeadingMember(
  ctx: Ctx,
  campaignId: string,
  memberId: string,
  input: Partial<MemberInput> & { version: number },
): Promise<void> {
  await loadForGroupChange(ctx, campaignId);
  await checkReferences(ctx, input);
  const before = await ctx.db
    .selectFrom('leading_group_members')
    .selectAll()
    .where('id', '=', memberId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!before) throw notFound('领导小组成员');
  const { version, unitIds, ...rest } = input;
  await ctx.db.transaction().execute(async (tx) => {
    const after = await updateVersioned(tx, 'leading_group_members', memberId, version, memberColumns(rest), ctx.clock.now());
    if (unitIds) await setMemberUnits(tx, memberId, unitIds);
    await recordEvent(tx, ctx, {
      action: 'leading_group.member_updated',
      subjectType: 'campaign',
      subjectId: campaignId,
      before,
      after: { ...after, ...(unitIds ? { unit_ids: unitIds } : {}) },
    });
  });
}

/** Removes a member. */
export async function removeLeadingMember(ctx: Ctx, campaignId: string, memberId: string): Promise<void> {
  await loadForGroupChange(ctx, campaignId);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .deleteFrom('leading_group_members')
      .where('id', '=', memberId)
      .where('campaign_id', '=', campaignId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('领导小组成员');
    await recordEvent(tx, ctx, { action: 'leading_group.member_removed', subjectType: 'campaign', subjectId: campaignId, before: row });
  });
}
