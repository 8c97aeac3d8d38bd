/**
 * The tasks' clock (run every minute by server/jobs.ts, and by tests with a set clock). Idempotent through
 * task_notices (one notice per task, kind and key — see task-notices.ts). Every day count and the due day are the
 * 任务进度设置 of the task's plan's region (task-settings.ts: the nearest region's row, else the shipped defaults in
 * common/tasks.ts — due day 25, reminded 3 days before, 督办单 1 day past due, the leader 7 days later):
 * 1. 汇报提醒: remind_days_before days before the month's due day (progress_due_day), the
 *    lead unit's head (else its liaisons) of every open task — started, not completed — with no pending or approved
 *    report for the month is reminded: in the app, and by SMS for heads who opted in (notice kind task_reminder);
 * 2. 未报送: after the due day, tasks still without a report get a 'missing' notice to the unit's head and liaisons
 *    (the month counts against the unit in 汇报及时率, progress-indicators.ts);
 * 3. 逾期督办: a task escalate_after_days past its due date and not completed gets a 督办单 (a code RWDB<yyyymm>-<county>-<n>)
 *    to the lead unit and the office (level 1); still not done leader_after_days days later it goes to the responsible
 *    leader (leading_group_members.user_id of the task's leader; none: the office), level 2.
 * Each step writes a task_events row and an audit event in its own transaction; notices go out after its COMMIT (the
 * sweep drains at its end). The columns set here (escalation_level, escalated_at) do not bump the task's version.
 */
import { sql } from 'kysely';
import { TASK_ESCALATION_LEVEL_LABELS, TASK_SETTINGS_DEFAULTS as D } from '../../../common/tasks';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { drainJobs } from '../../platform/jobs-after-commit';
import { beijingDay } from '../calendar/calendar';
import { notify } from '../notifications/notify';
import { appendTaskEvent } from './progress-repository';
import { periodName } from './submit-progress';
import { claimTaskNotice, nextSupervisionCode, noticeSentSql } from './task-notices';
import { dueDateSql, settingSql, taskSettingsLateral } from './task-settings';

const BATCH = 500;

/** YYYY-MM-DD plus n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Open tasks of active campaigns with the 任务进度设置 of their plan's region (`ts`, task-settings.ts). */
function openTasks(ctx: Ctx, period: string) {
  return ctx.db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .leftJoinLateral(taskSettingsLateral('r.path'), (j) => j.onTrue())
    .select([
      sql<string>`to_char(${dueDateSql(period)}, 'YYYY-MM-DD')`.as('report_due'),
      settingSql('leader_after_days', D.leaderAfterDays).as('leader_after_days'),
      settingSql('escalate_after_days', D.escalateAfterDays).as('escalate_after_days'),
    ])
    .select([
      't.id',
      't.code',
      't.title',
      't.lead_unit_id',
      't.due_date',
      't.leader_member_id',
      't.escalation_level',
      'p.region_id',
      'r.path as region_path',
      'lu.name as unit_name',
    ])
    .where('t.completed_at', 'is', null)
    .where('c.status', '=', 'active')
    .orderBy('t.due_date')
    .orderBy('t.id')
    .limit(BATCH);
}

/** No pending or approved report for the month. */
const noReportSql = (period: string) =>
  sql<boolean>`not exists (select 1 from task_progress tp where tp.task_id = t.id and tp.period = ${period} and tp.state in ('submitted', 'approved'))`;

const label = (t: { code: string | null; title: string }) => `${t.code ? `${t.code} ` : ''}${t.title}`;

