/** 本单位材料: the unit's material-review standards in a version, this period's status of each, upload and view. */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Grid, List, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useMaterials, type Material } from '../../api/materials';
import { useUnitStandards, type UnitStandard } from '../../api/standards';
import type { Id } from '../../api/types';
import { formatTime } from '../../components/format';
import { useTableState } from '../../components/use-table-state';
import { RoleTag } from '../standards/standard-tags';
import { VersionSelect } from '../standards/version-select';
import { MaterialDetailModal } from './material-detail-modal';
import { MaterialStatusTag } from './material-status-tag';
import { currentMonth, periodLabel } from './period';
import { PeriodPicker } from './period-picker';
import { UploadDialog, type UploadTarget } from './upload-dialog';

const KEYS = ['versionId', 'period'] as const;
const UPLOAD_LABEL: Record<string, string> = { missing: '上传材料', submitted: '补充材料', returned: '重新提交' };

/** The tab. */
export function UnitMaterials() {
  const { data: session } = useSession();
  const { filters, setFilters } = useTableState(KEYS);
  const unitId = session?.user.unitId ?? undefined;
  const period = filters.period ?? currentMonth();
  const standards = useUnitStandards(unitId, filters.versionId);
  const submissions = useMaterials({ unitId, period, page: 1, pageSize: 100 }, unitId !== undefined);
  const [upload, setUpload] = useState<UploadTarget | null>(null);
  const [open, setOpen] = useState<Id>();
  const canSubmit = hasPermission(session, 'materials.submit');
  const phone = Grid.useBreakpoint().md === false;
  const emptyText = `${session?.user.unitName ?? '本单位'}在此版本中没有材料审核类的测评标准`;
  const setVersion = useCallback((v: Id | undefined) => setFilters({ versionId: v === undefined ? undefined : String(v) }), [setFilters]);

  const rows = useMemo(() => (standards.data?.items ?? []).filter((s) => s.method === 'material'), [standards.data]);
  const byStandard = useMemo(() => new Map((submissions.data?.items ?? []).map((m) => [String(m.standardId), m])), [submissions.data]);
  const missing = rows.filter((s) => {
    const st = byStandard.get(String(s.id))?.status;
    return !st || st === 'returned';
  }).length;

  const statusCell = (s: UnitStandard) => {
    const m: Material | undefined = byStandard.get(String(s.id));
    return (
      <span>
        <MaterialStatusTag status={m?.status ?? 'missing'} />
        {m && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            提交于 {formatTime(m.submittedAt)}
          </Typography.Text>
        )}
        {m?.status === 'returned' && m.reviewComment && (
          <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
            退回意见：{m.reviewComment}
          </Typography.Text>
        )}
      </span>
    );
  };

  const actionsCell = (s: UnitStandard) => {
    const m = byStandard.get(String(s.id));
    const status = m?.status ?? 'missing';
    return (
      <Space size={4} wrap>
        {canSubmit && status !== 'passed' && (
          <Button
            size="small"
            type={status === 'submitted' ? 'default' : 'primary'}
            icon={<UploadOutlined aria-hidden />}
            aria-label={`${UPLOAD_LABEL[status]} ${s.code}`}
            onClick={() => setUpload({ standardId: s.id, code: s.code, text: s.text, period })}
          >
            {UPLOAD_LABEL[status]}
          </Button>
        )}
        {m && (
          <Button size="small" type="link" aria-label={`查看${s.code}的材料`} onClick={() => setOpen(m.id)}>
            查看
          </Button>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<UnitStandard> = [
    { title: '编码', dataIndex: 'code', key: 'code', width: 90, render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
    {
      title: '测评标准',
      dataIndex: 'text',
      key: 'text',
      render: (text: string, s) => (
        <span>
          {text}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.contentName} · {s.points} 分
          </Typography.Text>
        </span>
      ),
    },
    { title: '分工', dataIndex: 'role', key: 'role', width: 72, render: (r: string) => <RoleTag role={r} /> },
    {
      title: `${periodLabel(period)}状态`,
      key: 'status',
      width: 200,
      render: (_, s) => statusCell(s),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, s) => actionsCell(s),
    },
  ];

  if (!unitId) return <Empty description="您的账号未关联单位，无法提交材料" style={{ padding: '48px 0' }} />;

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <VersionSelect aria-label="测评体系版本" value={filters.versionId} onChange={setVersion} autoSelect />
        <PeriodPicker value={period} onChange={(p) => setFilters({ period: p === currentMonth() ? undefined : p })} />
      </div>
      {standards.data && rows.length > 0 && (
        <Alert
          type={missing ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            missing
              ? `${periodLabel(period)}还有 ${missing} 项材料未提交或被退回（共 ${rows.length} 项）`
              : `${periodLabel(period)}的 ${rows.length} 项材料均已提交`
          }
        />
      )}
      {phone ? (
        <List
          dataSource={rows}
          loading={standards.isFetching || submissions.isFetching}
          locale={{ emptyText }}
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }}>
              <Space size={6}>
                <Typography.Text strong>{s.code}</Typography.Text>
                <RoleTag role={s.role} />
              </Space>
              <div style={{ margin: '4px 0' }}>{s.text}</div>
              {statusCell(s)}
              <div style={{ marginTop: 8 }}>{actionsCell(s)}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<UnitStandard>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={standards.isFetching || submissions.isFetching}
          pagination={false}
          locale={{ emptyText }}
          scroll={{ x: 860 }}
        />
      )}
      <UploadDialog target={upload} onClose={() => setUpload(null)} />
      <MaterialDetailModal id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
