/**
 * 首页: what is waiting for this person, decided by the permissions they hold (never by role names). Cards and
 * to-dos for every role, then the work of their role: the 领导驾驶舱 (problems.metrics), today's rounds of an inspector
 * (inspections.visit), the sites a 点长 leads, a unit's open problems by deadline (problems.unit), a reporter's own
 * reports. Only facts the platform really holds; every problem figure goes through platform/visibility.ts.
 */
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { homeResponse } from '../../../common/contracts';
import type { Ctx } from '../../platform/context';
import { can, holds, scopeWhere } from '../../platform/policy';
import { problemCountableSql, roundIdVisibleSql } from '../../platform/visibility';
import { leaderCockpit } from './cockpit';
import { ledSites, todaysRounds } from './field-work';
import { problemList } from './problem-lists';

export interface HomeCard {
  key: string;
  title: string;
  value: number | string;
  hint?: string;
  link?: string;
}
export interface HomeTodo {
  key: string;
  title: string;
  count: number;
  link: string;
}

type Home = z.output<typeof homeResponse>;

/** Cards, to-dos and the role's sections for the actor. */
export async function whatsWaiting(ctx: Ctx): Promise<Home> {
  const { actor, db } = ctx;
  const now = ctx.clock.now();
  const cards: HomeCard[] = [];
  const todos: HomeTodo[] = [];
  const home: Home = { cards, todos };

  if (holds(actor, 'users.create')) {
    const r = await db
      .selectFrom('users')
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`count(*) filter (where locked_until > ${now})::int`.as('locked'),
        sql<number>`count(*) filter (where must_change_password and active)::int`.as('must_change'),
        sql<number>`count(*) filter (where not active)::int`.as('disabled'),
      ])
      .executeTakeFirstOrThrow();
    cards.push({ key: 'users', title: '账号总数', value: r.total, link: '/system/users' });
    cards.push({ key: 'users-disabled', title: '已停用账号', value: r.disabled, link: '/system/users?status=disabled' });
    if (r.locked) todos.push({ key: 'locked', title: '被锁定的账号待核实解锁', count: r.locked, link: '/system/users?status=locked' });
    if (r.must_change)
      todos.push({ key: 'must-change', title: '尚未修改初始密码的账号', count: r.must_change, link: '/system/users?status=mustChange' });
  }

  if (holds(actor, 'audit.list')) {
    const dayStart = new Date(now.getTime() - 24 * 3600_000);
    const r = await db
      .selectFrom('audit_events')
      .select([
        sql<number>`count(*)::int`.as('events'),
        sql<number>`count(*) filter (where action in ('auth.login_failed','auth.account_locked','auth.login_refused_locked'))::int`.as(
          'failed',
        ),
      ])
      .where('occurred_at', '>=', dayStart)
      .executeTakeFirstOrThrow();
    cards.push({ key: 'audit-24h', title: '近 24 小时操作记录', value: r.events, link: '/audit' });
    cards.push({ key: 'audit-failed', title: '近 24 小时登录失败', value: r.failed, link: '/audit?action=auth.' });
    if (r.failed) todos.push({ key: 'failed-logins', title: '登录失败与锁定事件待审查', count: r.failed, link: '/audit?action=auth.' });
  }

  if (holds(actor, 'regions.create')) {
    const r = await db
      .selectFrom('regions')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    cards.push({ key: 'regions', title: '区划数', value: r.n, link: '/org/regions' });
  }

  if (holds(actor, 'units.list')) {
    const r = await db
      .selectFrom('units')
      .innerJoin('regions as r', 'r.id', 'units.region_id')
      .where((eb) => scopeWhere(eb, actor, 'units.list', { regionPath: eb.ref('r.path'), unitId: eb.ref('units.id') }))
      .where('units.active', '=', true)
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`count(*) filter (where units.liaison_phone is null or units.head_phone is null)::int`.as('no_contact'),
      ])
      .executeTakeFirstOrThrow();
    const ownUnitOnly = !holds(actor, 'units.create');
    // Those who keep the registry see how many units there are; a unit's own people get the to-do below, if any.
    if (!ownUnitOnly) cards.push({ key: 'units', title: '责任单位', value: r.total, link: '/org/units' });
    if (r.no_contact && can(actor, 'units.update')) {
      todos.push({
        key: 'unit-contacts',
        title: ownUnitOnly ? '完善本单位一把手、联络员电话' : '单位未登记一把手或联络员电话',
        count: r.no_contact,
        link: '/org/units',
      });
    }
  }

  // The campaigns card for those who run or oversee a campaign (the menu's 创建项目 follows the same rule).
  if (holds(actor, 'campaigns.update') || holds(actor, 'indicators.read')) {
    const rows = await db
      .selectFrom('campaigns')
      .innerJoin('regions as r', 'r.id', 'campaigns.region_id')
      .where((eb) =>
        scopeWhere(eb, actor, 'campaigns.list', {
          campaignId: eb.ref('campaigns.id'),
          regionPath: eb.ref('r.path'),
          areaPath: eb.ref('r.path'),
        }),
      )
      .select(['campaigns.id', 'campaigns.name', 'campaigns.cycle_end_year', 'campaigns.status'])
      .orderBy('campaigns.cycle_end_year')
      .execute();
    const active = rows.filter((c) => c.status === 'active');
    cards.push({
      key: 'campaigns',
      title: '创建中的项目',
      value: active.length,
      hint: active.map((c) => c.name).join('、') || undefined,
      link: '/org/campaigns',
    });
    if (holds(actor, 'campaigns.manageGroup') && active.length) {
      const empty = await db
        .selectFrom('campaigns')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(
          'id',
          'in',
          active.map((c) => c.id),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('leading_group_members as m').select('m.id').whereRef('m.campaign_id', '=', 'campaigns.id'))),
        )
        .executeTakeFirstOrThrow();
      if (empty.n) todos.push({ key: 'empty-groups', title: '创建项目尚未配置领导小组', count: empty.n, link: '/org/campaigns' });
    }
  }
  await problemWork(ctx, cards, todos);
  await roleWork(ctx, home);
  return home;
}