export async function sweepTasks(ctx: Ctx): Promise<{ reminded: number; missing: number; escalated: number }> {
  const now = ctx.clock.now();
  const today = beijingDay(now);
  const period = today.slice(0, 7);
  let reminded = 0;
  let missing = 0;
  let escalated = 0;

  // 1. Reminders, from remind_days_before days before the region's due day until it.
  {
    const rows = await openTasks(ctx, period)
      .where(
        sql<boolean>`${today}::date between ${dueDateSql(period)} - ${settingSql('remind_days_before', D.remindDaysBefore)} and ${dueDateSql(period)}`,
      )
      .where('t.start_date', '<=', today)
      .where(noReportSql(period))
      .where(sql<boolean>`not ${noticeSentSql('remind', period)}`)
      .execute();
    for (const t of rows) {
      await ctx.db.transaction().execute(async (tx) => {
        if (!(await claimTaskNotice(tx, { taskId: t.id, kind: 'remind', key: period, at: now }))) return;
        await notify(ctx, tx, [{ unit: t.lead_unit_id, roles: ['unit_head'], orElse: ['unit_liaison'] }], {
          kind: 'task_reminder',
          title: `请于 ${t.report_due} 前报送${periodName(period)}任务进度`,
          body: label(t),
          link: '/my-tasks',
          regionPath: t.region_path,
        });
        await appendTaskEvent(tx, { taskId: t.id, action: 'reminded', actorId: null, note: `提醒报送${periodName(period)}进度`, at: now });
        await recordEvent(tx, ctx, { action: 'task.reminded', subjectType: 'task', subjectId: t.id, after: { period, due: t.report_due } });
        reminded += 1;
      });
    }
  }

  // 2. Missing reports, once the region's due day has passed.
  {
    const rows = await openTasks(ctx, period)
      .where(sql<boolean>`${today}::date > ${dueDateSql(period)}`)
      .where(sql<boolean>`t.start_date <= ${dueDateSql(period)}`)
      .where(noReportSql(period))
      .where(sql<boolean>`not ${noticeSentSql('missing', period)}`)
      .execute();
    for (const t of rows) {
      await ctx.db.transaction().execute(async (tx) => {
        if (!(await claimTaskNotice(tx, { taskId: t.id, kind: 'missing', key: period, at: now }))) return;
        await notify(ctx, tx, [{ unit: t.lead_unit_id, roles: ['unit_head', 'unit_liaison'] }], {
          kind: 'overdue',
          title: `${periodName(period)}任务进度未按时报送（应于 ${t.report_due} 前）`,
          body: `${label(t)}：请尽快补报，未按时报送计入汇报及时率`,
          link: '/my-tasks',
          regionPath: t.region_path,
        });
        await appendTaskEvent(tx, {
          taskId: t.id,
          action: 'report_missing',
          actorId: null,
          note: `${periodName(period)}进度未按时报送`,
          at: now,
        });
        await recordEvent(tx, ctx, {
          action: 'task.report_missing',
          subjectType: 'task',
          subjectId: t.id,
          after: { period, due: t.report_due },
        });
        missing += 1;
      });
    }
  }

  // 3a. 督办单: escalate_after_days past the due date, not completed.
  const late = await openTasks(ctx, period)
    .where(sql<boolean>`t.due_date + ${settingSql('escalate_after_days', D.escalateAfterDays)} <= ${today}::date`)
    .where('t.escalation_level', '=', 0)
    .where(sql<boolean>`not ${noticeSentSql('escalate', '1')}`)
    .execute();
  for (const t of late) {
    await ctx.db.transaction().execute(async (tx) => {
      const code = await nextSupervisionCode(tx, t.region_id, now);
      if (!(await claimTaskNotice(tx, { taskId: t.id, kind: 'escalate', key: '1', code, at: now }))) return;
      await tx
        .updateTable('tasks')
        .set({ escalation_level: 1, escalated_at: now })
        .where('id', '=', t.id)
        .where('escalation_level', '=', 0)
        .execute();
      await notify(ctx, tx, [{ unit: t.lead_unit_id, roles: ['unit_head', 'unit_liaison'] }, { nearestOffice: t.region_path }], {
        kind: 'supervised',
        title: `督办：任务已逾期（${t.unit_name}）`,
        body: `督办单 ${code}：${label(t)}，完成时限 ${t.due_date}，请抓紧完成并报送进度；${t.leader_after_days} 日内仍未完成将提请责任领导督办`,
        link: '/my-tasks',
        regionPath: t.region_path,
      });
      await appendTaskEvent(tx, {
        taskId: t.id,
        action: 'escalated',
        actorId: null,
        note: `${TASK_ESCALATION_LEVEL_LABELS[1]} ${code}`,
        data: { level: 1, code },
        at: now,
      });
      await recordEvent(tx, ctx, { action: 'task.escalated', subjectType: 'task', subjectId: t.id, after: { escalation_level: 1, code } });
      escalated += 1;
    });
  }

  // 3b. To the responsible leader, leader_after_days days after the 督办单 (Beijing days).
  const stuck = await openTasks(ctx, period)
    .leftJoin('leading_group_members as m', 'm.id', 't.leader_member_id')
    .leftJoin('users as lu2', (j) => j.onRef('lu2.id', '=', 'm.user_id').on('lu2.active', '=', true))
    .select(['m.name as leader_name', 'lu2.id as leader_user_id'])
    .where('t.escalation_level', '=', 1)
    // still past its due date (a due date moved later since the 督办单 holds the escalation)
    .where('t.due_date', '<', today)
    .where(
      sql<boolean>`(t.escalated_at at time zone 'Asia/Shanghai')::date + ${settingSql('leader_after_days', D.leaderAfterDays)} <= ${today}::date`,
    )
    .where(sql<boolean>`not ${noticeSentSql('escalate', '2')}`)
    .execute();
  for (const t of stuck) {
    await ctx.db.transaction().execute(async (tx) => {
      const first = await tx
        .selectFrom('task_notices')
        .select('code')
        .where('task_id', '=', t.id)
        .where('kind', '=', 'escalate')
        .where('key', '=', '1')
        .executeTakeFirst();
      if (!(await claimTaskNotice(tx, { taskId: t.id, kind: 'escalate', key: '2', code: first?.code ?? null, at: now }))) return;
      await tx
        .updateTable('tasks')
        .set({ escalation_level: 2, escalated_at: now })
        .where('id', '=', t.id)
        .where('escalation_level', '=', 1)
        .execute();
      const to = t.leader_user_id ? [{ users: [t.leader_user_id] }] : [{ nearestOffice: t.region_path }];
      const who = t.leader_user_id ? `责任领导${t.leader_name ?? ''}` : '创建办（未配置责任领导账号）';
      await notify(ctx, tx, [...to, { unit: t.lead_unit_id, roles: ['unit_head'] }], {
        kind: 'escalated',
        title: `提请督办：督办 ${t.leader_after_days} 日后任务仍未完成（${t.unit_name}）`,
        body: `${label(t)}，完成时限 ${t.due_date}${first?.code ? `，督办单 ${first.code}` : ''}`,
        link: '/plans',
        regionPath: t.region_path,
      });
      await appendTaskEvent(tx, {
        taskId: t.id,
        action: 'escalated',
        actorId: null,
        note: `${TASK_ESCALATION_LEVEL_LABELS[2]}：${who}`,
        data: { level: 2, leaderUserId: t.leader_user_id ?? null },
        at: now,
      });
      await recordEvent(tx, ctx, {
        action: 'task.escalated',
        subjectType: 'task',
        subjectId: t.id,
        after: { escalation_level: 2, to: who },
      });
      escalated += 1;
    });
  }

  if (reminded || missing || escalated) await drainJobs(ctx.db, now);
  return { reminded, missing, escalated };
}
