/**
 * 考核排名: the monthly runs (考核结果) and the schemes (考核方案) of the campaigns in scope. The office computes a month
 * (新建月度考核) from a scheme; leaders and units see the runs their role may see (a unit: those in 公示 and published).
 */
import { PlusOutlined } from '@ant-design/icons';
import { EVALUATION_RUN_STATES, EVALUATION_RUN_STATE_LABELS, type EvaluationRunState } from '@common/evaluation-workflow';
import { App, Button, Card, DatePicker, Form, Modal, Select, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useCreateRun, useRuns, useSchemes, type Run, type RunFilters, type Scheme } from '../../api/evaluation';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { RollupTab } from './rollup-tab';
import { FilterSelect } from '../../components/table-filters';

const STATE_COLORS: Record<EvaluationRunState, string> = {
  draft: 'default',
  publicized: 'orange',
  signed_off: 'blue',
  published: 'green',
  superseded: 'default',
};

/** A run's state as a tag. */
export function RunStateTag({ state }: { state: EvaluationRunState }) {
  return <Tag color={STATE_COLORS[state]}>{EVALUATION_RUN_STATE_LABELS[state]}</Tag>;
}

const RUN_FILTERS = ['campaignId', 'state', 'period', 'regionId'] as const;

function RunsTab({ manage }: { manage: boolean }) {
  const table = useTableState(RUN_FILTERS);
  const { filters, params } = table;
  const runs = useRuns({ ...filters, page: params.page, pageSize: params.pageSize, sort: params.sort, order: params.order } as RunFilters);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <CampaignSelect
          aria-label="筛选创建项目"
          value={filters.campaignId}
          onChange={(v) => table.setFilters({ campaignId: v === undefined ? undefined : String(v) })}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <FilterSelect
          table={table}
          name="state"
          label="筛选状态"
          placeholder="状态"
          width={120}
          options={EVALUATION_RUN_STATES.map((s) => ({ value: s, label: EVALUATION_RUN_STATE_LABELS[s] }))}
        />
        <DatePicker
          picker="month"
          aria-label="筛选考核月份"
          placeholder="考核月份"
          value={filters.period ? dayjs(`${filters.period}-01`) : null}
          onChange={(d: Dayjs | null) => table.setFilters({ period: d ? d.format('YYYY-MM') : undefined })}
        />
        {filters.regionId && (
          <Tag closable onClose={() => table.setFilters({ regionId: undefined })} style={{ alignSelf: 'center' }}>
            仅看所选县（市、区）的考核
          </Tag>
        )}
        <Button onClick={table.resetFilters}>重置</Button>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            style={{ marginInlineStart: 'auto' }}
          >
            新建月度考核
          </Button>
        )}
      </div>
      <ResponsiveList<Run>
        rowKey="id"
        size="middle"
        card={(r) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{r.periodLabel}</strong>
              <RunStateTag state={r.state} />
            </div>
            <div style={{ color: '#666' }}>
              {r.schemeName}
              {r.revision > 1 ? ` · 第 ${r.revision} 次修订` : ''}
              {r.pendingObjections ? ` · 待答复申诉 ${r.pendingObjections}` : ''}
            </div>
          </div>
        )}
        cardHref={(r) => `/evaluation/runs/${r.id}`}
        cardLabel={(r) => `查看${r.periodLabel}考核结果`}
        loading={runs.isFetching}
        dataSource={runs.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: filters.regionId
            ? '所选县（市、区）在这些条件下还没有考核结果'
            : manage
              ? '还没有考核结果：点“新建月度考核”，选方案和月份后计算'
              : '暂无可查看的考核结果',
        }}
        onChange={table.onChange}
        pagination={table.pagination(runs.data?.total)}
        columns={[
          {
            title: '考核月份',
            dataIndex: 'periodLabel',
            key: 'period',
            sorter: true,
            sortOrder: table.sortOrderOf('period'),
            render: (label: string, r) => <Link to={`/evaluation/runs/${r.id}`}>{label}</Link>,
          },
          { title: '考核方案', dataIndex: 'schemeName', render: (name: string, r) => `${name}（第 ${r.schemeVersion} 版）` },
          { title: '修订', dataIndex: 'revision', render: (n: number) => (n > 1 ? `第 ${n} 次修订` : '—') },
          { title: '状态', dataIndex: 'state', render: (s: EvaluationRunState) => <RunStateTag state={s} /> },
          { title: '待答复申诉', dataIndex: 'pendingObjections', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '—') },
          {
            title: '计算时间',
            dataIndex: 'computedAt',
            key: 'createdAt',
            sorter: true,
            sortOrder: table.sortOrderOf('createdAt'),
            render: formatTime,
          },
          { title: '发布时间', dataIndex: 'publishedAt', render: formatTime },
        ]}
      />
      <NewRunModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewRunModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ schemeId: string; month: Dayjs }>();
  const schemes = useSchemes({ pageSize: 100 }, open);
  const create = useCreateRun();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Modal
      title="新建月度考核"
      open={open}
      onCancel={onClose}
      okText="计算"
      confirmLoading={create.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const run = await create.mutateAsync({ schemeId: v.schemeId, period: v.month.format('YYYY-MM') });
        message.success('已计算，结果为草稿（仅创建办、领导和专班可见）');
        onClose();
        navigate(`/evaluation/runs/${run.id}`);
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="考核方案" name="schemeId" rules={[{ required: true, message: '请选择考核方案' }]}>
          <Select
            placeholder="选择方案"
            loading={schemes.isFetching}
            options={schemes.data?.items.map((s) => ({ value: s.id, label: `${s.name}（${s.campaignName}，第 ${s.version} 版）` }))}
            notFoundContent="暂无方案：先在“考核方案”中新建"
          />
        </Form.Item>
        <Form.Item label="考核月份" name="month" rules={[{ required: true, message: '请选择考核月份' }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const SCHEME_FILTERS = ['campaignId', 'q'] as const;

function SchemesTab({ manage }: { manage: boolean }) {
  const table = useTableState(SCHEME_FILTERS);
  const { filters, params } = table;
  const schemes = useSchemes({ ...filters, page: params.page, pageSize: params.pageSize, sort: params.sort, order: params.order });
  const navigate = useNavigate();
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <CampaignSelect
          aria-label="筛选创建项目"
          value={filters.campaignId}
          onChange={(v) => table.setFilters({ campaignId: v === undefined ? undefined : String(v) })}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Button onClick={table.resetFilters}>重置</Button>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/evaluation/schemes/new')}
            style={{ marginInlineStart: 'auto' }}
          >
            新建方案
          </Button>
        )}
      </div>
      <Table<Scheme>
        rowKey="id"
        size="middle"
        loading={schemes.isFetching}
        dataSource={schemes.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无考核方案' }}
        onChange={table.onChange}
        pagination={table.pagination(schemes.data?.total)}
        columns={[
          { title: '方案名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderOf('name') },
          { title: '创建项目', dataIndex: 'campaignName' },
          { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
          {
            title: '考核分组',
            dataIndex: 'groups',
            render: (groups: Scheme['groups']) => groups.map((g) => `${g.name}（${g.indicators.length} 项指标）`).join('、'),
          },
          { title: '红榜/黑榜', render: (_: unknown, s) => `前 ${s.redCount} / 后 ${s.blackCount}` },
          { title: '申诉期', dataIndex: 'objectionDays', render: (d: number) => `${d} 天` },
          {
            title: '建立时间',
            dataIndex: 'createdAt',
            key: 'createdAt',
            sorter: true,
            sortOrder: table.sortOrderOf('createdAt'),
            render: formatTime,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, s) => (s.abilities?.edit ? <Link to={`/evaluation/schemes/${s.id}/edit`}>修改（生成新版本）</Link> : '—'),
          },
        ]}
      />
    </>
  );
}

/** The 考核排名 page. */
export default function EvaluationPage() {
  const { data: session } = useSession();
  const manage = hasPermission(session, 'evaluation.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('tab');
  const tab = asked === 'schemes' || asked === 'rollup' ? asked : 'runs';
  return (
    <>
      <PageTitle title="考核排名" subTitle="按月计算各单位、乡镇和点位的考核得分与排名，公示、审定后发布红黑榜" />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'runs' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'runs', label: '考核结果', children: <RunsTab manage={manage} /> },
            ...(hasPermission(session, 'evaluation.read')
              ? [
                  { key: 'rollup', label: '季度/年度汇总', children: <RollupTab /> },
                  { key: 'schemes', label: '考核方案', children: <SchemesTab manage={manage} /> },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
