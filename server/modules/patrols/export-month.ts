/**
 * 导出月度打卡表 (.xlsx): sheet 1 the grid (sites × days with ✓ ✗ ○ 休 —, each site's tally, the rate as a % number),
 * sheet 2 the missed days per 点长, and a 说明 sheet with the counting rule. Same SQL as the page (days.ts).
 */
import { PATROL_DAY_MARKS } from '../../../common/contracts/patrols';
import type { Ctx } from '../../platform/context';
import { buildReportWorkbook, chinesePeriod, type SheetColumn } from '../../platform/xlsx';
import { monthWindow } from './days';
import { missedDaysByLead } from './missed-days';
import { monthGrid } from './month-grid';
import { assertMayRead, patrolSitesSql, type PatrolFilter } from './scope';

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export const PATROL_EXPORT_NOTES = [
  '✓ 已打卡　✗ 漏打卡（已过去的工作日未打卡）　○ 今日待打卡　休 休息日　— 无需打卡（点位登记之前，或点长未关联账号）。',
  '应打卡天数按节假日日历计算工作日（法定节假日不计，调休上班日计入），自点位登记之日起；当天打卡后才计入。',
  '打卡率 = 已打卡天数 ÷ 应打卡天数；休息日打卡照常显示，但不计入。',
];

/** The month's workbook for the sites in the reader's scope that pass the filters; returns its file name too. */
export async function exportMonth(ctx: Ctx, month: string, filter: PatrolFilter): Promise<{ fileName: string; buffer: Buffer }> {
  assertMayRead(ctx.actor);
  const now = ctx.clock.now();
  const w = monthWindow(month, now);
  const where = patrolSitesSql(ctx.actor, filter);
  const [grid, leads] = await Promise.all([
    monthGrid(ctx.db, month, w, where, { limit: 20_000, offset: 0, sort: 'region' }),
    missedDaysByLead(ctx.db, month, w, where),
  ]);
  const dayColumns: SheetColumn[] = grid.days.map((d) => ({ header: `${d.dayOfMonth}日\n${WEEKDAYS[d.weekday]}`, width: 4.5 }));
  const tally: SheetColumn[] = [
    { header: '应打卡天数', kind: 'integer', width: 8 },
    { header: '已打卡天数', kind: 'integer', width: 8 },
    { header: '漏打卡天数', kind: 'integer', width: 8 },
    { header: '打卡率', kind: 'percent', width: 9 },
  ];
  const gridSheet = {
    name: '月度打卡表',
    title: `点长巡查打卡月度表`,
    columns: [
      { header: '点位', width: 22 },
      { header: '点位类型', width: 14 },
      { header: '乡镇（街道）', width: 14 },
      { header: '包保单位', width: 20 },
      { header: '点长', width: 10 },
      ...dayColumns,
      ...tally,
    ],
    rows: grid.items.map((s) => [
      s.siteName,
      s.siteTypeName,
      s.townName,
      s.unitName,
      s.leadName,
      ...s.cells.map((c) => PATROL_DAY_MARKS[c.state]),
      s.required,
      s.done,
      s.missed,
      s.rate,
    ]),
    total: [
      '合计',
      '',
      '',
      '',
      '',
      ...grid.days.map(() => ''),
      grid.summary.required,
      grid.summary.done,
      grid.summary.missed,
      grid.summary.rate,
    ],
  };
  const leadSheet = {
    name: '漏打卡名单',
    title: '点长漏打卡名单',
    columns: [
      { header: '点长', width: 12 },
      { header: '负责点位数', kind: 'integer' as const, width: 10 },
      ...tally,
      { header: '漏打卡日期及点位', width: 60 },
    ],
    rows: leads.items.map((l) => [
      l.leadName,
      l.sites,
      l.required,
      l.done,
      l.missed,
      l.rate,
      l.missedDays.map((d) => `${monthDay(d.day)} ${d.siteName}`).join('；'),
    ]),
  };
  const buffer = await buildReportWorkbook(
    { title: '点长巡查打卡月度表', period: chinesePeriod(w.from, w.to), now },
    [gridSheet, leadSheet],
    PATROL_EXPORT_NOTES,
  );
  return { fileName: `点长巡查打卡-${grid.label}.xlsx`, buffer };
}
