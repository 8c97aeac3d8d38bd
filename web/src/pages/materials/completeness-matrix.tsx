/** 完成情况: for a version and period, every material standard × every unit on it, with status tags; gaps in red. */
import { Alert, Button, Checkbox, Grid, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useCompleteness, type CompletenessRow } from '../../api/materials';
import type { Id } from '../../api/types';
import { useTableState } from '../../components/use-table-state';
import { VersionSelect } from '../standards/version-select';
import { MaterialDetailModal } from './material-detail-modal';
import { MaterialStatusTag } from './material-status-tag';
import { currentMonth, periodLabel } from './period';
import { PeriodPicker } from './period-picker';

const KEYS = ['versionId', 'period', 'gaps'] as const;
const isGap = (r?: CompletenessRow) => !!r && (r.status === 'missing' || r.status === 'returned');

interface MatrixRow {
  standardId: Id;
  code: string;
  text: string;
  cells: Map<string, CompletenessRow>;
  gaps: number;
}

/** The tab. */
export function CompletenessMatrix() {
  const { filters, setFilters } = useTableState(KEYS);
  const period = filters.period ?? currentMonth();
  const data = useCompleteness(filters.versionId, period);
  const [open, setOpen] = useState<Id>();
  const firstWidth = Grid.useBreakpoint().sm === false ? 130 : 220;
  const setVersion = useCallback((v: Id | undefined) => setFilters({ versionId: v === undefined ? undefined : String(v) }), [setFilters]);

  const { rows, units } = useMemo(() => {
    const byStandard = new Map<string, MatrixRow>();
    const unitGaps = new Map<string, { id: Id; name: string; gaps: number }>();
    for (const r of data.data?.items ?? []) {
      const key = String(r.standardId);
      if (!byStandard.has(key)) byStandard.set(key, { standardId: r.standardId, code: r.code, text: r.text, cells: new Map(), gaps: 0 });
      const row = byStandard.get(key)!;
      row.cells.set(String(r.unitId), r);
      const u = unitGaps.get(String(r.unitId)) ?? { id: r.unitId, name: r.unitName, gaps: 0 };
      if (isGap(r)) {
        row.gaps += 1;
        u.gaps += 1;
      }
      unitGaps.set(String(r.unitId), u);
    }
    const all = [...byStandard.values()];
    return {
      rows: filters.gaps ? all.filter((r) => r.gaps > 0) : all,
      units: [...unitGaps.values()]
        .filter((u) => !filters.gaps || u.gaps > 0)
        .sort((a, b) => b.gaps - a.gaps || a.name.localeCompare(b.name)),
    };
  }, [data.data, filters.gaps]);

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: '测评标准',
      key: 'standard',
      fixed: 'left',
      width: firstWidth,
      render: (_, r) => (
        <Tooltip title={r.text}>
          <Typography.Text strong>{r.code}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }} type="secondary">
            {r.text}
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
    {
      title: '缺报',
      key: 'gaps',
      width: 64,
      align: 'center',
      render: (_, r) =>
        r.gaps ? (
          <Typography.Text type="danger" strong>
            {r.gaps}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    ...units.map((u) => ({
      title: (
        <span style={{ display: 'block', fontSize: 12, fontWeight: 500, whiteSpace: 'normal' as const }}>
          {u.name}
          {u.gaps > 0 && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              缺 {u.gaps}
            </Typography.Text>
          )}
        </span>
      ),
      key: String(u.id),
      width: 110,
      align: 'center' as const,
      render: (_: unknown, r: MatrixRow) => {
        const cell = r.cells.get(String(u.id));
        if (!cell)
          return (
            <Typography.Text type="secondary" aria-label="不涉及">
              ·
            </Typography.Text>
          );
        const tag = <MaterialStatusTag status={cell.status} />;
        return cell.submissionId ? (
          <Button
            type="text"
            size="small"
            style={{ padding: 0, height: 'auto' }}
            aria-label={`${u.name} ${r.code} 材料`}
            onClick={() => setOpen(cell.submissionId!)}
          >
            {tag}
          </Button>
        ) : (
          tag
        );
      },
    })),
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
        <VersionSelect aria-label="测评体系版本" value={filters.versionId} onChange={setVersion} autoSelect />
        <PeriodPicker value={period} onChange={(p) => setFilters({ period: p === currentMonth() ? undefined : p })} />
        <Checkbox checked={!!filters.gaps} onChange={(e) => setFilters({ gaps: e.target.checked ? '1' : undefined })}>
          只看缺报
        </Checkbox>
      </div>
      {data.data && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32, marginBottom: 16 }}>
          <Statistic title={`${periodLabel(period)}应报`} value={data.data.total} suffix="项" />
          <Statistic title="已通过" value={data.data.items.filter((r) => r.status === 'passed').length} suffix="项" />
          <Statistic title="待审核" value={data.data.items.filter((r) => r.status === 'submitted').length} suffix="项" />
          <Statistic
            title="缺报（未提交或退回）"
            value={data.data.missing}
            suffix="项"
            styles={{ content: { color: data.data.missing ? '#cf1322' : '#389e0d', fontWeight: 600 } }}
          />
        </div>
      )}
      {data.data && data.data.total === 0 && (
        <Alert type="info" showIcon title="此版本没有分配到单位的材料审核类测评标准" style={{ marginBottom: 16 }} />
      )}
      <Table<MatrixRow>
        rowKey={(r) => String(r.standardId)}
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={data.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: filters.gaps ? '本期没有缺报' : '暂无数据' }}
        scroll={{ x: firstWidth + 64 + units.length * 110 }}
      />
      <MaterialDetailModal id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
