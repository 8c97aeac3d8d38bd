/** 修改创建项目. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { findRegion } from '../regions/repository';
import { campaignColumns } from './create-campaign';
import { campaignManageSubject, campaignSubject } from './presenter';
import { findCampaign, type CampaignRow } from './repository';
import type { CampaignInput } from './schemas';

/** Updates a campaign at the version the client saw. */
export async function updateCampaign(ctx: Ctx, id: string, input: Partial<CampaignInput> & { version: number }): Promise<CampaignRow> {
  const before = await findCampaign(ctx.db, id);
  if (!before) throw notFound('创建项目');
  authorize(ctx.actor, 'campaigns.update', campaignManageSubject(before), { subject: campaignSubject(before) });
  if (input.regionId && input.regionId !== before.region_id) {
    const region = await findRegion(ctx.db, input.regionId);
    if (!region) throw new AppError('validation', '创建区域不存在');
    authorize(ctx.actor, 'campaigns.create', { regionPath: region.path }, { permission: 'regions.read' });
  }
  const start = input.cycleStartYear ?? before.cycle_start_year;
  const end = input.cycleEndYear ?? before.cycle_end_year;
  if (end < start) throw new AppError('validation', '周期结束年份不能早于开始年份');
  const { version, ...changes } = input;
  await ctx.db.transaction().execute(async (tx) => {
    const after = await updateVersioned(tx, 'campaigns', id, version, campaignColumns(changes), ctx.clock.now());
    const { region_name: _n, region_path: _p, ...plain } = before;
    await recordEvent(tx, ctx, { action: 'campaign.updated', subjectType: 'campaign', subjectId: id, before: plain, after });
  });
  return (await findCampaign(ctx.db, id))!;
}
