/** The rounds table: name (link), kind, campaign, dates, sites and visit progress. */
import { Progress, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RoundListItem } from '../../api/inspections';
import type { Page } from '../../api/types';
import type { useTableState } from '../../components/use-table-state';
import { useCampaignNames } from './use-campaign-names';
import { RoundKindTag } from './round-tags';

interface Props {
  data: Page<RoundListItem> | undefined;
  loading: boolean;
  table: ReturnType<typeof useTableState<'kind' | 'campaignId' | 'mine'>>;
}

/** Rounds table. */
export function RoundsTable({ data, loading, table }: Props) {
  const campaignName = useCampaignNames();
  const columns: TableColumnsType<RoundListItem> = [
    {
      title: '轮次名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, r) => (
        <Link to={`/inspections/${r.id}`} aria-label={`查看轮次 ${name}`}>
          {name}
        </Link>
      ),
    },
    { title: '类型', dataIndex: 'kind', key: 'kind', render: (_, r) => <RoundKindTag kind={r.kind} released={!!r.releasedAt} /> },
    { title: '创建项目', dataIndex: 'campaignId', key: 'campaign', render: (id: string) => campaignName(id), responsive: ['lg'] },
    { title: '督查日期', key: 'dates', render: (_, r) => `${r.startDate} 至 ${r.endDate}`, width: 200 },
    { title: '点位数', dataIndex: 'sites', key: 'sites', width: 80, align: 'right' },
    {
      title: '测评进度',
      key: 'progress',
      width: 180,
      render: (_, r) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }} aria-label={`已测评 ${r.visited}/${r.sites}`}>
          <Progress
            percent={r.sites ? Math.round((r.visited / r.sites) * 100) : 0}
            size="small"
            showInfo={false}
            style={{ width: 90, margin: 0 }}
          />
          <span>
            {r.visited}/{r.sites}
          </span>
        </div>
      ),
    },
  ];

  return (
    <Table<RoundListItem>
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={table.onChange}
      pagination={table.pagination(data?.total)}
      locale={{ emptyText: '暂无督查轮次' }}
      scroll={{ x: 'max-content' }}
    />
  );
}
