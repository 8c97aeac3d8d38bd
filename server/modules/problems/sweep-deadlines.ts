/**
 * The deadline sweep (a pg-boss job every minute; tests call it with a set clock). Idempotent:
 * - before the deadline (the region's reminder lead time, default 24 h) the unit head (or, without one, the
 *   liaisons) is reminded;
 * - at the deadline a 督办单 is issued, the unit and the nearest office are told;
 * - the region's escalation delay after the 督办单 (default 72 h) it escalates to the leader linked to the unit
 *   (结对联创), the unit head and the nearest office.
 * The thresholds are region-scoped data (`escalation-thresholds.ts`: the nearest region's row wins), read per
 * problem's region. Notices are queued in each step's transaction and delivered after its COMMIT (the sweep drains
 * at its end; `notice_channels` may add SMS for 督办/升级督办).
 * These system columns do not bump the problem's version, so they never collide with a person's edit.
 */
import { sql } from 'kysely';
import { DEADLINE_STATES } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { drainJobs } from '../../platform/jobs-after-commit';
import { linkedLeaders, notify } from '../notifications/notify';
import { formatHours, thresholdFor, thresholdSpan } from './escalation-thresholds';
import { appendEvent, nextCode } from './repository';
import { problemLink } from './verb';

const BATCH = 500;
const HOUR_MS = 3600_000;

interface Due {
  id: string;
  code: string;
  unit_id: string;
  deadline: Date;
  region_id: string;
  region_path: string;
  unit_name: string | null;
  remind_before_hours: number;
  escalate_after_hours: number;
}

function candidates(ctx: Ctx) {
  return ctx.db
    .selectFrom('problems as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.code', 'p.unit_id', 'p.deadline', 'p.region_id', 'r.path as region_path', 'u.name as unit_name'])
    .select([
      thresholdFor('r.path', 'remind_before_hours').as('remind_before_hours'),
      thresholdFor('r.path', 'escalate_after_hours').as('escalate_after_hours'),
    ])
    .where('p.state', 'in', DEADLINE_STATES as string[])
    .where('p.unit_id', 'is not', null)
    .where('p.deadline', 'is not', null)
    .limit(BATCH);
}

/** Claims a flag column for one problem; false when another sweep got there first. */
async function claim(tx: Tx, id: string, column: 'reminded_at' | 'supervised_at' | 'escalated_at', now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('problems')
    .set({ [column]: now })
    .where('id', '=', id)
    .where(column, 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

const fmt = (d: Date) => new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Runs one sweep; returns how many problems got each treatment. */
export async function sweepDeadlines(ctx: Ctx): Promise<{ reminded: number; supervised: number; escalated: number }> {
  const now = ctx.clock.now();
  let reminded = 0;
  let supervised = 0;
  let escalated = 0;
  // The widest thresholds narrow the candidates by index; each problem's own region then decides exactly.
  const span = await thresholdSpan(ctx.db);

  const remind = (await candidates(ctx)
    .where('p.reminded_at', 'is', null)
    .where('p.deadline', '>', now)
    .where('p.deadline', '<=', new Date(now.getTime() + span.maxRemind * HOUR_MS))
    .where(sql<boolean>`p.deadline <= cast(${now} as timestamptz) + ${thresholdFor('r.path', 'remind_before_hours')} * interval '1 hour'`)
    .execute()) as Due[];
  for (const p of remind) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, p.id, 'reminded_at', now))) return;
      await notify(ctx, tx, [{ unit: p.unit_id, roles: ['unit_head'], orElse: ['unit_liaison'] }], {
        kind: 'deadline_tomorrow',
        title: `问题 ${p.code} 将于 ${fmt(p.deadline)} 到期`,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
      await appendEvent(tx, { problemId: p.id, action: 'remind', from: null, to: null, actorId: null, actorName: '系统', at: now });
      await recordEvent(tx, ctx, { action: 'problem.reminded', subjectType: 'problem', subjectId: p.id });
      reminded += 1;
    });
  }

  const late = (await candidates(ctx).where('p.supervised_at', 'is', null).where('p.deadline', '<=', now).execute()) as Due[];
  for (const p of late) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, p.id, 'supervised_at', now))) return;
      const code = await nextCode(tx, 'DB', p.region_id, now);
      const notice = await tx
        .insertInto('supervision_notices')
        .values({
          code,
          problem_id: p.id,
          unit_id: p.unit_id,
          issued_at: now,
          deadline: new Date(now.getTime() + p.escalate_after_hours * HOUR_MS),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await notify(
        ctx,
        tx,
        [{ unit: p.unit_id, roles: ['unit_head', 'unit_liaison'] }, { nearestOffice: p.region_path }, { siteLeadOf: p.id }],
        {
          kind: 'supervised',
          title: `督办：问题 ${p.code} 已超期（${p.unit_name ?? ''}）`,
          body: `督办单 ${code}，请 ${formatHours(p.escalate_after_hours)}内整改到位`,
          link: problemLink(p.id),
          problemId: p.id,
          regionPath: p.region_path,
        },
      );
      await appendEvent(tx, {
        problemId: p.id,
        action: 'supervise',
        from: null,
        to: null,
        actorId: null,
        actorName: '系统',
        at: now,
        payload: { noticeId: notice.id, noticeCode: code },
      });
      await recordEvent(tx, ctx, { action: 'problem.supervised', subjectType: 'problem', subjectId: p.id, after: { notice_code: code } });
      supervised += 1;
    });
  }

  const escalate = (await candidates(ctx)
    .where('p.escalated_at', 'is', null)
    .where('p.supervised_at', '<=', new Date(now.getTime() - span.minEscalate * HOUR_MS))
    .where(
      sql<boolean>`p.supervised_at <= cast(${now} as timestamptz) - ${thresholdFor('r.path', 'escalate_after_hours')} * interval '1 hour'`,
    )
    .execute()) as Due[];
  for (const p of escalate) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, p.id, 'escalated_at', now))) return;
      const leaders = await linkedLeaders(tx, p.unit_id);
      const names = leaders.map((l) => l.name).join('、') || '（未配置结对领导）';
      await sql`update supervision_notices set escalated_at = ${now}, escalated_to = ${names} where problem_id = ${p.id} and escalated_at is null`.execute(
        tx,
      );
      await notify(ctx, tx, [{ linkedLeaders: p.unit_id }, { unit: p.unit_id, roles: ['unit_head'] }, { nearestOffice: p.region_path }], {
        kind: 'escalated',
        title: `升级督办：问题 ${p.code} 督办 ${formatHours(p.escalate_after_hours)}后仍未整改`,
        body: `责任单位：${p.unit_name ?? ''}；结对领导：${names}`,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
      await appendEvent(tx, {
        problemId: p.id,
        action: 'escalate',
        from: null,
        to: null,
        actorId: null,
        actorName: '系统',
        at: now,
        payload: { leaders: names },
      });
      await recordEvent(tx, ctx, { action: 'problem.escalated', subjectType: 'problem', subjectId: p.id, after: { leaders: names } });
      escalated += 1;
    });
  }
  // Deliver what this sweep queued now (the scheduled drain would within seconds).
  await drainJobs(ctx.db, now);
  return { reminded, supervised, escalated };
}
