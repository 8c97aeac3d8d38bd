/** 得分趋势: an inline SVG sparkline of 得分率 (oldest → newest) over the visits table. No chart library. */
import { ROUND_KIND_LABELS } from '@common/inspections';
import { labelOf } from '@common/labels';
import { Empty, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { SiteVisit } from '../../api/sites';
import { formatTime } from '../../components/format';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** A small line chart of score rates in [0, 1]; `points` oldest first. Scales uniformly with its container. */
export function Sparkline({
  points,
  width = 560,
  height = 96,
}: {
  points: { rate: number; label: string }[];
  width?: number;
  height?: number;
}) {
  if (!points.length) return null;
  const left = 40;
  const pad = 10;
  const x = (i: number) => (points.length === 1 ? (left + width - pad) / 2 : left + (i * (width - left - pad)) / (points.length - 1));
  const y = (r: number) => pad + (1 - r) * (height - 2 * pad);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ');
  return (
    <svg
      role="img"
      aria-label={`得分率趋势：${points.map((p) => `${p.label} ${pct(p.rate)}`).join('，')}`}
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', height: 'auto', display: 'block' }}
    >
      {[0, 0.5, 1].map((g) => (
        <g key={g}>
          <line x1={left} x2={width - pad} y1={y(g)} y2={y(g)} stroke="#f0f0f0" strokeWidth={1} />
          <text x={left - 6} y={y(g) + 4} textAnchor="end" fontSize={11} fill="rgba(0,0,0,.45)">
            {g * 100}%
          </text>
        </g>
      ))}
      <path
        d={`${path} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`}
        fill="rgba(22,119,255,.08)"
        stroke="none"
      />
      <path d={path} fill="none" stroke="#1677ff" strokeWidth={2} strokeLinejoin="round" />
      {points.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p.rate)} r={4} fill="#1677ff" stroke="#fff" strokeWidth={1.5}>
          <title>{`${p.label}：${pct(p.rate)}`}</title>
        </circle>
      ))}
    </svg>
  );
}

/** The trend card's content. */
export function SiteTrend({ visits }: { visits: SiteVisit[] }) {
  if (!visits.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无督查记录" />;
  const points = [...visits]
    .reverse()
    .filter((v) => v.scoreRate !== null)
    .map((v) => ({ rate: v.scoreRate!, label: `${v.roundName}（${formatTime(v.visitedAt).slice(0, 10)}）` }));
  const columns: TableColumnsType<SiteVisit> = [
    {
      title: '督查轮次',
      dataIndex: 'roundName',
      key: 'round',
      render: (name: string, v) => (
        <span>
          <Link to={`/inspections/${v.roundId}`}>{name}</Link>
          <Tag style={{ marginInlineStart: 6 }}>{labelOf(ROUND_KIND_LABELS, v.kind)}</Tag>
        </span>
      ),
    },
    { title: '时间', dataIndex: 'visitedAt', key: 'visitedAt', width: 150, render: formatTime, responsive: ['sm'] },
    {
      title: '符合/不符合/不适用',
      key: 'counts',
      width: 150,
      responsive: ['md'],
      render: (_, v) => `${v.passed} / ${v.failed} / ${v.notApplicable}`,
    },
    {
      title: '得分率',
      dataIndex: 'scoreRate',
      key: 'scoreRate',
      width: 90,
      align: 'right',
      render: pct,
    },
  ];
  return (
    <>
      {points.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Sparkline points={points} />
        </div>
      )}
      <Table<SiteVisit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={visits}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </>
  );
}
