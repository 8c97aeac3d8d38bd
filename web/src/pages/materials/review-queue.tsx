/**
 * 审核队列 / 提交记录: submissions in scope (待审核 by default), filterable; a row (a card on a phone) opens the detail
 * to review.
 */
import { Button, Grid, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { MATERIAL_STATUS_LABELS, useMaterials, type Material, type MaterialStatus } from '../../api/materials';
import { can, type Id } from '../../api/types';
import { formatTime } from '../../components/format';
import { UnitSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { MaterialDetailModal } from './material-detail-modal';
import { MaterialStatusTag } from './material-status-tag';
import { periodLabel } from './period';

const KEYS = ['status', 'unitId', 'standardId'] as const;
const STATUSES: MaterialStatus[] = ['submitted', 'returned', 'passed'];

/** The queue tab. */
export function ReviewQueue() {
  const { data: session } = useSession();
  const table = useTableState(KEYS);
  const { filters, setFilters } = table;
  const status = filters.status === 'all' ? undefined : ((filters.status as MaterialStatus | undefined) ?? 'submitted');
  const list = useMaterials({ ...table.params, status, unitId: filters.unitId, standardId: filters.standardId });
  const [open, setOpen] = useState<Id>();
  const phone = Grid.useBreakpoint().sm === false;
  const standard = filters.standardId ? list.data?.items.find((m) => String(m.standardId) === filters.standardId) : undefined;

  const reviewButton = (m: Material) => (
    <Button
      type={can(m, 'review') ? 'primary' : 'link'}
      size="small"
      aria-label={`${can(m, 'review') ? '审核' : '查看'}${m.unitName}的${m.standardCode}材料`}
      onClick={() => setOpen(m.id)}
    >
      {can(m, 'review') ? '审核' : '查看'}
    </Button>
  );
  const columns: TableColumnsType<Material> = [
    {
      title: '测评标准',
      key: 'standard',
      render: (_, m) => (
        <span>
          <Typography.Text strong>{m.standardCode}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: m.standardText }} style={{ margin: 0, maxWidth: 420 }}>
            {m.standardText}
          </Typography.Paragraph>
          {phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.unitName} · {periodLabel(m.period)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '提交单位', dataIndex: 'unitName', key: 'unit', responsive: ['sm'] },
    { title: '期次', dataIndex: 'period', key: 'period', width: 120, render: periodLabel, responsive: ['sm'] },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 150, render: formatTime, responsive: ['md'] },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: string) => <MaterialStatusTag status={s} /> },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, m) => reviewButton(m),
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
        <Select
          aria-label="筛选状态"
          value={filters.status === 'all' ? 'all' : (status ?? 'submitted')}
          onChange={(v) => setFilters({ status: v === 'submitted' ? undefined : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: MATERIAL_STATUS_LABELS[s] })), { value: 'all', label: '全部状态' }]}
          style={{ width: 120 }}
        />
        {hasPermission(session, 'units.list') && (
          <UnitSelect
            aria-label="筛选提交单位"
            placeholder="提交单位"
            value={filters.unitId}
            onChange={(v) => setFilters({ unitId: v === undefined || Array.isArray(v) ? undefined : String(v) })}
            style={{ width: 220 }}
          />
        )}
        {filters.standardId && (
          <Tag closable onClose={() => setFilters({ standardId: undefined })} closeIcon={<span aria-label="取消标准筛选">×</span>}>
            测评标准：{standard?.standardCode ?? '已选'}
          </Tag>
        )}
        <Button onClick={table.resetFilters}>重置</Button>
      </div>
      <ResponsiveList<Material>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        locale={{ emptyText: status === 'submitted' ? '没有待审核的材料' : '暂无材料' }}
        scroll={{ x: phone ? undefined : 860 }}
        card={(m) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong>{m.standardCode}</Typography.Text>
              <MaterialStatusTag status={m.status} />
            </div>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '2px 0' }}>
              {m.standardText}
            </Typography.Paragraph>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
              {m.unitName} · {periodLabel(m.period)}
              {m.submittedAt ? ` · 提交于 ${formatTime(m.submittedAt)}` : ''}
            </div>
          </div>
        )}
        cardActions={(m) => reviewButton(m)}
      />
      <MaterialDetailModal id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
