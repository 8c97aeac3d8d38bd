/** 创建项目: the campaigns (全国文明城市, 国家卫生县城 ...) with status filter and search. */
import { PlusOutlined } from '@ant-design/icons';
import { CAMPAIGN_STATUSES } from '@common/enums';
import { CAMPAIGN_LEVEL_LABELS, CAMPAIGN_STATUS_LABELS, CAMPAIGN_TITLE_LABELS, labelOf } from '@common/labels';
import { Button, Card, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useCampaigns, useDeleteCampaign, type Campaign } from '../../api/campaigns';
import { can } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';
import { CampaignFormModal } from './campaign-form-modal';
import { CampaignStatusTag } from './campaign-status-tag';

const FILTER_KEYS = ['search', 'status'] as const;

/** Campaigns list page. */
export default function CampaignsPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const list = useCampaigns({ ...table.filters, ...table.params });
  const remove = useDeleteCampaign();
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);

  const columns: TableColumnsType<Campaign> = [
    {
      title: '项目名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: table.sortOrderOf('name'),
      render: (name: string, c) => <Link to={`/org/campaigns/${c.id}`}>{name}</Link>,
    },
    { title: '创建类型', dataIndex: 'titleType', key: 'titleType', render: (v: string) => labelOf(CAMPAIGN_TITLE_LABELS, v) },
    { title: '级别', dataIndex: 'level', key: 'level', render: (v: string) => labelOf(CAMPAIGN_LEVEL_LABELS, v), responsive: ['md'] },
    { title: '区域', dataIndex: 'regionName', key: 'regionName', responsive: ['md'] },
    {
      title: '创建周期',
      key: 'cycleStartYear',
      sorter: true,
      sortOrder: table.sortOrderOf('cycleStartYear'),
      render: (_, c) => (c.cycleStartYear ? `${c.cycleStartYear}–${c.cycleEndYear ?? ''}` : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      render: (v: Campaign['status']) => <CampaignStatusTag status={v} />,
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 160,
      render: (_, c) => (
        <Space size={0}>
          <Link to={`/org/campaigns/${c.id}`} style={{ paddingInline: 4 }} aria-label={`查看${c.name}`}>
            详情
          </Link>
          {can(c, 'update') && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`编辑${c.name}`} onClick={() => setEditing(c)}>
              编辑
            </Button>
          )}
          {can(c, 'delete') && (
            <ConfirmDelete subject={`项目「${c.name}」`} onConfirm={() => remove.mutateAsync(c.id).then(() => notifySuccess('已删除'))} />
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="创建项目"
        subTitle="每个创建称号一个项目，含领导小组与创建专班"
        extra={
          hasPermission(session, 'campaigns.create') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              新建项目
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <SearchBox
            label="搜索项目"
            placeholder="项目名称"
            value={table.filters.search}
            onSearch={(search) => table.setFilters({ search })}
          />
          <Select
            aria-label="筛选项目状态"
            placeholder="状态"
            allowClear
            value={table.filters.status}
            onChange={(v) => table.setFilters({ status: v })}
            options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: CAMPAIGN_STATUS_LABELS[s] }))}
            style={{ width: 120 }}
          />
        </div>
        <Table<Campaign>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onChange={table.onChange}
          pagination={table.pagination(list.data?.total)}
          locale={{ emptyText: '暂无创建项目' }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <CampaignFormModal campaign={editing} onClose={() => setEditing(null)} />
    </>
  );
}
