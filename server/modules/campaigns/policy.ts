/** Campaigns (创建项目) are area-wide: everyone placed inside the campaign's region may read them. */
import { definePolicy } from '../../platform/policy';

const EVERYONE_INSIDE = [
  'admin',
  'security_admin',
  'office',
  'leader',
  'taskforce',
  'unit_head',
  'unit_liaison',
  'inspector',
  'site_lead',
  'grid_worker',
  'volunteer',
] as const;

export const campaignPolicy = definePolicy('campaigns', {
  list: EVERYONE_INSIDE,
  read: EVERYONE_INSIDE,
  create: ['admin', 'office'],
  update: ['admin', 'office', 'taskforce'],
  delete: ['admin', 'office'],
  /** 领导小组 and 结对联创 links. */
  manageGroup: ['admin', 'office', 'taskforce'],
});
