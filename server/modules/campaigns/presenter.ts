/** Campaign rows → API shape. */
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
export function presentCampaign(c: CampaignRow, actor: Actor) {
  return {
    id: c.id,
    name: c.name,
    titleType: c.title_type,
    level: c.level,
    regionId: c.region_id,
    regionName: c.region_name,
    cycleStartYear: c.cycle_start_year,
    cycleEndYear: c.cycle_end_year,
    status: c.status,
    description: c.description,
    version: c.version,
    abilities: abilities(actor, 'campaigns', ['update', 'delete', 'manageGroup'], campaignManageSubject(c)),
  };
}

/** A leading-group member as the API shows it. */
export function presentMember(m: Awaited<ReturnType<typeof leadingGroup>>[number]) {
  return {
    id: m.id,
    name: m.name,
    post: m.post,
    groupRole: m.group_role,
    phone: m.phone,
    userId: m.user_id,
    sort: m.sort,
    version: m.version,
    units: m.units,
  };
}
