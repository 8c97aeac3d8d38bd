/**
 * 导入 12345 工单 (.xlsx): every row checked (row, column, reason); nothing written unless the whole file is valid;
 * then one transaction files every order as a problem in 待受理 (as the existing imports do).
 */
import type { Ctx } from '../../platform/context';
import { AppError, type RowError } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { categoryUsable } from './categories';
import { insertOrder, type OrderValues } from './receive-order';
import { BEIJING_OFFSET_MS } from '../../../common/beijing';

export const HOTLINE_COLUMNS: SheetColumn[] = [
  { header: '工单号', required: true, example: '12345-20261203-00871', width: 22 },
  { header: '诉求内容', required: true, example: '朝阳路与建设街交叉口东北角垃圾桶满溢，异味严重，请尽快清运。', width: 50 },
  { header: '地址', example: '示范县城东街道朝阳路 56 号', width: 30 },
  { header: '来电时间', required: true, example: '2026-12-03 09:30', width: 18 },
  { header: '诉求人', example: '王先生 13903190058', width: 20 },
  { header: '转办单位', example: '县城市管理局', width: 20 },
  { header: '办理时限', example: '2026-12-08 18:00', width: 18 },
  { header: '问题类别', example: 'E0601', width: 10 },
];
export const HOTLINE_NOTES = [
  '来电时间、办理时限按北京时间填写，格式如 2026-12-03 09:30（只填日期时按当天 0 点计）；请以文本格式填写时间，Excel 日期单元格只保留日期。',
  '诉求人只保存脱敏后的内容（姓名保留首字，手机号保留前 3 位和后 4 位）。',
  '问题类别可不填（默认“其他事件”，受理时由创建办调整）；填写时须为问题类别编码，如 E0601。',
  '同一县内工单号不能重复；已导入的工单号会被拒绝。',
];

const TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A Beijing wall-clock time as written in the sheet, or null when it is not one. */
export function parseBeijing(text: string): Date | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - BEIJING_OFFSET_MS;
  const back = new Date(ms + BEIJING_OFFSET_MS);
  if (back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59) return null;
  return new Date(ms);
}

/** The county an office imports into: the one asked for, else the county of its own region. */
async function countyFor(ctx: Ctx, regionId: string | undefined) {
  const wanted = regionId ?? ctx.actor.grants.find((g) => g.role === 'office')?.scopeId ?? null;
  if (!wanted) throw new AppError('validation', '请选择导入到哪个县（市、区）');
  const region = await ctx.db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', wanted).executeTakeFirst();
  if (!region || !can(ctx.actor, 'hotline.import', { regionPath: region.path }))
    throw new AppError('validation', '所选区域不存在或不在您的管理范围内');
  // The county at or above the region (a town office imports into its county's queue).
  const ids = region.path.split('/').filter(Boolean);
  const county = await ctx.db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AppError('validation', '请选择一个县（市、区）或其下的区域');
  return county;
}

/** Imports the sheet's orders; answers how many were filed. */
export async function importOrders(ctx: Ctx, buffer: Buffer, regionId?: string): Promise<{ created: number; updated: number }> {
  authorize(ctx.actor, 'hotline.import');
  const county = await countyFor(ctx, regionId);
  const rows = await readSheet(buffer, HOTLINE_COLUMNS);
  const numbers = [...new Set(rows.map((r) => r.values['工单号']).filter(Boolean))];
  const taken = new Set(
    numbers.length
      ? (
          await ctx.db
            .selectFrom('hotline_orders')
            .select('order_no')
            .where('county_id', '=', county.id)
            .where('order_no', 'in', numbers)
            .execute()
        ).map((r) => r.order_no)
      : [],
  );
  const errors: RowError[] = [];
  const accepted: OrderValues[] = [];
  const seen = new Map<string, number>();
  const usable = new Map<string, boolean>();
  for (const { row, values } of rows) {
    const before = errors.length;
    const orderNo = values['工单号'];
    if (!orderNo) errors.push({ row, column: '工单号', message: '必填' });
    else if (orderNo.length > 40) errors.push({ row, column: '工单号', message: '不超过 40 字' });
    else if (taken.has(orderNo)) errors.push({ row, column: '工单号', message: `工单 ${orderNo} 已导入过` });
    else if (seen.has(orderNo)) errors.push({ row, column: '工单号', message: `与第 ${seen.get(orderNo)} 行重复` });
    if (orderNo) seen.set(orderNo, seen.get(orderNo) ?? row);
    const content = values['诉求内容'];
    if (!content || content.length < 2) errors.push({ row, column: '诉求内容', message: content ? '至少 2 个字' : '必填' });
    else if (content.length > 2000) errors.push({ row, column: '诉求内容', message: '不超过 2000 字' });
    if ((values['地址'] ?? '').length > 200) errors.push({ row, column: '地址', message: '不超过 200 字' });
    const calledAt = values['来电时间'] ? parseBeijing(values['来电时间']) : null;
    if (!values['来电时间']) errors.push({ row, column: '来电时间', message: '必填' });
    else if (!calledAt) errors.push({ row, column: '来电时间', message: `“${values['来电时间']}”不是有效时间，格式如 2026-12-03 09:30` });
    else if (calledAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000)
      errors.push({ row, column: '来电时间', message: '不能晚于当前时间' });
    const dueAt = values['办理时限'] ? parseBeijing(values['办理时限']) : null;
    if (values['办理时限'] && !dueAt)
      errors.push({ row, column: '办理时限', message: `“${values['办理时限']}”不是有效时间，格式如 2026-12-08 18:00` });
    else if (dueAt && calledAt && dueAt < calledAt) errors.push({ row, column: '办理时限', message: '不能早于来电时间' });
    if ((values['诉求人'] ?? '').length > 40) errors.push({ row, column: '诉求人', message: '不超过 40 字' });
    if ((values['转办单位'] ?? '').length > 60) errors.push({ row, column: '转办单位', message: '不超过 60 字' });
    const category = values['问题类别'] || null;
    if (category) {
      if (!usable.has(category)) usable.set(category, await categoryUsable(ctx.db, category, county.path));
      if (!usable.get(category)) errors.push({ row, column: '问题类别', message: `问题类别 ${category} 不存在或已停用` });
    }
    if (errors.length === before)
      accepted.push({
        orderNo,
        content,
        address: values['地址'] || null,
        calledAt: calledAt!,
        caller: values['诉求人'] || null,
        transferUnit: values['转办单位'] || null,
        dueAt,
        categoryCode: category,
      });
  }
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction().execute(async (tx) => {
    for (const o of accepted) await insertOrder(tx, ctx, county, o, { importedBy: ctx.actor.id, action: 'hotline_order.imported' });
  });
  return { created: accepted.length, updated: 0 };
}
