/**
 * 新建/修改评选 (drawer): kind, title, period, categories (reference data), the schedule (推荐 → 审核 → 公示投票 2–4 周 →
 * 发布, checked with the same rule the server uses), winners' number and the weights of vote and review scores.
 */
import { scheduleProblem, SELECTION_KIND_LABELS, SELECTION_KINDS, VOTING_MAX_DAYS, VOTING_MIN_DAYS } from '@common/honours';
import { Alert, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useCreateSelection, useHonourCategories, useUpdateSelection, type Selection } from '../../api/honours';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { notifySuccess } from '../../components/notify';

interface Values {
  regionId: string;
  kind: Selection['kind'];
  title: string;
  period: string;
  categories: string[];
  description?: string;
  nomination: [Dayjs, Dayjs];
  voting: [Dayjs, Dayjs];
  publishOn: Dayjs;
  winnersCount: number;
  voteWeight: number;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function SelectionFormDrawer({
  selection,
  onClose,
  onSaved,
}: {
  selection: Selection | 'new' | null;
  onClose: () => void;
  onSaved: (s: Selection) => void;
}) {
  const [form] = Form.useForm<Values>();
  const categories = useHonourCategories();
  const create = useCreateSelection();
  const update = useUpdateSelection();
  const editing = selection && selection !== 'new' ? selection : null;
  const screens = Grid.useBreakpoint();

  useEffect(() => {
    if (!selection) return;
    if (editing)
      form.setFieldsValue({
        regionId: editing.regionId,
        kind: editing.kind,
        title: editing.title,
        period: editing.period,
        categories: editing.categories,
        description: editing.description ?? undefined,
        nomination: [dayjs(editing.nominationStartsOn), dayjs(editing.nominationEndsOn)],
        voting: [dayjs(editing.votingStartsOn), dayjs(editing.votingEndsOn)],
        publishOn: dayjs(editing.publishOn),
        winnersCount: editing.winnersCount,
        voteWeight: editing.voteWeight,
      });
    else {
      form.resetFields();
      const start = dayjs().startOf('day');
      form.setFieldsValue({
        kind: 'monthly',
        period: start.format('YYYY-MM'),
        categories: ['helping', 'bravery', 'honesty', 'dedication', 'filial'],
        nomination: [start, start.add(6, 'day')],
        voting: [start.add(9, 'day'), start.add(22, 'day')],
        publishOn: start.add(24, 'day'),
        winnersCount: 10,
        voteWeight: 0.4,
      });
    }
  }, [selection, editing, form]);

  const submit = async (v: Values) => {
    const body = {
      title: v.title,
      period: v.period,
      categories: v.categories,
      description: v.description || null,
      nominationStartsOn: day(v.nomination[0]),
      nominationEndsOn: day(v.nomination[1]),
      votingStartsOn: day(v.voting[0]),
      votingEndsOn: day(v.voting[1]),
      publishOn: day(v.publishOn),
      winnersCount: v.winnersCount,
      voteWeight: v.voteWeight,
      reviewWeight: Math.round((1 - v.voteWeight) * 1000) / 1000,
    };
    const saved = editing
      ? await update.mutateAsync({ id: editing.id, version: editing.version, ...body })
      : await create.mutateAsync({ ...body, regionId: v.regionId, kind: v.kind });
    notifySuccess(editing ? '评选已修改' : '评选已发起');
    onSaved(saved);
    onClose();
  };

  const scheduleRule = {
    validator: async () => {
      const n = form.getFieldValue('nomination') as [Dayjs, Dayjs] | undefined;
      const vt = form.getFieldValue('voting') as [Dayjs, Dayjs] | undefined;
      const p = form.getFieldValue('publishOn') as Dayjs | undefined;
      if (!n || !vt || !p) return;
      const problem = scheduleProblem({
        nominationStartsOn: day(n[0]),
        nominationEndsOn: day(n[1]),
        votingStartsOn: day(vt[0]),
        votingEndsOn: day(vt[1]),
        publishOn: day(p),
      });
      if (problem) throw new Error(problem);
    },
  };

  return (
    <Drawer
      open={!!selection}
      onClose={onClose}
      title={editing ? '修改评选' : '发起评选'}
      size={screens.md !== false ? 640 : '100%'}
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
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        {!editing && (
          <>
            <Form.Item
              name="regionId"
              label="评选范围（地区）"
              rules={[{ required: true, message: '请选择地区' }]}
              extra="评选层级随地区：村（社区）、乡镇、县、市"
            >
              <RegionTreeSelect placeholder="选择地区" />
            </Form.Item>
            <Form.Item name="kind" label="评选类型" rules={[{ required: true, message: '请选择评选类型' }]}>
              <Select options={SELECTION_KINDS.map((k) => ({ value: k, label: SELECTION_KIND_LABELS[k] }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label="评选名称" rules={[{ required: true, min: 4, max: 60, message: '评选名称 4–60 个字' }]}>
          <Input placeholder="如：2026年12月“示范好人榜”评选" />
        </Form.Item>
        <Form.Item
          name="period"
          label="评选期"
          rules={[{ required: true, pattern: /^\d{4}(-(0[1-9]|1[0-2]))?$/, message: '年份（2026）或月份（2026-11）' }]}
        >
          <Input placeholder="2026-12" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="categories" label="评选类别" rules={[{ required: true, message: '请至少选择一个类别' }]}>
          <Select mode="multiple" options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        </Form.Item>
        <Form.Item name="description" label="评选说明">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="nomination" label="推荐时间" rules={[{ required: true, message: '请选择推荐时间' }, scheduleRule]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item
          name="voting"
          label="公示投票时间"
          extra={`推荐截止后留出审核时间；公示投票 ${VOTING_MIN_DAYS}–${VOTING_MAX_DAYS} 天`}
          rules={[{ required: true, message: '请选择公示投票时间' }, scheduleRule]}
        >
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="publishOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }, scheduleRule]}>
          <DatePicker />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="winnersCount" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
            <InputNumber min={1} max={200} suffix="名" />
          </Form.Item>
          <Form.Item
            name="voteWeight"
            label="投票得分权重"
            extra="评审得分权重 = 1 − 投票权重"
            rules={[{ required: true, message: '请填写权重' }]}
          >
            <InputNumber min={0} max={1} step={0.1} />
          </Form.Item>
        </Space>
        {(create.error || update.error) && <Alert type="error" showIcon title={(create.error ?? update.error)?.message} />}
      </Form>
    </Drawer>
  );
}
