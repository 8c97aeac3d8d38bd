/** Who may read and change the region tree (系统管理员 configures; business roles read their subtree). */
import { definePolicy } from '../../platform/policy';

export const regionPolicy = definePolicy('regions', {
  list: ['admin', 'security_admin', 'office', 'leader', 'taskforce', 'inspector', 'grid_worker', 'volunteer'],
  read: ['admin', 'security_admin', 'office', 'leader', 'taskforce', 'inspector', 'grid_worker', 'volunteer'],
  create: ['admin'],
  update: ['admin'],
  delete: ['admin'],
  import: ['admin'],
  export: ['admin', 'office', 'leader'],
});
