/**
 * 新增问题类别. A major class (大类) is a capital letter and 2–4 digits (C01, E05, W02); a minor class
 * (小类) is its major's code plus two digits (E0502) and has its major's kind, as in GB/T 30428.
 * A category added by an office is a local addition of a region in its scope (by default the widest
 * region it edits), visible to that region's subtree only; a category without a region is added only
 * through a global grant. Codes are unique across the platform (problems reference them).
 */
import type { z } from 'zod';
import type { createCategoryBody } from '../../../common/contracts';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { categoryUsableIn } from './list-categories';
import { editableRegion, homeRegion, mayEditGlobal, pathIds } from '../problem-settings/resolve';

export type CreateCategoryInput = z.infer<typeof createCategoryBody>;

/** Inserts the category and its audit event; 409 on a taken code, 400 on a code or kind that breaks the tree. */
export async function createCategory(ctx: Ctx, input: CreateCategoryInput): Promise<{ code: string; regionId: string | null }> {
  const parentCode = input.parentCode || null;
  if (!parentCode && !/^[A-Z]\d{2,4}$/.test(input.code)) throw new AppError('validation', '大类编码须为大写字母加 2–4 位数字，如 E05');
  return ctx.db.transaction().execute(async (tx) => {
    const permission = 'problemCategories.update';
    const region = input.regionId
      ? await editableRegion(tx, ctx.actor, permission, input.regionId)
      : mayEditGlobal(ctx.actor, permission)
        ? null
        : await homeRegion(tx, ctx.actor, permission);
    if (!region && !mayEditGlobal(ctx.actor, permission)) throw new AppError('forbidden', '请选择本辖区的区域');
    if (await tx.selectFrom('problem_categories').select('code').where('code', '=', input.code).executeTakeFirst()) {
      throw new AppError('duplicate', `类别编码 ${input.code} 已存在`);
    }
    if (parentCode) {
      const parent = await tx
        .selectFrom('problem_categories')
        .select(['code', 'kind', 'active', 'parent_code', 'region_id'])
        .where('code', '=', parentCode)
        .executeTakeFirst();
      // A parent added by another region does not exist as far as this region is concerned.
      const applies = parent && (parent.region_id === null || pathIds(region?.path).includes(parent.region_id));
      if (!parent || !applies || parent.parent_code !== null) throw new AppError('validation', '上级类别不存在或不是大类');
      if (!new RegExp(`^${parent.code}\\d{2}$`).test(input.code))
        throw new AppError('validation', `小类编码须为大类编码加两位数字，如 ${parent.code}01`);
      if (parent.kind !== input.kind) throw new AppError('validation', '小类的类型须与所属大类一致');
      if (!(await categoryUsableIn(tx, parent.code, region?.path ?? null)))
        throw new AppError('validation', '所属大类已停用，请先启用大类');
    }
    const last = await tx
      .selectFrom('problem_categories')
      .select((eb) => eb.fn.max('sort').as('sort'))
      .executeTakeFirst();
    await tx
      .insertInto('problem_categories')
      .values({
        code: input.code,
        parent_code: parentCode,
        name: input.name,
        kind: input.kind,
        sort: Number(last?.sort ?? 0) + 1,
        region_id: region?.id ?? null,
      })
      .execute();
    await recordEvent(tx, ctx, {
      action: 'problem_category.created',
      subjectType: 'problem_category',
      subjectId: input.code,
      after: { ...input, parentCode, regionId: region?.id ?? null },
    });
    return { code: input.code, regionId: region?.id ?? null };
  });
}
