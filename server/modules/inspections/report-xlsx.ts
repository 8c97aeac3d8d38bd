/**
 * 测评结果表 (.xlsx) of a round: 点位得分 (each site, lowest score first), the summaries 按点位类型 and 按乡镇（街道）
 * with a 合计 row, and the 问题清单 — rates as numbers with a % format, counts as numbers, times as Excel dates.
 */
import { labelOf } from '../../../common/labels';
import { PROBLEM_SEVERITY_LABELS, PROBLEM_STATE_LABELS } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';
import { buildReportWorkbook, chinesePeriod, type ExportSheet, type SheetColumn } from '../../platform/xlsx';
import type { roundReport } from './report';
import type { RoundRow } from './repository';
import { roundProblems } from './round-problems';
import { roundSubject } from './round-title';

type Report = Awaited<ReturnType<typeof roundReport>>;
type Group = Report['bySiteType'][number];

const col = (header: string, kind: SheetColumn['kind'] = 'text', width?: number, numFmt?: string): SheetColumn => ({
  header,
  kind,
  width,
  numFmt,
});

const GROUP_COLUMNS = (name: string): SheetColumn[] => [
  col(name, 'text', 22),
  col('点位数', 'integer', 10),
  col('已测评', 'integer', 10),
  col('平均得分率', 'percent', 12),
  col('平均扣分制得分', 'number', 14, '0.00'),
  col('达标率', 'percent', 10),
  col('发现问题', 'integer', 10),
];

const groupRow = (g: Group) => [g.name, g.sites, g.visited, g.avgScoreRate, g.avgDeduction, g.passRate, g.failures];

/** Builds the result workbook of a round. */
export async function buildRoundWorkbook(db: Db, r: RoundRow, report: Report, now: Date): Promise<Buffer> {
  const problems = await roundProblems(db, r.id);
  const period = chinesePeriod(r.start_date, r.end_date);
  const sites: ExportSheet = {
    name: '点位得分',
    title: `${roundSubject(r)}点位测评结果`,
    columns: [
      col('点位', 'text', 26),
      col('点位类型', 'text', 16),
      col('所属区域', 'text', 14),
      col('包保单位', 'text', 24),
      col('得分率', 'percent', 10),
      col('扣分制得分', 'number', 12, '0.00'),
      col('符合', 'integer', 8),
      col('不符合', 'integer', 8),
      col('不适用', 'integer', 8),
      col('是否达标', 'text', 10),
    ],
    rows: report.bySite.map((s) => [
      s.name,
      s.siteType,
      s.region,
      s.unit ?? '',
      s.scoreRate,
      s.deductionScore,
      s.passed,
      s.failed,
      s.notApplicable,
      s.meetsThreshold === null ? '未测评' : s.meetsThreshold ? '达标' : '未达标',
    ]),
  };
  const o = report.overall;
  const total = ['合计', o.sites, o.visited, o.avgScoreRate, o.avgDeduction, o.passRate, o.failures];
  const byType: ExportSheet = {
    name: '按点位类型',
    title: `${roundSubject(r)}按点位类型汇总`,
    columns: GROUP_COLUMNS('点位类型'),
    rows: report.bySiteType.map(groupRow),
    total,
  };
  const byTown: ExportSheet = {
    name: '按乡镇（街道）',
    title: `${roundSubject(r)}按乡镇（街道）汇总`,
    columns: GROUP_COLUMNS('乡镇（街道）'),
    rows: report.byRegion.map(groupRow),
    total,
  };
  const list: ExportSheet = {
    name: '问题清单',
    title: `${roundSubject(r)}问题清单`,
    columns: [
      col('问题编号', 'text', 24),
      col('点位', 'text', 22),
      col('点位类型', 'text', 14),
      col('乡镇（街道）', 'text', 12),
      col('责任单位', 'text', 22),
      col('测评标准', 'text', 12),
      col('问题描述', 'text', 40),
      col('问题类别', 'text', 14),
      col('严重程度', 'text', 8),
      col('状态', 'text', 8),
      col('发现时间', 'datetime', 17),
      col('整改时限', 'datetime', 17),
    ],
    rows: problems.map((p) => [
      p.code,
      p.site ?? '',
      p.siteType ?? '',
      p.town ?? '',
      p.unit ?? '',
      p.standardCode ?? '',
      p.description,
      p.category,
      labelOf(PROBLEM_SEVERITY_LABELS, p.severity),
      labelOf(PROBLEM_STATE_LABELS, p.state),
      p.foundAt,
      p.deadline,
    ]),
  };
  return buildReportWorkbook(
    {
      title: roundSubject(r),
      period,
      now,
      info: [`达标线：得分率 ${Math.round(report.round.threshold * 1000) / 10}%`],
    },
    [sites, byType, byTown, list],
  );
}
