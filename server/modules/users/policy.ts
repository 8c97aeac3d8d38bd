/**
 * Accounts are the 安全管理员's work alone (三员分立); the office may look people up in its area. Changes to 三员
 * accounts additionally need the approval of a holder of another 三员 role (reviewPrivileged, see separation.ts).
 */
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
  reviewPrivileged: ['security_admin', 'admin', 'auditor'],
});
