/** The problems table shared by the list and the workbench: sortable columns, live countdown, overdue rows tinted. */
import { PROBLEM_SOURCE_LABELS } from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { Problem } from '../../api/problems';
import type { Page } from '../../api/types';
import { formatTime, orDash } from '../../components/format';
import { DeadlineCountdown, OverdueTag, ProblemStateTag, SeverityTag } from '../../components/problem-tags';
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
      <Table<Problem>
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
      />
    </>
  );
}
