/** 办理工作台 (创建办 / 专班): counts by state, an overdue-first table of open problems, bulk 立案 and 派遣. */
import { OPEN_STATES, PROBLEM_STATE_LABELS, type ProblemState } from '@common/problem-workflow';
import { Alert, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useProblemSummary, useProblems, type Problem } from '../../api/problems';
import { PageTitle } from '../../components/page-title';
import { STATE_COLORS } from '../../components/problem-tags';
import { useTableState } from '../../components/use-table-state';
import { BulkActionModal } from './bulk-action-modal';
import { ProblemsTable } from './problems-table';

const CARD_STATES: ProblemState[] = ['pending', 'accepted', 'dispatched', 'rectifying', 'verifying'];
const FILTER_KEYS = ['state', 'overdue', 'disputed'] as const;

function CountCard({
  label,
  value,
  color,
  active,
  onClick,
}: {
  label: string;
  value: number | undefined;
  color: string;
  active: boolean;
  onClick: () => void;
}) {
  return (
    <Card
      hoverable
      variant="borderless"
      role="button"
      tabIndex={0}
      aria-pressed={active}
      aria-label={`${label} ${value ?? 0}`}
      onClick={onClick}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onClick())}
      style={{ borderTop: `3px solid ${color}`, outline: active ? `2px solid ${color}` : undefined }}
      styles={{ body: { padding: '10px 14px' } }}
    >
      <Statistic title={label} value={value ?? 0} styles={{ content: { color, fontSize: 24 } }} />
    </Card>
  );
}

/** Workbench page. */
export default function WorkbenchPage() {
  const table = useTableState(FILTER_KEYS);
  const summary = useProblemSummary();
  const { state, overdue, disputed } = table.filters;
  const problems = useProblems({
    state: state ?? OPEN_STATES.join(','),
    overdue,
    disputed,
    ...table.params,
    // Earliest deadline first: overdue problems lead, those without a deadline follow.
    sort: table.params.sort ?? 'deadline',
    order: table.params.order ?? 'asc',
  });
  const [selected, setSelected] = useState<Problem[]>([]);
  const [bulk, setBulk] = useState<'accept' | 'dispatch' | null>(null);
  const canAccept = selected.filter((p) => p.allowedActions.includes('accept'));
  const canDispatch = selected.filter((p) => p.allowedActions.includes('dispatch'));
  // 退回待重新派遣: how many, for the banner (one row fetched, the total counted).
  const returned = useProblems({ disputed: 'true', page: 1, pageSize: 1 });
  const pick = (patch: { state?: string; overdue?: string; disputed?: string }) => {
    setSelected([]);
    table.setFilters({ state: undefined, overdue: undefined, disputed: undefined, ...patch });
  };

  return (
    <>
      <PageTitle title="办理工作台" subTitle="受理、派遣、督办与核查的待办，超期问题排在最前" />
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        {CARD_STATES.map((s) => (
          <Col key={s} xs={8} lg={4}>
            <CountCard
              label={PROBLEM_STATE_LABELS[s]}
              value={summary.data?.byState[s]}
              color={STATE_COLORS[s]}
              active={state === s}
              onClick={() => pick(state === s ? {} : { state: s })}
            />
          </Col>
        ))}
        <Col xs={8} lg={4}>
          <CountCard
            label="超期"
            value={summary.data?.overdue}
            color="#f5222d"
            active={overdue === 'true'}
            onClick={() => pick(overdue === 'true' ? {} : { overdue: 'true' })}
          />
        </Col>
      </Row>
      {(returned.data?.total ?? 0) > 0 && disputed !== 'true' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${returned.data?.total} 个问题被责任单位退回，待重新派遣`}
          action={
            <Button size="small" onClick={() => pick({ disputed: 'true' })}>
              查看
            </Button>
          }
        />
      )}
      <Card
        variant="borderless"
        title={
          <Space size={8} wrap>
            <span>
              {disputed === 'true'
                ? '退回待重新派遣'
                : state
                  ? (PROBLEM_STATE_LABELS[state as ProblemState] ?? '问题')
                  : overdue === 'true'
                    ? '超期问题'
                    : '在办问题'}
            </span>
            {(state || overdue || disputed) && (
              <Button size="small" type="link" onClick={() => pick({})}>
                查看全部在办
              </Button>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {selected.length > 0 && <Typography.Text type="secondary">已选 {selected.length} 条</Typography.Text>}
            <Button disabled={canAccept.length === 0} onClick={() => setBulk('accept')}>
              批量立案{canAccept.length ? `（${canAccept.length}）` : ''}
            </Button>
            <Button type="primary" disabled={canDispatch.length === 0} onClick={() => setBulk('dispatch')}>
              批量派遣{canDispatch.length ? `（${canDispatch.length}）` : ''}
            </Button>
          </Space>
        }
        styles={{ header: { flexWrap: 'wrap' } }}
      >
        <ProblemsTable
          data={problems.data}
          loading={problems.isFetching}
          table={table}
          emptyText="暂无待办问题"
          rowSelection={{
            selectedRowKeys: selected.map((p) => p.id),
            onChange: (_keys, rows) => setSelected(rows),
            getCheckboxProps: (p) => ({
              disabled: !p.allowedActions.some((a) => a === 'accept' || a === 'dispatch'),
              'aria-label': `选择 ${p.code}`,
            }),
          }}
        />
      </Card>
      <BulkActionModal
        action={bulk}
        problems={bulk === 'accept' ? canAccept : canDispatch}
        onClose={(finished) => {
          setBulk(null);
          if (finished) setSelected([]);
        }}
      />
    </>
  );
}
