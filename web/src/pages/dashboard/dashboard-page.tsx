/**
 * 指挥大屏 (/dashboard): the reader's region at a glance, full screen without the app's chrome, dark for a wall. KPI
 * tiles, open problems by state, 达标率 by site type, the sites map by last score, 红黑榜, twelve months of trends and
 * the towns with most overdue problems. Everything comes from the server's snapshot (refreshed every minute); the page
 * asks again every 60 s. ECharts and Leaflet load with this page only.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { PROBLEM_STATE_LABELS } from '@common/problem-workflow';
import { Button, ConfigProvider, theme } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useDashboard, useDashboardSites, useRefreshDashboard, type Dashboard } from '../../api/dashboard';
import { EChart, type ChartOption } from './echart';
import { SCORE_BANDS } from './score-bands';
import './dashboard.css';

const DashboardMap = lazy(() => import('./dashboard-map'));

const TEXT = '#e6eefc';
const DIM = '#9fb3d1';
const LINE = 'rgba(90,160,255,.18)';
const percent = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Chart text size: larger on a wall (≥ 1600 px wide) than on a laptop. */
const font = () => (window.innerWidth >= 1600 ? 15 : 12);
const axisStyle = () => ({
  axisLine: { lineStyle: { color: LINE } },
  axisLabel: { color: DIM, fontSize: font() },
  splitLine: { lineStyle: { color: LINE } },
});
const tooltip = { trigger: 'axis', backgroundColor: 'rgba(7,20,43,.92)', borderColor: '#2a4d80', textStyle: { color: TEXT } };

function Panel({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="cc-dash-panel" aria-label={title}>
      <h2 className="cc-dash-panel-title">
        <span>{title}</span>
        {note && <small>{note}</small>}
      </h2>
      <div className="cc-dash-panel-body">{children}</div>
    </section>
  );
}

