/** 删除创建项目: its leading group goes with it; task-force role grants on it are removed. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { campaignManageSubject, campaignSubject } from './presenter';
import { findCampaign } from './repository';

/** Deletes a campaign. */
export async function deleteCampaign(ctx: Ctx, id: string): Promise<void> {
  const c = await findCampaign(ctx.db, id);
  if (!c) throw notFound('创建项目');
  authorize(ctx.actor, 'campaigns.delete', campaignManageSubject(c), { subject: campaignSubject(c) });
  await ctx.db.transaction().execute(async (tx) => {
    const grants = await tx
      .deleteFrom('user_roles')
      .where('scope_type', '=', 'campaign')
      .where('scope_id', '=', id)
      .returning(['user_id', 'role'])
      .execute();
    await tx.deleteFrom('campaigns').where('id', '=', id).execute();
    await recordEvent(tx, ctx, {
      action: 'campaign.deleted',
      subjectType: 'campaign',
      subjectId: id,
      before: { name: c.name, title_type: c.title_type, removed_role_grants: grants.length },
    });
  });
}
