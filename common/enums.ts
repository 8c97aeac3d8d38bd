/** Stable codes used by the API and the database; labels are in labels.ts. */
export const REGION_LEVELS = ['city', 'county', 'town', 'village', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const UNIT_TYPES = ['county_dept', 'town', 'community', 'window', 'school', 'hospital', 'enterprise', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const CAMPAIGN_TITLES = ['civilized_city', 'sanitary_city', 'garden_city', 'forest_city', 'clean_city', 'local'] as const;
export type CampaignTitle = (typeof CAMPAIGN_TITLES)[number];

export const CAMPAIGN_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type CampaignLevel = (typeof CAMPAIGN_LEVELS)[number];

export const CAMPAIGN_STATUSES = ['planning', 'active', 'accepted', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const GROUP_ROLES = ['leader', 'deputy_leader', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
