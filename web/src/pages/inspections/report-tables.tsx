/** The report's tables: by site type, by town (乡镇/街道) and by site (worst first, 未达标 in red). */
import { Table, type TableColumnsType } from 'antd';
import type { ReportGroup, ReportSite } from '../../api/inspections';
import { orDash } from '../../components/format';
import { MeetsTag, pct, ScoreRate } from './round-tags';

/** A group table (类型 or 乡镇). */
export function GroupTable({ title, rows, threshold }: { title: string; rows: ReportGroup[]; threshold: number }) {
  const columns: TableColumnsType<ReportGroup> = [
    { title, dataIndex: 'name', key: 'name' },
    { title: '点位数', dataIndex: 'sites', key: 'sites', align: 'right' },
    { title: '已测评', dataIndex: 'visited', key: 'visited', align: 'right' },
    {
      title: '平均得分率',
      dataIndex: 'avgScoreRate',
      key: 'avg',
      align: 'right',
      sorter: (a, b) => (a.avgScoreRate ?? -1) - (b.avgScoreRate ?? -1),
      render: (v: number | null) => <ScoreRate value={v} threshold={threshold} />,
    },
    { title: '达标率', dataIndex: 'passRate', key: 'pass', align: 'right', render: (v: number | null) => pct(v) },
    { title: '平均扣分制得分', dataIndex: 'avgDeduction', key: 'deduction', align: 'right', render: orDash, responsive: ['md'] },
    { title: '不符合项', dataIndex: 'failures', key: 'failures', align: 'right' },
  ];
  return (
    <Table<ReportGroup>
      size="small"
      rowKey="key"
      aria-label={`按${title}统计`}
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '暂无数据' }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** Every site, sorted by score (lowest first, unvisited last). */
export function SiteTable({ rows, threshold }: { rows: ReportSite[]; threshold: number }) {
  const columns: TableColumnsType<ReportSite> = [
    { title: '排名', key: 'rank', width: 56, render: (_, s, i) => (s.scoreRate === null ? '—' : i + 1) },
    { title: '点位', dataIndex: 'name', key: 'name' },
    { title: '点位类型', dataIndex: 'siteType', key: 'type', responsive: ['sm'] },
    { title: '所属区域', dataIndex: 'region', key: 'region', responsive: ['md'] },
    { title: '包保单位', dataIndex: 'unit', key: 'unit', render: orDash, responsive: ['lg'] },
    {
      title: '得分率',
      dataIndex: 'scoreRate',
      key: 'score',
      align: 'right',
      sorter: (a, b) => (a.scoreRate ?? 2) - (b.scoreRate ?? 2),
      render: (v: number | null) => <ScoreRate value={v} threshold={threshold} />,
    },
    { title: '扣分制得分', dataIndex: 'deductionScore', key: 'deduction', align: 'right', render: orDash, responsive: ['sm'] },
    {
      title: '符合/不符合/不适用',
      key: 'counts',
      align: 'center',
      responsive: ['md'],
      render: (_, s) => (s.passed === null ? '—' : `${s.passed} / ${s.failed} / ${s.notApplicable}`),
    },
    { title: '结果', dataIndex: 'meetsThreshold', key: 'meets', render: (v: boolean | null) => <MeetsTag meets={v} /> },
  ];
  const sorted = [...rows].sort((a, b) => (a.scoreRate ?? 2) - (b.scoreRate ?? 2) || a.name.localeCompare(b.name));
  return (
    <Table<ReportSite>
      size="small"
      rowKey="siteId"
      aria-label="点位得分"
      columns={columns}
      dataSource={sorted}
      onRow={(s) => ({ style: s.meetsThreshold === false ? { background: '#fff1f0' } : undefined })}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '暂无点位' }}
      scroll={{ x: 'max-content' }}
    />
  );
}
