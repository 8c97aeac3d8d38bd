/**
 * The projects' clock (run every minute by server/jobs.ts beside the tasks sweep, and by tests with a set clock):
 * 1. 节点提醒: from milestone_remind_days days before a milestone's planned date until the day, a milestone without an
 *    actual date reminds the owner unit's head (else its liaisons): notice kind 'project';
 * 2. 节点逾期: once the planned date has passed without an actual date, the office of the project's region (the nearest
 *    one) is told that the milestone is overdue.
 * The lead days are the 任务进度设置 of the project's region (plans/task-settings.ts: the nearest region's row, else the
 * default 3 days). Projects already handed over (交账 has its actual date) and projects of a closed campaign are left
 * alone. Idempotent through project_notices: one notice per (milestone, kind, planned date) — the row is claimed first
 * (insert … on conflict do nothing) and the notice sent only by the claimer, so two nodes never send twice; a planned
 * date moved later is a new key and is reminded again. Each notice is its own transaction with an audit event; notices
 * go out after COMMIT (the sweep drains at its end).
 */
import { sql } from 'kysely';
import { MILESTONE_KIND_LABELS, TASK_SETTINGS_DEFAULTS, type MilestoneKind } from '../../../common/tasks';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { drainJobs } from '../../platform/jobs-after-commit';
import { beijingDay } from '../calendar/calendar';
import { notify } from '../notifications/notify';
import { settingSql, taskSettingsLateral } from '../plans/task-settings';

const BATCH = 500;

type ProjectNoticeKind = 'remind' | 'overdue';

/** Open milestones (no actual date) of projects not handed over, in active campaigns or none, with the region's settings. */
function openMilestones(ctx: Ctx, kind: ProjectNoticeKind) {
  return ctx.db
    .selectFrom('project_milestones as m')
    .innerJoin('projects as pj', 'pj.id', 'm.project_id')
    .innerJoin('regions as r', 'r.id', 'pj.region_id')
    .innerJoin('units as ou', 'ou.id', 'pj.owner_unit_id')
    .leftJoin('campaigns as c', 'c.id', 'pj.campaign_id')
    .leftJoinLateral(taskSettingsLateral('r.path'), (j) => j.onTrue())
    .select([
      'm.id',
      'm.kind',
      'm.planned_date',
      'pj.id as project_id',
      'pj.name as project_name',
      'pj.owner_unit_id',
      'ou.name as unit_name',
      'r.path as region_path',
    ])
    .where('m.actual_date', 'is', null)
    .where((eb) => eb.or([eb('pj.campaign_id', 'is', null), eb('c.status', '=', 'active')]))
    .where(
      sql<boolean>`not exists (select 1 from project_milestones h where h.project_id = pj.id and h.kind = 'handover' and h.actual_date is not null)`,
    )
    .where(
      sql<boolean>`not exists (select 1 from project_notices n where n.milestone_id = m.id and n.kind = ${kind} and n.key = m.planned_date::text)`,
    )
    .orderBy('m.planned_date')
    .orderBy('m.id')
    .limit(BATCH);
}

/** Claims (milestone, kind, planned date); false when it was sent already. */
async function claim(tx: Tx, milestoneId: string, kind: ProjectNoticeKind, key: string, at: Date): Promise<boolean> {
  const r = await tx
    .insertInto('project_notices')
    .values({ milestone_id: milestoneId, kind, key, sent_at: at })
    .onConflict((oc) => oc.columns(['milestone_id', 'kind', 'key']).doNothing())
    .returning('milestone_id')
    .executeTakeFirst();
  return !!r;
}

export async function sweepProjects(ctx: Ctx): Promise<{ reminded: number; overdue: number }> {
  const now = ctx.clock.now();
  const today = beijingDay(now);
  let reminded = 0;
  let overdue = 0;

  // 1. Reminders to the owner unit, from milestone_remind_days days before the planned date until it.
  const soon = await openMilestones(ctx, 'remind')
    .where(
      sql<boolean>`${today}::date between m.planned_date - ${settingSql('milestone_remind_days', TASK_SETTINGS_DEFAULTS.milestoneRemindDays)} and m.planned_date`,
    )
    .execute();
  for (const m of soon) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, m.id, 'remind', m.planned_date, now))) return;
      const label = MILESTONE_KIND_LABELS[m.kind as MilestoneKind];
      await notify(ctx, tx, [{ unit: m.owner_unit_id, roles: ['unit_head'], orElse: ['unit_liaison'] }], {
        kind: 'project',
        title:
          m.planned_date === today
            ? `${m.project_name}：${label}节点今天到期`
            : `${m.project_name}：${label}节点计划 ${m.planned_date} 完成`,
        body: `请按期推进${label}节点，完成后在项目页填写实际完成日期并上传照片`,
        link: `/projects/${m.project_id}`,
        regionPath: m.region_path,
      });
      await recordEvent(tx, ctx, {
        action: 'project.milestone_reminded',
        subjectType: 'project',
        subjectId: m.project_id,
        after: { milestone: label, planned_date: m.planned_date },
      });
      reminded += 1;
    });
  }

  // 2. Overdue milestones, to the office of the project's region.
  const late = await openMilestones(ctx, 'overdue').where('m.planned_date', '<', today).execute();
  for (const m of late) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, m.id, 'overdue', m.planned_date, now))) return;
      const label = MILESTONE_KIND_LABELS[m.kind as MilestoneKind];
      await notify(ctx, tx, [{ nearestOffice: m.region_path }], {
        kind: 'project',
        title: `项目节点逾期：${m.project_name}（${label}）`,
        body: `${m.unit_name}的${label}节点计划 ${m.planned_date} 完成，至今未填报实际完成日期`,
        link: `/projects/${m.project_id}`,
        regionPath: m.region_path,
      });
      await recordEvent(tx, ctx, {
        action: 'project.milestone_overdue',
        subjectType: 'project',
        subjectId: m.project_id,
        after: { milestone: label, planned_date: m.planned_date },
      });
      overdue += 1;
    });
  }

  if (reminded || overdue) await drainJobs(ctx.db, now);
  return { reminded, overdue };
}
