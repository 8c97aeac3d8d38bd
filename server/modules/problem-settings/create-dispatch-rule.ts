/**
 * 新增派遣规则 (category × region → unit). One rule per category and region pair: a second rule for the same
 * pair would make the suggestion depend on row order, so it is refused with 409 naming the existing unit.
 */
import { z } from 'zod';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';

export const dispatchRuleInput = z
  .object({
    categoryCode: z.string().trim().max(20).nullable().optional(),
    regionId: z.uuid('区域编号格式不正确').nullable().optional(),
    unitId: z.uuid('请选择责任单位'),
    note: z.string().trim().max(200, '备注最多 200 字').nullable().optional(),
  })
  .refine((v) => v.categoryCode || v.regionId, { message: '类别和区域至少填写一项', path: ['categoryCode'] });

/** Inserts the rule and its audit event. */
export async function createDispatchRule(ctx: Ctx, input: z.infer<typeof dispatchRuleInput>): Promise<{ id: string }> {
  const categoryCode = input.categoryCode || null;
  const regionId = input.regionId || null;
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await tx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst())) throw new AppError('validation', '责任单位不存在');
    if (categoryCode && !(await tx.selectFrom('problem_categories').select('code').where('code', '=', categoryCode).where('active', '=', true).executeTakeFirst())) {
      throw new AppError('validation', '问题类别不存在或已停用');
    }
    if (regionId && !(await tx.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst())) throw new AppError('validation', '区域不存在');
    const same = await tx
      .selectFrom('dispatch_rules as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select('u.name')
      .where((eb) => (categoryCode ? eb('d.category_code', '=', categoryCode) : eb('d.category_code', 'is', null)))
      .where((eb) => (regionId ? eb('d.region_id', '=', regionId) : eb('d.region_id', 'is', null)))
      .executeTakeFirst();
    if (same) throw new AppError('duplicate', `该类别和区域已有派遣规则（派往${same.name}），请先删除原规则`);
    const r = await tx
      .insertInto('dispatch_rules')
      .values({ category_code: categoryCode, region_id: regionId, unit_id: input.unitId, note: input.note || null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'dispatch_rule.created', subjectType: 'dispatch_rule', subjectId: r.id, after: r });
    return { id: r.id };
  });
}
