/** Who may read and change units (单位). A unit's own head and liaison keep their contact details current. */
import { definePolicy } from '../../platform/policy';

export const unitPolicy = definePolicy('units', {
  list: ['admin', 'security_admin', 'office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead', 'grid_worker'],
  read: ['admin', 'security_admin', 'office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead', 'grid_worker'],
  create: ['admin', 'office'],
  update: ['admin', 'office', 'unit_head', 'unit_liaison'],
  /** Changing name, type, region, parent or status: the organisation's shape, not a unit's own business. */
  restructure: ['admin', 'office'],
  delete: ['admin', 'office'],
  import: ['admin', 'office'],
  export: ['admin', 'office', 'leader'],
});

/** Fields a unit's own people may change without `units.restructure`. */
export const CONTACT_FIELDS = ['headName', 'headPhone', 'liaisonName', 'liaisonPhone'] as const;
