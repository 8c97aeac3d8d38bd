/**
 * 新增任务 / 编辑任务 (office): the 任务分解表 row — 序号, 工作任务, 具体措施, 牵头/配合单位, 责任领导, 起止, 节点 — and the
 * task's links: 关联测评标准 (the campaign's current standards version; a task can close a 补短 gap) and 关联点位 (the
 * sites in scope). The server checks the links (another campaign's standard, a site outside the plan's region: 422).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createTaskBody } from '@common/contracts/tasks';
import { useCampaign } from '../../api/campaigns';
import { useCreateTask, useTask, useUpdateTask, type Task, type TaskInput } from '../../api/plans';
import { notifyError, notifySuccess } from '../../components/notify';
import { UnitSelect } from '../../components/remote-select';
import { fieldRule } from '../../components/zod-rule';
import { SiteLinkSelect, StandardLinkSelect } from './task-links';
import { orderTasks, taskNumber } from './task-order';

interface Values {
  parentId?: string | null;
  code?: string;
  title: string;
  measures?: string;
  leadUnitId: string;
  coopUnitIds?: string[];
  leaderMemberId?: string | null;
  dates: [Dayjs, Dayjs];
  milestones?: Array<{ name: string; date: Dayjs; done?: boolean }>;
  standardIds?: string[];
  siteIds?: string[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  planId: string;
  campaignId: string;
  tasks: readonly Task[];
  /** Editing this task; absent: a new one. */
  task?: Task | null;
}

const titleRule = fieldRule(createTaskBody.shape.title);
const measuresRule = fieldRule(createTaskBody.shape.measures);
const codeRule = fieldRule(createTaskBody.shape.code);

export function TaskFormDrawer({ open, onClose, planId, campaignId, tasks, task }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateTask(planId);
  const update = useUpdateTask();
  const campaign = useCampaign(open ? campaignId : undefined);
  const leaders = campaign.data?.leadingGroup ?? [];
  // The links by name (the labels of what is already linked, an older version's standard included).
  const detail = useTask(open && task ? task.id : undefined);
  const links = detail.data?.links ?? { standards: [], sites: [] };
  const parents = orderTasks(tasks).filter((o) => o.task.id !== task?.id && o.depth < 3);

  const initial: Partial<Values> = task
    ? {
        code: task.code ?? undefined,
        title: task.title,
        measures: task.measures ?? undefined,
        leadUnitId: task.leadUnit.id,
        coopUnitIds: task.coopUnits.map((u) => u.id),
        leaderMemberId: task.leader?.id ?? null,
        dates: [dayjs(task.startDate), dayjs(task.dueDate)],
        milestones: task.milestones.map((m) => ({ name: m.name, date: dayjs(m.date), done: m.done })),
        standardIds: task.standardIds,
        siteIds: task.siteIds,
      }
    : { coopUnitIds: [], milestones: [], standardIds: [], siteIds: [] };

  const submit = (v: Values) => {
    const body: TaskInput = {
      code: v.code?.trim() || null,
      title: v.title.trim(),
      measures: v.measures?.trim() || null,
      leadUnitId: v.leadUnitId,
      coopUnitIds: v.coopUnitIds ?? [],
      leaderMemberId: v.leaderMemberId ?? null,
      startDate: v.dates[0].format('YYYY-MM-DD'),
      dueDate: v.dates[1].format('YYYY-MM-DD'),
      milestones: (v.milestones ?? []).map((m) => ({ name: m.name.trim(), date: m.date.format('YYYY-MM-DD'), done: !!m.done })),
      standardIds: v.standardIds ?? [],
      siteIds: v.siteIds ?? [],
    };
    const done = {
      onSuccess: () => {
        notifySuccess(task ? '任务已保存' : '任务已新增');
        onClose();
      },
      onError: notifyError,
    };
    if (task) {
      const { parentId: _p, ...rest } = body;
      update.mutate({ id: task.id, ...rest, version: task.version }, done);
    } else create.mutate({ ...body, parentId: v.parentId ?? null }, done);
  };

  return (
    <Drawer
      title={task ? `编辑任务 ${taskNumber(task)}` : '新增任务'}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {!task && (
          <Form.Item name="parentId" label="上级任务">
            <Select
              allowClear
              placeholder="不选则为一级任务"
              options={parents.map((o) => ({ value: o.task.id, label: `${'　'.repeat(o.depth)}${taskNumber(o.task)} ${o.task.title}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="code" label="序号" rules={[codeRule]}>
          <Input placeholder="如 1.2（不填按顺序编号）" maxLength={20} />
        </Form.Item>
        <Form.Item name="title" label="工作任务" validateFirst rules={[{ required: true, message: '请填写工作任务' }, titleRule]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：背街小巷环境综合整治" />
        </Form.Item>
        <Form.Item name="measures" label="具体措施" rules={[measuresRule]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
          <UnitSelect initialOptions={task ? [task.leadUnit] : []} />
        </Form.Item>
        <Form.Item name="coopUnitIds" label="配合单位">
          <UnitSelect mode="multiple" initialOptions={task?.coopUnits ?? []} />
        </Form.Item>
        <Form.Item name="leaderMemberId" label="责任领导">
          <Select
            allowClear
            loading={campaign.isLoading}
            placeholder={leaders.length ? '从领导小组中选择' : '该创建项目的领导小组暂无成员'}
            options={leaders.map((m) => ({ value: m.id, label: `${m.name}（${m.post}）` }))}
          />
        </Form.Item>
        <Form.Item name="dates" label="开始日期 — 完成时限" rules={[{ required: true, message: '请选择开始日期和完成时限' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '完成时限']} />
        </Form.Item>
        <Form.Item
          name="standardIds"
          label="关联测评标准"
          extra="任务可对应测评体系中的短板标准（补短），可多选"
          rules={[{ type: 'array', max: 50, message: '关联的测评标准最多 50 条' }]}
        >
          <StandardLinkSelect campaignId={campaignId} known={links.standards} />
        </Form.Item>
        <Form.Item name="siteIds" label="关联点位" rules={[{ type: 'array', max: 200, message: '关联的点位最多 200 个' }]}>
          <SiteLinkSelect known={links.sites} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Form.Item label="节点">
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写节点名称' }]} noStyle>
                    <Input placeholder="节点名称" maxLength={50} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: '请选择节点日期' }]} noStyle>
                    <DatePicker placeholder="节点日期" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'done']} valuePropName="checked" noStyle>
                    <Checkbox>已完成</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除节点" onClick={() => remove(field.name)} />
                </Space>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ done: false })}>
                  添加节点
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
