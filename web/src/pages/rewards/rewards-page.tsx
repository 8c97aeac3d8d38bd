/**
 * 奖惩台账: the entries proposed when a monthly ranking is published (拟定), approved by a leader (审批), carried out by
 * the office with proof (已兑现) or withdrawn with a reason (撤销); the year view (what was promised and what was carried
 * out, per unit); the office's rules. A unit's head or liaison sees its own unit's entries only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import {
  REWARD_ACTION_LABELS,
  REWARD_ENTRY_STATE_LABELS,
  REWARD_ENTRY_STATES,
  REWARD_KIND_LABELS,
  REWARD_KINDS,
  type RewardAction,
  type RewardEntryState,
  type RewardKind,
} from '@common/reward-workflow';
import { Alert, Button, Card, Checkbox, DatePicker, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { fileUrls } from '../../api/files';
import { downloadLedger, useRewardEntries, useRewardYear, type EntryFilters, type RewardEntry, type RewardYear } from '../../api/rewards';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect, UnitSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { EntryActionModal } from './entry-action-modal';
import { KindTag } from './kind-tag';
import { RulesTab } from './rules-tab';
import { beijingNow } from '../../components/beijing-time';
import { FilterSelect } from '../../components/table-filters';

const STATE_COLORS: Record<RewardEntryState, string> = { proposed: 'orange', approved: 'blue', fulfilled: 'green', withdrawn: 'default' };

function StateTag({ entry }: { entry: RewardEntry }) {
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLORS[entry.state]}>{REWARD_ENTRY_STATE_LABELS[entry.state]}</Tag>
      {entry.flagged && (
        <Tag color="warning" title={entry.flagNote ?? undefined}>
          待核实
        </Tag>
      )}
    </Space>
  );
}

const amountOf = (e: RewardEntry) =>
  e.amount != null ? `${e.amount.toLocaleString('zh-CN')} 元` : e.points != null ? `${e.points} 分` : '—';

const thisYear = beijingNow().year();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
const LEDGER_FILTERS = ['campaignId', 'year', 'period', 'unitId', 'kind', 'state', 'flagged', 'runId'] as const;

function ActionButtons({ entry, onAct }: { entry: RewardEntry; onAct: (a: RewardAction) => void }) {
  if (!entry.allowedActions.length) return null;
  return (
    <Space size={4} wrap>
      {entry.allowedActions.map((a) => (
        <Button
          key={a}
          size="small"
          type={a === 'withdraw' ? 'default' : 'primary'}
          danger={a === 'withdraw'}
          onClick={() => onAct(a)}
          style={{ minHeight: 32 }}
        >
          {REWARD_ACTION_LABELS[a]}
        </Button>
      ))}
    </Space>
  );
}

function Proof({ entry }: { entry: RewardEntry }) {
  if (!entry.proofFileId) return <>—</>;
  return (
    <a href={fileUrls(entry.proofFileId).evidenceUrl} target="_blank" rel="noreferrer">
      {entry.proofFileName || '查看证明'}
    </a>
  );
}

function LedgerTab({ office }: { office: boolean }) {
  const table = useTableState(LEDGER_FILTERS);
  const { filters, params } = table;
  const query: EntryFilters = {
    campaignId: filters.campaignId,
    year: filters.year ? Number(filters.year) : undefined,
    period: filters.period,
    unitId: filters.unitId,
    kind: filters.kind as RewardKind | undefined,
    state: filters.state as RewardEntryState | undefined,
    flagged: filters.flagged === 'true' ? 'true' : undefined,
    runId: filters.runId,
  };
  const entries = useRewardEntries({ ...query, ...params });
  const [acting, setActing] = useState<{ entry: RewardEntry; action: RewardAction }>();
  const [exporting, setExporting] = useState(false);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        {filters.runId && (
          <Tag closable onClose={() => table.setFilters({ runId: undefined })} style={{ alignSelf: 'center' }}>
            仅看所选月度考核的奖惩
          </Tag>
        )}
        {office && (
          <CampaignSelect
            aria-label="筛选创建项目"
            value={filters.campaignId}
            onChange={(v) => table.setFilters({ campaignId: v === undefined ? undefined : String(v) })}
            style={{ width: 220, maxWidth: '100%' }}
          />
        )}
        <Select
          aria-label="筛选年度"
          placeholder="年度"
          allowClear
          value={filters.year}
          onChange={(year) => table.setFilters({ year, period: undefined })}
          options={YEARS.map((y) => ({ value: String(y), label: `${y}年` }))}
          style={{ width: 100 }}
        />
        <DatePicker
          picker="month"
          aria-label="筛选考核月份"
          placeholder="考核月份"
          value={filters.period ? dayjs(`${filters.period}-01`) : null}
          onChange={(d: Dayjs | null) => table.setFilters({ period: d ? d.format('YYYY-MM') : undefined })}
        />
        {office && (
          <UnitSelect
            aria-label="筛选单位"
            value={filters.unitId}
            onChange={(v) => table.setFilters({ unitId: v === undefined ? undefined : String(v) })}
            style={{ width: 200, maxWidth: '100%' }}
          />
        )}
        <FilterSelect
          table={table}
          name="kind"
          label="筛选奖惩类型"
          placeholder="奖惩类型"
          width={130}
          options={REWARD_KINDS.map((k) => ({ value: k, label: REWARD_KIND_LABELS[k] }))}
        />
        <FilterSelect
          table={table}
          name="state"
          label="筛选状态"
          placeholder="状态"
          width={110}
          options={REWARD_ENTRY_STATES.map((s) => ({ value: s, label: REWARD_ENTRY_STATE_LABELS[s] }))}
        />
        {office && (
          <Checkbox
            checked={filters.flagged === 'true'}
            onChange={(e) => table.setFilters({ flagged: e.target.checked ? 'true' : undefined })}
            style={{ alignSelf: 'center' }}
          >
            仅看待核实
          </Checkbox>
        )}
        <Button onClick={table.resetFilters}>重置</Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={exporting}
          style={{ marginInlineStart: 'auto' }}
          onClick={async () => {
            setExporting(true);
            try {
              await downloadLedger({ ...query, sort: params.sort, order: params.order });
            } finally {
              setExporting(false);
            }
          }}
        >
          导出台账
        </Button>
      </div>
      <ResponsiveList<RewardEntry>
        rowKey="id"
        size="middle"
        loading={entries.isFetching}
        dataSource={entries.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: office ? '暂无奖惩记录：月度考核排名发布后，按奖惩规则自动拟定' : '暂无本单位的奖惩记录（考核排名发布后才会产生）',
        }}
        onChange={table.onChange}
        pagination={table.pagination(entries.data?.total)}
        card={(e) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{e.subjectName}</strong>
              <StateTag entry={e} />
            </div>
            <div>
              <KindTag kind={e.kind} /> {e.amount != null || e.points != null ? amountOf(e) : null}
            </div>
            <div style={{ color: '#666' }}>
              {e.periodLabel} · {e.basis}
            </div>
            {e.withdrawReason && <div style={{ color: '#999' }}>撤销理由：{e.withdrawReason}</div>}
          </div>
        )}
        cardActions={(e) => (
          <>
            <ActionButtons entry={e} onAct={(action) => setActing({ entry: e, action })} />
            {e.proofFileId && <Proof entry={e} />}
          </>
        )}
        columns={[
          { title: '考核月份', dataIndex: 'periodLabel', key: 'period', sorter: true, sortOrder: table.sortOrderOf('period') },
          {
            title: '考核对象',
            dataIndex: 'subjectName',
            key: 'subjectName',
            sorter: true,
            sortOrder: table.sortOrderOf('subjectName'),
          },
          {
            title: '依据',
            dataIndex: 'basis',
            render: (basis: string, e) => (
              <span title={`${e.ruleName}：${e.ruleDescription}${e.runRevision > 1 ? `（第 ${e.runRevision} 次修订）` : ''}`}>{basis}</span>
            ),
          },
          {
            title: '奖惩',
            dataIndex: 'kind',
            key: 'kind',
            sorter: true,
            sortOrder: table.sortOrderOf('kind'),
            render: (k: RewardKind) => <KindTag kind={k} />,
          },
          {
            title: '金额/扣分',
            key: 'amount',
            sorter: true,
            sortOrder: table.sortOrderOf('amount'),
            align: 'right',
            render: (_: unknown, e) => amountOf(e),
          },
          {
            title: '状态',
            dataIndex: 'state',
            key: 'state',
            sorter: true,
            sortOrder: table.sortOrderOf('state'),
            render: (_: unknown, e) => <StateTag entry={e} />,
          },
          {
            title: '审批',
            key: 'approved',
            render: (_: unknown, e) => (e.approvedAt ? `${e.approvedByName ?? ''} ${formatTime(e.approvedAt)}` : '—'),
          },
          {
            title: '兑现',
            key: 'fulfilled',
            render: (_: unknown, e) =>
              e.fulfilledAt ? (
                <Space size={4} direction="vertical">
                  <span>{formatTime(e.fulfilledAt)}</span>
                  <Proof entry={e} />
                </Space>
              ) : e.withdrawReason ? (
                <span style={{ color: '#999' }}>撤销：{e.withdrawReason}</span>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_: unknown, e) =>
              e.allowedActions.length ? <ActionButtons entry={e} onAct={(action) => setActing({ entry: e, action })} /> : '—',
          },
        ]}
      />
      {acting && <EntryActionModal entry={acting.entry} action={acting.action} onClose={() => setActing(undefined)} />}
    </>
  );
}

/** Counts of a kind: 承诺 (approved or carried out) / 兑现, with amounts for 以奖代补 and points for 扣分. */
function Cell({ k }: { k?: RewardYear['items'][number]['kinds'][number] }) {
  if (!k) return <span style={{ color: '#ccc' }}>—</span>;
  const money =
    k.kind === 'subsidy' ? ` · ${k.fulfilledAmount.toLocaleString('zh-CN')}/${k.promisedAmount.toLocaleString('zh-CN')} 元` : '';
  const points = k.kind === 'deduct' ? ` · ${k.fulfilledPoints}/${k.promisedPoints} 分` : '';
  const behind = k.fulfilled < k.promised;
  return (
    <span style={{ color: behind ? '#d4380d' : undefined }}>
      {k.fulfilled}/{k.promised}
      {money}
      {points}
      {k.proposed ? <span style={{ color: '#999' }}>（拟定 {k.proposed}）</span> : null}
    </span>
  );
}

