/** Plans and tasks as the API shows them (contracts: planResponse, taskResponse), with the caller's abilities. */
import type { PlanDto, TaskDto } from '../../../common/contracts/tasks';
import { daysBetween, taskStatus, TASK_STATUSES, type TaskStatus } from '../../../common/tasks';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { mayManagePlan, mayReport } from './access';
import { latestProgress, planStatusCounts, unitNames, type PlanRow, type TaskRow } from './repository';

type PlanOut = Omit<PlanDto, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
type TaskOut = Omit<TaskDto, 'completedAt' | 'lastProgress'> & {
  completedAt: Date | null;
  lastProgress: { id: string; period: string; percent: number; state: 'submitted' | 'approved' | 'returned'; submittedAt: Date } | null;
};

export function presentPlan(actor: Actor, p: PlanRow, counts: Record<TaskStatus, number> | undefined): PlanOut {
  const statusCounts = counts ?? (Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>);
  const manage = mayManagePlan(actor, p);
  return {
    id: p.id,
    campaignId: p.campaign_id,
    campaignName: p.campaign_name,
    regionId: p.region_id,
    parentId: p.parent_id,
    kind: p.kind,
    name: p.name,
    summary: p.summary,
    taskCount: Object.values(statusCounts).reduce((a, b) => a + b, 0),
    statusCounts,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    abilities: { edit: manage, addTask: manage, import: manage },
  };
}

/** Plans with their status counts (over the tasks the actor sees). */
export async function presentPlans(db: Db, actor: Actor, rows: PlanRow[], today: string): Promise<PlanOut[]> {
  const counts = await planStatusCounts(
    db,
    actor,
    rows.map((r) => r.id),
    today,
  );
  return rows.map((r) => presentPlan(actor, r, counts.get(r.id)));
}

/** Tasks as the API shows them; the status is taskStatus on `today` (the SQL status agrees, see task-status-sql). */
export async function presentTasks(db: Db | Tx, actor: Actor, rows: TaskRow[], today: string): Promise<TaskOut[]> {
  const [names, progress] = await Promise.all([
    unitNames(
      db,
      rows.flatMap((r) => r.coop_unit_ids),
    ),
    latestProgress(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((t) => {
    const status = taskStatus({ startDate: t.start_date, dueDate: t.due_date, percent: t.percent, completedAt: t.completed_at }, today);
    const manage = mayManagePlan(actor, t);
    const last = progress.get(t.id);
    return {
      id: t.id,
      planId: t.plan_id,
      planName: t.plan_name,
      parentId: t.parent_id,
      code: t.code,
      seq: t.seq,
      title: t.title,
      measures: t.measures,
      leadUnit: { id: t.lead_unit_id, name: t.lead_unit_name },
      coopUnits: t.coop_unit_ids.map((id) => ({ id, name: names.get(id) ?? '（已删除的单位）' })),
      leader: t.leader_member_id ? { id: t.leader_member_id, name: t.leader_name ?? '', post: t.leader_post ?? '' } : null,
      startDate: t.start_date,
      dueDate: t.due_date,
      baselineStart: t.baseline_start,
      baselineDue: t.baseline_due,
      percent: t.percent,
      completedAt: t.completed_at,
      status,
      overdueDays: status === 'overdue' ? daysBetween(t.due_date, today) : 0,
      milestones: t.milestones,
      standardIds: t.standard_ids,
      siteIds: t.site_ids,
      escalationLevel: t.escalation_level,
      lastProgress: last
        ? {
            id: last.id,
            period: last.period,
            percent: last.percent,
            state: last.state as 'submitted' | 'approved' | 'returned',
            submittedAt: last.submitted_at,
          }
        : null,
      version: t.version,
      abilities: { edit: manage, report: mayReport(actor, t), review: manage },
    };
  });
}
