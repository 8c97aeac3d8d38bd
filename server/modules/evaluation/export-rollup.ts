/**
 * 季度/年度考核汇总 (.xlsx): one sheet per group — 排名, the subject, each published month's score, the months combined
 * (average or sum), 年度加减分, 总分, months on the red and black lists — under a title row with the period and a note on
 * how the months were combined and which are not yet published. What the reader may see (readRollup).
 */
import { parsePeriod, periodEnd, periodLabel, periodStart } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { buildReportWorkbook, chinesePeriod, type SheetColumn } from '../../platform/xlsx';
import { readRollup } from './read-standings';

export async function exportRollup(ctx: Ctx, schemeId: string, period: string): Promise<{ fileName: string; buffer: Buffer }> {
  const r = await readRollup(ctx, schemeId, period);
  const year = r.period.length === 4;
  const monthLabel = (m: string) => `${Number(m.slice(5))}月`;
  const sheets = r.groups.map((g) => {
    const columns: SheetColumn[] = [
      { header: '排名', kind: 'integer', width: 6 },
      { header: '考核对象', width: 22 },
      ...r.publishedMonths.map((m): SheetColumn => ({ header: monthLabel(m), kind: 'number', numFmt: '0.00', width: 8 })),
      { header: r.methodLabel, kind: 'number', numFmt: '0.00', width: 10 },
      ...(year ? [{ header: '年度加减分', kind: 'number', numFmt: '0.00', width: 10 } as SheetColumn] : []),
      { header: '总分', kind: 'number', numFmt: '0.00', width: 9 },
      { header: '上红榜月数', kind: 'integer', width: 9 },
      { header: '上黑榜月数', kind: 'integer', width: 9 },
    ];
    return {
      name: g.name.slice(0, 31),
      title: `${r.periodLabel}创建工作考核汇总（${g.name}）`,
      columns,
      rows: g.items.map((i) => [
        i.rank,
        i.subjectName,
        ...r.publishedMonths.map((m) => i.months.find((x) => x.period === m)?.score ?? null),
        i.combined,
        ...(year ? [i.annualPoints || null] : []),
        i.total,
        i.redMonths || null,
        i.blackMonths || null,
      ]),
    };
  });
  const missing = r.monthsInPeriod - r.publishedMonths.length;
  const buffer = await buildReportWorkbook(
    {
      title: `${r.periodLabel}创建工作考核汇总`,
      period: chinesePeriod(periodStart(parsePeriod(r.period)!), new Date(periodEnd(parsePeriod(r.period)!).getTime() - 1)),
      now: ctx.clock.now(),
      info: [`方案：${r.schemeName}`, `汇总方式：${r.methodLabel}`],
    },
    sheets,
    [
      `汇总分 = 已发布月度考核得分的${r.method === 'sum' ? '累计' : '平均'}${year ? '，总分 = 汇总分 + 年度加减分事项' : ''}；同分并列。`,
      missing > 0
        ? `本期共 ${r.monthsInPeriod} 个月，其中 ${missing} 个月尚未发布考核排名，未计入。`
        : `本期 ${r.monthsInPeriod} 个月的考核排名均已发布。`,
    ],
  );
  return { fileName: `${periodLabel(r.period)}创建工作考核汇总.xlsx`, buffer };
}
