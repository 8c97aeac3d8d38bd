/** POST /api/hotline/orders: the 12345 platform hands over one work order with its integrator key. */
import type { HotlineOrderInput } from '../../../common/contracts';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { authenticateKey, integratorActor } from '../integrations/authenticate-key';
import { categoryUsable } from './categories';
import { existingOrder, insertOrder } from './receive-order';

/** Files the order (or answers the problem it already became); `created` says which. */
export async function intakeOrder(ctx: Ctx, key: string | undefined, input: HotlineOrderInput) {
  const integrator = await authenticateKey(ctx.db, key, ctx.clock.now());
  const county = { id: integrator.countyId, path: integrator.countyPath };
  const orderNo = input.orderNo.trim();
  const calledAt = new Date(input.calledAt);
  const dueAt = input.dueAt ? new Date(input.dueAt) : null;
  if (calledAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) throw new AppError('validation', '来电时间不能晚于当前时间');
  if (dueAt && dueAt.getTime() < calledAt.getTime()) throw new AppError('validation', '办理时限不能早于来电时间');
  if (input.categoryCode && !(await categoryUsable(ctx.db, input.categoryCode, county.path)))
    throw new AppError('validation', `问题类别 ${input.categoryCode} 不存在或已停用`);
  const before = await existingOrder(ctx.db, county.id, orderNo);
  if (before) return { problemCode: before.code, orderNo, created: false };
  const actorCtx: Ctx = { ...ctx, actor: integratorActor(integrator, '12345热线') };
  try {
    const p = await ctx.db.transaction().execute((tx) =>
      insertOrder(
        tx,
        actorCtx,
        county,
        {
          orderNo,
          content: input.content,
          address: input.address ?? null,
          calledAt,
          caller: input.caller ?? null,
          transferUnit: input.transferUnit ?? null,
          dueAt,
          categoryCode: input.categoryCode ?? null,
        },
        { keyId: integrator.keyId, action: 'hotline_order.received' },
      ),
    );
    return { problemCode: p.code, orderNo, created: true };
  } catch (e) {
    // Two resends racing: the unique (county, 工单号) lets one win; the other answers it.
    const again = await existingOrder(ctx.db, county.id, orderNo);
    if (again) return { problemCode: again.code, orderNo, created: false };
    throw e;
  }
}
