/** The children of the selected region (or the top level), with add/edit/delete. */
import { PlusOutlined } from '@ant-design/icons';
import { REGION_LEVELS, type RegionLevel } from '@common/enums';
import { REGION_LEVEL_LABELS, labelOf } from '@common/labels';
import { Breadcrumb, Button, Card, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useDeleteRegion, useRegions, type Region, type RegionNode } from '../../api/regions';
import { can } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { notifySuccess } from '../../components/notify';
import { RegionFormModal, type RegionFormTarget } from './region-form-modal';

interface Props {
  trail: RegionNode[];
  selectedId?: string;
  canCreate: boolean;
  onOpen: (id: Region['id']) => void;
}

function nextLevel(level: RegionLevel | undefined): RegionLevel {
  if (!level) return 'city';
  const i = REGION_LEVELS.indexOf(level);
  return REGION_LEVELS[Math.min(i + 1, REGION_LEVELS.length - 1)];
}

/** Right panel of the regions page. */
export function RegionChildren({ trail, selectedId, canCreate, onOpen }: Props) {
  const [page, setPage] = useState({ current: 1, pageSize: 20, parent: selectedId });
  // A new selection starts again at page 1.
  const current = page.parent === selectedId ? page.current : 1;
  const params = { parentId: selectedId ?? 'root', page: current, pageSize: page.pageSize, sort: 'code' };
  const list = useRegions(params);
  const remove = useDeleteRegion();
  const [target, setTarget] = useState<RegionFormTarget | null>(null);
  const parent = trail[trail.length - 1];

  const columns: TableColumnsType<Region> = [
    { title: '区划代码', dataIndex: 'code', width: 150 },
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, r) =>
        r.level === 'grid' ? (
          name
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.id)} aria-label={`查看${name}的下级`}>
            {name}
          </Button>
        ),
    },
    { title: '层级', dataIndex: 'level', width: 110, render: (v: string) => labelOf(REGION_LEVEL_LABELS, v) },
    { title: '下级数', dataIndex: 'childCount', width: 80, align: 'right', render: (v?: number) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 130,
      render: (_, r) => (
        <Space size={0}>
          {can(r, 'update') && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 4 }}
              aria-label={`编辑${r.name}`}
              onClick={() => setTarget({ mode: 'edit', region: r })}
            >
              编辑
            </Button>
          )}
          {can(r, 'delete') && (
            <ConfirmDelete
              subject={`区划「${r.name}」`}
              description="有下级区划、单位或用户的区划不能删除。确定删除吗？"
              onConfirm={() => remove.mutateAsync(r.id).then(() => notifySuccess('已删除'))}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title={
        <Breadcrumb
          items={[
            { title: <a onClick={() => onOpen('')}>全部</a> },
            ...trail.map((n, i) => ({
              title: i === trail.length - 1 ? n.name : <a onClick={() => onOpen(n.id)}>{n.name}</a>,
            })),
          ]}
        />
      }
      extra={
        canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setTarget({ mode: 'create', parent, level: nextLevel(parent?.level) })}
          >
            {parent ? '新增下级' : '新增区划'}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: parent ? `「${parent.name}」暂无下级区划` : '暂无区划' }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          hideOnSinglePage: true,
          onChange: (p, size) => setPage({ current: p, pageSize: size, parent: selectedId }),
        }}
      />
      <RegionFormModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
