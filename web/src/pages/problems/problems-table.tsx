/**
 * The problems list shared by the list, the workbench and the home pages: a sortable table on a desktop, cards on a
 * phone (code, category, unit, state, deadline — overdue in red; a tap opens the problem), overdue rows tinted.
 */
import { PROBLEM_SOURCE_LABELS } from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Space, Typography, type TableColumnsType, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { Problem } from '../../api/problems';
import type { Page } from '../../api/types';
import { formatTime, orDash } from '../../components/format';
import { DeadlineCountdown, OverdueTag, ProblemStateTag, SeverityTag } from '../../components/problem-tags';
import { ResponsiveList } from '../../components/responsive-list';
import type { useTableState } from '../../components/use-table-state';
import { DisputedTag } from './disputed-tag';

type TableState = Pick<ReturnType<typeof useTableState<string>>, 'onChange' | 'sortOrderOf' | 'pagination'>;

interface Props {
  data: Page<Problem> | undefined;
  loading: boolean;
  table: TableState;
  rowSelection?: TableProps<Problem>['rowSelection'];
  emptyText?: string;
}

/** Problems table. */
export function ProblemsTable({ data, loading, table, rowSelection, emptyText = '暂无问题' }: Props) {
  const columns: TableColumnsType<Problem> = [
    {
      title: '编号',
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: table.sortOrderOf('code'),
      fixed: 'left',
      width: 150,
      render: (code: string, p) => (
        <Space size={4} wrap>
          <Link to={`/problems/${p.id}`} aria-label={`查看问题 ${code}`}>
            {code}
          </Link>
          {p.overdue && <OverdueTag />}
          <DisputedTag problem={p} />
        </Space>
      ),
    },
    {
      title: '问题描述',
      dataIndex: 'description',
      key: 'description',
      width: 240,
      render: (text: string, p) => (
        <div style={{ maxWidth: 240 }}>
          <Typography.Text ellipsis={{ tooltip: text }} style={{ display: 'block' }}>
            {text}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
            {p.categoryName} · {p.address || p.regionName}
          </Typography.Text>
        </div>
      ),
    },
    { title: '状态', dataIndex: 'state', key: 'state', width: 90, render: (s: Problem['state']) => <ProblemStateTag state={s} /> },
    {
      title: '严重程度',
      dataIndex: 'severity',
      key: 'severity',
      width: 96,
      sorter: true,
      sortOrder: table.sortOrderOf('severity'),
      render: (s: Problem['severity']) => <SeverityTag severity={s} />,
    },
    { title: '来源', dataIndex: 'source', key: 'source', responsive: ['xxl'], render: (s: string) => labelOf(PROBLEM_SOURCE_LABELS, s) },
    {
      title: '责任单位',
      dataIndex: 'unitName',
      key: 'unit',
      render: (name: string | null) => (
        <Typography.Text ellipsis={{ tooltip: name }} style={{ maxWidth: 180 }}>
          {orDash(name)}
        </Typography.Text>
      ),
    },
    { title: '所属区域', dataIndex: 'regionName', key: 'region', responsive: ['xxl'], render: orDash },
    {
      title: '整改时限',
      dataIndex: 'deadline',
      key: 'deadline',
      sorter: true,
      sortOrder: table.sortOrderOf('deadline'),
      render: (d: string | null, p) =>
        d ? (
          <div style={{ whiteSpace: 'nowrap' }}>
            <DeadlineCountdown deadline={d} state={p.state} hideEmpty />
            <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{formatTime(d)}</div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '上报时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: table.sortOrderOf('createdAt'),
      render: (t: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(t)}</span>,
    },
  ];

  return (
    <>
      {/* React hoists and de-duplicates this into <head>. */}
      <style href="cc-problems-table" precedence="default">
        {'.cc-row-overdue > td { background: #fff6f5 !important; } .cc-row-overdue:hover > td { background: #ffeceb !important; }'}
      </style>
      <ResponsiveList<Problem>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={table.onChange}
        pagination={table.pagination(data?.total, data?.totalCapped)}
        rowSelection={rowSelection}
        rowClassName={(p) => (p.overdue ? 'cc-row-overdue' : '')}
        locale={{ emptyText }}
        scroll={{ x: 'max-content' }}
        size="middle"
        card={(p) => <ProblemCard problem={p} />}
        cardHref={(p) => `/problems/${p.id}`}
        cardLabel={(p) => `查看问题 ${p.code}`}
        cardClassName={(p) => (p.overdue ? 'cc-card-overdue' : '')}
      />
    </>
  );
}

/** A problem on a phone: what a person needs to act on it. */
export function ProblemCard({ problem: p }: { problem: Problem }) {
  return (
    <div data-testid="problem-card">
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 6, alignItems: 'center' }}>
        <Space size={4} wrap>
          <Typography.Text strong style={{ color: '#1677ff' }} data-field="code">
            {p.code}
          </Typography.Text>
          <ProblemStateTag state={p.state} />
          {p.severity !== 'normal' && <SeverityTag severity={p.severity} />}
          {p.overdue && <OverdueTag />}
          <DisputedTag problem={p} />
        </Space>
        <span data-field="deadline">
          <DeadlineCountdown deadline={p.deadline} state={p.state} hideEmpty />
        </span>
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 2px' }}>
        <Typography.Text type="secondary" data-field="category">
          [{p.categoryName}]{' '}
        </Typography.Text>
        {p.description}
      </Typography.Paragraph>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)', display: 'flex', flexWrap: 'wrap', gap: '0 8px' }}>
        <span data-field="unit">{p.unitName ? `责任单位：${p.unitName}` : '责任单位：待派遣'}</span>
        {p.deadline && <span style={p.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>时限：{formatTime(p.deadline)}</span>}
        {!p.deadline && <span>上报：{formatTime(p.createdAt)}</span>}
      </div>
    </div>
  );
}