/** The sections of the role's own work. */
async function roleWork(ctx: Ctx, home: Home): Promise<void> {
  const { actor, db } = ctx;
  const now = ctx.clock.now();
  const [cockpit, rounds, sites] = await Promise.all([
    holds(actor, 'problems.metrics') ? leaderCockpit(ctx) : undefined,
    holds(actor, 'inspections.visit') ? todaysRounds(ctx) : undefined,
    holds(actor, 'sites.read') ? ledSites(ctx) : null,
  ]);
  if (cockpit) {
    home.cockpit = cockpit;
    if (cockpit.escalated.total)
      home.todos.push({
        key: 'escalated',
        title: '升级督办待批示',
        count: cockpit.escalated.total,
        link: `/problems/${cockpit.escalated.items[0].id}`,
      });
  }
  if (rounds) {
    home.rounds = rounds;
    const due = rounds.reduce((n, r) => n + r.sites - r.visited, 0);
    if (due) home.todos.push({ key: 'rounds-due', title: '今日待测评点位', count: due, link: '/inspect' });
  }
  if (sites) {
    home.sites = sites;
    if (sites.problems.total)
      home.todos.push({ key: 'site-problems', title: '我负责点位的在办问题', count: sites.problems.total, link: '/problems' });
  }
  if (holds(actor, 'problems.unit')) {
    home.inbox = await problemList(db, {
      where: sql<SqlBool>`p.state in ('dispatched', 'rectifying', 'verifying') and ${problemCountableSql(actor, 'problems.unit', {
        regionPath: sql.ref('r.path'),
        unitId: sql.ref('p.unit_id'),
        roundId: sql.ref('p.round_id'),
      })}`,
      order: 'deadline',
      limit: 8,
      now,
    });
  }
  if (holds(actor, 'problems.report') && !holds(actor, 'problems.list')) {
    const mine = sql<SqlBool>`p.reporter_id = ${actor.id || null} and ${roundIdVisibleSql(actor, sql.ref('p.round_id'))}`;
    const [list, open] = await Promise.all([
      problemList(db, { where: mine, order: 'newest', limit: 8, now }),
      sql<{ n: number }>`select count(*)::int as n from problems p where ${mine} and p.state not in ('closed', 'rejected')`
        .execute(db)
        .then((r) => r.rows[0].n),
    ]);
    home.reports = { ...list, open };
  }
}

