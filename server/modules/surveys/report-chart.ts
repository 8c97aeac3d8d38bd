/**
 * The results report's bar chart: the four rates by town, drawn with ECharts' server-side SVG renderer (no DOM) and
 * turned into a JPEG with sharp (librsvg; the CJK text uses the fonts fontconfig finds) for gongwen's `figure`.
 */
import * as echarts from 'echarts';
import sharp from 'sharp';
import { SURVEY_RATE_LABELS, SURVEY_RATES } from '../../../common/surveys';

export interface ChartRow {
  name: string;
  rates: Record<(typeof SURVEY_RATES)[number], number | null>;
}

const COLORS = ['#1f5fa8', '#4e9a52', '#d98c1f', '#b8413c'];

/** A grouped bar chart (rates in %, one group per row); null when there is nothing to draw. */
export async function ratesChart(rows: ChartRow[]): Promise<{ image: Buffer; width: number; height: number } | null> {
  const rates = SURVEY_RATES.filter((r) => rows.some((x) => x.rates[r] !== null));
  if (!rows.length || !rates.length) return null;
  const width = 760;
  const height = 400;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif', fontSize: 14 },
      color: COLORS,
      legend: { top: 10, itemWidth: 22, itemHeight: 14, textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 20, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 14, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 13 } },
      series: rates.map((r) => ({
        name: SURVEY_RATE_LABELS[r],
        type: 'bar',
        barMaxWidth: 36,
        label: {
          show: rows.length * rates.length <= 28,
          position: 'top',
          fontSize: 13,
          formatter: (p: { value: number }) => p.value.toFixed(1),
        },
        data: rows.map((x) => (x.rates[r] === null ? null : Math.round(x.rates[r]! * 1000) / 10)),
      })),
    });
    const svg = chart.renderToSVGString();
    const image = await sharp(Buffer.from(svg), { density: 96 }).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
    return { image, width, height };
  } finally {
    chart.dispose();
  }
}
