/**
 * 曝光台 (staff): every proposal of the area with its state — 草稿 (the office redacts and writes the public text),
 * 待审批 (a leader approves or returns it), 已曝光 (public at /p/exposure), 已撤下. Filters, sort and pages in the URL.
 * A problem is proposed from its own page (提出曝光).
 */
import { EXPOSURE_STATE_LABELS, EXPOSURE_STATES, type ExposureState } from '@common/exposure-workflow';
import { Button, Input, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useExposures, type ExposureItem } from '../../api/exposure';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { UnitSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { FilterSelect } from '../../components/table-filters';

export const EXPOSURE_STATE_COLORS: Record<ExposureState, string> = {
  draft: 'default',
  submitted: 'orange',
  published: 'red',
  taken_down: 'default',
};

const FILTERS = ['state', 'unitId', 'q'] as const;

/** The board's list. */
export default function ExposurePage() {
  const table = useTableState(FILTERS);
  const { filters, params } = table;
  const list = useExposures({
    ...params,
    state: filters.state as ExposureState | undefined,
    unitId: filters.unitId,
    q: filters.q,
  });
  return (
    <div>
      <PageTitle
        title="曝光台"
        subTitle="在问题详情页“提出曝光”；打码并编辑公开文字后提交领导审批，批准后在公开页面发布"
        extra={
          <a href="/p/exposure" target="_blank" rel="noreferrer">
            查看公开页面
          </a>
        }
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <FilterSelect
          table={table}
          name="state"
          label="筛选状态"
          placeholder="状态"
          width={120}
          options={EXPOSURE_STATES.map((s) => ({ value: s, label: EXPOSURE_STATE_LABELS[s] }))}
        />
        <UnitSelect
          aria-label="筛选责任单位"
          value={filters.unitId}
          onChange={(v) => table.setFilters({ unitId: v === undefined ? undefined : String(v) })}
          style={{ width: 200, maxWidth: '100%' }}
        />
        <Input.Search
          aria-label="搜索标题或问题编号"
          placeholder="标题或问题编号"
          allowClear
          defaultValue={filters.q}
          onSearch={(q) => table.setFilters({ q: q || undefined })}
          style={{ width: 220, maxWidth: '100%' }}
        />
        <Button onClick={table.resetFilters}>重置</Button>
      </div>
      <ResponsiveList<ExposureItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无曝光：在问题详情页点“提出曝光”' }}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        cardHref={(e) => `/exposure/${e.id}`}
        cardLabel={(e) => `查看曝光 ${e.title}`}
        card={(e) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{e.title}</strong>
              <Tag color={EXPOSURE_STATE_COLORS[e.state]}>{e.stateLabel}</Tag>
            </div>
            <div style={{ color: '#666' }}>
              {e.unitName ?? '未派遣'} · {e.regionName}
            </div>
            <div style={{ color: '#999' }}>
              {e.problemCode} · 提出于 {formatTime(e.proposedAt)}
            </div>
          </div>
        )}
        columns={[
          {
            title: '公开标题',
            dataIndex: 'title',
            render: (title: string, e) => <Link to={`/exposure/${e.id}`}>{title}</Link>,
          },
          {
            title: '问题',
            dataIndex: 'problemCode',
            render: (code: string, e) => (
              <Space size={4} direction="vertical">
                <Link to={`/problems/${e.problemId}`}>{code}</Link>
                <span style={{ color: '#999' }}>{e.problemStateLabel}</span>
              </Space>
            ),
          },
          {
            title: '责任单位',
            dataIndex: 'unitName',
            key: 'unitName',
            sorter: true,
            sortOrder: table.sortOrderOf('unitName'),
            render: (n) => n ?? '—',
          },
          { title: '区域', dataIndex: 'regionName' },
          {
            title: '状态',
            dataIndex: 'state',
            key: 'state',
            sorter: true,
            sortOrder: table.sortOrderOf('state'),
            render: (_: unknown, e) => <Tag color={EXPOSURE_STATE_COLORS[e.state]}>{e.stateLabel}</Tag>,
          },
          { title: '打码', key: 'boxes', render: (_: unknown, e) => `${e.boxCount} 处 / ${e.photoCount} 张照片` },
          {
            title: '发现时间',
            dataIndex: 'foundAt',
            key: 'foundAt',
            sorter: true,
            sortOrder: table.sortOrderOf('foundAt'),
            render: formatTime,
          },
          {
            title: '提出时间',
            dataIndex: 'proposedAt',
            key: 'proposedAt',
            sorter: true,
            sortOrder: table.sortOrderOf('proposedAt'),
            render: formatTime,
          },
          {
            title: '发布时间',
            dataIndex: 'publishedAt',
            key: 'publishedAt',
            sorter: true,
            sortOrder: table.sortOrderOf('publishedAt'),
            render: (v: string | null) => (v ? formatTime(v) : '—'),
          },
          {
            title: '操作',
            key: 'open',
            fixed: 'right',
            render: (_: unknown, e) => (
              <Link to={`/exposure/${e.id}`}>
                {e.allowedActions.includes('edit') ? '打码编辑' : e.allowedActions.length ? '审核/处理' : '查看'}
              </Link>
            ),
          },
        ]}
      />
    </div>
  );
}
