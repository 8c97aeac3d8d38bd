/**
 * 点长巡查打卡. The 点长 checks in at the sites that name him as their lead (sites.lead_user_id) — the role alone is not
 * enough, and he sees the check-ins of exactly those sites. The office (its region), the leader, the task force and the
 * 包保单位 (unit_head, unit_liaison: the sites they 包保) read the month grid, the missed days and the export of the sites
 * in their scope (platform/visibility.ts `siteVisibleSql` with `patrols.read`).
 */
import { definePolicy } from '../../platform/policy';

export const patrolPolicy = definePolicy('patrols', {
  checkIn: ['site_lead'],
  read: ['office', 'leader', 'taskforce', 'unit_head', 'unit_liaison'],
});
