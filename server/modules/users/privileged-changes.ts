/**
 * 三员变更审批: a change to a 三员 account waits as a `privileged_changes` row until a holder of a different 三员
 * role — never the requester, never the account concerned — approves or rejects it. Approving applies it in one
 * transaction with its audit events, and any temporary password goes by SMS to the owner's phone (outbox).
 */
import type { z } from 'zod';
import type { privilegedChangeResponse } from '../../../common/contracts';
import { ROLE_LABELS } from '../../../common/labels';
import type { Role } from '../../../common/roles';
import { recordEvent } from '../../platform/audit';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { endUserSessions } from '../../platform/auth/sessions';
import { clearUserThrottle } from '../../platform/auth/throttle';
import { revokeUserTokens } from '../../platform/auth/tokens';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { deliverPending, maskPhone, queueSms, type MessageTransport } from '../../platform/outbox';
import { authorize } from '../../platform/policy';
import { insertUser } from './create-user';
import type { CreateUserInput, UpdateUserInput } from './schemas';
import { requireOwnerMobile, separatedRoleOf } from './separation';
import { applyUserUpdate } from './update-user';

export type ChangeKind = 'create_user' | 'update_user' | 'reset_password';
export const KIND_LABELS: Record<ChangeKind, string> = {
  create_user: '新建三员账号',
  update_user: '修改三员账号',
  reset_password: '重置三员账号密码',
};

export interface Delivery {
  channel: 'sms';
  to: string;
  message: string;
}

/** Files a request (the requester is the 安全管理员 who asked for the change). */
export async function requestPrivilegedChange(
  ctx: Ctx,
  input: { kind: ChangeKind; targetUserId: string | null; targetVersion: number | null; payload: object; summary: string },
) {
  const requesterRole = separatedRoleOf(ctx.actor);
  if (!requesterRole) throw new AppError('forbidden', '只有三员可以申请三员账号变更');
  return ctx.db.transaction().execute(async (tx) => {
    if (input.targetUserId) {
      const open = await tx
        .selectFrom('privileged_changes')
        .select('id')
        .where('target_user_id', '=', input.targetUserId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (open) throw new AppError('conflict', '该账号已有待审批的变更，请等待审批或撤回后再申请');
    }
    const row = await tx
      .insertInto('privileged_changes')
      .values({
        kind: input.kind,
        target_user_id: input.targetUserId,
        target_version: input.targetVersion,
        payload: JSON.stringify(input.payload),
        summary: input.summary,
        requested_by: ctx.actor.id,
        requester_role: requesterRole,
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'privileged_change.requested',
      subjectType: 'privileged_change',
      subjectId: row.id,
      after: { kind: input.kind, target_user_id: input.targetUserId, summary: input.summary },
    });
    return row.id;
  });
}

function listQuery(db: Db | Tx) {
  return db
    .selectFrom('privileged_changes as c')
    .leftJoin('users as t', 't.id', 'c.target_user_id')
    .leftJoin('users as r', 'r.id', 'c.requested_by')
    .leftJoin('users as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.kind',
      'c.summary',
      'c.status',
      'c.target_user_id',
      'c.requested_by',
      'c.requester_role',
      'c.decided_by',
      'c.decided_at',
      'c.decision_note',
      'c.result_user_id',
      'c.created_at',
      't.username as target_username',
      't.name as target_name',
      'r.name as requester_name',
      'd.name as decider_name',
    ]);
}
type ChangeRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

/** Why the actor may not approve or reject this change, or null when they may. */
function deciderProblem(ctx: Ctx, c: { requested_by: string; requester_role: string; target_user_id: string | null }): string | null {
  const role = separatedRoleOf(ctx.actor);
  if (!role) return '只有三员可以审批';
  if (ctx.actor.id === c.requested_by) return '申请人不能审批自己的申请';
  if (role === c.requester_role) return `须由与申请人不同的三员（非${ROLE_LABELS[c.requester_role as Role] ?? c.requester_role}）审批`;
  if (ctx.actor.id === c.target_user_id) return '不能审批涉及本人账号的变更';
  return null;
}

