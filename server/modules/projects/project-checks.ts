/**
 * What a project body is checked against in the database (create and update): the region in the office's scope (404
 * otherwise), the campaign covering the region, the owner unit inside the region's county, a task the office can see,
 * a usable outline; and the milestone plan — given (all six, in order, 交账 on the hand-over date) or planned back from
 * the hand-over date (`planMilestones`). Failures answer 422 naming the field in Chinese; nothing is written.
 */
import type { z } from 'zod';
import type { createProjectBody } from '../../../common/contracts/tasks';
import { openRing, projectOutline } from '../../../common/contracts/project-outline';
import { MILESTONE_KIND_LABELS, MILESTONE_KINDS, type MilestoneKind } from '../../../common/tasks';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { can, authorize } from '../../platform/policy';
import { readablePlanSql } from '../plans/access';
import { campaignRegion, regionWithCounty, unitInside } from './repository';

export type ProjectBody = Omit<z.output<typeof createProjectBody>, 'milestones'>;
export type MilestonePlan = Array<{ kind: MilestoneKind; plannedDate: string; actualDate: string | null; note: string | null }>;

export const unprocessable = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** 'YYYY-MM-DD' plus `days` (negative: before). */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * 倒排工期 — how far before the hand-over each milestone is planned when the office gives no dates: 立项 150 days,
 * 设计 120, 开工 90, 主体完工 30, 验收 10, 交账 on the day. No planned date lies more than 365 days before today (a
 * project registered late is planned from a year ago, its early milestones on the same day).
 */
export const MILESTONE_LEAD_DAYS: Record<MilestoneKind, number> = {
  approval: 150,
  design: 120,
  start: 90,
  structure: 30,
  acceptance: 10,
  handover: 0,
};

export function planMilestones(handoverDate: string, today: string): MilestonePlan {
  const floor = addDays(today, -365);
  return MILESTONE_KINDS.map((kind) => {
    const d = addDays(handoverDate, -MILESTONE_LEAD_DAYS[kind]);
    return {
      kind,
      plannedDate: kind !== 'handover' && d < floor ? (floor < handoverDate ? floor : handoverDate) : d,
      actualDate: null,
      note: null,
    };
  });
}

/** Planned dates must not go backwards in milestone order (立项 ≤ 设计 ≤ … ≤ 交账). */
export function checkMilestoneOrder(plan: ReadonlyArray<{ kind: MilestoneKind; plannedDate: string }>): void {
  for (let i = 1; i < plan.length; i += 1) {
    const prev = plan[i - 1];
    const cur = plan[i];
    if (cur.plannedDate < prev.plannedDate)
      throw unprocessable(
        `节点计划日期须按顺序：${MILESTONE_KIND_LABELS[cur.kind]}（${cur.plannedDate}）不能早于${MILESTONE_KIND_LABELS[prev.kind]}（${prev.plannedDate}）`,
        'milestones',
      );
  }
}

/** The milestones a create body gives, checked: all six once, in order, 交账 on the hand-over date, no actual date ahead. */
export function checkGivenMilestones(
  given: NonNullable<z.output<typeof createProjectBody>['milestones']>,
  handoverDate: string,
  today: string,
): MilestonePlan {
  const byKind = new Map(given.map((m) => [m.kind, m]));
  if (byKind.size !== given.length) throw unprocessable('项目节点重复填写', 'milestones');
  const missing = MILESTONE_KINDS.filter((k) => !byKind.has(k));
  if (missing.length)
    throw unprocessable(
      `项目节点须包括立项、设计、开工、主体完工、验收、交账六个，缺少${missing.map((k) => MILESTONE_KIND_LABELS[k]).join('、')}`,
      'milestones',
    );
  const plan = MILESTONE_KINDS.map((kind) => {
    const m = byKind.get(kind)!;
    return { kind, plannedDate: m.plannedDate, actualDate: m.actualDate ?? null, note: m.note ?? null };
  });
  checkMilestoneOrder(plan);
  if (plan[plan.length - 1].plannedDate !== handoverDate)
    throw unprocessable(`交账节点的计划日期须与交账日期（${handoverDate}）一致`, 'milestones');
  for (const m of plan)
    if (m.actualDate && m.actualDate > today)
      throw unprocessable(`${MILESTONE_KIND_LABELS[m.kind]}的实际日期不能晚于今天（${today}）`, 'milestones');
  return plan;
}

