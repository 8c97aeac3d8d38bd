/** 申请成为志愿者 for a signed-in account (a staff member who also volunteers): the same application, their account. */
import { SEPARATED_ADMIN_ROLES } from '../../../common/roles';
import type { JoinVolunteerBody } from '../../../common/contracts/volunteers';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { insertVolunteer } from './enrol';
import { sealIdNumber } from './id-number';

export async function joinVolunteer(ctx: Ctx, body: JoinVolunteerBody): Promise<string> {
  if (ctx.actor.via !== 'session' && ctx.actor.via !== 'token') throw new AppError('forbidden', '请先登录');
  if (ctx.actor.grants.some((g) => SEPARATED_ADMIN_ROLES.includes(g.role))) {
    throw new AppError('separation_of_duties', '系统管理员、安全保密管理员和安全审计员不能兼任志愿者');
  }
  const sealed = await sealIdNumber(ctx.db, body.idNumber);
  return ctx.db.transaction().execute((tx) => insertVolunteer(tx, ctx, ctx.actor.id, body, sealed));
}
