/**
 * 好人评选: the selections of the area (好人榜 monthly, 道德模范, 文明家庭/单位/校园), paged, sorted and filtered by
 * kind, state and words; the phase by the schedule; 发起评选 for the office.
 */
import { PlusOutlined } from '@ant-design/icons';
import { SELECTION_KIND_LABELS, SELECTION_KINDS, SELECTION_STATE_LABELS, SELECTION_STATES, LEVEL_LABELS } from '@common/honours';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSelections, type Selection, type SelectionsQuery } from '../../api/honours';
import { useSession } from '../../api/auth';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { dayRange, PhaseTag } from './honours-format';
import { SelectionFormDrawer } from './selection-form';
import { FilterSelect, FilterSearch } from '../../components/table-filters';

const FILTERS = ['kind', 'state', 'search'] as const;

export default function SelectionsPage() {
  const table = useTableState(FILTERS);
  const navigate = useNavigate();
  const session = useSession();
  const [drawer, setDrawer] = useState<'new' | null>(null);
  const params: SelectionsQuery = {
    kind: table.filters.kind as SelectionsQuery['kind'],
    state: table.filters.state as SelectionsQuery['state'],
    search: table.filters.search,
    page: table.params.page,
    pageSize: table.params.pageSize,
    sort: (table.params.sort as SelectionsQuery['sort']) ?? 'created_at',
    order: table.params.order ?? 'desc',
  };
  const list = useSelections(params);
  const mayCreate = !!session.data?.permissions?.includes('honours.manage');

  return (
    <>
      <PageTitle
        title="好人评选"
        subTitle="好人榜、道德模范、文明家庭/单位/校园"
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
              发起评选
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          table={table}
          name="kind"
          label="评选类型"
          width={160}
          options={SELECTION_KINDS.map((k) => ({ value: k, label: SELECTION_KIND_LABELS[k] }))}
        />
        <FilterSelect
          table={table}
          name="state"
          label="状态"
          width={120}
          options={SELECTION_STATES.map((k) => ({ value: k, label: SELECTION_STATE_LABELS[k] }))}
        />
        <FilterSearch table={table} name="search" placeholder="评选名称" label="搜索评选" />
      </Space>
      <ResponsiveList<Selection>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        locale={{ emptyText: mayCreate ? '还没有评选，点“发起评选”开始' : '暂无评选' }}
        onRow={(r) => ({ onClick: () => navigate(`/honours/selections/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'title',
            title: '评选',
            sorter: true,
            sortOrder: table.sortOrderOf('title'),
            render: (_, r) => (
              <>
                <Link to={`/honours/selections/${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {r.title}
                </Link>
                <div>
                  <Typography.Text type="secondary">
                    {SELECTION_KIND_LABELS[r.kind]} · {r.regionName}（{LEVEL_LABELS[r.level] ?? r.level}）
                  </Typography.Text>
                </div>
              </>
            ),
          },
          { key: 'period', title: '评选期', dataIndex: 'period', width: 100, sorter: true, sortOrder: table.sortOrderOf('period') },
          {
            key: 'voting_starts_on',
            title: '公示投票',
            width: 220,
            sorter: true,
            sortOrder: table.sortOrderOf('voting_starts_on'),
            render: (_, r) => dayRange(r.votingStartsOn, r.votingEndsOn),
          },
          {
            key: 'counts',
            title: '推荐/候选/票数',
            width: 150,
            render: (_, r) => `${r.counts.nominations} / ${r.counts.candidates} / ${r.counts.votes}`,
          },
          { key: 'phase', title: '阶段', width: 110, render: (_, r) => <PhaseTag phase={r.phase} /> },
        ]}
        cardHref={(r) => `/honours/selections/${r.id}`}
        cardLabel={(r) => `查看评选 ${r.title}`}
        card={(r) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <PhaseTag phase={r.phase} />
            </div>
            <Typography.Text type="secondary">
              {SELECTION_KIND_LABELS[r.kind]} · {r.regionName}
            </Typography.Text>
            <div>公示投票 {dayRange(r.votingStartsOn, r.votingEndsOn)}</div>
          </div>
        )}
      />
      <SelectionFormDrawer selection={drawer} onClose={() => setDrawer(null)} onSaved={(s) => navigate(`/honours/selections/${s.id}`)} />
    </>
  );
}
