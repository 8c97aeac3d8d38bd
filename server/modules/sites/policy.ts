/** Sites (点位): the office keeps the registry; units, site leads and inspectors see the sites in their scope. */
import { definePolicy } from '../../platform/policy';

export const sitePolicy = definePolicy('sites', {
  list: ['admin', 'office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead', 'grid_worker'],
  read: ['admin', 'office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead', 'grid_worker'],
  create: ['admin', 'office'],
  update: ['admin', 'office'],
  delete: ['admin', 'office'],
  import: ['admin', 'office'],
  export: ['admin', 'office', 'leader'],
  manageTypes: ['admin', 'office'],
});
