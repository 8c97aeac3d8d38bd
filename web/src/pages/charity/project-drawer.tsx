/** 新建 / 编辑慈善项目 in a drawer (the organisation's admins, the office): goal in 元, period, region, category. */
import {
  CHARITY_CATEGORIES,
  CHARITY_CATEGORY_LABELS,
  CHARITY_PROJECT_STATUS_LABELS,
  CHARITY_PROJECT_STATUSES,
  yuanToFen,
} from '@common/charity';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateCharityProject, useUpdateCharityProject, type CharityProject } from '../../api/charity';
import { ApiError } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { FormDrawer } from '../../components/form-drawer';

interface Values {
  regionId: string;
  name: string;
  category: CharityProject['category'];
  goal: string;
  beneficiaries: string;
  period: [Dayjs, Dayjs | null];
  status?: CharityProject['status'];
  description?: string;
}

const amountRule = {
  validator: async (_: unknown, v?: string) => {
    if (v === undefined || yuanToFen(v) === null) throw new Error('请填写金额（元，最多两位小数）');
  },
};

export function ProjectDrawer({
  open,
  orgId,
  project,
  onClose,
}: {
  open: boolean;
  orgId?: string;
  project?: CharityProject;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateCharityProject();
  const update = useUpdateCharityProject();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (project)
      form.setFieldsValue({
        regionId: project.regionId,
        name: project.name,
        category: project.category,
        goal: (project.goalFen / 100).toFixed(2),
        beneficiaries: project.beneficiaries,
        period: [dayjs(project.startsOn), project.endsOn ? dayjs(project.endsOn) : null],
        status: project.status,
        description: project.description ?? undefined,
      });
  }, [open, project, form]);

  const submit = async () => {
    // A field refused shows its message under the field; nothing else to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    const body = {
      regionId: v.regionId,
      name: v.name.trim(),
      category: v.category,
      goalFen: yuanToFen(v.goal)!,
      beneficiaries: v.beneficiaries.trim(),
      startsOn: v.period[0].format('YYYY-MM-DD'),
      endsOn: v.period[1] ? v.period[1].format('YYYY-MM-DD') : null,
      description: v.description?.trim() || null,
    };
    try {
      if (project) {
        await update.mutateAsync({ id: project.id, ...body, status: v.status ?? project.status, version: project.version });
        notifySuccess('项目已保存');
        onClose();
      } else {
        const created = await create.mutateAsync({ orgId: orgId!, ...body });
        notifySuccess('项目已新建');
        onClose();
        navigate(`/charity/projects/${created.id}`);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };
  return (
    <FormDrawer
      open={open}
      title={project ? `编辑「${project.name}」` : '新建慈善项目'}
      width={520}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label="项目名称" required rules={[{ required: true, min: 2, message: '请填写项目名称（至少 2 个字）' }]}>
          <Input maxLength={80} placeholder="如：春蕾助学计划" />
        </Form.Item>
        <Form.Item name="category" label="项目类别" required rules={[{ required: true, message: '请选择项目类别' }]}>
          <Select options={CHARITY_CATEGORIES.map((c) => ({ value: c, label: CHARITY_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="regionId" label="实施区域" required rules={[{ required: true, message: '请选择实施区域' }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="goal" label="筹款目标（元）" required rules={[amountRule]}>
          <Input inputMode="decimal" placeholder="如 200000" />
        </Form.Item>
        <Form.Item name="beneficiaries" label="受益对象" required rules={[{ required: true, min: 2, message: '请填写受益对象' }]}>
          <Input maxLength={200} placeholder="如：城关镇家庭经济困难的在校学生" />
        </Form.Item>
        <Form.Item name="period" label="项目期（结束日期可空）" required rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[false, true]} />
        </Form.Item>
        {project && (
          <Form.Item name="status" label="状态" required>
            <Select options={CHARITY_PROJECT_STATUSES.map((s) => ({ value: s, label: CHARITY_PROJECT_STATUS_LABELS[s] }))} />
          </Form.Item>
        )}
        <Form.Item name="description" label="项目简介">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
