/** Accounts are the 安全管理员's work alone (三员分立); the office may look people up in its area. */
import { definePolicy } from '../../platform/policy';

export const userPolicy = definePolicy('users', {
  list: ['security_admin', 'office'],
  read: ['security_admin', 'office'],
  create: ['security_admin'],
  update: ['security_admin'],
  assignRoles: ['security_admin'],
  resetPassword: ['security_admin'],
  unlock: ['security_admin'],
  import: ['security_admin'],
  export: ['security_admin'],
});
