/** Campaign rows → API shape (common/contracts/campaigns.ts). */
import type { z } from 'zod';
import type { campaignResponse, leadingMemberResponse } from '../../../common/contracts';
import type { CampaignLevel, CampaignStatus, CampaignTitle, GroupRole } from '../../../common/enums';
import type { Actor } from '../../platform/actor';
import { abilities } from '../../platform/policy';
import type { CampaignRow, leadingGroup } from './repository';

/** Where a campaign sits for scoping: its own id, and its region as an area everyone inside may see. */
export const campaignSubject = (c: { id: string; region_path: string }) => ({
  campaignId: c.id,
  regionPath: c.region_path,
  areaWide: true,
});
/** Campaign changes are checked against the campaign itself, not the area. */
export const campaignManageSubject = (c: { id: string; region_path: string }) => ({ campaignId: c.id, regionPath: c.region_path });

/** A campaign as the API shows it. */
export function presentCampaign(c: CampaignRow, actor: Actor): z.output<typeof campaignResponse> {
  return {
    id: c.id,
    name: c.name,
    titleType: c.title_type as CampaignTitle,
    level: c.level as CampaignLevel,
    regionId: c.region_id,
    regionName: c.region_name,
    cycleStartYear: c.cycle_start_year,
    cycleEndYear: c.cycle_end_year,
    status: c.status as CampaignStatus,
    description: c.description,
    version: c.version,
    abilities: abilities(actor, 'campaigns', ['update', 'delete', 'manageGroup'], campaignManageSubject(c)) as z.output<
      typeof campaignResponse
    >['abilities'],
  };
}

/** A leading-group member as the API shows it. */
export function presentMember(m: Awaited<ReturnType<typeof leadingGroup>>[number]): z.output<typeof leadingMemberResponse> {
  return {
    id: m.id,
    name: m.name,
    post: m.post,
    groupRole: m.group_role as GroupRole,
    phone: m.phone,
    userId: m.user_id,
    sort: m.sort,
    version: m.version,
    units: m.units,
  };
}
