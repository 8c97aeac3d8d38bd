/**
 * 公众类别: the short list of categories a citizen picks from on /p/report (public_report_categories, data). The list
 * is one for the whole deployment (every county's citizens see it), so only an office whose scope is the whole
 * deployment — a global grant or the top region (the city) — edits it; a county office reads it. Audited.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { publicCategories } from './repository';

/**
 * Whether the actor's office grant covers the whole deployment: a global grant, or the top region when there is only
 * one (a deployment holding several top-level counties side by side has no single office over all of them).
 */
export async function mayEditPublicCategories(ctx: Ctx): Promise<boolean> {
  const offices = ctx.actor.grants.filter((g) => g.role === 'office');
  if (offices.some((g) => g.scopeType === 'global')) return true;
  const tops = offices.filter((g) => !!g.regionPath && g.regionPath.split('/').filter(Boolean).length === 1);
  if (!tops.length) return false;
  const r = await sql<{ n: number }>`select count(*)::int as n from regions where parent_id is null`.execute(ctx.db);
  return r.rows[0].n === 1;
}

/** Leaf categories of the shipped tree a citizen may be offered (active, not a county's local one). */
async function choices(ctx: Ctx) {
  const r = await sql<{ code: string; name: string }>`select code, name from problem_categories
    where active and parent_code is not null and region_id is null order by code`.execute(ctx.db);
  return r.rows;
}

export async function readPublicCategoryList(ctx: Ctx) {
  authorize(ctx.actor, 'citizenReports.triage');
  return { items: await publicCategories(ctx.db), editable: await mayEditPublicCategories(ctx), choices: await choices(ctx) };
}

/** Replaces the list with `codes`, in that order. */
export async function savePublicCategoryList(ctx: Ctx, codes: string[]) {
  authorize(ctx.actor, 'citizenReports.editCategories');
  if (!(await mayEditPublicCategories(ctx))) {
    throw new AppError('forbidden', '公众类别清单全域共用，请由市级（最高一级）创建办调整');
  }
  if (new Set(codes).size !== codes.length) throw new AppError('validation', '类别不能重复');
  const allowed = new Set((await choices(ctx)).map((c) => c.code));
  const unknown = codes.filter((c) => !allowed.has(c));
  if (unknown.length) throw new AppError('validation', `类别不存在、已停用或不是末级类别：${unknown.join('、')}`);
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await sql<{ code: string }>`select code from public_report_categories order by sort, code`.execute(tx)).rows.map(
      (r) => r.code,
    );
    await sql`delete from public_report_categories`.execute(tx);
    await sql`insert into public_report_categories (code, sort)
      select code, ord::int from unnest(${codes}::text[]) with ordinality as t(code, ord)`.execute(tx);
    await recordEvent(tx, ctx, {
      action: 'public_categories.updated',
      subjectType: 'public_report_categories',
      subjectId: null,
      before: { codes: before },
      after: { codes },
    });
  });
  // Just checked: the saver may edit; the list and the choices as they now stand.
  return { items: await publicCategories(ctx.db), editable: true, choices: await choices(ctx) };
}