function YearTab({ office }: { office: boolean }) {
  const [year, setYear] = useState(thisYear);
  const [campaignId, setCampaignId] = useState<string>();
  const data = useRewardYear({ year, campaignId });
  type Row = RewardYear['items'][number];
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 100 }}
        />
        {office && (
          <CampaignSelect
            aria-label="筛选创建项目"
            value={campaignId}
            onChange={(v) => setCampaignId(v === undefined ? undefined : String(v))}
            style={{ width: 220, maxWidth: '100%' }}
          />
        )}
        <span style={{ color: '#666' }}>每格：已兑现/已承诺（审批通过即为承诺），括号内为尚待审批的拟定数；红色表示尚未兑现完毕。</span>
      </div>
      <Table<Row>
        rowKey="subjectId"
        size="middle"
        loading={data.isFetching}
        dataSource={data.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: `${year}年暂无奖惩事项` }}
        columns={[
          { title: '考核对象', dataIndex: 'subjectName', fixed: 'left' },
          ...REWARD_KINDS.map((kind) => ({
            title: REWARD_KIND_LABELS[kind],
            key: kind,
            render: (_: unknown, r: Row) => <Cell k={r.kinds.find((k) => k.kind === kind)} />,
          })),
          {
            title: '合计（兑现/承诺）',
            key: 'total',
            render: (_: unknown, r: Row) => (
              <strong style={{ color: r.fulfilled < r.promised ? '#d4380d' : undefined }}>
                {r.fulfilled}/{r.promised}
              </strong>
            ),
          },
        ]}
        summary={() =>
          data.data?.items.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              {REWARD_KINDS.map((kind, i) => {
                const t = data.data!.totals.find((x) => x.kind === kind);
                return (
                  <Table.Summary.Cell key={kind} index={i + 1}>
                    <Cell k={t && (t.promised || t.proposed) ? t : undefined} />
                  </Table.Summary.Cell>
                );
              })}
              <Table.Summary.Cell index={REWARD_KINDS.length + 1} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

/** The 奖惩台账 page. */
export default function RewardsPage() {
  const { data: session } = useSession();
  const office = hasPermission(session, 'evaluation.read');
  const reader = office || hasPermission(session, 'evaluation.object');
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('tab');
  const tab = asked === 'year' || (asked === 'rules' && office) ? asked : 'ledger';
  return (
    <>
      <PageTitle title="奖惩台账" subTitle="月度考核排名发布后按规则拟定奖惩，领导审批，创建办兑现并留存证明" />
      {!reader ? (
        <Card variant="borderless">
          <Alert type="info" showIcon title="奖惩台账由创建办、领导小组和专班查看，各单位查看本单位的奖惩；您的账号无需处理奖惩事项。" />
        </Card>
      ) : (
        <Card variant="borderless">
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearchParams(key === 'ledger' ? {} : { tab: key }, { replace: true })}
            items={[
              { key: 'ledger', label: '奖惩台账', children: <LedgerTab office={office} /> },
              { key: 'year', label: '年度兑现', children: <YearTab office={office} /> },
              ...(office
                ? [{ key: 'rules', label: '奖惩规则', children: <RulesTab manage={hasPermission(session, 'evaluation.manage')} /> }]
                : []),
            ]}
          />
        </Card>
      )}
    </>
  );
}
