/** Site rows → API shape. */
import type { z } from 'zod';
import type { siteResponse } from '../../../common/contracts';
import type { Actor } from '../../platform/actor';
import { abilities } from '../../platform/policy';
import type { SiteRow } from './repository';

/** Where a site sits for scoping: its region and its responsible unit. */
export const siteSubject = (s: { region_path: string; unit_id: string | null }) => ({ regionPath: s.region_path, unitId: s.unit_id });

/** A site as the API shows it. */
export function presentSite(s: SiteRow, actor: Actor) {
  return {
    id: s.id,
    name: s.name,
    siteTypeCode: s.site_type_code,
    siteTypeName: s.site_type_name,
    address: s.address,
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    polygon: (s.polygon as Array<[number, number]> | null) ?? null,
    regionId: s.region_id,
    regionName: s.region_name,
    unitId: s.unit_id,
    unitName: s.unit_name,
    leadUserId: s.lead_user_id,
    leadName: s.lead_name,
    leadPhone: s.lead_phone,
    photoFileId: s.photo_file_id,
    active: s.active,
    version: s.version,
    abilities: abilities(actor, 'sites', ['update', 'delete'], siteSubject(s)) as z.output<typeof siteResponse>['abilities'],
  };
}
