/** 修改账号: details, status and roles. Disabling ends the person's sessions. */
import { recordEvent } from '../../platform/audit';
import { endUserSessions } from '../../platform/auth/sessions';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { placeUser } from './create-user';
import { userSubject } from './presenter';
import { findUser, grantsOf, replaceGrants, type UserRow } from './repository';
import { resolveGrants } from './resolve-grants';
import type { UpdateUserInput } from './schemas';

/** Updates an account at the version the client saw. */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserRow> {
  const before = await findUser(ctx.db, id);
  if (!before) throw notFound('用户');
  authorize(ctx.actor, 'users.update', userSubject(before));
  if (input.roles) {
    authorize(ctx.actor, 'users.assignRoles', userSubject(before));
    if (id === ctx.actor.id) throw new AppError('forbidden', '不能修改自己的角色，请由另一位安全管理员操作');
  }
  if (input.active === false && id === ctx.actor.id) throw new AppError('forbidden', '不能停用自己的账号');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (input.phone && input.phone !== before.phone && (await tx.selectFrom('users').select('id').where('phone', '=', input.phone).where('id', '!=', id).executeTakeFirst())) {
      throw new AppError('duplicate', `手机号 ${input.phone} 已被其他账号使用`);
    }
    const unitId = input.unitId !== undefined ? input.unitId : before.unit_id;
    const regionId = input.regionId !== undefined ? input.regionId : input.unitId !== undefined ? null : before.region_id;
    const place = await placeUser(tx, unitId, regionId);
    const set: Record<string, unknown> = { unit_id: place.unitId, region_id: place.regionId };
    if (input.name !== undefined) set.name = input.name;
    if (input.phone !== undefined) set.phone = input.phone || null;
    if (input.active !== undefined) set.active = input.active;
    const after = await updateVersioned(tx, 'users', id, input.version, set, now);
    const oldGrants = await grantsOf(tx, [id]);
    let newGrants: unknown = undefined;
    if (input.roles) {
      const grants = await resolveGrants(tx, input.roles, place);
      await replaceGrants(tx, id, grants);
      newGrants = grants;
    }
    if (input.active === false || input.roles) await endUserSessions(tx, id, now);
    await recordEvent(tx, ctx, {
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      before: { ...pick(before), ...(newGrants ? { roles: oldGrants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeId: g.scope_id })) } : {}) },
      after: { ...pick(after as never), ...(newGrants ? { roles: newGrants } : {}) },
    });
  });
  return (await findUser(ctx.db, id))!;
}

function pick(u: { name: string; phone: string | null; unit_id: string | null; region_id: string | null; active: boolean }) {
  return { name: u.name, phone: u.phone, unit_id: u.unit_id, region_id: u.region_id, active: u.active };
}
