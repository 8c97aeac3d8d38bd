/**
 * 考核结果 (.xlsx): one sheet per group — 序号, 排名, the subject, 总分, each indicator's value and points (numbers as
 * numbers, rates as % numbers), 红黑榜, 一票否决, consecutive black-list months and the proposal, the objection's
 * adjustment — under a title row with the month. What the reader may see of the run (readResults: a unit its own row).
 */
import { EVALUATION_PROPOSAL_LABELS } from '../../../common/evaluation-workflow';
import { periodEnd, periodLabel, periodStart } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { buildReportWorkbook, chinesePeriod, type SheetColumn } from '../../platform/xlsx';
import { readResults } from './read-run';

type Results = {
  run: { id: string; state: string; period: string; revision: number };
  groups: Array<{
    name: string;
    items: Array<{
      subjectName: string;
      score: number;
      adjustment: number;
      rank: number;
      list: 'red' | 'black' | null;
      veto: boolean;
      blackStreak: number;
      proposal: 'interview' | 'accountability' | null;
      indicators: Array<{ code: string; name: string; unit: string; value: number | null; points: number }>;
    }>;
  }>;
};

const LIST_LABELS = { red: '红榜', black: '黑榜' } as const;

export const RESULT_EXPORT_NOTES = [
  '总分 = 各项指标得分之和（含加分项），申诉经核实调整的分值计入总分并在“申诉调整”列列出。',
  '排名：同分并列（如 1、1、3）；一票否决的对象排在本组最后并列入黑榜。',
  '红榜为本组前 N 名，黑榜为本组后 N 名及全部一票否决对象；连续上黑榜月数按已发布的月度考核计算。',
];

export async function exportResults(ctx: Ctx, runId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const r = (await readResults(ctx, runId)) as unknown as Results;
  const label = periodLabel(r.run.period);
  const last = new Date(periodEnd(r.run.period).getTime() - 1);
  const sheets = r.groups.map((g) => {
    const indicators = g.items[0]?.indicators ?? [];
    const columns: SheetColumn[] = [
      { header: '排名', kind: 'integer', width: 6 },
      { header: '考核对象', width: 22 },
      { header: '总分', kind: 'number', numFmt: '0.00', width: 9 },
      ...indicators.flatMap((i): SheetColumn[] => [
        { header: `${i.name}${i.unit === '%' ? '' : `（${i.unit}）`}`, kind: i.unit === '%' ? 'percent' : 'number', width: 12 },
        { header: `${i.name}得分`, kind: 'number', numFmt: '0.00', width: 10 },
      ]),
      { header: '红黑榜', width: 8 },
      { header: '一票否决', width: 9 },
      { header: '连续上黑榜月数', kind: 'integer', width: 10 },
      { header: '建议', width: 8 },
      { header: '申诉调整', kind: 'number', numFmt: '0.00', width: 9 },
    ];
    return {
      name: g.name.slice(0, 31),
      title: `${label}创建工作考核排名（${g.name}）`,
      columns,
      rows: g.items.map((i) => [
        i.rank,
        i.subjectName,
        i.score,
        ...i.indicators.flatMap((v) => [v.value, v.points]),
        i.list ? LIST_LABELS[i.list] : '',
        i.veto ? '是' : '',
        i.blackStreak || null,
        i.proposal ? EVALUATION_PROPOSAL_LABELS[i.proposal] : '',
        i.adjustment || null,
      ]),
    };
  });
  const buffer = await buildReportWorkbook(
    {
      title: `${label}创建工作考核排名`,
      period: chinesePeriod(periodStart(r.run.period), last),
      now: ctx.clock.now(),
      info: r.run.revision > 1 ? [`修订版第${r.run.revision}版`] : [],
    },
    sheets,
    RESULT_EXPORT_NOTES,
  );
  return { fileName: `${label}创建工作考核排名.xlsx`, buffer };
}
