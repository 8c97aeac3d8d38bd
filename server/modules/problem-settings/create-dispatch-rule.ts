/**
 * 新增派遣规则 (category × region → unit). One rule per category and region pair: a second rule for the same
 * pair would make the suggestion depend on row order, so it is refused with 409 naming the existing unit.
 * A rule belongs to its region: an office adds rules only for regions in its scope (another county's
 * region is 404, as if it did not exist); a rule without a region is a global default, added only
 * through a global grant. The category must be usable in that region, the unit one the office can see.
 */
import type { z } from 'zod';
import type { dispatchRuleBody } from '../../../common/contracts';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { categoryUsableIn } from '../problem-categories/list-categories';
import { mayEditRegion, readableRegion } from './resolve';

const PERMISSION = 'problems.manageRules';

/** Inserts the rule and its audit event. */
export async function createDispatchRule(ctx: Ctx, input: z.infer<typeof dispatchRuleBody>): Promise<{ id: string }> {
  const categoryCode = input.categoryCode || null;
  const regionId = input.regionId || null;
  return ctx.db.transaction().execute(async (tx) => {
    const region = regionId ? await readableRegion(tx, ctx.actor, PERMISSION, regionId) : null;
    if (categoryCode && !(await categoryUsableIn(tx, categoryCode, region?.path ?? null)))
      throw new AppError('validation', '问题类别不存在或已停用');
    const unit = await tx
      .selectFrom('units as u')
      .innerJoin('regions as r', 'r.id', 'u.region_id')
      .select(['u.id', 'r.path'])
      .where('u.id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit || !can(ctx.actor, 'units.read', { regionPath: unit.path, unitId: unit.id }))
      throw new AppError('validation', '责任单位不存在');
    if (!mayEditRegion(ctx.actor, PERMISSION, region?.path ?? null)) {
      throw new AppError(
        'forbidden',
        region ? `${region.name}的派遣规则由上级维护，本级只能查看` : '全国默认派遣规则只读；请选择本辖区的区域',
      );
    }
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
