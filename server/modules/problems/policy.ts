/**
 * Who may see and work problems. Reading is scoped by the problem's region or its responsible unit;
 * whoever reported a problem may always follow it. The workflow table (common/problem-workflow.ts)
 * names the relation each action needs; these permissions say which roles fill each relation.
 */
import { ROLES, SEPARATED_ADMIN_ROLES } from '../../../common/roles';
import type { Actor } from '../../platform/actor';
import { can, definePolicy, type ScopeSubject } from '../../platform/policy';
import { mayKnowRound } from '../inspections/visibility';

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

export interface ProblemScopeRow {
  region_path: string;
  unit_id: string | null;
  reporter_id: string | null;
  /** Found by a covert round not yet released (暗访未发布). */
  round_hidden: boolean;
  round_region_path: string | null;
  round_team: string[];
}

/** The scope position of a problem. */
export const problemSubject = (p: ProblemScopeRow): ScopeSubject => ({ regionPath: p.region_path, unitId: p.unit_id });

/** Whether the actor may see the problem: in scope, or they reported it — and never a covert finding before release unless on the round's side. */
export function canReadProblem(actor: Actor, p: ProblemScopeRow): boolean {
  if (p.round_hidden && !mayKnowRound(actor, { is_covert: true, released_at: null, region_path: p.round_region_path ?? p.region_path, team: p.round_team })) return false;
  return (!!actor.id && p.reporter_id === actor.id) || can(actor, 'problems.read', problemSubject(p));
}
