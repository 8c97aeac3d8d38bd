/**
 * The plans the caller may see (GET /api/plans), a page at a time (common/contracts/plan-list.ts): the page's rows are
 * the 实施方案 (and a 专项行动 whose 实施方案 the caller cannot see), each followed by its visible 专项行动; `total`
 * counts the rows. A county has tens of plans, so the visible ones are read in one query (the visibility rule is SQL:
 * a unit sees the plans holding its tasks) and grouped, searched, sorted and cut here; the task counts by status are
 * read for the page only (and for every row when sorting by task count).
 */
import { z } from 'zod';
import { PLAN_LIST_SORTS } from '../../../common/contracts/plan-list';
import type { Ctx } from '../../platform/context';
import { blankToUndefined, offsetOf, pageQuery, sortQuery } from '../../platform/pagination';
import { beijingDay } from '../calendar/calendar';
import { presentPlans } from './presenter';
import { listVisiblePlans, planStatusCounts, type PlanRow } from './repository';

export const listPlansQuery = pageQuery.extend({
  campaignId: z.preprocess(blankToUndefined, z.uuid('创建项目编号格式不正确').optional()),
  search: z.preprocess(blankToUndefined, z.string().trim().max(50, '搜索词最多 50 个字').optional()),
  sort: sortQuery(PLAN_LIST_SORTS, 'created'),
});
export type ListPlansQuery = z.output<typeof listPlansQuery>;

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

export async function readPlans(ctx: Ctx, q: ListPlansQuery) {
  const today = beijingDay(ctx.clock.now());
  const rows = await listVisiblePlans(ctx.db, ctx.actor, { campaignId: q.campaignId });
  const visible = new Set(rows.map((r) => r.id));
  const isChild = (r: PlanRow) => r.parent_id !== null && visible.has(r.parent_id);
  const children = new Map<string, PlanRow[]>();
  for (const r of rows) if (isChild(r)) children.set(r.parent_id!, [...(children.get(r.parent_id!) ?? []), r]);

  const needle = q.search?.toLowerCase();
  const matches = (r: PlanRow) => !needle || r.name.toLowerCase().includes(needle) || !!r.summary?.toLowerCase().includes(needle);
  // A row matching shows with all its 专项行动; a row shown for a matching 专项行动 shows only the matching ones.
  const groups = rows
    .filter((r) => !isChild(r))
    .flatMap((root) => {
      const subs = children.get(root.id) ?? [];
      if (matches(root)) return [{ root, subs }];
      const hits = subs.filter(matches);
      return hits.length ? [{ root, subs: hits }] : [];
    });

  // The office's order: as the plans were arranged (sort), then as they were made.
  groups.sort(
    (a, b) =>
      a.root.sort - b.root.sort ||
      a.root.created_at.getTime() - b.root.created_at.getTime() ||
      (a.root.id < b.root.id ? -1 : a.root.id > b.root.id ? 1 : 0),
  );
  if (q.sort !== 'created') {
    const counts =
      q.sort === 'taskCount'
        ? await planStatusCounts(
            ctx.db,
            ctx.actor,
            groups.map((g) => g.root.id),
            today,
          )
        : null;
    const tasksOf = (id: string) => Object.values(counts?.get(id) ?? {}).reduce((s, n) => s + n, 0);
    const position = new Map(groups.map((g, i) => [g.root.id, i]));
    groups.sort((a, b) => {
      const by = q.sort === 'name' ? collator.compare(a.root.name, b.root.name) : tasksOf(a.root.id) - tasksOf(b.root.id);
      return by || position.get(a.root.id)! - position.get(b.root.id)!;
    });
  }
  if (q.order === 'desc') groups.reverse();

  const page = groups.slice(offsetOf(q), offsetOf(q) + q.pageSize);
  const items = await presentPlans(
    ctx.db,
    ctx.actor,
    page.flatMap((g) => [g.root, ...g.subs]),
    today,
  );
  return { items, total: groups.length };
}
