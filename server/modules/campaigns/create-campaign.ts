/** 新建创建项目 for a region the actor manages. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findRegion } from '../regions/repository';
import { findCampaign, type CampaignRow } from './repository';
import type { CampaignInput } from './schemas';

/** Column values for a campaign from API input. */
export function campaignColumns(input: Partial<CampaignInput>) {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.titleType !== undefined) out.title_type = input.titleType;
  if (input.level !== undefined) out.level = input.level;
  if (input.regionId !== undefined) out.region_id = input.regionId;
  if (input.cycleStartYear !== undefined) out.cycle_start_year = input.cycleStartYear;
  if (input.cycleEndYear !== undefined) out.cycle_end_year = input.cycleEndYear;
  if (input.status !== undefined) out.status = input.status;
  if (input.description !== undefined) out.description = input.description || null;
  return out;
}

/** Creates a campaign. */
export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<CampaignRow> {
  const region = await findRegion(ctx.db, input.regionId);
  if (!region) throw new AppError('validation', '创建区域不存在');
  authorize(ctx.actor, 'campaigns.create', { regionPath: region.path }, { permission: 'regions.read' });
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('campaigns')
      .values({ ...campaignColumns(input), created_at: now, updated_at: now } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'campaign.created', subjectType: 'campaign', subjectId: row.id, after: row });
    return row.id;
  });
  return (await findCampaign(ctx.db, id))!;
}
