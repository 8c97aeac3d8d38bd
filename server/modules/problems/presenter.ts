/** Problem rows → API shape, with the actor's allowed actions. */
import { DEADLINE_STATES, type ProblemSeverity, type ProblemSource, type ProblemState } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import { shownReporter } from '../../platform/visibility';
import type { ProblemRow } from './repository';
import { allowedActions } from './workflow';

/** A problem in a list (its contract: `problemResponse` in common/contracts/problems.ts). */
export function presentProblem(p: ProblemRow, actor: Actor, now: Date) {
  const reporter = shownReporter(actor, p);
  const deadline = p.deadline ? new Date(p.deadline) : null;
  const overdue = !!deadline && (DEADLINE_STATES as readonly string[]).includes(p.state) && deadline < now;
  return {
    id: p.id,
    code: p.code,
    description: p.description,
    categoryCode: p.category_code,
    categoryName: p.category_name,
    // The table's CHECK constraints hold these to the contract's enums.
    source: p.source as ProblemSource,
    severity: p.severity as ProblemSeverity,
    state: p.state as ProblemState,
    overdue,
    regionId: p.region_id,
    regionName: p.region_name,
    siteId: p.site_id,
    location: p.lat !== null && p.lng !== null ? { lat: p.lat, lng: p.lng } : null,
    address: p.address,
    unitId: p.unit_id,
    unitName: p.unit_name,
    assigneeId: p.assignee_id,
    reporterId: reporter.id,
    reporterName: reporter.name,
    deadline,
    dispatchedAt: p.dispatched_at,
    rectifiedAt: p.rectified_at,
    closedAt: p.closed_at,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    extensionRequest: p.extension_requested_days !== null ? { days: p.extension_requested_days, reason: p.extension_reason } : null,
    extensionCount: p.extension_count,
    reworkCount: p.rework_count,
    relapsedFrom: p.relapsed_from,
    relapseCount: p.relapse_count,
    isRelapse: !!p.relapsed_from,
    disputeCount: p.dispute_count,
    duplicateOf: p.duplicate_of,
    rejectReason: p.reject_reason,
    supervisedAt: p.supervised_at,
    escalatedAt: p.escalated_at,
    version: p.version,
    allowedActions: allowedActions(actor, p),
  };
}
