/** Standards (测评体系) are read by everyone working the campaign; the office and task force maintain them. */
import { definePolicy } from '../../platform/policy';

const READERS = ['office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead'] as const;

export const standardPolicy = definePolicy('standards', {
  list: READERS,
  read: READERS,
  import: ['office', 'taskforce'],
  export: ['office', 'taskforce', 'leader'],
  clone: ['office', 'taskforce'],
});
