/**
 * 新建账号: a temporary password the person must change at first sign-in. An account with a 三员 role is filed
 * for a second 三员's approval instead, and its password goes to the owner's phone (privileged-changes.ts).
 */
import { maskPhone } from '../../platform/outbox';
import { recordEvent } from '../../platform/audit';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { authorize } from '../../platform/policy';
import { findUser, replaceGrants, type UserRow } from './repository';
import { resolveGrants, separationProblem } from './resolve-grants';
import { requestPrivilegedChange } from './privileged-changes';
import { hasSeparatedRole, requireOwnerMobile, roleNames } from './separation';
import type { CreateUserInput } from './schemas';

const ROLLBACK = Symbol('rollback');

/** Checks that unit and region exist; a user with a unit but no region takes the unit's region. */
export async function placeUser(tx: Tx, unitId: string | null | undefined, regionId: string | null | undefined) {
  let region = regionId ?? null;
  if (unitId) {
    const unit = await tx.selectFrom('units').select(['id', 'region_id']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new AppError('validation', '所属单位不存在');
    region ??= unit.region_id;
  }
  if (region && !(await tx.selectFrom('regions').select('id').where('id', '=', region).executeTakeFirst())) {
    throw new AppError('validation', '所属区划不存在');
  }
  return { unitId: unitId ?? null, regionId: region };
}

/** Inserts a user with grants inside the caller's transaction; returns the id. */
export async function insertUser(tx: Tx, ctx: Ctx, input: CreateUserInput, passwordHash: string): Promise<string> {
  if (await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw new AppError('duplicate', `用户名 ${input.username} 已被使用`);
  }
  if (input.phone && (await tx.selectFrom('users').select('id').where('phone', '=', input.phone).executeTakeFirst())) {
    throw new AppError('duplicate', `手机号 ${input.phone} 已被其他账号使用`);
  }
  const place = await placeUser(tx, input.unitId, input.regionId);
  const grants = await resolveGrants(tx, input.roles, place);
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('users')
    .values({
      username: input.username,
      name: input.name,
      phone: input.phone || null,
      unit_id: place.unitId,
      region_id: place.regionId,
      password_hash: passwordHash,
      must_change_password: true,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'username', 'name', 'phone', 'unit_id', 'region_id'])
    .executeTakeFirstOrThrow();
  await replaceGrants(tx, row.id, grants);
  await recordEvent(tx, ctx, { action: 'user.created', subjectType: 'user', subjectId: row.id, after: { ...row, roles: grants } });
  return row.id;
}

/** Creates an account and returns it with its one-time initial password, or files a 三员 account for approval. */
export async function createUser(
  ctx: Ctx,
  input: CreateUserInput,
): Promise<{ user: UserRow; initialPassword: string } | { pendingId: string }> {
  authorize(ctx.actor, 'users.create');
  if (hasSeparatedRole(input.roles)) {
    const mixed = separationProblem(input.roles.map((r) => r.role));
    if (mixed) throw new AppError('separation_of_duties', mixed);
    const phone = requireOwnerMobile(input.phone);
    // Everything insertUser would refuse is refused now, not at approval time: check it in a rolled-back transaction.
    await ctx.db
      .transaction()
      .execute(async (tx) => {
        await insertUser(tx, ctx, input, 'x');
        throw ROLLBACK;
      })
      .catch((e) => {
        if (e !== ROLLBACK) throw e;
      });
    const taken = await ctx.db
      .selectFrom('privileged_changes')
      .select('id')
      .where('kind', '=', 'create_user')
      .where('status', '=', 'pending')
      .where(sql<boolean>`(lower(payload->>'username') = ${input.username.toLowerCase()} or payload->>'phone' = ${phone})`)
      .executeTakeFirst();
    if (taken) throw new AppError('duplicate', '已有待审批的同名或同手机号账号申请');
    const pendingId = await requestPrivilegedChange(ctx, {
      kind: 'create_user',
      targetUserId: null,
      targetVersion: null,
      payload: input,
      summary: `新建账号 ${input.username}（${input.name}），角色：${roleNames(input.roles)}；批准后临时密码发送至本人手机 ${maskPhone(phone)}`,
    });
    return { pendingId };
  }
  const initialPassword = temporaryPassword();
  const hash = await hashPassword(initialPassword);
  const id = await ctx.db.transaction().execute((tx) => insertUser(tx, ctx, input, hash));
  return { user: (await findUser(ctx.db, id))!, initialPassword };
}
