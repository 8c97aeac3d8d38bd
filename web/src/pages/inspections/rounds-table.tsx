/** The rounds list: name (link), kind, campaign, dates, sites and visit progress; cards on a phone. */
import { Progress, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RoundListItem } from '../../api/inspections';
import type { Page } from '../../api/types';
import { ResponsiveList } from '../../components/responsive-list';
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
    <ResponsiveList<RoundListItem>
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={table.onChange}
      pagination={table.pagination(data?.total)}
      locale={{ emptyText: '暂无督查轮次' }}
      scroll={{ x: 'max-content' }}
      card={(r) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Typography.Text strong style={{ color: '#1677ff' }}>
              {r.name}
            </Typography.Text>
            <RoundKindTag kind={r.kind} released={!!r.releasedAt} />
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            {r.startDate} 至 {r.endDate} · {campaignName(r.campaignId)}
          </div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Progress
              percent={r.sites ? Math.round((r.visited / r.sites) * 100) : 0}
              size="small"
              showInfo={false}
              style={{ flex: 1, margin: 0 }}
            />
            <span style={{ fontSize: 12 }}>
              已测评 {r.visited}/{r.sites}
            </span>
          </div>
        </div>
      )}
      cardHref={(r) => `/inspections/${r.id}`}
      cardLabel={(r) => `查看轮次 ${r.name}`}
    />
  );
}
