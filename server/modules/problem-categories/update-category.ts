/**
 * 修改 / 停用 / 启用问题类别 for everyone who sees it. Stopping a major class stops its active minor classes
 * in the same transaction (each with its own audit event), so no one can pick a minor class under a
 * stopped major; a minor class cannot be started again while its major is stopped. Problems already
 * filed keep their category.
 * Who: a shipped category only through a global grant (a county stops it for its own subtree with
 * `set-category-for-region.ts` instead); a local category by an office whose scope covers the region
 * that added it. Another county's local category is 404.
 */
import type { z } from 'zod';
import type { updateCategoryBody } from '../../../common/contracts';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { updateVersionedBy } from '../../platform/versioned';
import { mayEditRegion } from '../problem-settings/resolve';
import { mayReadCategory } from './list-categories';

export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;

/** Applies the change guarded by version; returns the code and how many minor classes were stopped with it. */
export async function updateCategory(
  ctx: Ctx,
  code: string,
  input: UpdateCategoryInput,
): Promise<{ code: string; version: number; cascaded: number }> {
  const { version, ...set } = input;
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('problem_categories').selectAll().where('code', '=', code).executeTakeFirst();
    const regionPath = before?.region_id
      ? ((await tx.selectFrom('regions').select('path').where('id', '=', before.region_id).executeTakeFirst())?.path ?? null)
      : null;
    if (!before || !mayReadCategory(ctx.actor, before.region_id ? (regionPath ?? '') : null)) throw notFound('问题类别');
    if (!mayEditRegion(ctx.actor, 'problemCategories.update', regionPath)) {
      throw new AppError(
        'forbidden',
        before.region_id ? '该类别由上级区域添加，本级只能停用或启用' : '全国统一类别不能在本级改名或停用；可在本辖区停用',
      );
    }
    if (set.active === true && before.parent_code) {
      const parent = await tx
        .selectFrom('problem_categories')
        .select('active')
        .where('code', '=', before.parent_code)
        .executeTakeFirstOrThrow();
      if (!parent.active) throw new AppError('validation', '所属大类已停用，请先启用大类');
    }
    const now = ctx.clock.now();
    const after = await updateVersionedBy(tx, 'problem_categories', 'code', code, version, set, now);
    await recordEvent(tx, ctx, { action: 'problem_category.updated', subjectType: 'problem_category', subjectId: code, before, after });
    let cascaded = 0;
    if (set.active === false && before.active && before.parent_code === null) {
      const minors = await tx
        .updateTable('problem_categories')
        .set((eb) => ({ active: false, version: eb('version', '+', 1), updated_at: now }))
        .where('parent_code', '=', code)
        .where('active', '=', true)
        .returningAll()
        .execute();
      for (const m of minors) {
        await recordEvent(tx, ctx, {
          action: 'problem_category.updated',
          subjectType: 'problem_category',
          subjectId: m.code,
          before: { active: true },
          after: { active: false, reason: `大类 ${code} 停用` },
        });
      }
      cascaded = minors.length;
    }
    return { code, version: Number(after.version), cascaded };
  });
}