/** A change as the API shows it (never a password). */
export function presentChange(ctx: Ctx, c: ChangeRow): z.output<typeof privilegedChangeResponse> {
  const pending = c.status === 'pending';
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: KIND_LABELS[c.kind],
    summary: c.summary,
    status: c.status,
    targetUser: c.target_user_id ? { id: c.target_user_id, username: c.target_username, name: c.target_name } : null,
    resultUserId: c.result_user_id,
    requestedBy: { id: c.requested_by, name: c.requester_name, role: c.requester_role as Role },
    createdAt: c.created_at,
    decidedBy: c.decided_by ? { id: c.decided_by, name: c.decider_name } : null,
    decidedAt: c.decided_at,
    decisionNote: c.decision_note,
    abilities: {
      approve: pending && !deciderProblem(ctx, c),
      reject: pending && !deciderProblem(ctx, c),
      withdraw: pending && c.requested_by === ctx.actor.id,
    },
  };
}

/** One change, for the 三员. */
export async function getChange(ctx: Ctx, id: string) {
  authorize(ctx.actor, 'users.reviewPrivileged');
  const row = await listQuery(ctx.db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('审批申请');
  return presentChange(ctx, row);
}

/** Changes by status (newest first), for the 三员. */
export async function listChanges(ctx: Ctx, status: 'pending' | 'decided') {
  authorize(ctx.actor, 'users.reviewPrivileged');
  let q = listQuery(ctx.db);
  q = status === 'pending' ? q.where('c.status', '=', 'pending') : q.where('c.status', '!=', 'pending');
  const rows = await q.orderBy('c.created_at', 'desc').limit(200).execute();
  return rows.map((r) => presentChange(ctx, r));
}

/** Claims a pending change for a decision inside the transaction (a second decider gets 409). */
async function claim(tx: Tx, ctx: Ctx, id: string, status: 'approved' | 'rejected' | 'withdrawn', note: string | null) {
  const row = await tx
    .updateTable('privileged_changes')
    .set({ status, decided_by: ctx.actor.id, decided_at: ctx.clock.now(), decision_note: note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', '该申请已被处理，请刷新');
  return row;
}

async function loadForDecision(ctx: Ctx, id: string) {
  authorize(ctx.actor, 'users.reviewPrivileged');
  const c = await ctx.db.selectFrom('privileged_changes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('审批申请');
  if (c.status !== 'pending') throw new AppError('conflict', '该申请已被处理，请刷新');
  return c;
}

/** Gives the account a temporary password that only its owner receives (SMS); ends its sessions and tokens. */
async function issueOwnerPassword(tx: Tx, ctx: Ctx, userId: string, reason: string): Promise<Delivery> {
  const user = await tx.selectFrom('users').select(['id', 'username', 'name', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();
  const phone = requireOwnerMobile(user.phone);
  const password = temporaryPassword();
  const now = ctx.clock.now();
  await tx
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: true, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await clearUserThrottle(tx, userId);
  await endUserSessions(tx, userId, now);
  await revokeUserTokens(tx, userId, now);
  await queueSms(tx, {
    recipient: phone,
    userId,
    purpose: 'temporary_password',
    body: `【创城】${user.name}您好，${reason}。账号：${user.username}，临时密码：${password}。首次登录须修改密码，请勿告诉任何人（包括管理员）。`,
    now,
  });
  await recordEvent(tx, ctx, {
    action: 'user.password_issued_to_owner',
    subjectType: 'user',
    subjectId: userId,
    after: { channel: 'sms', to: maskPhone(phone) },
  });
  return { channel: 'sms', to: maskPhone(phone), message: `临时密码已发送至 ${maskPhone(phone)}` };
}

/**
 * First start of a real deployment: only the 安全管理员 exists, so nobody could approve the first 系统管理员 or
 * 审计管理员. While no active account holds a 三员 role other than the requester's, creating an account with such a
 * role is approved at once ("bootstrap") — its password still goes only to the owner's phone.
 */
export async function isBootstrap(ctx: Ctx, requestedRoles: Array<{ role: string }>): Promise<boolean> {
  const mine = separatedRoleOf(ctx.actor);
  if (!mine || requestedRoles.some((r) => r.role === mine)) return false;
  const other = await ctx.db
    .selectFrom('user_roles as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .where('u.active', '=', true)
    .where('g.role', 'in', ['admin', 'security_admin', 'auditor'])
    .where('g.role', '!=', mine)
    .executeTakeFirst();
  return !other;
}

/** Approves and applies a change; any temporary password goes to the owner's phone, never into the answer. */
export async function approveChange(ctx: Ctx, id: string, outbox: MessageTransport, note: string | null, bootstrap = false) {
  const c = await loadForDecision(ctx, id);
  const problem = bootstrap ? null : deciderProblem(ctx, c);
  if (problem) throw new AppError('separation_of_duties', problem);
  const delivery = await ctx.db.transaction().execute(async (tx) => {
    await claim(tx, ctx, id, 'approved', note);
    const payload = c.payload as Record<string, unknown>;
    let result: Delivery | null = null;
    if (c.kind === 'create_user') {
      const input = payload as CreateUserInput;
      requireOwnerMobile(input.phone);
      // The account is created with an unusable password; the real one is issued to its owner below.
      const userId = await insertUser(tx, ctx, input, await hashPassword(temporaryPassword()));
      await tx.updateTable('privileged_changes').set({ result_user_id: userId }).where('id', '=', id).execute();
      const roles = input.roles.map((r) => ROLE_LABELS[r.role]).join('、');
      result = await issueOwnerPassword(tx, ctx, userId, `您的创城平台账号（${roles}）已开通`);
    } else if (c.kind === 'reset_password') {
      result = await issueOwnerPassword(tx, ctx, c.target_user_id!, '您的创城平台账号密码已重置');
    } else {
      const input = { ...(payload as UpdateUserInput), version: c.target_version! };
      const applied = await applyUserUpdate(tx, ctx, c.target_user_id!, input);
      // Whoever knew this account's password before it became a 三员 account (its requester, say) must not keep it.
      if (applied.gainedSeparatedRole) result = await issueOwnerPassword(tx, ctx, c.target_user_id!, '您的创城平台账号角色已变更');
    }
    await recordEvent(tx, ctx, {
      action: bootstrap ? 'privileged_change.bootstrap_approved' : 'privileged_change.approved',
      subjectType: 'privileged_change',
      subjectId: id,
      after: {
        kind: c.kind,
        target_user_id: c.target_user_id,
        requested_by: c.requested_by,
        summary: c.summary,
        ...(result ? { delivered_to: result.to } : {}),
      },
    });
    return result;
  });
  await deliverPending(ctx.db, outbox, ctx.clock.now());
  return { change: await getChange(ctx, id), delivery };
}

/** Rejects a change (another 三员) or withdraws it (its requester). */
export async function rejectChange(ctx: Ctx, id: string, note: string | null) {
  const c = await loadForDecision(ctx, id);
  const withdrawing = c.requested_by === ctx.actor.id;
  if (!withdrawing) {
    const problem = deciderProblem(ctx, c);
    if (problem) throw new AppError('separation_of_duties', problem);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await claim(tx, ctx, id, withdrawing ? 'withdrawn' : 'rejected', note);
    await recordEvent(tx, ctx, {
      action: withdrawing ? 'privileged_change.withdrawn' : 'privileged_change.rejected',
      subjectType: 'privileged_change',
      subjectId: id,
      after: { kind: c.kind, target_user_id: c.target_user_id, requested_by: c.requested_by, note },
    });
  });
  return getChange(ctx, id);
}
