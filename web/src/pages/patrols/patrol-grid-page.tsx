/**
 * 点长巡查打卡 (office, 包保单位, leader): the month grid (sites × days, ✓ ✗ ○ 休 —) with each site's rate, the totals,
 * and the missed days per 点长; filters by region (town), site type and 点长; export .xlsx. A ✓ opens the check-in.
 */
import { PATROL_DAY_LABELS, PATROL_DAY_MARKS, type PatrolDayState } from '@common/contracts/patrols';
import { Alert, Button, Card, DatePicker, Select, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { usePatrolGrid, usePatrolMissed, type PatrolFilters, type PatrolGrid, type PatrolGridRow } from '../../api/patrols';
import { useSiteTypes } from '../../api/sites';
import { ExportButton } from '../../components/export-button';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';
import { PatrolDetailDrawer } from './patrol-detail-drawer';
import { beijingMonth } from '../../components/beijing-time';

const FILTER_KEYS = ['month', 'regionId', 'siteTypeCode', 'leadUserId', 'search', 'tab', 'by'] as const;
const WEEKDAY_CHARS = ['', '一', '二', '三', '四', '五', '六', '日'];
const COLORS: Record<PatrolDayState, { color: string; background?: string }> = {
  done: { color: '#389e0d', background: '#f6ffed' },
  missed: { color: '#cf1322', background: '#fff1f0' },
  pending: { color: '#d48806', background: '#fffbe6' },
  rest: { color: 'rgba(0,0,0,.35)' },
  none: { color: 'rgba(0,0,0,.25)' },
  future: { color: 'rgba(0,0,0,.25)' },
};
export const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function currentMonth(): string {
  return beijingMonth();
}

function Cell({ state, day, onOpen }: { state: PatrolDayState; day: string; onOpen?: () => void }) {
  const c = COLORS[state];
  const label = `${monthDay(day)} ${PATROL_DAY_LABELS[state]}`;
  const body = (
    <span aria-hidden style={{ color: c.color, fontWeight: state === 'done' || state === 'missed' ? 700 : 400 }}>
      {PATROL_DAY_MARKS[state] || '·'}
    </span>
  );
  if (onOpen)
    return (
      <button
        type="button"
        aria-label={`${label}，查看打卡`}
        title={label}
        onClick={onOpen}
        style={{ border: 'none', background: c.background, width: '100%', minHeight: 28, cursor: 'pointer', borderRadius: 4, padding: 0 }}
      >
        {body}
      </button>
    );
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      style={{ display: 'block', background: c.background, borderRadius: 4, minHeight: 28, lineHeight: '28px' }}
    >
      {body}
    </span>
  );
}

function gridColumns(grid: PatrolGrid | undefined, onOpen: (id: string) => void): ColumnsType<PatrolGridRow> {
  const days = grid?.days ?? [];
  return [
    {
      title: '点位',
      key: 'site',
      fixed: 'left',
      width: 190,
      render: (_: unknown, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 170 }}>
            {r.siteName}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 170 }}>
            {[r.townName, r.leadName ? `点长 ${r.leadName}` : null].filter(Boolean).join(' · ')}
            {!r.leadUserId && <Tag style={{ marginInlineStart: 4, fontSize: 11 }}>未关联账号</Tag>}
          </Typography.Text>
        </div>
      ),
    },
    ...days.map((d, i) => ({
      key: d.day,
      width: 34,
      align: 'center' as const,
      title: (
        <Tooltip title={`${monthDay(d.day)} 星期${WEEKDAY_CHARS[d.weekday]}${d.name ? ` ${d.name}` : ''}${d.working ? '' : '（休）'}`}>
          <span style={{ color: d.working ? undefined : 'rgba(0,0,0,.35)', fontSize: 12, lineHeight: 1.2, display: 'block' }}>
            {d.dayOfMonth}
            <br />
            {WEEKDAY_CHARS[d.weekday]}
          </span>
        </Tooltip>
      ),
      onCell: () => ({ style: { padding: 2 } }),
      render: (_: unknown, r: PatrolGridRow) => {
        const cell = r.cells[i];
        return <Cell state={cell.state} day={d.day} onOpen={cell.patrolId ? () => onOpen(cell.patrolId!) : undefined} />;
      },
    })),
    {
      title: '漏打卡',
      key: 'missed',
      fixed: 'right',
      width: 64,
      align: 'right',
      render: (_: unknown, r) => <Typography.Text type={r.missed ? 'danger' : undefined}>{r.missed}</Typography.Text>,
    },
    {
      title: '打卡率',
      key: 'rate',
      fixed: 'right',
      width: 76,
      align: 'right',
      render: (_: unknown, r) => (
        <Tooltip title={`已打卡 ${r.done} / 应打卡 ${r.required} 天`}>
          <span>{pct(r.rate)}</span>
        </Tooltip>
      ),
    },
  ];
}

/** The missed days per 点长, most missed first. */
function MissedList({ filters }: { filters: PatrolFilters }) {
  const missed = usePatrolMissed(filters);
  return (
    <Table
      rowKey="leadUserId"
      size="small"
      loading={missed.isFetching}
      dataSource={missed.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '没有关联了账号的点长' }}
      columns={[
        { title: '点长', dataIndex: 'leadName', width: 110 },
        { title: '负责点位', dataIndex: 'sites', width: 86, align: 'right' },
        { title: '应打卡', dataIndex: 'required', width: 76, align: 'right', render: (v: number) => `${v} 天` },
        { title: '已打卡', dataIndex: 'done', width: 76, align: 'right', render: (v: number) => `${v} 天` },
        {
          title: '漏打卡',
          dataIndex: 'missed',
          width: 76,
          align: 'right',
          render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{v} 天</Typography.Text>,
        },
        { title: '打卡率', dataIndex: 'rate', width: 80, align: 'right', render: (v: number | null) => pct(v) },
        {
          title: '漏打卡日期',
          key: 'days',
          render: (_: unknown, r) =>
            r.missedDays.length ? (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {r.missedDays.map((d) => (
                  <Tag key={`${d.day}-${d.siteId}`} color="error" style={{ marginInlineEnd: 0 }}>
                    {monthDay(d.day)} {d.siteName}
                  </Tag>
                ))}
              </div>
            ) : (
              <Typography.Text type="secondary">无</Typography.Text>
            ),
        },
      ]}
      scroll={{ x: 860 }}
    />
  );
}

