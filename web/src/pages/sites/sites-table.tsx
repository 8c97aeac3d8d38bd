/**
 * The sites list: a table on a desktop (sortable name/type/region, 包保单位, 点长 with phone, status; row actions from
 * abilities), cards on a phone (a tap opens the site; call the 点长, edit, delete under the card).
 */
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useDeleteSite, type Site } from '../../api/sites';
import { can, type Page } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { orDash } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { ResponsiveList } from '../../components/responsive-list';
import type { useTableState } from '../../components/use-table-state';
import type { SITE_FILTER_KEYS } from './site-filters';

interface Props {
  data: Page<Site> | undefined;
  loading: boolean;
  table: ReturnType<typeof useTableState<(typeof SITE_FILTER_KEYS)[number]>>;
  onEdit: (site: Site) => void;
}

/** The 点长 and their phone (a tel: link). */
export function SiteLead({ name, phone }: { name: string | null; phone: string | null }) {
  if (!name && !phone) return <>—</>;
  return (
    <span>
      {orDash(name)}
      {phone && (
        <a href={`tel:${phone}`} style={{ display: 'block', fontSize: 12 }} aria-label={`拨打${name ?? ''}电话 ${phone}`}>
          {phone}
        </a>
      )}
    </span>
  );
}

/** Sites table. */
export function SitesTable({ data, loading, table, onEdit }: Props) {
  const remove = useDeleteSite();
  const actions = (s: Site) => (
    <>
      {can(s, 'update') && (
        <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`编辑${s.name}`} onClick={() => onEdit(s)}>
          编辑
        </Button>
      )}
      {can(s, 'delete') && (
        <ConfirmDelete
          subject={`点位「${s.name}」`}
          description="已有督查或问题记录的点位不能删除，可改为停用。确定删除吗？"
          onConfirm={() => remove.mutateAsync(s.id).then(() => notifySuccess('已删除'))}
        />
      )}
    </>
  );
  const columns: TableColumnsType<Site> = [
    {
      title: '点位名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: table.sortOrderOf('name'),
      fixed: 'left',
      render: (name: string, s) => <Link to={`/sites/${s.id}`}>{name}</Link>,
    },
    { title: '点位类型', dataIndex: 'siteTypeName', key: 'type', sorter: true, sortOrder: table.sortOrderOf('type') },
    { title: '所属区域', dataIndex: 'regionName', key: 'region', sorter: true, sortOrder: table.sortOrderOf('region'), responsive: ['md'] },
    { title: '包保单位', dataIndex: 'unitName', key: 'unit', render: orDash, responsive: ['sm'] },
    { title: '点长', key: 'lead', render: (_, s) => <SiteLead name={s.leadName} phone={s.leadPhone} /> },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 80,
      render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 120,
      render: (_, s) => <Space size={0}>{actions(s)}</Space>,
    },
  ];

  return (
    <ResponsiveList<Site>
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={table.onChange}
      pagination={table.pagination(data?.total)}
      locale={{ emptyText: '暂无点位' }}
      scroll={{ x: 'max-content' }}
      card={(s) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Typography.Text strong style={{ color: '#1677ff' }}>
              {s.name}
            </Typography.Text>
            {s.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            {s.siteTypeName} · {s.regionName}
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            包保单位：{orDash(s.unitName)} · 点长：{orDash(s.leadName)}
          </div>
        </div>
      )}
      cardHref={(s) => `/sites/${s.id}`}
      cardLabel={(s) => `查看点位 ${s.name}`}
      cardActions={(s) => (
        <>
          {s.leadPhone && (
            <Button size="small" href={`tel:${s.leadPhone}`} aria-label={`拨打${s.leadName ?? ''}电话 ${s.leadPhone}`}>
              致电点长
            </Button>
          )}
          {actions(s)}
        </>
      )}
    />
  );
}
