/** Chinese labels for every code in roles.ts and enums.ts (the only place they live). */
import type { Role, ScopeType } from './roles';
import type { CampaignLevel, CampaignStatus, CampaignTitle, GroupRole, RegionLevel, UnitType } from './enums';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '审计管理员',
  office: '创建办',
  leader: '领导小组',
  taskforce: '创建专班',
  unit_head: '单位一把手',
  unit_liaison: '单位联络员',
  inspector: '督查员',
  site_lead: '点长',
  grid_worker: '网格员',
  volunteer: '志愿者',
};

export const SCOPE_TYPE_LABELS: Record<ScopeType, string> = {
  global: '全局',
  region: '区域',
  unit: '单位',
  campaign: '创建项目',
};

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  city: '市',
  county: '县(区)',
  town: '乡镇(街道)',
  village: '村(社区)',
  grid: '网格',
};

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  county_dept: '县直部门',
  town: '乡镇街道',
  community: '村社区',
  window: '窗口单位',
  school: '学校',
  hospital: '医院',
  enterprise: '企业',
  other: '其他',
};

export const CAMPAIGN_TITLE_LABELS: Record<CampaignTitle, string> = {
  civilized_city: '全国文明城市',
  sanitary_city: '国家卫生城市(县城)',
  garden_city: '园林城市',
  forest_city: '森林城市',
  clean_city: '洁净城市',
  local: '地方创建',
};

export const CAMPAIGN_LEVEL_LABELS: Record<CampaignLevel, string> = {
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
};

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  planning: '筹备中',
  active: '创建中',
  accepted: '已命名',
  archived: '已归档',
};

export const GROUP_ROLE_LABELS: Record<GroupRole, string> = {
  leader: '组长',
  deputy_leader: '副组长',
  member: '成员',
};

/** Look up a label by code, falling back to the code itself for data added later. */
export function labelOf<T extends string>(map: Record<T, string>, code: string | null | undefined): string {
  if (!code) return '';
  return (map as Record<string, string>)[code] ?? code;
}
