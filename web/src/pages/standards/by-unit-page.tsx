/** 任务分解: the standards a unit leads (牵头) or answers for (责任) in a version, with observations and pass rate. */
import { STANDARD_METHODS, STANDARD_METHOD_LABELS } from '@common/inspections';
import { Card, Empty, Progress, Select, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { STANDARD_ROLE_LABELS, useUnitStandards, type StandardRole, type UnitStandard } from '../../api/standards';
import type { Id } from '../../api/types';
import { PageTitle } from '../../components/page-title';
import { UnitSelect } from '../../components/remote-select';
import { useTableState } from '../../components/use-table-state';
import { MethodTag, NegativeTag, RoleTag } from './standard-tags';
import { VersionSelect } from './version-select';

const FILTER_KEYS = ['versionId', 'unitId', 'role', 'method'] as const;
const UNIT_ROLES = ['unit_head', 'unit_liaison'];

/** Pass rate as a bar (— before any observation). */
export function PassRate({ rate, observations }: { rate: number | null; observations: number }) {
  if (rate === null) return <Typography.Text type="secondary">{observations ? '—' : '暂无测评'}</Typography.Text>;
  const percent = Math.round(rate * 1000) / 10;
  return (
    <Progress
      percent={percent}
      size="small"
      status="normal"
      format={(p) => `${p}%`}
      aria-label={`达标率 ${percent}%`}
      style={{ minWidth: 120, margin: 0 }}
    />
  );
}

/** 任务分解 page. */
export default function ByUnitPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const { filters, setFilters } = table;
  const ownUnit = session?.user.roles.some((r) => UNIT_ROLES.includes(r)) ? session.user.unitId : null;
  const unitId = filters.unitId ?? (ownUnit ? String(ownUnit) : undefined);
  const result = useUnitStandards(unitId, filters.versionId);
  const canMaterials = hasPermission(session, 'materials.list');
  const setVersion = useCallback((v: Id | undefined) => setFilters({ versionId: v === undefined ? undefined : String(v) }), [setFilters]);

  const all = result.data?.items;
  const items = useMemo(
    () => (all ?? []).filter((s) => (!filters.role || s.role === filters.role) && (!filters.method || s.method === filters.method)),
    [all, filters.role, filters.method],
  );
  const summary = useMemo(() => {
    const list = all ?? [];
    const observed = list.filter((s) => s.passRate !== null);
    return {
      lead: list.filter((s) => s.role === 'lead').length,
      responsible: list.filter((s) => s.role === 'responsible').length,
      points: Math.round(list.reduce((n, s) => n + s.points, 0) * 100) / 100,
      rate: observed.length ? Math.round((observed.reduce((n, s) => n + (s.passRate ?? 0), 0) / observed.length) * 1000) / 10 : null,
    };
  }, [all]);

  const columns: TableColumnsType<UnitStandard> = [
    {
      title: '编码',
      dataIndex: 'code',
      key: 'code',
      width: 140,
      render: (c: string) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {c}
        </Typography.Text>
      ),
    },
    {
      title: '测评标准',
      dataIndex: 'text',
      key: 'text',
      render: (text: string, s) => (
        <span>
          {s.negative && <NegativeTag />} {text}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.itemName ? `${s.itemName} › ` : ''}
            {s.contentName}
          </Typography.Text>
        </span>
      ),
    },
    { title: '分工', dataIndex: 'role', key: 'role', width: 72, render: (r: string) => <RoleTag role={r} /> },
    { title: '测评方法', dataIndex: 'method', key: 'method', width: 96, render: (m: string) => <MethodTag method={m} /> },
    { title: '分值', dataIndex: 'points', key: 'points', width: 64, align: 'right', responsive: ['md'] },
    { title: '测评次数', dataIndex: 'observations', key: 'observations', width: 96, align: 'right', responsive: ['md'] },
    { title: '达标率', key: 'passRate', width: 150, render: (_, s) => <PassRate rate={s.passRate} observations={s.observations} /> },
    {
      title: '材料',
      key: 'materials',
      width: 84,
      render: (_, s) =>
        s.method === 'material' && canMaterials ? (
          <Link to={`/materials?tab=records&status=all&standardId=${s.id}&unitId=${unitId}`} aria-label={`查看${s.code}的材料`}>
            查看材料
          </Link>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle title="任务分解" subTitle="单位牵头或承担的测评标准、测评次数与达标率" />
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <VersionSelect aria-label="测评体系版本" value={filters.versionId} onChange={setVersion} autoSelect />
          <UnitSelect
            aria-label="单位"
            value={unitId}
            onChange={(v) => setFilters({ unitId: v === undefined || Array.isArray(v) ? undefined : String(v) })}
            initialOptions={
              result.data ? [result.data.unit] : ownUnit && session?.user.unitName ? [{ id: ownUnit, name: session.user.unitName }] : []
            }
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Select
            aria-label="筛选分工"
            placeholder="牵头/责任"
            allowClear
            value={filters.role}
            onChange={(v) => setFilters({ role: v })}
            options={(Object.keys(STANDARD_ROLE_LABELS) as StandardRole[]).map((r) => ({ value: r, label: STANDARD_ROLE_LABELS[r] }))}
            style={{ width: 120 }}
          />
          <Select
            aria-label="筛选测评方法"
            placeholder="测评方法"
            allowClear
            value={filters.method}
            onChange={(v) => setFilters({ method: v })}
            options={STANDARD_METHODS.map((m) => ({ value: m, label: STANDARD_METHOD_LABELS[m] }))}
            style={{ width: 130 }}
          />
        </div>
        {!unitId ? (
          <Empty description="请选择单位，查看其牵头和承担的测评标准" style={{ padding: '48px 0' }} />
        ) : (
          <>
            {result.data && (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32, marginBottom: 16 }}>
                <Statistic title="牵头标准" value={summary.lead} suffix="条" />
                <Statistic title="责任标准" value={summary.responsible} suffix="条" />
                <Statistic title="涉及分值" value={summary.points} suffix="分" />
                <Statistic title="平均达标率" value={summary.rate ?? '—'} suffix={summary.rate === null ? undefined : '%'} />
              </div>
            )}
            <Table<UnitStandard>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={result.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条`, showSizeChanger: false }}
              locale={{ emptyText: '该单位在此版本中没有牵头或承担的测评标准' }}
              scroll={{ x: 1000 }}
            />
          </>
        )}
      </Card>
    </>
  );
}
