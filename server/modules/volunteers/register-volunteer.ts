/**
 * 志愿者注册 on the public door (no account yet): the proof of work is spent, the door's limits counted (per address
 * and device), the phone's SMS code used up, then an account is made — the phone is its user name, the password is
 * checked by the house policy and hashed as every password is — with no business role, and a pending application
 * to the team. The person signs in and sees 待审核; approval grants the volunteer role (review-volunteer.ts).
 */
import type { RegisterVolunteerBody } from '../../../common/contracts/volunteers';
import { passwordProblem } from '../../../common/password-policy';
import type { Actor } from '../../platform/actor';
import { hashPassword } from '../../platform/auth/passwords';
import { rememberPassword } from '../../platform/auth/password-history';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { spendChallenge } from '../public-reports/challenge';
import { countWrongCode, usePhoneCode } from '../public-reports/phone-codes';
import { takeRateLimit } from '../public-reports/rate-limit';
import { insertVolunteer, teamToJoin } from './enrol';
import { sealIdNumber } from './id-number';

export async function registerVolunteer(
  ctx: Ctx,
  body: RegisterVolunteerBody,
): Promise<{ id: string; state: 'pending'; username: string }> {
  const refused = passwordProblem(body.password, body.phone);
  if (refused) throw new AppError('password_policy', refused, { field: 'password' });
  const sealed = await sealIdNumber(ctx.db, body.idNumber);
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  let wrongCodeId: string | null = null;
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      await spendChallenge(tx, now, body.proof);
      await takeRateLimit(tx, 'volunteer', { ip: ctx.meta.ip, device: body.deviceId }, now);
      const team = await teamToJoin(tx, body.teamId);
      const wrong = await usePhoneCode(tx, now, body.phone, body.phoneCode);
      if (wrong) {
        wrongCodeId = wrong.wrongCodeId;
        throw new AppError('validation', '短信验证码不正确');
      }
      const taken = await tx
        .selectFrom('users')
        .select('id')
        .where((eb) => eb.or([eb('username', '=', body.phone), eb('phone', '=', body.phone)]))
        .executeTakeFirst();
      if (taken) throw new AppError('unprocessable', '该手机号已注册账号，请直接登录后在“我的志愿”申请加入', { field: 'phone' });
      const user = await tx
        .insertInto('users')
        .values({
          username: body.phone,
          name: body.name,
          phone: body.phone,
          region_id: team.region_id,
          password_hash: passwordHash,
          must_change_password: false,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'username', 'name'])
        .executeTakeFirstOrThrow();
      await rememberPassword(tx, user.id, passwordHash, now);
      // The new account acts for itself in the audit chain (who registered is the person, from this address).
      const self: Actor = { ...ctx.actor, id: user.id, username: user.username, name: user.name, grants: [], via: 'session' };
      return insertVolunteer(tx, { ...ctx, actor: self }, user.id, body, sealed);
    });
    return { id, state: 'pending', username: body.phone };
  } catch (error) {
    if (wrongCodeId) await countWrongCode(ctx.db, wrongCodeId);
    throw error;
  }
}
