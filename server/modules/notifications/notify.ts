/**
 * Notices as jobs after commit. A command calls `notify(ctx, tx, recipients, notice)` inside its transaction; that
 * writes one `outbox_jobs` row (platform/jobs-after-commit.ts) holding the notice and its recipients as DATA:
 *
 *   { users: [ids] }                         these people
 *   { unit, roles, orElse? }                 people holding one of the roles on the unit (else the `orElse` roles)
 *   { nearestOffice: regionPath }            the office of the nearest region at or above the path that has one —
 *                                            a town's problem reaches its county office, not the city's as well
 *   { linkedLeaders: unitId }                leaders linked to the unit through a leading group (结对联创)
 *   { siteLeadOf: problemId }                the 点长 of the problem's site (sites.lead_user_id) — but never for a
 *                                            finding of a covert round not yet released (platform/visibility.ts)
 *
 * After COMMIT the job is delivered (`deliverNotice`): recipients are resolved then (grants as they are at delivery,
 * inactive accounts skipped), and each channel the notice kind is configured for (`notice_channels`, region-scoped:
 * the nearest region's row wins, the row without a region is the shipped default) delivers it:
 *
 *   in_app   the bell (`notifications`); on unless a row switches it off
 *   sms      `message_outbox` (platform/outbox.ts: handed to the SMS transport after the drain commits, DATA_DIR/outbox
 *            in this offline product); opt-in per kind, e.g. 督办/升级督办 to the unit head, and per person (users.sms_notices,
 *            set in 个人中心); recipients without a phone number or who did not opt in are skipped
 *   webhook  an interface only (`NoticeChannel`): a provider writes its own outbox row here (URL from configuration,
 *            the notice as JSON) and posts it after commit the way SMS does; no provider ships, so rows are ignored
 *
 * A channel row may name `roles`: only recipients holding one of them get the notice on that channel.
 *
 * The drain delivers the notice jobs it claimed together (`deliverNotices`, a batch handler): each kind of recipient
 * spec is resolved for the whole batch in one read, the channel rows of all its kinds in one, and the bell rows of
 * every notice in one INSERT — a few statements per drain whatever the number of notices. `deliverNotice` (one
 * job) is the same path with a batch of one; the drain falls back to it when a batch fails.
 */
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db';
import {
  enqueueJob,
  noteMessageQueued,
  registerBatchJobHandler,
  registerJobHandler,
  type AfterCommitTracker,
  type OutboxJob,
} from '../../platform/jobs-after-commit';
import { queueSms } from '../../platform/outbox';
import { roundPublishedSql } from '../../platform/visibility';
import { nearest, pathIds } from '../problem-settings/resolve';

export type NoticeKind =
  | 'dispatched'
  | 'deadline_tomorrow'
  | 'returned'
  | 'overdue'
  | 'supervised'
  | 'escalated'
  | 'reported'
  | 'extension'
  | 'verified'
  | 'evaluation'
  | 'exposure'
  | 'task_progress'
  | 'task_reminder'
  | 'project'
  | 'volunteer_activity'
  | 'honour';

export interface Notice {
  kind: NoticeKind;
  title: string;
  body?: string | null;
  link?: string;
  problemId?: string;
  /** Where the matter is: channel settings resolve for this region. */
  regionPath?: string | null;
}

export type Recipients =
  | { users: Array<string | null | undefined> }
  | { unit: string; roles: string[]; orElse?: string[] }
  | { nearestOffice: string }
  | { linkedLeaders: string }
  | { siteLeadOf: string };

interface NoticeJob {
  notice: Notice;
  to: Recipients[];
}

/** Queues a notice in the caller's transaction; it is delivered after COMMIT (never when the transaction rolls back). */
export async function notify(
  ctx: { clock: Clock; afterCommit?: AfterCommitTracker },
  tx: Tx,
  to: Recipients[],
  notice: Notice,
): Promise<void> {
  await enqueueJob(tx, ctx, noticeJob(to, notice));
}

/** The notice as a job (for `enqueueJob`; a report sends only its payload to its statement's shared `notices` job); the caller counts it in `ctx.afterCommit`. */
export function noticeJob(to: Recipients[], notice: Notice) {
  const job: NoticeJob = { notice, to: to.map((r) => ('users' in r ? { users: r.users.filter((x): x is string => !!x) } : r)) };
  return { kind: 'notice', subjectType: notice.problemId ? 'problem' : null, subjectId: notice.problemId ?? null, payload: job };
}