/**
 * The outline as stored: a closed ring ([first … first]) that passes the shared rules (common/contracts/project-outline.ts:
 * 3 distinct points or more, at most 500, inside China, an area, no crossing edges — 422 naming `outline` otherwise);
 * null when not given.
 */
export function normaliseOutline(outline: ProjectBody['outline']): Array<[number, number]> | null {
  if (!outline) return null;
  const checked = projectOutline.safeParse(outline);
  if (!checked.success) throw unprocessable(checked.error.issues[0]?.message ?? '项目范围不正确', 'outline');
  const open = openRing(outline.map(([lng, lat]) => [lng, lat] as [number, number]));
  return [...open, open[0]];
}

/** The map point: as given (both or neither), else the outline's centre (the mean of its vertices), else none. */
export function mapPoint(body: ProjectBody, ring: Array<[number, number]> | null): { lat: number | null; lng: number | null } {
  const lat = body.lat ?? null;
  const lng = body.lng ?? null;
  if ((lat === null) !== (lng === null)) throw unprocessable('经纬度须同时填写', lat === null ? 'lat' : 'lng');
  if (lat !== null) return { lat, lng };
  if (!ring) return { lat: null, lng: null };
  const pts = ring.slice(0, -1);
  return {
    lng: pts.reduce((s, p) => s + p[0], 0) / pts.length,
    lat: pts.reduce((s, p) => s + p[1], 0) / pts.length,
  };
}

/** The region the office manages (404 when absent or out of scope; 403 without the permission at all). */
export async function managedRegion(ctx: Ctx, regionId: string, campaignId: string | null) {
  authorize(ctx.actor, 'projects.manage');
  const region = await regionWithCounty(ctx.db, regionId);
  if (!region || !can(ctx.actor, 'projects.manage', { regionPath: region.path, campaignId })) throw notFound('区域');
  return region;
}

/** Every database check of a project body; returns the columns to store. */
export async function checkProjectBody(ctx: Ctx, body: ProjectBody) {
  const campaignId = body.campaignId ?? null;
  const region = await managedRegion(ctx, body.regionId, campaignId);
  if (campaignId) {
    const c = await campaignRegion(ctx.db, campaignId);
    if (!c || !region.path.startsWith(c.path)) throw unprocessable('创建项目不存在或不覆盖项目所在区域', 'campaignId');
  }
  const unit = await unitInside(ctx.db, body.ownerUnitId, region.county.path);
  if (!unit) throw unprocessable(`责任单位不存在或不在${region.county.name}内`, 'ownerUnitId');
  if (body.taskId) {
    const task = await ctx.db
      .selectFrom('tasks as t')
      .innerJoin('plans as p', 'p.id', 't.plan_id')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .select('t.id')
      .where('t.id', '=', body.taskId)
      .where(readablePlanSql(ctx.actor))
      .executeTakeFirst();
    if (!task) throw unprocessable('关联任务不存在或不在您可查看的实施方案中', 'taskId');
  }
  const outline = normaliseOutline(body.outline);
  const point = mapPoint(body, outline);
  return {
    region,
    values: {
      campaign_id: campaignId,
      region_id: region.id,
      name: body.name,
      type: body.type,
      address: body.address ?? null,
      lat: point.lat,
      lng: point.lng,
      outline: outline ? JSON.stringify(outline) : null,
      owner_unit_id: body.ownerUnitId,
      investment_planned: body.investmentPlanned,
      investment_spent: body.investmentSpent,
      handover_date: body.handoverDate,
      description: body.description ?? null,
      task_id: body.taskId ?? null,
    },
  };
}
