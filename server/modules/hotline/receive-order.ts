/**
 * A 12345 work order becomes a problem in 待受理 (source `hotline`) through the loop's own insert; the order's own
 * fields (工单号, masked 诉求人, 转办单位, 来电时间, 办理时限) are kept in hotline_orders. One 工单号 per county: a resend
 * answers the problem it already became.
 */
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { recordEvent } from '../../platform/audit';
import { notify } from '../notifications/notify';
import { insertProblem } from '../problems/insert-problem';
import { problemLink } from '../problems/verb';
import { maskCaller } from './mask';
import { formatBeijingMinute } from '../../../common/beijing';

/** Used when the order names no category: the office sets the right one when it accepts the case. */
export const HOTLINE_DEFAULT_CATEGORY = 'E0601';

export interface OrderValues {
  orderNo: string;
  content: string;
  address: string | null;
  calledAt: Date;
  caller: string | null;
  transferUnit: string | null;
  dueAt: Date | null;
  categoryCode: string | null;
}

const BEIJING = formatBeijingMinute;

/** The problem an order of this county already became, if any. */
export function existingOrder(db: Ctx['db'] | Tx, countyId: string, orderNo: string) {
  return db
    .selectFrom('hotline_orders as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    .select(['p.id', 'p.code'])
    .where('h.county_id', '=', countyId)
    .where('h.order_no', '=', orderNo)
    .executeTakeFirst();
}

/** Inserts the problem and its order row (in the caller's transaction); answers the problem. */
export async function insertOrder(
  tx: Tx,
  ctx: Ctx,
  county: { id: string; path: string },
  o: OrderValues,
  via: { keyId?: string; importedBy?: string; action: 'hotline_order.received' | 'hotline_order.imported' },
) {
  const extra = [
    `【12345 工单 ${o.orderNo}】`,
    o.transferUnit ? `转办单位：${o.transferUnit}` : null,
    o.dueAt ? `办理时限：${BEIJING(o.dueAt)}` : null,
  ]
    .filter(Boolean)
    .join('；');
  const problem = await insertProblem(tx, ctx, {
    clientId: null,
    description: `${o.content}\n${extra}`.slice(0, 2000),
    categoryCode: o.categoryCode ?? HOTLINE_DEFAULT_CATEGORY,
    source: 'hotline',
    severity: 'normal',
    state: 'pending',
    regionId: county.id,
    lat: null,
    lng: null,
    address: o.address,
    siteId: null,
  });
  await tx
    .insertInto('hotline_orders')
    .values({
      problem_id: problem.id,
      county_id: county.id,
      order_no: o.orderNo,
      caller_masked: maskCaller(o.caller),
      transfer_unit: o.transferUnit,
      called_at: o.calledAt,
      due_at: o.dueAt,
      key_id: via.keyId ?? null,
      imported_by: via.importedBy ?? null,
      created_at: ctx.clock.now(),
    })
    .execute();
  await recordEvent(tx, ctx, {
    action: via.action,
    subjectType: 'hotline_order',
    subjectId: problem.id,
    after: { order_no: o.orderNo, code: problem.code, key_id: via.keyId ?? null },
  });
  await notify(ctx, tx, [{ nearestOffice: county.path }], {
    kind: 'reported',
    title: `12345 工单 ${o.orderNo}（${problem.code}）待受理`,
    body: o.content.slice(0, 80),
    link: problemLink(problem.id),
    problemId: problem.id,
    regionPath: county.path,
  });
  return problem;
}
