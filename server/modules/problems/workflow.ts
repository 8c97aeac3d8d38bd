/** Evaluates the workflow table for one actor and one problem: which actions are open to them now. */
import { PROBLEM_ACTIONS, type ProblemActionDef, type ProblemActor } from '../../../common/problem-actions';
import { PROBLEM_ACTION_NAMES, type ProblemAction, type ProblemState } from '../../../common/problem-workflow';
import { fromBlocked } from '../../platform/workflow';
import type { Actor } from '../../platform/actor';
import { can } from '../../platform/policy';
import { problemSubject, type ProblemScopeRow } from './policy';

export interface WorkflowRow extends ProblemScopeRow {
  state: string;
  rectified_by: string | null;
  extension_requested_days: number | null;
}

/** Whether the actor fills the relation the action needs. */
function fills(actor: Actor, by: ProblemActor, p: WorkflowRow, action: ProblemAction): boolean {
  const subject = problemSubject(p);
  if (by === 'office') return can(actor, 'problems.office', subject);
  if (by === 'unit') return !!p.unit_id && can(actor, 'problems.unit', { unitId: p.unit_id });
  // 核查 by someone other than who rectified (the seeds: verification is independent).
  if (action === 'verify' && p.rectified_by === actor.id) return false;
  return can(actor, 'problems.verify', subject);
}

/** Why the action is not open, in Chinese, or null when it is. */
export function blockedReason(actor: Actor, p: WorkflowRow, action: ProblemAction): string | null {
  const def: ProblemActionDef = PROBLEM_ACTIONS[action];
  const off = fromBlocked(def, p.state as ProblemState);
  if (off) return off;
  // 暗访 findings stay with the office until the round is released.
  if (p.round_hidden && action === 'dispatch') return '暗访发现的问题须在暗访结果发布后派遣';
  if (def.extension) {
    const pending = p.extension_requested_days !== null;
    if (def.extension === 'pending' && !pending) return '没有待审批的延期申请';
    if (def.extension === 'none_pending' && pending) return '已有延期申请待审批';
  }
  if (!fills(actor, def.by, p, action)) {
    if (action === 'verify' && p.rectified_by === actor.id) return '整改提交人不能核查自己的整改';
    return '您不能对此问题执行此操作';
  }
  return null;
}

/** The actions the actor may take on the problem now (drives the buttons in the UI). */
export function allowedActions(actor: Actor, p: WorkflowRow): ProblemAction[] {
  return PROBLEM_ACTION_NAMES.filter((a) => blockedReason(actor, p, a) === null);
}