/** The page. */
export default function PatrolGridPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS, 50);
  const { tab, by, ...rest } = table.filters;
  const month = rest.month ?? currentMonth();
  const filters: PatrolFilters = { ...rest, month };
  const grid = usePatrolGrid({ ...filters, page: table.params.page, pageSize: table.params.pageSize, sort: by });
  const leads = usePatrolMissed({ ...filters, leadUserId: undefined });
  const types = useSiteTypes();
  const [open, setOpen] = useState<string | null>(null);
  const columns = useMemo(() => gridColumns(grid.data, setOpen), [grid.data]);
  const s = grid.data?.summary;

  return (
    <>
      <PageTitle
        title="点长巡查打卡"
        subTitle="工作日按节假日日历计算（法定节假日不计，调休上班日计入）；✓ 已打卡　✗ 漏打卡　○ 今日待打卡　休 休息日　— 无需打卡"
        extra={<ExportButton path="/api/patrols/export" params={filters} fileName={`点长巡查打卡-${month}.xlsx`} />}
      />
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
          <DatePicker
            aria-label="月份"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            format="YYYY年M月"
            onChange={(d) => d && table.setFilters({ month: d.format('YYYY-MM') === currentMonth() ? undefined : d.format('YYYY-MM') })}
            style={{ width: 130 }}
          />
          {hasPermission(session, 'regions.list') && (
            <RegionTreeSelect
              aria-label="筛选乡镇（街道）"
              placeholder="乡镇（街道）"
              value={filters.regionId}
              onChange={(v) => table.setFilters({ regionId: v === undefined ? undefined : String(v) })}
              style={{ width: 180 }}
            />
          )}
          <Select
            aria-label="筛选点位类型"
            placeholder="点位类型"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.siteTypeCode}
            onChange={(v) => table.setFilters({ siteTypeCode: v })}
            options={(types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
            popupMatchSelectWidth={false}
            style={{ width: 150 }}
          />
          <Select
            aria-label="筛选点长"
            placeholder="点长"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.leadUserId}
            onChange={(v) => table.setFilters({ leadUserId: v })}
            options={(leads.data?.items ?? []).map((l) => ({ value: l.leadUserId, label: l.leadName }))}
            style={{ width: 130 }}
          />
          <SearchBox
            label="搜索点位"
            placeholder="点位名称"
            value={filters.search}
            onSearch={(search) => table.setFilters({ search })}
            width={180}
          />
          <Select
            aria-label="排序"
            value={by ?? 'region'}
            onChange={(v: string) => table.setFilters({ by: v === 'region' ? undefined : v })}
            options={[
              { value: 'region', label: '按区域' },
              { value: 'rate', label: '打卡率从低到高' },
              { value: 'missed', label: '漏打卡从多到少' },
            ]}
            style={{ width: 150 }}
          />
          <Button onClick={table.resetFilters} style={{ minHeight: 32 }}>
            重置
          </Button>
        </div>
        {s && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32, marginBottom: 16 }}>
            <Statistic title="点位" value={s.sites} suffix="个" />
            <Statistic title={`${grid.data?.label ?? ''}应打卡`} value={s.required} suffix="天次" />
            <Statistic title="已打卡" value={s.done} suffix="天次" />
            <Statistic
              title="漏打卡"
              value={s.missed}
              suffix="天次"
              styles={{ content: { color: s.missed ? '#cf1322' : '#389e0d', fontWeight: 600 } }}
            />
            <Statistic title="打卡率" value={pct(s.rate)} />
            {grid.data?.today.startsWith(month) && (
              <Statistic title="今日已打卡" value={`${s.todayDone}/${s.todayRequired}`} suffix="个点位" />
            )}
          </div>
        )}
        {s && s.sitesWithoutLead > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${s.sitesWithoutLead} 个点位的点长尚未关联账号，无法打卡，不计入打卡率（在点位信息中关联点长账号后开始计算）`}
          />
        )}
        <Tabs
          activeKey={tab ?? 'grid'}
          onChange={(k) => table.setFilters({ tab: k === 'grid' ? undefined : k })}
          items={[
            {
              key: 'grid',
              label: '月度打卡表',
              children: (
                <Table<PatrolGridRow>
                  rowKey="siteId"
                  size="small"
                  bordered
                  columns={columns}
                  dataSource={grid.data?.items ?? []}
                  loading={grid.isFetching}
                  scroll={{ x: 190 + (grid.data?.days.length ?? 31) * 34 + 140 }}
                  pagination={{
                    current: table.params.page,
                    pageSize: table.params.pageSize,
                    total: grid.data?.total ?? 0,
                    showSizeChanger: true,
                    pageSizeOptions: [50, 100, 200],
                    hideOnSinglePage: true,
                    showTotal: (n) => `共 ${n} 个点位`,
                  }}
                  onChange={(p) => table.onChange(p, {}, [])}
                  locale={{ emptyText: '没有符合条件的点位' }}
                />
              ),
            },
            { key: 'missed', label: '漏打卡名单', children: <MissedList filters={filters} /> },
          ]}
        />
      </Card>
      <PatrolDetailDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
