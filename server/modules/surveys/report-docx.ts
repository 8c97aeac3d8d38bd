/**
 * 问卷调查结果报告 as a 公文 (platform/gongwen.ts): 调查概况 (sample, dates, method), 四率总体情况 with Wilson 95 %
 * intervals, a table by town and one by respondent group (with a bar chart of the rates by town), the comparison with
 * the previous wave of the region, the 10 lowest items, and the public-link figures on their own (they are not a
 * sample: they never enter the rates above).
 */
import { AlignmentType, ImageRun, LineRuleType, Paragraph, type Table } from 'docx';
import { SURVEY_RATE_LABELS, SURVEY_RATES, type SurveyRate } from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import {
  body,
  buildGongwen,
  documentNumber,
  heading,
  percent,
  percentagePoints,
  PT,
  run as textRun,
  subheadingNumber,
  table,
} from '../../platform/gongwen';
import { issuingOffice } from '../../platform/issuing-office';
import { chineseDate } from '../../platform/xlsx';
import { ratesChart } from './report-chart';
import { computeResults, readableWave, type SurveyResults } from './read-results';
import { waveSequence } from './results-repository';

type Row = SurveyResults['rates'][number];

const lead = (i: number, title: string, text: string) =>
  body([textRun(`${subheadingNumber(i)}${title}`, 'subheading', PT.san), textRun(text, 'body', PT.san)]);

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : percent(x));
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : (x * 100).toFixed(1));
const ci = (x: [number, number] | null | undefined) => (x ? `${percent(x[0])}～${percent(x[1])}` : '—');

/** The rates a wave's questionnaire measures (those with at least one figure). */
function measured(r: SurveyResults): SurveyRate[] {
  return SURVEY_RATES.filter((k) => r.total[k] !== null || r.rates.some((x) => x[k] !== null));
}

function ratesTable(first: string, rows: Row[], total: Row, rates: SurveyRate[]): Table {
  return table(
    [
      { header: first, width: 3 },
      { header: '样本量', width: 1.4, align: 'right' },
      ...rates.map((k) => ({ header: SURVEY_RATE_LABELS[k], width: 1.8, align: 'right' as const })),
    ],
    [...rows, total].map((x) => [x.name, String(x.n), ...rates.map((k) => pct(x[k]))]),
  );
}

/**
 * The chart centred at 150 mm wide with its caption (as gongwen's `figure`, but with a fixed drawing id: docx numbers
 * drawings with a process-wide counter, and the same report must read the same each time).
 */
function chartFigure(chart: { image: Buffer; width: number; height: number }, caption: string): Paragraph[] {
  const px = (mm: number) => (mm / 25.4) * 96;
  const scale = Math.min(px(150) / chart.width, px(85) / chart.height);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 60 },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'jpg',
          data: chart.image,
          transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
          altText: { id: '1', name: caption, description: caption, title: caption },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 400, lineRule: LineRuleType.EXACT, after: 160 },
      children: [textRun(caption, 'subheading', PT.si)],
    }),
  ];
}

