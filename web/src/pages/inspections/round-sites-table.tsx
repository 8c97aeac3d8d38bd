/** The round's sites: type, region, 点长, visit status and score (red below the threshold). */
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import type { RoundDetail, RoundSite } from '../../api/inspections';
import { formatTime, orDash } from '../../components/format';
import { ScoreRate } from './round-tags';

/** Sites table of a round. */
export function RoundSitesTable({ round }: { round: RoundDetail }) {
  const navigate = useNavigate();
  const columns: TableColumnsType<RoundSite> = [
    { title: '点位名称', dataIndex: 'name', key: 'name' },
    { title: '点位类型', dataIndex: 'siteTypeName', key: 'type' },
    { title: '所属区域', dataIndex: 'regionName', key: 'region', responsive: ['md'] },
    { title: '点长', dataIndex: 'leadName', key: 'lead', render: orDash, responsive: ['lg'] },
    {
      title: '测评状态',
      key: 'status',
      render: (_, s) =>
        s.visitId ? (
          <span>
            <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
              已测评
            </Tag>
            <span style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>{formatTime(s.visitedAt)}</span>
          </span>
        ) : (
          <Tag>未测评</Tag>
        ),
    },
    {
      title: '得分率',
      dataIndex: 'scoreRate',
      key: 'score',
      align: 'right',
      sorter: (a, b) => (a.scoreRate ?? -1) - (b.scoreRate ?? -1),
      render: (v: number | null) => <ScoreRate value={v} threshold={round.passThreshold} />,
    },
    ...(round.abilities.visit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, s: RoundSite) => (
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 4 }}
                aria-label={`现场测评 ${s.name}`}
                onClick={() => navigate(`/inspect/${round.id}/${s.id}`)}
              >
                {s.visitId ? '修改测评' : '现场测评'}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<RoundSite>
      rowKey="id"
      columns={columns}
      dataSource={round.sites}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个点位` }}
      locale={{ emptyText: '本轮没有点位' }}
      scroll={{ x: 'max-content' }}
    />
  );
}
