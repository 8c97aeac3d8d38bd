/** The audit trail is read by the 审计管理员 only (三员分立); nobody can change it. */
import { definePolicy } from '../../platform/policy';

export const auditPolicy = definePolicy('audit', {
  list: ['auditor'],
  export: ['auditor'],
  verify: ['auditor'],
});
