/** The units list: a sortable table on a desktop, cards on a phone; per-record actions from abilities. */
import { UNIT_TYPE_LABELS, labelOf } from '@common/labels';
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useDeleteUnit, type Unit } from '../../api/units';
import { can, type Page } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { orDash } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { ResponsiveList } from '../../components/responsive-list';
import type { useTableState } from '../../components/use-table-state';

interface Props {
  data: Page<Unit> | undefined;
  loading: boolean;
  table: ReturnType<typeof useTableState<'search' | 'type' | 'regionId' | 'active'>>;
  onEdit: (unit: Unit) => void;
}

function person(name: string | null, phone: string | null) {
  if (!name && !phone) return '—';
  return (
    <span>
      {orDash(name)}
      {phone && <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{phone}</div>}
    </span>
  );
}

/** Units table. */
export function UnitsTable({ data, loading, table, onEdit }: Props) {
  const remove = useDeleteUnit();
  const actions = (u: Unit) => (
    <>
      {can(u, 'update') && (
        <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`编辑${u.name}`} onClick={() => onEdit(u)}>
          编辑
        </Button>
      )}
      {can(u, 'delete') && (
        <ConfirmDelete subject={`单位「${u.name}」`} onConfirm={() => remove.mutateAsync(u.id).then(() => notifySuccess('已删除'))} />
      )}
    </>
  );
  const columns: TableColumnsType<Unit> = [
    { title: '单位名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderOf('name'), fixed: 'left' },
    {
      title: '类型',
      dataIndex: 'type',
      key: 'type',
      sorter: true,
      sortOrder: table.sortOrderOf('type'),
      render: (v: string) => labelOf(UNIT_TYPE_LABELS, v),
    },
    { title: '所属区域', dataIndex: 'regionName', key: 'region', sorter: true, sortOrder: table.sortOrderOf('region'), render: orDash },
    { title: '上级单位', dataIndex: 'parentName', key: 'parentName', render: orDash, responsive: ['lg'] },
    { title: '一把手', key: 'head', render: (_, u) => person(u.headName, u.headPhone) },
    { title: '联络员', key: 'liaison', render: (_, u) => person(u.liaisonName, u.liaisonPhone), responsive: ['md'] },
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
      render: (_, u) => <Space size={0}>{actions(u)}</Space>,
    },
  ];

  return (
    <ResponsiveList<Unit>
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={table.onChange}
      pagination={table.pagination(data?.total)}
      locale={{ emptyText: '暂无单位' }}
      scroll={{ x: 'max-content' }}
      card={(u) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Typography.Text strong>{u.name}</Typography.Text>
            {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            {labelOf(UNIT_TYPE_LABELS, u.type)} · {orDash(u.regionName)}
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            一把手：{orDash(u.headName)} · 联络员：{orDash(u.liaisonName)}
          </div>
        </div>
      )}
      cardActions={(u) => (
        <>
          {u.liaisonPhone && (
            <Button size="small" href={`tel:${u.liaisonPhone}`} aria-label={`拨打${u.liaisonName ?? '联络员'}电话 ${u.liaisonPhone}`}>
              致电联络员
            </Button>
          )}
          {actions(u)}
        </>
      )}
    />
  );
}
