/**
 * The rate of each town as a bar with its 95 % interval as a whisker (a custom series draws the I-beam), and the
 * threshold as a dashed line. ECharts is imported part by part and this file is loaded lazily by the results page.
 */
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

echarts.use([BarChart, CustomChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface TownRate {
  name: string;
  rate: number | null;
  ci: [number, number] | null;
  n: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export default function ResultsChart({ rows, rateLabel, threshold }: { rows: TownRate[]; rateLabel: string; threshold: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const option = useMemo(() => {
    return {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (items: Array<{ dataIndex: number }>) => {
          const r = rows[items[0]?.dataIndex ?? 0];
          if (!r) return '';
          return `${r.name}<br/>${rateLabel} ${r.rate === null ? '—' : pct(r.rate)}${r.ci ? `（${pct(r.ci[0])}–${pct(r.ci[1])}）` : ''}<br/>样本 ${r.n}`;
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        {
          type: 'bar',
          name: rateLabel,
          data: rows.map((r) => ({
            value: r.rate,
            itemStyle: { color: threshold !== null && r.rate !== null && r.rate < threshold ? '#ff7875' : '#1677ff' },
          })),
          barMaxWidth: 36,
          markLine:
            threshold === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#cf1322' },
                  label: { formatter: `达标线 ${Math.round(threshold * 100)}%`, position: 'insideEndTop' },
                  data: [{ yAxis: threshold }],
                },
        },
        {
          type: 'custom',
          name: '95%置信区间',
          data: rows.map((r, i) => (r.ci ? [i, r.ci[0], r.ci[1]] : [i, NaN, NaN])),
          z: 10,
          renderItem: (
            _params: unknown,
            api: { value: (i: number) => number; coord: (p: [number, number]) => number[]; size: (p: [number, number]) => number[] },
          ) => {
            const x = api.value(0);
            const lo = api.value(1);
            const hi = api.value(2);
            if (!Number.isFinite(lo)) return null;
            const top = api.coord([x, hi]);
            const bottom = api.coord([x, lo]);
            const half = Math.min(8, api.size([1, 0])[0] * 0.15);
            const style = { stroke: '#262626', lineWidth: 1.5 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: top[0], y1: top[1], x2: bottom[0], y2: bottom[1] }, style },
                { type: 'line', shape: { x1: top[0] - half, y1: top[1], x2: top[0] + half, y2: top[1] }, style },
                { type: 'line', shape: { x1: bottom[0] - half, y1: bottom[1], x2: bottom[0] + half, y2: bottom[1] }, style },
              ],
            };
          },
        },
      ],
    };
  }, [rows, rateLabel, threshold]);

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);

  const label = `各乡镇${rateLabel}及95%置信区间：${rows.map((r) => `${r.name} ${r.rate === null ? '无数据' : pct(r.rate)}`).join('，')}`;
  return <div ref={box} role="img" aria-label={label} data-testid="results-chart" style={{ width: '100%', height: 320 }} />;
}
