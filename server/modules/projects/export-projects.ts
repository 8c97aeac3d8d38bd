/**
 * 项目台账 (.xlsx): every visible project matching the list's filters, in the list's order — name, type, region, owner
 * unit, investment in 万元 with the completion rate, the milestone reached, the hand-over date and countdown, the
 * schedule status, then each milestone's planned and actual dates. Title and information rows, frozen header, typed
 * cells (platform/xlsx.ts).
 */
import {
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
  type ProjectType,
} from '../../../common/tasks';
import type { Ctx } from '../../platform/context';
import { chineseDate, buildWorkbook, type SheetColumn } from '../../platform/xlsx';
import { visibleProjectSql } from './access';
import { presentProject } from './presenter';
import { assertMayListProjects, todayOf } from './read-projects';
import { listProjects, milestonesOf, type ProjectsQuery } from './repository';

/** The most rows one ledger holds. */
export const EXPORT_LIMIT = 5000;

export const LEDGER_COLUMNS: SheetColumn[] = [
  { header: '项目名称', width: 30 },
  { header: '项目类型', width: 14 },
  { header: '所在区域', width: 16 },
  { header: '责任单位', width: 20 },
  { header: '计划投资（万元）', width: 16, kind: 'number', numFmt: '#,##0.00' },
  { header: '已完成投资（万元）', width: 18, kind: 'number', numFmt: '#,##0.00' },
  { header: '投资完成率', width: 12, kind: 'percent', numFmt: '0.0%' },
  { header: '当前节点', width: 12 },
  { header: '交账日期', width: 13, kind: 'date' },
  { header: '倒计时（天）', width: 13, kind: 'integer' },
  { header: '进度状态', width: 12 },
  ...MILESTONE_KINDS.flatMap((k): SheetColumn[] => [
    { header: `${MILESTONE_KIND_LABELS[k]}计划`, width: 13, kind: 'date' },
    { header: `${MILESTONE_KIND_LABELS[k]}实际`, width: 13, kind: 'date' },
  ]),
];

const wan = (yuan: number) => Math.round(yuan / 100) / 100;

export async function exportProjects(ctx: Ctx, q: Omit<ProjectsQuery, 'page' | 'pageSize'>): Promise<{ fileName: string; buffer: Buffer }> {
  assertMayListProjects(ctx);
  const today = todayOf(ctx);
  const { rows } = await listProjects(ctx.db, visibleProjectSql(ctx.actor), q, today, EXPORT_LIMIT, 0);
  const milestones = await milestonesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const data = rows.map((r) => {
    const p = presentProject(
      r,
      milestones.filter((m) => m.project_id === r.id),
      today,
      ctx.actor,
    );
    const byKind = new Map(p.milestones.map((m) => [m.kind, m]));
    return [
      p.name,
      PROJECT_TYPE_LABELS[p.type as ProjectType] ?? p.type,
      p.regionName,
      p.ownerUnit.name,
      wan(p.investmentPlanned),
      wan(p.investmentSpent),
      p.investmentPlanned > 0 ? p.investmentSpent / p.investmentPlanned : null,
      p.currentMilestone ? MILESTONE_KIND_LABELS[p.currentMilestone] : '未立项',
      p.handoverDate,
      p.status === 'done' ? null : p.daysToHandover,
      PROJECT_STATUS_LABELS[p.status],
      ...MILESTONE_KINDS.flatMap((k) => [byKind.get(k)?.plannedDate ?? null, byKind.get(k)?.actualDate ?? null]),
    ];
  });
  const info = [`统计日：${chineseDate(today)}`, '倒计时为距交账日期的天数（负数为已逾期；已交账不计）'];
  if (q.status) info.push(`进度状态：${PROJECT_STATUS_LABELS[q.status]}`);
  const buffer = await buildWorkbook('项目台账', LEDGER_COLUMNS, data, { title: '项目台账', now: ctx.clock.now(), info });
  return { fileName: `项目台账-${today}.xlsx`, buffer };
}
