/**
 * 新建/修改评选 (drawer): kind, title, period, categories (reference data), the schedule (推荐 → 审核 → 公示投票 2–4 周 →
 * 发布, checked with the same rule the server uses), winners' number with optional places per category (分类名额,
 * checked with common/honours.ts quotaProblem as on the server) and the weights of vote and review scores.
 */
import { quotaProblem, scheduleProblem, SELECTION_KIND_LABELS, SELECTION_KINDS, VOTING_MAX_DAYS, VOTING_MIN_DAYS } from '@common/honours';
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
  /** Places per category; an empty box: no quota of its own. */
  categoryQuotas?: Record<string, number | null | undefined>;
  voteWeight: number;
}

/** The quotas filled in, for the chosen categories only. */
function filledQuotas(v: Pick<Values, 'categories' | 'categoryQuotas'>): Record<string, number> {
  return Object.fromEntries(
    (v.categories ?? []).flatMap((code) => {
      const n = v.categoryQuotas?.[code];
      return typeof n === 'number' ? [[code, n]] : [];
    }),
  );
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
        categoryQuotas: editing.categoryQuotas,
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
      categoryQuotas: filledQuotas(v),
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

  const quotaRule = {
    validator: async () => {
      const v = form.getFieldsValue(['categories', 'categoryQuotas', 'winnersCount']) as Values;
      const problem = quotaProblem(filledQuotas(v), v.categories ?? [], v.winnersCount ?? 0);
      if (problem) throw new Error(problem);
    },
  };
  const chosen = (Form.useWatch('categories', form) as string[] | undefined) ?? [];
  const categoryName = (code: string) => categories.data?.items.find((c) => c.code === code)?.name ?? code;

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
        {chosen.length > 0 && (
          <Form.Item
            name="categoryQuotas"
            label="分类名额（选填）"
            extra="不填的类别不单设名额，与其他类别分享剩余名额；各类名额合计不超过总名额"
            dependencies={['winnersCount', 'categories']}
            rules={[quotaRule]}
          >
            <QuotaInputs categories={chosen.map((code) => ({ code, name: categoryName(code) }))} />
          </Form.Item>
        )}
        {(create.error || update.error) && <Alert type="error" showIcon title={(create.error ?? update.error)?.message} />}
      </Form>
    </Drawer>
  );
}

/** One box per chosen category (its places, or empty: no quota of its own), as one form value: code → places. */
function QuotaInputs({
  value,
  onChange,
  categories,
}: {
  value?: Values['categoryQuotas'];
  onChange?: (v: Values['categoryQuotas']) => void;
  categories: { code: string; name: string }[];
}) {
  return (
    <Space wrap data-testid="category-quotas">
      {categories.map((c) => (
        <InputNumber
          key={c.code}
          aria-label={`${c.name}名额`}
          min={1}
          max={200}
          precision={0}
          prefix={c.name}
          suffix="名"
          style={{ width: 170 }}
          value={value?.[c.code] ?? null}
          onChange={(n) => onChange?.({ ...value, [c.code]: n })}
        />
      ))}
    </Space>
  );
}
