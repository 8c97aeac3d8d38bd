/**
 * 修改账号: details, status and roles. Disabling ends the person's sessions. A change to a 三员 account's roles,
 * phone or status (or one that grants a 三员 role) is filed for approval instead (privileged-changes.ts).
 */
import { recordEvent } from '../../platform/audit';
import { endUserSessions } from '../../platform/auth/sessions';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { placeUser } from './create-user';
import { userSubject } from './presenter';
import { requestPrivilegedChange } from './privileged-changes';
import { findUser, grantsOf, replaceGrants, type UserRow } from './repository';
import { resolveGrants, type ResolvedGrant } from './resolve-grants';
import type { UpdateUserInput } from './schemas';
import { hasSeparatedRole, requireOwnerMobile, roleNames } from './separation';

const grantKey = (g: { role: string; scopeId?: string | null; scope_id?: string | null }) => `${g.role}|${g.scopeId ?? g.scope_id ?? ''}`;

/** What an update would change, worked out without writing (roles resolved against the new placement). */
async function planUpdate(tx: Tx, before: UserRow, input: UpdateUserInput) {
  const oldGrants = await grantsOf(tx, [before.id]);
  const unitId = input.unitId !== undefined ? input.unitId : before.unit_id;
  const regionId = input.regionId !== undefined ? input.regionId : input.unitId !== undefined ? null : before.region_id;
  const place = await placeUser(tx, unitId, regionId);
  const newGrants: ResolvedGrant[] | null = input.roles ? await resolveGrants(tx, input.roles, place) : null;
  const rolesChange = !!newGrants && [...oldGrants.map(grantKey)].sort().join(',') !== [...newGrants.map(grantKey)].sort().join(',');
  const wasSeparated = hasSeparatedRole(oldGrants);
  const willBeSeparated = newGrants ? hasSeparatedRole(newGrants) : wasSeparated;
  const phoneChange = input.phone !== undefined && (input.phone || null) !== before.phone;
  const activeChange = input.active !== undefined && input.active !== before.active;
  return {
    oldGrants,
    newGrants,
    place,
    gainedSeparatedRole: rolesChange && willBeSeparated && !wasSeparated,
    needsApproval: (rolesChange && (wasSeparated || willBeSeparated)) || (wasSeparated && (phoneChange || activeChange)),
    phoneAfter: input.phone !== undefined ? input.phone || null : before.phone,
    rolesChange,
  };
}

/** Applies an update inside the caller's transaction at the version given (409 when it moved on). */
export async function applyUserUpdate(tx: Tx, ctx: Ctx, id: string, input: UpdateUserInput): Promise<{ gainedSeparatedRole: boolean }> {
  const before = await findUser(tx, id);
  if (!before) throw notFound('用户');
  const plan = await planUpdate(tx, before, input);
  const now = ctx.clock.now();
  if (
    input.phone &&
    input.phone !== before.phone &&
    (await tx.selectFrom('users').select('id').where('phone', '=', input.phone).where('id', '!=', id).executeTakeFirst())
  ) {
    throw new AppError('duplicate', `手机号 ${input.phone} 已被其他账号使用`);
  }
  const set: Record<string, unknown> = { unit_id: plan.place.unitId, region_id: plan.place.regionId };
  if (input.name !== undefined) set.name = input.name;
  if (input.phone !== undefined) set.phone = input.phone || null;
  if (input.active !== undefined) set.active = input.active;
  const after = await updateVersioned(tx, 'users', id, input.version, set, now);
  if (plan.newGrants) await replaceGrants(tx, id, plan.newGrants);
  if (input.active === false || plan.newGrants) await endUserSessions(tx, id, now);
  await recordEvent(tx, ctx, {
    action: 'user.updated',
    subjectType: 'user',
    subjectId: id,
    before: {
      ...pick(before),
      ...(plan.newGrants ? { roles: plan.oldGrants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeId: g.scope_id })) } : {}),
    },
    after: { ...pick(after as never), ...(plan.newGrants ? { roles: plan.newGrants } : {}) },
  });
  return { gainedSeparatedRole: plan.gainedSeparatedRole };
}

/** Updates an account at the version the client saw, or files the change for a second 三员's approval. */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<{ user: UserRow } | { pendingId: string }> {
  const before = await findUser(ctx.db, id);
  if (!before) throw notFound('用户');
  authorize(ctx.actor, 'users.update', userSubject(before));
  if (input.roles) {
    authorize(ctx.actor, 'users.assignRoles', userSubject(before));
    if (id === ctx.actor.id) throw new AppError('forbidden', '不能修改自己的角色，请由另一位安全管理员操作');
  }
  if (input.active === false && id === ctx.actor.id) throw new AppError('forbidden', '不能停用自己的账号');
  if (input.version !== before.version) throw new AppError('version_conflict', '数据已被他人修改，请刷新后重试');
  const plan = await ctx.db.transaction().execute((tx) => planUpdate(tx, before, input));
  if (plan.needsApproval) {
    if (plan.gainedSeparatedRole) requireOwnerMobile(plan.phoneAfter);
    const parts: string[] = [];
    if (plan.rolesChange) parts.push(`角色：${roleNames(plan.oldGrants)} → ${roleNames(plan.newGrants ?? [])}`);
    if (plan.phoneAfter !== before.phone) parts.push(`手机号：${before.phone ?? '无'} → ${plan.phoneAfter ?? '无'}`);
    if (input.active !== undefined && input.active !== before.active) parts.push(input.active ? '启用账号' : '停用账号');
    if (plan.gainedSeparatedRole) parts.push(`批准后临时密码发送至本人手机 ${plan.phoneAfter}`);
    const pendingId = await requestPrivilegedChange(ctx, {
      kind: 'update_user',
      targetUserId: id,
      targetVersion: before.version,
      payload: input,
      summary: `修改账号 ${before.username}（${before.name}）：${parts.join('；')}`,
    });
    return { pendingId };
  }
  await ctx.db.transaction().execute((tx) => applyUserUpdate(tx, ctx, id, input));
  return { user: (await findUser(ctx.db, id))! };
}

function pick(u: { name: string; phone: string | null; unit_id: string | null; region_id: string | null; active: boolean }) {
  return { name: u.name, phone: u.phone, unit_id: u.unit_id, region_id: u.region_id, active: u.active };
}
