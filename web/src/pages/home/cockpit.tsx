/**
 * 领导驾驶舱: the area at a glance — open and overdue problems, this month's closure rates and covert findings, the
 * units with most overdue work, six months of reported vs closed, and what waits for the leader's 批示. Official
 * figures (a covert round counts once released). Bars are plain antd Progress: no chart library in this build.
 */
import { Card, Col, Empty, Progress, Row, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { HomeCockpit } from '../../api/home';
import { HomeProblems } from './home-problems';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** A figure tile; with a link it navigates there. */
function Figure({ title, value, hint, color, to }: { title: string; value: string | number; hint?: string; color?: string; to?: string }) {
  const navigate = useNavigate();
  const go = to ? () => navigate(to) : undefined;
  return (
    <Card
      variant="borderless"
      hoverable={!!go}
      onClick={go}
      role={go ? 'link' : undefined}
      tabIndex={go ? 0 : undefined}
      onKeyDown={go ? (e) => e.key === 'Enter' && go() : undefined}
      aria-label={`${title}：${value}`}
      style={{ height: '100%', background: '#fafcff', cursor: go ? 'pointer' : 'default' }}
      styles={{ body: { padding: '12px 14px' } }}
    >
      <Statistic title={title} value={value} styles={{ content: { fontSize: 24, fontWeight: 600, color } }} />
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 问题较多的单位: overdue share in red over the open bar. */
function WorstUnits({ units }: { units: HomeCockpit['worstUnits'] }) {
  const max = Math.max(1, ...units.map((u) => u.open));
  return (
    <Card variant="borderless" size="small" title="问题较多的责任单位" style={{ height: '100%' }}>
      {units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="各单位暂无在办问题" style={{ margin: '8px 0' }} />
      ) : (
        <ol aria-label="问题较多的责任单位" style={{ margin: 0, padding: 0 }}>
          {units.map((u, i) => (
            <li key={u.unitId} style={{ listStyle: 'none', padding: '6px 0' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text ellipsis style={{ minWidth: 0 }}>
                  {i + 1}. {u.unitName}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
                  在办 {u.open}
                  {u.overdue > 0 && <Typography.Text type="danger"> · 超期 {u.overdue}</Typography.Text>}
                </Typography.Text>
              </div>
              <Progress
                percent={(u.open / max) * 100}
                success={{ percent: 0 }}
                strokeColor={u.overdue ? '#ff7875' : '#69b1ff'}
                showInfo={false}
                size="small"
                style={{ margin: 0 }}
                aria-label={`${u.unitName} 在办 ${u.open} 件，超期 ${u.overdue} 件`}
              />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** 近六个月: reported and closed per month as paired bars. */
function Trend({ trend }: { trend: HomeCockpit['trend'] }) {
  const max = Math.max(1, ...trend.flatMap((m) => [m.reported, m.closed]));
  return (
    <Card
      variant="borderless"
      size="small"
      title="近六个月问题走势"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <span style={{ color: '#1677ff' }}>■</span> 上报 <span style={{ color: '#52c41a', marginInlineStart: 6 }}>■</span> 结案
        </Typography.Text>
      }
      style={{ height: '100%' }}
    >
      <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="近六个月上报与结案数">
        <tbody>
          {trend.map((m) => (
            <tr key={m.period}>
              <th scope="row" style={{ width: 44, textAlign: 'left', fontWeight: 400, color: 'rgba(0,0,0,.65)', padding: '3px 0' }}>
                {m.label}
              </th>
              <td style={{ padding: '3px 0' }}>
                <Bar value={m.reported} max={max} color="#1677ff" label={`${m.label}上报 ${m.reported} 件`} />
                <Bar value={m.closed} max={max} color="#52c41a" label={`${m.label}结案 ${m.closed} 件`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Bar({ value, max, color, label }: { value: number; max: number; color: string; label: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <Progress
        percent={(value / max) * 100}
        strokeColor={color}
        showInfo={false}
        size={{ height: 6 }}
        style={{ margin: 0, flex: 1 }}
        aria-label={label}
      />
      <span style={{ width: 28, textAlign: 'right', fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>{value}</span>
    </div>
  );
}

/** The cockpit card; for the office side, which works the cases, it is the 工作概况 under its to-dos. */
export function Cockpit({ cockpit: c, title = '领导驾驶舱' }: { cockpit: HomeCockpit; title?: string }) {
  return (
    <Card
      variant="borderless"
      title={
        <span>
          {title}
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8, fontSize: 13 }}>
            {c.regionName} · {c.periodLabel}
          </Typography.Text>
        </span>
      }
      extra={
        <Link to="/problems" style={{ fontSize: 13 }}>
          问题列表
        </Link>
      }
      styles={{ body: { padding: 16 } }}
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={{ flex: '20%' }}>
          <Figure title="在办问题" value={c.open} to="/problems" />
        </Col>
        <Col xs={12} md={8} xl={{ flex: '20%' }}>
          <Figure title="超期问题" value={c.overdue} color={c.overdue ? '#cf1322' : undefined} to="/problems?overdue=true" />
        </Col>
        <Col xs={12} md={8} xl={{ flex: '20%' }}>
          <Figure title="本月结案率" value={pct(c.closeRate)} hint={c.due ? `结案 ${c.closed} / 应结案 ${c.due}` : '本月暂无应结案问题'} />
        </Col>
        <Col xs={12} md={8} xl={{ flex: '20%' }}>
          <Figure title="本月按期结案率" value={pct(c.onTimeRate)} hint="未延期且按时整改" />
        </Col>
        <Col xs={12} md={8} xl={{ flex: '20%' }}>
          <Figure title="本月暗访发现" value={c.covertFindings} hint="已发布的暗访轮次" to="/inspections?kind=covert" />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <WorstUnits units={c.worstUnits} />
        </Col>
        <Col xs={24} lg={12}>
          <Trend trend={c.trend} />
        </Col>
      </Row>
      {c.escalated.total > 0 && (
        <div style={{ marginTop: 12 }}>
          <HomeProblems
            title={`待您批示 · 升级督办（${c.escalated.total}）`}
            list={c.escalated}
            show="unit"
            empty="暂无升级督办"
            extra={<span />}
          />
        </div>
      )}
    </Card>
  );
}
