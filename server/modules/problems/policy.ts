/**
 * Who may see and work problems. Reading is scoped by the problem's region or its responsible unit;
 * whoever reported a problem may always follow it. The workflow table (common/problem-workflow.ts)
 * names the relation each action needs; these permissions say which roles fill each relation.
 */
import { ROLES, SEPARATED_ADMIN_ROLES } from '../../../common/roles';
import { definePolicy, type ScopeSubject } from '../../platform/policy';
import type { ProblemSecrecyRow } from '../../platform/visibility';

const BUSINESS_ROLES = ROLES.filter((r) => !SEPARATED_ADMIN_ROLES.includes(r));

export const problemPolicy = definePolicy('problems', {
  list: ['office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead'],
  read: ['office', 'leader', 'taskforce', 'inspector', 'unit_head', 'unit_liaison', 'site_lead'],
  report: BUSINESS_ROLES,
  /** 立案, 派遣, 延期审批: the office side of the loop. */
  office: ['office', 'taskforce'],
  /** 签收, 退回, 申请延期, 提交整改: the responsible unit. */
  unit: ['unit_head', 'unit_liaison'],
  /** 核查, 回头看 */
  verify: ['office', 'taskforce', 'inspector'],
  export: ['office', 'leader', 'taskforce'],
  metrics: ['office', 'leader', 'taskforce'],
  manageRules: ['office'],
});

/** What a problem row carries for scope and secrecy (defined with the rules in platform/visibility.ts). */
export type ProblemScopeRow = ProblemSecrecyRow;

/** The scope position of a problem. */
export const problemSubject = (p: ProblemScopeRow): ScopeSubject => ({ regionPath: p.region_path, unitId: p.unit_id });

/** Who may read a problem is decided in platform/visibility.ts (scope and covert secrecy together). */
export { canReadProblem } from '../../platform/visibility';
