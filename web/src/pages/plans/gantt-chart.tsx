/**
 * 甘特图 (倒排工期, 挂图作战) drawn with an ECharts custom series: one row per task in tree order; a thin grey bar is the
 * planned baseline (基线, the dates first approved), the coloured bar the current plan coloured by status with the
 * approved percent filled in; a red vertical line marks 今天, diamonds the task's milestones (节点; green when done).
 * Long plans scroll with the slider on the right (rows) and zoom in time with the wheel or the slider below.
 */
import { CustomChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { CustomSeriesRenderItem } from 'echarts';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty, Grid, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatus } from '@common/tasks';
import type { Task } from '../../api/plans';
import { TASK_STATUS_HEX } from './status-tag';
import { orderTasks, taskNumber } from './task-order';

echarts.use([CustomChart, ScatterChart, GridComponent, TooltipComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer]);

const DAY = 86_400_000;
const ROW = 36;
const VISIBLE_ROWS = 14;
const ts = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

interface Props {
  tasks: readonly Task[];
  today: string;
  onSelect?: (taskId: string) => void;
}

/** The Gantt chart of a plan's tasks (empty state when there are none). */
export function GanttChart({ tasks, today, onSelect }: Props) {
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const ordered = useMemo(() => orderTasks(tasks), [tasks]);
  const option = useMemo(
    () =>
      ganttOption(
        ordered.map((o) => o.task),
        ordered.map((o) => o.depth),
        today,
        narrow,
      ),
    [ordered, today, narrow],
  );
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const rows = Math.min(ordered.length, VISIBLE_ROWS);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const row = Array.isArray(p.value) ? Number(p.value[p.seriesType === 'custom' ? 0 : 1]) : NaN;
      const id = ordered[row]?.task.id;
      if (id) select.current?.(id);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [ordered]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  if (!ordered.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有任务，新增或导入任务后显示甘特图" />;
  return (
    <div>
      <div
        ref={box}
        role="img"
        aria-label={`甘特图：${ordered.length} 项任务，今天 ${today}`}
        data-testid="gantt"
        data-today={today}
        style={{ width: '100%', height: rows * ROW + 110 }}
      />
      <Space size={[16, 4]} wrap style={{ marginTop: 8, fontSize: 12 }}>
        <Legend swatch={<span style={{ display: 'inline-block', width: 22, height: 4, background: '#bfbfbf' }} />} text="计划基线" />
        {TASK_STATUSES.map((s) => (
          <Legend
            key={s}
            swatch={<span style={{ display: 'inline-block', width: 14, height: 10, background: TASK_STATUS_HEX[s] }} />}
            text={TASK_STATUS_LABELS[s]}
          />
        ))}
        <Legend
          swatch={<span style={{ display: 'inline-block', width: 2, height: 12, background: '#f5222d' }} />}
          text={`今天（${today}）`}
        />
        <Legend
          swatch={<span style={{ display: 'inline-block', width: 8, height: 8, background: '#722ed1', transform: 'rotate(45deg)' }} />}
          text="节点"
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        点击任务条查看详情；滚轮或下方滑块缩放时间，右侧滑块上下翻看任务。
      </Typography.Paragraph>
    </div>
  );
}

function Legend({ swatch, text }: { swatch: React.ReactNode; text: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {swatch}
      <span>{text}</span>
    </span>
  );
}

/** The chart's option (exported for a unit test of the layout if one is ever wanted). */
export function ganttOption(tasks: readonly Task[], depths: readonly number[], today: string, narrow: boolean): echarts.EChartsCoreOption {
  const todayTs = ts(today);
  const labelMax = narrow ? 7 : 16;
  const labels = tasks.map((t, i) => `${'  '.repeat(Math.min(depths[i] ?? 0, 3))}${taskNumber(t)} ${shorten(t.title, labelMax)}`);
  const statusIndex = (s: TaskStatus) => TASK_STATUSES.indexOf(s);
  const bars = tasks.map((t, i) => ({
    value: [i, ts(t.baselineStart), ts(t.baselineDue) + DAY, ts(t.startDate), ts(t.dueDate) + DAY, t.percent, statusIndex(t.status)],
  }));
  const milestones = tasks.flatMap((t, i) =>
    t.milestones.map((m) => ({
      value: [ts(m.date) + DAY / 2, i],
      name: m.name,
      itemStyle: { color: m.done ? '#52c41a' : '#722ed1' },
      date: m.date,
      done: m.done,
    })),
  );
  const all = tasks.flatMap((t) => [ts(t.baselineStart), ts(t.startDate), ts(t.baselineDue), ts(t.dueDate)]);
  const min = Math.min(...all, todayTs) - 7 * DAY;
  const max = Math.max(...all, todayTs) + 10 * DAY;

  const renderItem: CustomSeriesRenderItem = (params, api) => {
    const row = Number(api.value(0));
    const [x0] = api.coord([api.value(3), row]);
    const [x1, y] = api.coord([api.value(4), row]);
    const [b0] = api.coord([api.value(1), row]);
    const [b1] = api.coord([api.value(2), row]);
    const h = (api.size?.([0, 1]) as number[])[1];
    const percent = Number(api.value(5));
    const color = TASK_STATUS_HEX[TASK_STATUSES[Number(api.value(6))] ?? 'in_progress'];
    const cs = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
    const clip = (shape: { x: number; y: number; width: number; height: number }) =>
      echarts.graphic.clipRectByRect(shape, { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
    const barH = h * 0.42;
    const barY = y - h * 0.34;
    const bar = clip({ x: x0, y: barY, width: Math.max(2, x1 - x0), height: barH });
    const fill = clip({ x: x0, y: barY, width: Math.max(0, (x1 - x0) * (percent / 100)), height: barH });
    const base = clip({ x: b0, y: y + h * 0.16, width: Math.max(2, b1 - b0), height: Math.max(3, h * 0.1) });
    const children: NonNullable<ReturnType<CustomSeriesRenderItem>>[] = [];
    if (base) children.push({ type: 'rect', shape: base, style: { fill: '#bfbfbf' } });
    if (bar) children.push({ type: 'rect', shape: { ...bar, r: 3 }, style: { fill: `${color}33`, stroke: color, lineWidth: 1 } });
    if (fill && fill.width > 0) children.push({ type: 'rect', shape: { ...fill, r: 3 }, style: { fill: color } });
    if (bar && x1 + 40 < cs.x + cs.width) {
      children.push({
        type: 'text',
        style: { text: `${percent}%`, x: x1 + 4, y: barY + barH / 2, verticalAlign: 'middle', fill: '#595959', fontSize: 11 },
      });
    }
    return { type: 'group', children } as ReturnType<CustomSeriesRenderItem>;
  };

  const many = tasks.length > VISIBLE_ROWS;
  return {
    animation: false,
    grid: { left: narrow ? 118 : 230, right: many ? 46 : 24, top: 36, bottom: 64, containLabel: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: {
        seriesType?: string;
        dataIndex: number;
        data?: { name?: string; date?: string; done?: boolean; value: number[] };
      }) => {
        if (p.seriesType === 'scatter') {
          const m = p.data!;
          const t = tasks[m.value[1]];
          return `${escape(t?.title ?? '')}<br/>节点：${escape(m.name ?? '')}（${m.date}）${m.done ? ' 已完成' : ''}`;
        }
        const t = tasks[p.dataIndex];
        if (!t) return '';
        return [
          `<b>${escape(taskNumber(t))} ${escape(t.title)}</b>`,
          `牵头单位：${escape(t.leadUnit.name)}`,
          `计划基线：${t.baselineStart} 至 ${t.baselineDue}`,
          `当前计划：${t.startDate} 至 ${t.dueDate}`,
          `完成进度：${t.percent}%，状态：${TASK_STATUS_LABELS[t.status]}${t.overdueDays > 0 ? `（逾期 ${t.overdueDays} 天）` : ''}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      position: 'top',
      min,
      max,
      splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
      axisLabel: {
        hideOverlap: true,
        formatter: { year: '{yyyy}年', month: '{M}月', day: '{M}月{d}日', hour: '', minute: '', second: '', millisecond: '' },
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { fontSize: 12, color: '#262626', width: narrow ? 110 : 220, overflow: 'truncate', align: 'right' },
      splitLine: { show: true, lineStyle: { color: '#fafafa' } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', height: 18, bottom: 12, labelFormatter: '' },
      ...(many
        ? [
            {
              type: 'slider',
              yAxisIndex: 0,
              right: 8,
              width: 16,
              startValue: 0,
              endValue: VISIBLE_ROWS - 1,
              zoomLock: true,
              showDetail: false,
            },
            { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: VISIBLE_ROWS - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true },
          ]
        : []),
    ],
    series: [
      {
        type: 'custom',
        name: '任务',
        renderItem,
        encode: { x: [1, 2, 3, 4], y: 0 },
        data: bars,
        clip: true,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#f5222d', type: 'solid', width: 1.5 },
          label: { formatter: '今天', position: 'end', color: '#f5222d', fontWeight: 'bold', backgroundColor: '#fff', padding: [1, 3] },
          data: [{ xAxis: todayTs + DAY / 2 }],
        },
      },
      {
        type: 'scatter',
        name: '节点',
        symbol: 'diamond',
        symbolSize: 11,
        data: milestones,
        z: 5,
      },
    ],
  };
}
