/**
 * 本辖区停用 / 启用问题类别: a region stops (or starts again) a category for its own subtree only, without
 * renaming or stopping it for anyone else. The nearest region's setting wins, so a town may start what
 * its county stopped. Another scope's region, or a category that does not apply there, is 404.
 * Starting a minor class whose major is stopped here is refused, as for the category itself.
 */
import { z } from 'zod';
import type { setCategoryForRegionBody } from '../../../common/contracts';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { editableRegion } from '../problem-settings/resolve';
import { resolveCategories } from './list-categories';

export const categoryRegionParam = z.object({
  code: z.string().regex(/^[A-Z]\d{2,6}$/, '类别编码格式不正确'),
  regionId: z.uuid('区域编号格式不正确'),
});
const PERMISSION = 'problemCategories.update';

async function load(ctx: Ctx, code: string, regionId: string) {
  const region = await editableRegion(ctx.db, ctx.actor, PERMISSION, regionId);
  const cat = await ctx.db.selectFrom('problem_categories').select('parent_code').where('code', '=', code).executeTakeFirst();
  const rows = await resolveCategories(ctx.db, region.path, cat?.parent_code ? [code, cat.parent_code] : [code]);
  const row = rows.find((r) => r.code === code);
  if (!row) throw notFound('问题类别');
  return { region, row, parent: rows.find((r) => r.code === cat?.parent_code) };
}

/** Sets the region's own 启用/停用 for the category; returns the category as it now applies there. */
export async function setCategoryForRegion(ctx: Ctx, code: string, regionId: string, input: z.infer<typeof setCategoryForRegionBody>) {
  const { region, parent } = await load(ctx, code, regionId);
  if (input.active && parent && !parent.own_active) throw new AppError('validation', '所属大类在本辖区已停用，请先启用大类');
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('region_category_settings')
      .selectAll()
      .where('region_id', '=', region.id)
      .where('category_code', '=', code)
      .executeTakeFirst();
    let after: Record<string, unknown> | undefined;
    if (input.version === null) {
      if (before) throw versionConflict();
      after = await tx
        .insertInto('region_category_settings')
        .values({ region_id: region.id, category_code: code, active: input.active, updated_at: ctx.clock.now() })
        .onConflict((oc) => oc.columns(['region_id', 'category_code']).doNothing())
        .returningAll()
        .executeTakeFirst();
    } else {
      after = await tx
        .updateTable('region_category_settings')
        .set((eb) => ({ active: input.active, version: eb('version', '+', 1), updated_at: ctx.clock.now() }))
        .where('region_id', '=', region.id)
        .where('category_code', '=', code)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirst();
    }
    if (!after) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'problem_category.region_set',
      subjectType: 'problem_category',
      subjectId: code,
      before: before ?? null,
      after,
    });
    return { code, regionId: region.id, active: input.active, version: Number(after.version) };
  });
}

/** Removes the region's own setting, so the category is inherited again from above. */
export async function resetCategoryForRegion(ctx: Ctx, code: string, regionId: string): Promise<void> {
  const { region } = await load(ctx, code, regionId);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx
      .deleteFrom('region_category_settings')
      .where('region_id', '=', region.id)
      .where('category_code', '=', code)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw notFound('本级类别设置');
    await recordEvent(tx, ctx, { action: 'problem_category.region_reset', subjectType: 'problem_category', subjectId: code, before });
  });
}
