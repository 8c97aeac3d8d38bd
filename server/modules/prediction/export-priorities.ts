/**
 * 对标补短 priority list (.xlsx): one sheet of (standard, site type) rows in priority order — 序号, 测评项目, 编码,
 * 标准, 点位类型, 分值, 权重, 观测 (符合/不符合), 预计达标率, 待争取分, 整改后预计增分, open problems (件, 点位, 超期,
 * 最早发现) — a 按测评项目 sheet and a 按点位类型 sheet, under a title row with the campaign, the expected score and its
 * band in the information row, and the method in 说明.
 */
import type { Ctx } from '../../platform/context';
import { buildReportWorkbook, type SheetColumn } from '../../platform/xlsx';
import { readPrediction } from './read-prediction';

export const PREDICTION_EXPORT_NOTES = [
  '预计得分 = Σ 各实地考察标准分值 × 该标准在各类点位的预计达标率（按各类点位被抽中的比例加权）；负面清单不计入。',
  '预计达标率取自最近若干轮已发布的督查（暗访在发布后计入，回头看不计入）的测评结果，按贝叶斯收缩估计：数据少时向该标准总体达标率、再向全县总体达标率靠拢。',
  '区间为 80% 预测区间（蒙特卡洛模拟，既含达标率的不确定性，也含抽中哪些点位的偶然性）；观测不足 10 条的项目标注“数据不足”。',
  '待争取分 = 分值 × 权重 × (1 − 预计达标率)；整改后预计增分 = 分值 × 权重 × min(有未结问题的点位数 ÷ 该类点位总数, 1 − 预计达标率)。',
  '未结问题指未结案、未驳回的问题；暗访发现的问题在发布后才计入。',
];

export async function exportPriorities(ctx: Ctx, q: { campaignId?: string; rounds: number }) {
  const p = await readPrediction(ctx, q);
  const s = p.score;
  const columns: SheetColumn[] = [
    { header: '测评项目', width: 20 },
    { header: '编码', width: 16 },
    { header: '测评标准', width: 36 },
    { header: '点位类型', width: 14 },
    { header: '分值', kind: 'number', numFmt: '0.00', width: 7 },
    { header: '权重', kind: 'percent', width: 8 },
    { header: '符合', kind: 'integer', width: 6 },
    { header: '不符合', kind: 'integer', width: 7 },
    { header: '预计达标率', kind: 'percent', width: 10 },
    { header: '待争取分', kind: 'number', numFmt: '0.00', width: 9 },
    { header: '整改后预计增分', kind: 'number', numFmt: '0.00', width: 10 },
    { header: '未结问题（件）', kind: 'integer', width: 9 },
    { header: '涉及点位', kind: 'integer', width: 8 },
    { header: '超期（件）', kind: 'integer', width: 8 },
    { header: '最早发现', kind: 'date', width: 12 },
    { header: '数据', width: 8 },
  ];
  const rows = p.priorities.map((r) => [
    r.itemName,
    r.standardCode,
    r.standardText,
    r.siteTypeName,
    r.points,
    r.weight,
    r.passed,
    r.failed,
    r.passRate,
    r.atStake,
    r.expectedGain,
    r.openProblems,
    r.problemSites,
    r.overdueProblems,
    r.oldestOpenAt,
    r.insufficient ? '数据不足' : '',
  ]);
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
  const title = `${p.campaign.name}对标补短清单`;
  const buffer = await buildReportWorkbook(
    {
      title,
      now: ctx.clock.now(),
      info: [
        `预计实地考察得分 ${s.expected.toFixed(2)} / ${s.fullMarks.toFixed(2)}（${s.percent.toFixed(1)}%，${s.grade} 级）`,
        `80% 区间 ${s.low.toFixed(2)}–${s.high.toFixed(2)}`,
        `依据 ${p.rounds.length} 轮督查、${s.visits} 个点位次、${s.observations} 条观测${s.insufficient ? '（数据不足）' : ''}`,
      ],
    },
    [
      {
        name: '对标补短',
        columns,
        rows,
        total: [
          '合计',
          '',
          '',
          '',
          null,
          null,
          null,
          null,
          null,
          sum(p.priorities.map((r) => r.atStake)),
          sum(p.priorities.map((r) => r.expectedGain)),
          null,
          null,
          null,
          null,
          '',
        ],
      },
      {
        name: '按测评项目',
        title: `${p.campaign.name}预计得分（按测评项目）`,
        columns: [
          { header: '测评项目', width: 30 },
          { header: '标准数', kind: 'integer', width: 8 },
          { header: '满分', kind: 'number', numFmt: '0.00', width: 9 },
          { header: '预计得分', kind: 'number', numFmt: '0.00', width: 10 },
          { header: '预计得分率', kind: 'percent', width: 10 },
          { header: '观测', kind: 'integer', width: 8 },
        ],
        rows: p.byItem.map((i) => [
          i.name,
          i.standards,
          i.fullMarks,
          i.expected,
          i.fullMarks ? i.expected / i.fullMarks : null,
          i.observations,
        ]),
      },
      {
        name: '按点位类型',
        title: `${p.campaign.name}预计得分（按点位类型）`,
        columns: [
          { header: '点位类型', width: 20 },
          { header: '抽中点位次', kind: 'integer', width: 10 },
          { header: '点位总数', kind: 'integer', width: 9 },
          { header: '观测', kind: 'integer', width: 8 },
          { header: '对应满分', kind: 'number', numFmt: '0.00', width: 10 },
          { header: '预计得分', kind: 'number', numFmt: '0.00', width: 10 },
          { header: '预计得分率', kind: 'percent', width: 10 },
        ],
        rows: p.bySiteType
          .filter((t) => t.fullMarks > 0)
          .map((t) => [
            t.name,
            t.sampled,
            t.registered,
            t.observations,
            t.fullMarks,
            t.expected,
            t.fullMarks ? t.expected / t.fullMarks : null,
          ]),
      },
    ],
    PREDICTION_EXPORT_NOTES,
  );
  return { fileName: `${title}.xlsx`, buffer };
}