export async function buildResultsReport(ctx: Ctx, waveId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const wave = await readableWave(ctx, waveId);
  const base = { source: 'interview' as const, weighted: false };
  const [byTown, byGroup, weighted] = await Promise.all([
    computeResults(ctx, wave, { ...base, groupBy: 'town' }),
    computeResults(ctx, wave, { ...base, groupBy: 'group' }),
    computeResults(ctx, wave, { ...base, weighted: true, groupBy: 'total' }),
  ]);
  const publicRes = await computeResults(ctx, wave, { source: 'public', weighted: false, groupBy: 'town' });
  const rates = measured(byTown);
  const t = byTown.total;
  const office = await issuingOffice(ctx.db, wave.campaign_id, wave.region_id);
  const date = ctx.clock.now();
  const year = Number(wave.starts_on.slice(0, 4));
  const children: Array<Paragraph | Table> = [];
  const towns = byTown.rates.filter((x) => x.n > 0);

  // 一、调查概况
  children.push(heading(1, '调查概况'));
  children.push(
    body(
      `${chineseDate(wave.starts_on)}至${chineseDate(wave.ends_on)}，${office.short}在${wave.region_name}${towns.length}个乡镇（街道）组织开展“${wave.name}”，` +
        `采用入户访问与街头拦截访问相结合的方式，按各乡镇（街道）各类人群的人口比例分配样本配额，使用“${wave.questionnaire_name}”。` +
        `计划样本${wave.target_size}份，回收合格有效问卷${t.n}份（不合格及经复核作废的问卷不计入）` +
        `${byTown.bySource[1].n > 0 ? `；另通过公众链接收到合格答卷${byTown.bySource[1].n}份，单独列示，不计入以下各率` : ''}。`,
      { indent: true },
    ),
  );
  children.push(
    body('各率均为计入题目的有效作答中计入的比例（回答“不清楚”的不计入分母），区间为95%置信区间（Wilson法，以合格受访者人数为样本量）。', {
      indent: true,
    }),
  );

  // 二、总体情况
  children.push(heading(2, '总体情况'));
  const totals = rates.map((k) => `${SURVEY_RATE_LABELS[k]}${pct(t[k])}（95%置信区间${ci(t.ci[k])}）`).join('，');
  children.push(body(`全${office.regionLevel === 'city' ? '市' : '县'}${totals}。`, { indent: true }));
  const w = weighted.total;
  if (w.n > 0)
    children.push(
      body(`按各乡镇（街道）各类人群人口比例加权后，${rates.map((k) => `${SURVEY_RATE_LABELS[k]}${pct(w[k])}`).join('，')}。`, {
        indent: true,
      }),
    );

  // 三、分乡镇和分人群情况
  children.push(heading(3, '分乡镇（街道）和分人群情况'));
  const weakest = rates
    .map((k) => {
      const withValue = towns.filter((x) => x[k] !== null);
      const low = withValue.sort((a, b) => (a[k] as number) - (b[k] as number))[0];
      return low ? `${SURVEY_RATE_LABELS[k]}最低的是${low.name}（${pct(low[k])}）` : null;
    })
    .filter(Boolean);
  children.push(lead(1, '分乡镇（街道）。', weakest.length ? `${weakest.join('，')}。详见表1。` : '详见表1。'));
  children.push(body('表1　各乡镇（街道）调查结果', { align: 'center' }));
  children.push(ratesTable('乡镇（街道）', towns, t, rates));
  const chart = await ratesChart(
    towns.map((x) => ({
      name: x.name,
      rates: { awareness: x.awareness, support: x.support, participation: x.participation, satisfaction: x.satisfaction },
    })),
  );
  if (chart) children.push(...chartFigure(chart, '图1　各乡镇（街道）四率对比（%）'));
  children.push(lead(2, '分人群。', '各类调查对象的结果见表2。'));
  children.push(body('表2　各类调查对象调查结果', { align: 'center' }));
  children.push(
    ratesTable(
      '调查对象',
      byGroup.rates.filter((x) => x.n > 0),
      byGroup.total,
      rates,
    ),
  );

  // 四、与上次调查比较
  children.push(heading(4, '与上次调查比较'));
  if (byTown.previousWave && t.previous) {
    const prev = t.previous;
    children.push(
      body(
        `与“${byTown.previousWave.name}”相比，${rates
          .map(
            (k) =>
              `${SURVEY_RATE_LABELS[k]}${pct(t[k])}（上次${pct(prev[k])}，${t[k] !== null && prev[k] !== null ? percentagePoints(t[k]! - prev[k]!) : '无法比较'}）`,
          )
          .join('，')}。`,
        { indent: true },
      ),
    );
    children.push(body('表3　各乡镇（街道）本次与上次结果（本次／上次，%）', { align: 'center' }));
    children.push(
      table(
        [
          { header: '乡镇（街道）', width: 3 },
          ...rates.map((k) => ({ header: SURVEY_RATE_LABELS[k], width: 2, align: 'center' as const })),
        ],
        [...towns, t].map((x) => [x.name, ...rates.map((k) => `${num(x[k])}／${num(x.previous?.[k])}`)]),
      ),
    );
  } else children.push(body('本区域此前没有使用同一问卷的调查，无法比较。', { indent: true }));

  // 五、失分较多的题目
  children.push(heading(5, '失分较多的题目'));
  const lowest = byTown.questions.filter((q) => q.share !== null).slice(0, 10);
  if (lowest.length) {
    children.push(body(`计入比例最低的${lowest.length}道题如下，建议作为下一步宣传和整改的重点。`, { indent: true }));
    children.push(
      table(
        [
          { header: '序号', width: 0.8, align: 'center' },
          { header: '题目', width: 6 },
          { header: '指标', width: 1.3, align: 'center' },
          { header: '比例', width: 1.3, align: 'right' },
        ],
        lowest.map((q, i) => [String(i + 1), `${q.code} ${q.text}`, SURVEY_RATE_LABELS[q.rate], pct(q.share)]),
      ),
    );
  } else children.push(body('暂无计入指标的作答。', { indent: true }));

  // 六、公众链接答卷
  children.push(heading(6, '公众链接答卷情况'));
  const pub = publicRes.total;
  if (pub.n > 0) {
    children.push(
      body(
        `通过公众链接收到合格答卷${pub.n}份。公众链接答卷为自愿作答，不是按配额抽取的样本，仅供参考：${rates
          .map((k) => `${SURVEY_RATE_LABELS[k]}${pct(pub[k])}`)
          .join('，')}。`,
        { indent: true },
      ),
    );
  } else children.push(body('本次调查未收到公众链接答卷。', { indent: true }));

  const buffer = await buildGongwen({
    organ: office.organ,
    number: documentNumber(office.prefix, year, await waveSequence(ctx.db, wave)),
    title: `关于${wave.name}结果的报告`,
    addressee: `${wave.region_name}创建工作领导小组`,
    children,
    date,
    letter: true,
  });
  return { fileName: `问卷调查结果报告-${wave.name}.docx`, buffer };
}
