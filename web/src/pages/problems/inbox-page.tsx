/** 本单位问题 (unit inbox): problems sent to my unit, earliest deadline first, live countdown and quick actions. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../../api/auth';
import { useProblems, type Problem } from '../../api/problems';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { DeadlineCountdown, OverdueTag, ProblemStateTag, SeverityTag } from '../../components/problem-tags';
import { useTableState } from '../../components/use-table-state';
import { ProblemActions } from './problem-actions';

const VIEWS = [
  { value: 'open', label: '全部在办', state: 'dispatched,rectifying,verifying' },
  { value: 'dispatched', label: '待签收', state: 'dispatched' },
  { value: 'rectifying', label: '整改中', state: 'rectifying' },
  { value: 'verifying', label: '待核查', state: 'verifying' },
  { value: 'overdue', label: '已超期', state: 'dispatched,rectifying' },
  { value: 'closed', label: '已结案', state: 'closed' },
] as const;
const FILTER_KEYS = ['view'] as const;

function InboxItem({ problem: p }: { problem: Problem }) {
  return (
    <List.Item style={{ display: 'block', padding: '14px 4px' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
        <Space size={6} wrap>
          <Link to={`/problems/${p.id}`} style={{ fontWeight: 600 }} aria-label={`查看问题 ${p.code}`}>
            {p.code}
          </Link>
          <ProblemStateTag state={p.state} />
          <SeverityTag severity={p.severity} />
          {p.overdue && <OverdueTag />}
          {p.extensionRequest && <Typography.Text type="warning">延期待审批</Typography.Text>}
        </Space>
        <DeadlineCountdown deadline={p.deadline} state={p.state} strong hideEmpty />
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 2px' }}>
        <Typography.Text type="secondary">[{p.categoryName}] </Typography.Text>
        {p.description}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <EnvironmentOutlined aria-hidden /> {p.address || p.regionName} · 派遣于 {formatTime(p.dispatchedAt)}
        {p.closedAt ? ` · 结案于 ${formatTime(p.closedAt)}` : p.deadline ? ` · 时限 ${formatTime(p.deadline)}` : ''}
      </Typography.Text>
      <div style={{ marginTop: 8 }}>
        <ProblemActions problem={p} size="small" quick />
      </div>
    </List.Item>
  );
}

/** Inbox page. */
export default function InboxPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const view = VIEWS.find((v) => v.value === table.filters.view) ?? VIEWS[0];
  // Unit people see their unit by scope; name the unit when there is exactly one.
  const unitIds = [
    ...new Set(session?.user.roleGrants.filter((g) => g.role === 'unit_head' || g.role === 'unit_liaison').map((g) => String(g.scopeId))),
  ];
  const problems = useProblems({
    state: view.state,
    overdue: view.value === 'overdue' ? 'true' : undefined,
    unitId: unitIds.length === 1 ? unitIds[0] : undefined,
    page: table.params.page,
    pageSize: table.params.pageSize,
    sort: view.value === 'closed' ? 'updatedAt' : 'deadline',
    order: view.value === 'closed' ? 'desc' : 'asc',
  });
  const unitName =
    session?.user.roleGrants.find((g) => g.role === 'unit_head' || g.role === 'unit_liaison')?.scopeName ?? session?.user.unitName;

  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }}>
      <PageTitle title="本单位问题" subTitle={unitName ? `${unitName} · 按整改时限排序` : '按整改时限排序'} />
      <Card variant="borderless">
        <div style={{ overflowX: 'auto', marginBottom: 8 }}>
          <Segmented
            aria-label="问题范围"
            value={view.value}
            onChange={(v) => table.setFilters({ view: v === 'open' ? undefined : String(v) })}
            options={VIEWS.map((v) => ({ value: v.value, label: v.label }))}
          />
        </div>
        <List<Problem>
          loading={problems.isFetching}
          dataSource={problems.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: <Empty description={view.value === 'open' ? '本单位暂无在办问题' : '暂无问题'} /> }}
          renderItem={(p) => <InboxItem problem={p} />}
          pagination={
            (problems.data?.total ?? 0) > table.params.pageSize
              ? {
                  current: table.params.page,
                  pageSize: table.params.pageSize,
                  total: problems.data?.total,
                  onChange: (page) => table.onChange({ current: page, pageSize: table.params.pageSize }, {}, []),
                  size: 'small',
                }
              : false
          }
        />
      </Card>
    </div>
  );
}