/** The problem loop's share of the home page: what waits for the office, the unit and the verifier. */
async function problemWork(ctx: Ctx, cards: HomeCard[], todos: HomeTodo[]): Promise<void> {
  const { actor, db } = ctx;
  const now = ctx.clock.now();
  const tomorrow = new Date(now.getTime() + 24 * 3600_000);
  const counts = (permission: string) =>
    sql<{
      pending: number;
      extension: number;
      verifying: number;
      overdue: number;
      dispatched: number;
      rectifying: number;
      due_soon: number;
      open: number;
      disputed: number;
    }>`
      select count(*) filter (where p.state = 'pending')::int as pending,
             count(*) filter (where p.extension_requested_days is not null and p.state = 'rectifying')::int as extension,
             count(*) filter (where p.state = 'verifying' and p.rectified_by is distinct from ${actor.id})::int as verifying,
             count(*) filter (where p.state in ('dispatched','rectifying') and p.deadline < ${now})::int as overdue,
             count(*) filter (where p.state = 'dispatched')::int as dispatched,
             count(*) filter (where p.state = 'rectifying')::int as rectifying,
             count(*) filter (where p.state in ('dispatched','rectifying') and p.deadline >= ${now} and p.deadline < ${tomorrow})::int as due_soon,
             count(*) filter (where p.state not in ('closed','rejected'))::int as open,
             count(*) filter (where p.state = 'accepted' and p.dispute_count > 0)::int as disputed
      from problems p join regions r on r.id = p.region_id
      where ${problemCountableSql(actor, permission, { regionPath: sql.ref('r.path'), unitId: sql.ref('p.unit_id'), roundId: sql.ref('p.round_id') })}`
      .execute(db)
      .then((r) => r.rows[0]);

  if (holds(actor, 'problems.office')) {
    const c = await counts('problems.office');
    // Who also reads the cockpit sees these figures there.
    if (!holds(actor, 'problems.metrics')) {
      cards.push({ key: 'problems-open', title: '在办问题', value: c.open, link: '/problems' });
      cards.push({ key: 'problems-overdue', title: '超期问题', value: c.overdue, link: '/problems?overdue=true' });
    }
    if (c.pending)
      todos.push({ key: 'problems-pending', title: '上报问题待受理（立案）', count: c.pending, link: '/problems?state=pending' });
    if (c.disputed)
      todos.push({ key: 'problems-disputed', title: '退回待重新派遣', count: c.disputed, link: '/problems/workbench?disputed=true' });
    if (c.extension)
      todos.push({ key: 'problems-extension', title: '延期申请待审批', count: c.extension, link: '/problems?state=rectifying' });
    if (c.overdue) todos.push({ key: 'problems-overdue', title: '超期问题待督办', count: c.overdue, link: '/problems?overdue=true' });
  }
  if (holds(actor, 'problems.verify')) {
    const c = await counts('problems.verify');
    if (c.verifying)
      todos.push({ key: 'problems-verify', title: '整改已提交待核查', count: c.verifying, link: '/problems?state=verifying' });
  }
  if (holds(actor, 'problems.unit')) {
    const c = await counts('problems.unit');
    if (c.dispatched) todos.push({ key: 'unit-acknowledge', title: '派遣问题待签收', count: c.dispatched, link: '/problems/inbox' });
    if (c.due_soon) todos.push({ key: 'unit-due-soon', title: '24 小时内到期的问题', count: c.due_soon, link: '/problems/inbox' });
    if (c.overdue) todos.push({ key: 'unit-overdue', title: '已超期问题，请尽快整改', count: c.overdue, link: '/problems/inbox' });
  }
  if (holds(actor, 'problems.report') && !holds(actor, 'problems.list')) {
    const r = await db
      .selectFrom('problems')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('reporter_id', '=', actor.id)
      .executeTakeFirstOrThrow();
    cards.push({ key: 'my-reports', title: '我上报的问题', value: r.n, link: '/field' });
  }
}
