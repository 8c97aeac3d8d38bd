/**
 * Inspections (督查/暗访). A covert round before release (三不三无) is seen only by its own
 * inspectors and by the office and leaders whose scope covers it: `covert` names those roles.
 */
import { definePolicy } from '../../platform/policy';

export const inspectionPolicy = definePolicy('inspections', {
  list: ['office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead'],
  read: ['office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead'],
  covert: ['office', 'leader'],
  create: ['office', 'taskforce'],
  release: ['office', 'taskforce'],
  /** Record visits: the round's inspectors (checked against the team) and the office. */
  visit: ['inspector', 'office', 'taskforce'],
  report: ['office', 'leader', 'taskforce', 'inspector'],
});
