/**
 * 实施方案 (/plans): the campaign's plans and 专项行动 with their task counts by status, a page at a time from the server
 * (GET /api/plans: search, sort by name or task count, page and page size in the URL; each 实施方案 row carries its
 * 专项行动 as tree rows on a desktop, inside its card on a phone).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PlanListSort } from '@common/contracts/plan-list';
import { Link, useNavigate } from 'react-router';
import { createPlanBody } from '@common/contracts/tasks';
import { PLAN_KIND_LABELS } from '@common/tasks';
import { hasPermission, useSession } from '../../api/auth';
import { usePlans, useCreatePlan, type Plan, type PlanInput } from '../../api/plans';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { fieldRule } from '../../components/zod-rule';
import { StatusCounts } from './status-tag';

type Row = Plan & { children?: Row[] };

const FILTERS = ['campaignId', 'q'] as const;

/** The page's plans with their 专项行动 nested under them (a sub-plan whose parent is not on the page stands on its own). */
function nest(plans: Plan[]): Row[] {
  const ids = new Set(plans.map((p) => p.id));
  const roots = plans.filter((p) => !p.parentId || !ids.has(p.parentId));
  return roots.map((p) => {
    const children = plans.filter((c) => c.parentId === p.id);
    return children.length ? { ...p, children } : { ...p };
  });
}

