/**
 * GET /api/plans as a page (issue 13, the plans list): the 实施方案 (and 专项行动 whose 实施方案 the caller cannot see)
 * are the page's rows — `total` counts them — and each row's 专项行动 follow it in `items` (with `parentId`), so a page
 * of 20 plans carries their sub-plans too. Sorted by `sort` (created: the office's order; name: by pinyin; taskCount)
 * and `order`; `search` matches a plan's name or summary, or one of its 专项行动 (which then shows alone under it).
 */
import { z } from 'zod';
import { pageOf } from './shared';
import { planResponse } from './tasks';

export const PLAN_LIST_SORTS = ['created', 'name', 'taskCount'] as const;
export type PlanListSort = (typeof PLAN_LIST_SORTS)[number];

export const planPage = pageOf(planResponse);
export type PlanPageDto = z.input<typeof planPage>;