function Tile({ label, value, note, tone }: { label: string; value: ReactNode; note?: ReactNode; tone?: 'warn' | 'good' }) {
  return (
    <div className="cc-dash-tile" role="group" aria-label={label}>
      <div className="cc-dash-tile-label">{label}</div>
      <div className={`cc-dash-tile-value${tone ? ` is-${tone}` : ''}`} data-testid="dashboard-tile-value">
        {value}
      </div>
      {note && <div className="cc-dash-tile-note">{note}</div>}
    </div>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <div className="cc-dash-empty">{children}</div>;
}

/** Open problems per state (not closed, not rejected), workflow order. */
function statesOption(d: Dashboard): ChartOption {
  const open = d.byState.filter((s) => s.state !== 'closed' && s.state !== 'rejected');
  return {
    tooltip,
    grid: { left: 8, right: 16, top: 16, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: open.map((s) => PROBLEM_STATE_LABELS[s.state]), ...axisStyle(), splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle() },
    series: [
      {
        type: 'bar',
        name: '问题数',
        barMaxWidth: 42,
        data: open.map((s) => s.count),
        itemStyle: { color: '#3f8cff', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top', color: TEXT, fontSize: font() },
      },
    ],
  };
}

/** 达标率 per site type, horizontal bars (long type names read on the axis). */
function siteTypesOption(d: Dashboard): ChartOption {
  const rows = [...d.siteTypes].reverse();
  return {
    tooltip: {
      ...tooltip,
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const r = rows[ps[0].dataIndex];
        return `${r.name}<br/>达标 ${r.passed} / 测评 ${r.visited} 个点位<br/>达标率 ${percent(r.rate)}`;
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', max: 100, ...axisStyle(), axisLabel: { color: DIM, fontSize: font(), formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => (r.name.length > 8 ? `${r.name.slice(0, 8)}…` : r.name)),
      ...axisStyle(),
      splitLine: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: '达标率',
        barMaxWidth: 18,
        data: rows.map((r) => ({
          value: r.rate == null ? 0 : Math.round(r.rate * 1000) / 10,
          itemStyle: { color: (r.rate ?? 0) >= 0.9 ? '#2fc26b' : (r.rate ?? 0) >= 0.75 ? '#f5a623' : '#f0483e' },
        })),
        label: { show: true, position: 'right', color: TEXT, fontSize: font(), formatter: '{c}%' },
      },
    ],
  };
}

/** Twelve months: reported and closed (bars), the month's reports closed now (line, right axis). */
function trendOption(d: Dashboard): ChartOption {
  return {
    tooltip,
    legend: { top: 0, right: 8, textStyle: { color: DIM, fontSize: font() }, itemHeight: 10 },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: d.trend.map((m) => `${Number(m.period.slice(5))}月`),
      ...axisStyle(),
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', minInterval: 1, ...axisStyle() },
      {
        type: 'value',
        max: 100,
        ...axisStyle(),
        splitLine: { show: false },
        axisLabel: { color: DIM, fontSize: font(), formatter: '{value}%' },
      },
    ],
    series: [
      { type: 'bar', name: '上报', data: d.trend.map((m) => m.reported), itemStyle: { color: '#3f8cff' }, barMaxWidth: 16 },
      { type: 'bar', name: '结案', data: d.trend.map((m) => m.closed), itemStyle: { color: '#2fc26b' }, barMaxWidth: 16 },
      {
        type: 'line',
        name: '结案率',
        yAxisIndex: 1,
        smooth: true,
        data: d.trend.map((m) => (m.closureRate == null ? null : Math.round(m.closureRate * 1000) / 10)),
        itemStyle: { color: '#ffd166' },
        tooltip: { valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
      },
    ],
  };
}

function Lists({ d }: { d: Dashboard }) {
  if (!d.lists) return <Empty>尚无已发布的月度考核排名</Empty>;
  const side = (kind: 'red' | 'black') => {
    const rows = kind === 'red' ? d.lists!.red : d.lists!.black;
    return (
      <div className={`cc-dash-list is-${kind}`}>
        <h3>{kind === 'red' ? '红榜' : '黑榜'}</h3>
        {rows.length ? (
          <table className="cc-dash-table">
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.groupName}-${r.subjectName}`}>
                  <td className="num rank">{r.rank}</td>
                  <td title={`${r.groupName} · ${r.subjectName}`}>{r.subjectName}</td>
                  <td className="num">{r.score.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>无</Empty>
        )}
      </div>
    );
  };
  return (
    <div className="cc-dash-lists">
      {side('red')}
      {side('black')}
    </div>
  );
}

function Towns({ d }: { d: Dashboard }) {
  if (d.region.level === 'town') return <Empty>本级为乡镇街道，无下辖乡镇排名</Empty>;
  if (!d.towns.length) return <Empty>各乡镇街道暂无在办问题</Empty>;
  return (
    <table className="cc-dash-table">
      <thead>
        <tr>
          <th className="num rank">排名</th>
          <th>乡镇街道</th>
          <th className="num">已超期</th>
          <th className="num">在办</th>
        </tr>
      </thead>
      <tbody>
        {d.towns.map((t, i) => (
          <tr key={t.regionId}>
            <td className="num rank">{i + 1}</td>
            <td>
              <Link to={`/dashboard?regionId=${t.regionId}`}>{t.name}</Link>
            </td>
            <td className={`num${t.overdue ? ' warn' : ''}`}>{t.overdue}</td>
            <td className="num">{t.open}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The page. */
export default function DashboardPage() {
  const [params] = useSearchParams();
  const regionId = params.get('regionId') ?? undefined;
  const { data: session } = useSession();
  const dashboard = useDashboard(regionId);
  const sites = useDashboardSites(regionId);
  const refresh = useRefreshDashboard(regionId);
  const d = dashboard.data;
  const options = useMemo(() => (d ? { states: statesOption(d), siteTypes: siteTypesOption(d), trend: trendOption(d) } : null), [d]);
  const points = useMemo(() => sites.data?.items ?? [], [sites.data]);

  const shell = (body: ReactNode) => (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <main className="cc-dash">{body}</main>
    </ConfigProvider>
  );
  if (dashboard.isError && !d)
    return shell(
      <Empty>
        <div>
          <p>指挥大屏暂不可用：{(dashboard.error as Error).message}</p>
          <Link to="/">返回首页</Link>
        </div>
      </Empty>,
    );
  if (!d || !options) return shell(<Empty>正在加载指挥大屏…</Empty>);

  const k = d.kpis;
  return shell(
    <>
      <header className="cc-dash-header">
        <h1 className="cc-dash-title">{d.region.name}创建工作指挥大屏</h1>
        <div className="cc-dash-meta">
          <span>{d.periodLabel}</span>
          <span data-testid="dashboard-updated">数据更新于 {dayjs(d.computedAt).format('HH:mm')}</span>
          {hasPermission(session, 'dashboard.refresh') && (
            <Button size="small" icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
              立即刷新
            </Button>
          )}
          {regionId && (
            <Link to="/dashboard" aria-label="返回本级大屏">
              返回本级
            </Link>
          )}
          <Link to="/" aria-label="退出大屏，返回首页">
            <ArrowLeftOutlined /> 退出大屏
          </Link>
        </div>
      </header>

      <section className="cc-dash-tiles" aria-label="关键指标">
        <Tile label="在办问题" value={k.open} note="未结案、未驳回" />
        <Tile label="已超期" value={k.overdue} tone={k.overdue ? 'warn' : undefined} note="派遣后超过整改时限" />
        <Tile label="本月结案率" value={percent(k.closeRate)} note={`结案 ${k.closed} / 应结案 ${k.due}`} />
        <Tile label="本月按期结案率" value={percent(k.onTimeRate)} note="按期结案 ÷ 应结案（不含延期）" />
        <Tile label="暗访发现问题" value={k.covertFindings} note="本月已发布的暗访轮次" />
        <Tile label="督办中" value={k.supervising} tone={k.supervising ? 'warn' : undefined} note="已发督办单、尚未结案" />
      </section>

      <div className="cc-dash-row">
        <Panel title="在办问题状态分布" note={`共 ${k.open} 件`}>
          {k.open ? (
            <EChart option={options.states} label={`在办问题状态分布，共${k.open}件`} testId="chart-states" />
          ) : (
            <Empty>暂无在办问题</Empty>
          )}
        </Panel>
        <Panel title="点位测评得分地图" note={`${points.length} 个点位`}>
          <div className="cc-dash-map-wrap">
            {points.length ? (
              <Suspense fallback={<Empty>地图加载中…</Empty>}>
                <DashboardMap points={points} />
                <div className="cc-dash-legend" aria-hidden>
                  {SCORE_BANDS.map((b) => (
                    <div key={b.key}>
                      <span style={{ background: b.color }} />
                      {b.label}
                    </div>
                  ))}
                </div>
              </Suspense>
            ) : (
              <Empty>{sites.isLoading ? '地图加载中…' : '暂无带坐标的点位'}</Empty>
            )}
          </div>
        </Panel>
        <Panel title="红黑榜" note={d.lists ? `${d.lists.period.replace('-', '年')}月 · ${d.lists.campaignName}` : undefined}>
          <Lists d={d} />
        </Panel>
      </div>

      <div className="cc-dash-row">
        <Panel title="各类点位达标率" note="各点位最近一次测评">
          {d.siteTypes.length ? (
            <EChart option={options.siteTypes} label="各类点位达标率" testId="chart-site-types" />
          ) : (
            <Empty>暂无已发布的测评结果</Empty>
          )}
        </Panel>
        <Panel title="近12个月问题趋势" note="上报、结案与当月上报问题结案率">
          <EChart option={options.trend} label="近12个月问题上报与结案趋势" testId="chart-trend" />
        </Panel>
        <Panel title="乡镇街道超期问题排名" note="前10名">
          <Towns d={d} />
        </Panel>
      </div>
    </>,
  );
}