export default function PlansPage() {
  const session = useSession();
  const canManage = hasPermission(session.data, 'plans.manage');
  const table = useTableState(FILTERS);
  const { campaignId, q } = table.filters;
  const { page, pageSize, sort, order } = table.params;
  const plans = usePlans({
    campaignId,
    search: q?.trim() || undefined,
    sort: sort === 'name' || sort === 'taskCount' ? (sort as PlanListSort) : undefined,
    order: sort ? order : undefined,
    page,
    pageSize,
  });
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => nest(plans.data?.items ?? []), [plans.data]);
  const campaignName = campaignId ? plans.data?.items.find((p) => p.campaignId === campaignId)?.campaignName : undefined;

  const columns = [
    {
      title: '方案名称',
      key: 'name',
      sorter: true,
      sortOrder: table.sortOrderOf('name'),
      render: (_: unknown, p: Row) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/plans/${p.id}`}>{p.name}</Link>
          {p.summary && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
              {p.summary}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '类型', key: 'kind', width: 100, render: (_: unknown, p: Row) => PLAN_KIND_LABELS[p.kind] },
    { title: '创建项目', key: 'campaign', width: 200, render: (_: unknown, p: Row) => p.campaignName },
    { title: '任务数', key: 'taskCount', width: 100, sorter: true, sortOrder: table.sortOrderOf('taskCount'), dataIndex: 'taskCount' },
    { title: '任务状态', key: 'status', render: (_: unknown, p: Row) => <StatusCounts counts={p.statusCounts} /> },
  ];

  return (
    <>
      <PageTitle
        title="实施方案"
        subTitle="实施方案 → 任务分解 → 每月汇报进度；点开方案查看任务树和甘特图"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建方案
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <CampaignSelect
          aria-label="创建项目"
          // The campaign's name from the page (a link or a reload brings only its id).
          initialOptions={campaignName ? [{ id: campaignId!, name: campaignName }] : []}
          value={campaignId}
          onChange={(v) => table.setFilters({ campaignId: v === undefined ? undefined : String(v) })}
          style={{ width: 240 }}
        />
        <Input.Search
          aria-label="搜索方案"
          placeholder="搜索方案名称或说明"
          allowClear
          defaultValue={q}
          onSearch={(v) => table.setFilters({ q: v || undefined })}
          style={{ width: 240 }}
        />
      </Space>
      {plans.isError && <Alert type="error" showIcon title={`方案加载失败：${plans.error.message}`} style={{ marginBottom: 12 }} />}
      <ResponsiveList<Row>
        key={plans.data ? 'loaded' : 'loading'}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={plans.isLoading || plans.isPlaceholderData}
        onChange={table.onChange}
        pagination={table.pagination(plans.data?.total)}
        expandable={{ defaultExpandAllRows: true }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                q || campaignId ? '没有符合条件的方案' : canManage ? '还没有实施方案，点「新建方案」开始任务分解' : '还没有实施方案'
              }
            />
          ),
        }}
        cardHref={(p) => `/plans/${p.id}`}
        cardLabel={(p) => `查看方案 ${p.name}`}
        card={(p) => <PlanCard plan={p} />}
      />
      <CreatePlanDrawer open={creating} onClose={() => setCreating(false)} defaultCampaignId={campaignId} />
    </>
  );
}

function PlanCard({ plan }: { plan: Row }) {
  return (
    <div>
      <Typography.Text strong>{plan.name}</Typography.Text>
      <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12, margin: '2px 0 6px' }}>
        {PLAN_KIND_LABELS[plan.kind]} · {plan.campaignName} · {plan.taskCount} 项任务
      </div>
      <StatusCounts counts={plan.statusCounts} />
      {plan.children?.map((c) => (
        <div key={c.id} style={{ borderTop: '1px dashed #f0f0f0', marginTop: 8, paddingTop: 6 }}>
          <Typography.Text>专项行动：{c.name}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <StatusCounts counts={c.statusCounts} />
          </div>
        </div>
      ))}
    </div>
  );
}

const nameRule = fieldRule(createPlanBody.shape.name);
const summaryRule = fieldRule(createPlanBody.shape.summary);

/** 新建方案: a 实施方案 of a campaign, or a 专项行动 under one. */
function CreatePlanDrawer({ open, onClose, defaultCampaignId }: { open: boolean; onClose: () => void; defaultCampaignId?: string }) {
  const [form] = Form.useForm<PlanInput>();
  const create = useCreatePlan();
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form);
  const campaignId = Form.useWatch('campaignId', form);
  // The 实施方案 a 专项行动 may go under: every one of the chosen campaign's (the list's page may show only some).
  const candidates = usePlans({ campaignId, pageSize: 500 }, open && kind === 'special' && !!campaignId);
  const parents = (candidates.data?.items ?? []).filter((p) => p.kind === 'plan');

  const submit = (values: PlanInput) =>
    create.mutate(
      { ...values, parentId: values.kind === 'special' ? values.parentId : null, summary: values.summary || null },
      {
        onSuccess: (plan) => {
          notifySuccess(`已新建${PLAN_KIND_LABELS[plan.kind]}「${plan.name}」`);
          onClose();
          navigate(`/plans/${plan.id}`);
        },
        onError: notifyError,
      },
    );

  return (
    <Drawer
      title="新建方案"
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'plan', campaignId: defaultCampaignId }}>
        <Form.Item name="campaignId" label="创建项目" rules={[{ required: true, message: '请选择创建项目' }]}>
          <CampaignSelect />
        </Form.Item>
        <Form.Item name="kind" label="方案类型">
          <Radio.Group
            options={[
              { value: 'plan', label: '实施方案' },
              { value: 'special', label: '专项行动' },
            ]}
          />
        </Form.Item>
        {kind === 'special' && (
          <Form.Item name="parentId" label="所属实施方案" rules={[{ required: true, message: '专项行动须选择所属实施方案' }]}>
            <Select
              loading={candidates.isFetching}
              placeholder={!campaignId ? '请先选择创建项目' : parents.length ? '选择实施方案' : '该创建项目还没有实施方案'}
              options={parents.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="name" label="方案名称" validateFirst rules={[{ required: true, message: '请填写方案名称' }, nameRule]}>
          <Input placeholder="如：2027年创建全国文明城市工作实施方案" maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="summary" label="方案说明" rules={[summaryRule]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="目标任务、工作步骤、保障措施（选填）" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
