/**
 * 慈善之家: who may do what. The office of a county or town keeps the registry of charity organisations of its area
 * (register, edit, status, name the organisation's admins) and reads their projects and ledgers; leaders read. The
 * accounts that record for an organisation (charity_org_admins, a relation, not a role) create its projects and write
 * its ledger — 谁募捐、谁记账; that is decided in access.ts. The public ledger needs no account (/api/public/charity).
 */
import { definePolicy } from '../../platform/policy';

export const charityPolicy = definePolicy('charity', {
  /** Organisations, projects and ledgers of the region. */
  read: ['office', 'leader'],
  /** The registry: register and edit organisations, their status and admins; create and edit projects. */
  manage: ['office'],
});