/** Active users holding one of the roles on the unit (e.g. the unit head and liaisons). */
export async function unitPeople(tx: Tx, unitId: string, roles: string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('user_roles as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .where('g.scope_type', '=', 'unit')
    .where('g.scope_id', '=', unitId)
    .where('g.role', 'in', roles)
    .where('u.active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The office of the nearest region at or above `regionPath` that has an active office account (none: []). */
export async function nearestOffice(tx: Tx, regionPath: string): Promise<string[]> {
  const ids = pathIds(regionPath);
  if (!ids.length) return [];
  return pickNearestOffice(await officesIn(tx, ids), regionPath);
}

/** Active office accounts on any of the regions (id, the region). */
function officesIn(tx: Tx, regionIds: string[]) {
  return tx
    .selectFrom('user_roles as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'g.scope_id'])
    .where('g.scope_type', '=', 'region')
    .where('g.role', '=', 'office')
    .where('g.scope_id', 'in', regionIds)
    .where('u.active', '=', true)
    .execute();
}

/** From office accounts on the regions of a path, those of the nearest region that has any. */
function pickNearestOffice(rows: Array<{ id: string; scope_id: string | null }>, regionPath: string): string[] {
  for (const regionId of pathIds(regionPath)) {
    const here = rows.filter((r) => r.scope_id === regionId).map((r) => r.id);
    if (here.length) return here;
  }
  return [];
}

/** Leaders linked to the unit through a leading group (结对联创), with a user account. */
export async function linkedLeaders(tx: Tx, unitId: string): Promise<Array<{ id: string; name: string }>> {
  return tx
    .selectFrom('leading_group_unit_links as l')
    .innerJoin('leading_group_members as m', 'm.id', 'l.member_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'm.name'])
    .where('l.unit_id', '=', unitId)
    .where('u.active', '=', true)
    .execute();
}

/**
 * The 点长 of a problem's site, as the site names him now; none while the problem is a finding of an unreleased covert
 * round (the 点长 is among the inspected: he learns of it at release, like everyone outside the team).
 */
export async function siteLeadOf(tx: Tx, problemId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('problems as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .innerJoin('users as u', 'u.id', 's.lead_user_id')
    .select('u.id')
    .where('p.id', '=', problemId)
    .where('u.active', '=', true)
    .where(roundPublishedSql(sql.ref('p.round_id')))
    .execute();
  return rows.map((r) => r.id);
}

/** The people a recipient spec names, as resolved now. */
export async function resolveRecipients(tx: Tx, to: Recipients[]): Promise<string[]> {
  return (await resolveRecipientsOfMany(tx, [to]))[0];
}

/**
 * The people each of several recipient lists names, as resolved now: one read per kind of spec for all the lists
 * together (the users, the units' people, the offices on every path, the linked leaders, the sites' 点长).
 */
export async function resolveRecipientsOfMany(tx: Tx, lists: Recipients[][]): Promise<string[][]> {
  const specs = lists.flat();
  const named = [...new Set(specs.flatMap((r) => ('users' in r ? r.users.filter((x): x is string => !!x) : [])))];
  const units = specs.filter((r): r is Extract<Recipients, { unit: string }> => 'unit' in r);
  const paths = specs.flatMap((r) => ('nearestOffice' in r ? [r.nearestOffice] : []));
  const leaderUnits = [...new Set(specs.flatMap((r) => ('linkedLeaders' in r ? [r.linkedLeaders] : [])))];
  const siteProblems = [...new Set(specs.flatMap((r) => ('siteLeadOf' in r ? [r.siteLeadOf] : [])))];

  const active = new Set(
    named.length
      ? (await tx.selectFrom('users').select('id').where('id', 'in', named).where('active', '=', true).execute()).map((u) => u.id)
      : [],
  );
  const unitRows = units.length
    ? await tx
        .selectFrom('user_roles as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['g.scope_id as unit_id', 'g.role', 'u.id'])
        .where('g.scope_type', '=', 'unit')
        .where('g.scope_id', 'in', [...new Set(units.map((r) => r.unit))])
        .where('g.role', 'in', [...new Set(units.flatMap((r) => [...r.roles, ...(r.orElse ?? [])]))])
        .where('u.active', '=', true)
        .execute()
    : [];
  const pathRegionIds = [...new Set(paths.flatMap((p) => pathIds(p)))];
  const offices = pathRegionIds.length ? await officesIn(tx, pathRegionIds) : [];
  const leaders = leaderUnits.length
    ? await tx
        .selectFrom('leading_group_unit_links as l')
        .innerJoin('leading_group_members as m', 'm.id', 'l.member_id')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['l.unit_id', 'u.id'])
        .where('l.unit_id', 'in', leaderUnits)
        .where('u.active', '=', true)
        .execute()
    : [];
  const siteLeads = siteProblems.length
    ? await tx
        .selectFrom('problems as p')
        .innerJoin('sites as s', 's.id', 'p.site_id')
        .innerJoin('users as u', 'u.id', 's.lead_user_id')
        .select(['p.id as problem_id', 'u.id'])
        .where('p.id', 'in', siteProblems)
        .where('u.active', '=', true)
        .where(roundPublishedSql(sql.ref('p.round_id')))
        .execute()
    : [];

  const peopleOf = (unit: string, roles: string[]) => unitRows.filter((r) => r.unit_id === unit && roles.includes(r.role)).map((r) => r.id);
  return lists.map((to) => {
    const out = new Set<string>();
    for (const r of to) {
      let ids: string[] = [];
      if ('users' in r) ids = r.users.filter((x): x is string => !!x && active.has(x));
      else if ('unit' in r) {
        ids = peopleOf(r.unit, r.roles);
        if (!ids.length && r.orElse?.length) ids = peopleOf(r.unit, r.orElse);
      } else if ('nearestOffice' in r) ids = pickNearestOffice(offices, r.nearestOffice);
      else if ('linkedLeaders' in r) ids = leaders.filter((l) => l.unit_id === r.linkedLeaders).map((l) => l.id);
      else if ('siteLeadOf' in r) ids = siteLeads.filter((l) => l.problem_id === r.siteLeadOf).map((l) => l.id);
      for (const id of ids) out.add(id);
    }
    return [...out];
  });
}

export interface ChannelSetting {
  channel: string;
  enabled: boolean;
  roles: string[] | null;
  /** The region whose row applies (null: the shipped default; undefined: no row, the built-in default). */
  regionId?: string | null;
}

/** The channels configured for a notice kind at a region: nearest region's row per channel; in-app on by default. */
export async function channelsFor(tx: Tx, kind: string, regionPath: string | null | undefined): Promise<ChannelSetting[]> {
  const rows = await tx
    .selectFrom('notice_channels')
    .select(['region_id', 'channel', 'enabled', 'roles'])
    .where('kind', '=', kind)
    .execute();
  return channelsFrom(rows, regionPath);
}

type ChannelRow = { region_id: string | null; channel: string; enabled: boolean; roles: string[] | null };

/** The channel settings at a region from a kind's `notice_channels` rows. */
function channelsFrom(rows: ChannelRow[], regionPath: string | null | undefined): ChannelSetting[] {
  const out: ChannelSetting[] = [];
  for (const channel of ['in_app', 'sms', 'webhook']) {
    const row = nearest(
      regionPath,
      rows.filter((r) => r.channel === channel),
    );
    if (row) out.push({ channel, enabled: row.enabled, roles: row.roles, regionId: row.region_id });
    else if (channel === 'in_app') out.push({ channel, enabled: true, roles: null });
  }
  return out;
}

/** One notice for its recipients on a channel. */
export interface NoticeDelivery {
  job: OutboxJob;
  notice: Notice;
  userIds: string[];
}

/**
 * A delivery channel: writes its deliveries for the resolved recipients in the drain's transaction; `deliverMany`
 * (optional) writes a whole drain's deliveries at once.
 */
export interface NoticeChannel {
  deliver(tx: Tx, job: OutboxJob, notice: Notice, userIds: string[]): Promise<void>;
  deliverMany?(tx: Tx, deliveries: NoticeDelivery[]): Promise<void>;
}

const inApp: NoticeChannel = {
  async deliver(tx, job, notice, userIds) {
    await this.deliverMany!(tx, [{ job, notice, userIds }]);
  },
  async deliverMany(tx, deliveries) {
    const rows = deliveries.flatMap(({ job, notice: n, userIds }) =>
      userIds.map((user_id) => ({
        user_id,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        problem_id: n.problemId ?? null,
        created_at: job.created_at,
      })),
    );
    if (rows.length) await tx.insertInto('notifications').values(rows).execute();
  },
};

const sms: NoticeChannel = {
  async deliver(tx, job, n, userIds) {
    // Only people who opted in (个人中心 → 短信提醒) and have a number.
    const people = await tx
      .selectFrom('users')
      .select(['id', 'phone'])
      .where('id', 'in', userIds)
      .where('phone', 'is not', null)
      .where('sms_notices', '=', true)
      .execute();
    const text = `【创城】${n.title}${n.body ? `：${n.body}` : ''}`.slice(0, 300);
    for (const p of people) {
      if (!p.phone) continue;
      await queueSms(tx, { recipient: p.phone, userId: p.id, purpose: `notice:${n.kind}`, body: text, now: job.created_at });
      noteMessageQueued();
    }
  },
};

/** Channels with a provider in this build; a `notice_channels` row for any other channel is ignored. */
export const NOTICE_CHANNELS: Record<string, NoticeChannel> = { in_app: inApp, sms };

/** Delivers one notice job: recipients resolved now, then every enabled channel. */
export async function deliverNotice(tx: Tx, job: OutboxJob): Promise<void> {
  await deliverNotices(tx, [job]);
}

/**
 * Delivers notice jobs together: recipients of all of them resolved now (one read per kind of spec), the channel
 * rows of their kinds in one read, the role filter of channels that name roles in one read, then each channel's
 * deliveries at once (the bell: one INSERT).
 */
export async function deliverNotices(tx: Tx, jobs: OutboxJob[]): Promise<void> {
  const items = jobs.map((job) => ({ job, ...(job.payload as NoticeJob) }));
  const people = await resolveRecipientsOfMany(
    tx,
    items.map((i) => i.to),
  );
  const live = items.map((item, i) => ({ ...item, userIds: people[i] })).filter((item) => item.userIds.length);
  if (!live.length) return;
  const kinds = [...new Set(live.map((i) => i.notice.kind))];
  const channelRows = await tx
    .selectFrom('notice_channels')
    .select(['kind', 'region_id', 'channel', 'enabled', 'roles'])
    .where('kind', 'in', kinds)
    .execute();
  const planned = live.map((item) => ({
    ...item,
    settings: channelsFrom(
      channelRows.filter((r) => r.kind === item.notice.kind),
      item.notice.regionPath,
    ).filter((s) => s.enabled && NOTICE_CHANNELS[s.channel]),
  }));
  // Channels that name roles: who of the recipients holds which of them (any scope), in one read.
  const named = [...new Set(planned.flatMap((p) => p.settings.flatMap((s) => s.roles ?? [])))];
  const held = new Map<string, Set<string>>();
  if (named.length) {
    const candidates = [...new Set(planned.filter((p) => p.settings.some((s) => s.roles)).flatMap((p) => p.userIds))];
    const rows = await tx
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('user_id', 'in', candidates)
      .where('role', 'in', named)
      .execute();
    for (const r of rows) held.set(r.user_id, (held.get(r.user_id) ?? new Set()).add(r.role));
  }
  const byChannel = new Map<string, NoticeDelivery[]>();
  for (const p of planned) {
    for (const s of p.settings) {
      const ids = s.roles ? p.userIds.filter((id) => s.roles!.some((role) => held.get(id)?.has(role))) : p.userIds;
      if (!ids.length) continue;
      const delivery = { job: p.job, notice: p.notice, userIds: ids };
      if (byChannel.has(s.channel)) byChannel.get(s.channel)!.push(delivery);
      else byChannel.set(s.channel, [delivery]);
    }
  }
  for (const [name, deliveries] of byChannel) {
    const channel = NOTICE_CHANNELS[name];
    if (channel.deliverMany) await channel.deliverMany(tx, deliveries);
    else for (const d of deliveries) await channel.deliver(tx, d.job, d.notice, d.userIds);
  }
}

/**
 * Several notices in one job (`{ notices: NoticeJob[] }`): the reports written by one statement queue their notices
 * this way (problems/report-statements.ts), one job row per batch. Each notice is delivered as a 'notice' job would be.
 */
export const NOTICES_JOB = 'notices';
const eachNotice = (jobs: OutboxJob[]): OutboxJob[] =>
  jobs.flatMap((job) => (job.payload as { notices: NoticeJob[] }).notices.map((n) => ({ ...job, kind: 'notice', payload: n })));

registerJobHandler('notice', deliverNotice);
registerBatchJobHandler('notice', deliverNotices);
registerJobHandler(NOTICES_JOB, (tx, job) => deliverNotices(tx, eachNotice([job])));
registerBatchJobHandler(NOTICES_JOB, (tx, jobs) => deliverNotices(tx, eachNotice(jobs)));
