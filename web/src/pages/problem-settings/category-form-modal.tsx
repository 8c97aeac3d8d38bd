/** Add a minor class under a major one, or rename a category. */
import { PROBLEM_CATEGORY_KIND_LABELS } from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Descriptions, Form, Input, Modal } from 'antd';
import { useEffect, useEffectEvent } from 'react';
import { useCreateProblemCategory, useUpdateProblemCategory, type ManagedCategory } from '../../api/problem-settings';
import { notifySuccess } from '../../components/notify';

export type CategoryFormTarget = { mode: 'create'; parent: ManagedCategory } | { mode: 'rename'; category: ManagedCategory };

interface Values {
  code: string;
  name: string;
}

/** The code after the highest two-digit one under a major class (E05 → E0509), else the first free one, else ''. */
export function nextMinorCode(parent: ManagedCategory, all: ManagedCategory[]): string {
  const taken = new Set(all.map((c) => c.code));
  const codeOf = (n: number) => `${parent.code}${String(n).padStart(2, '0')}`;
  const numbers = all
    .filter((c) => c.parentCode === parent.code && c.code.length === parent.code.length + 2 && c.code.startsWith(parent.code))
    .map((c) => Number(c.code.slice(parent.code.length)));
  const after = (numbers.length ? Math.max(...numbers) : 0) + 1;
  if (after <= 99 && !taken.has(codeOf(after))) return codeOf(after);
  for (let n = 1; n <= 99; n += 1) if (!taken.has(codeOf(n))) return codeOf(n);
  return '';
}

/** Modal form; open while `target` is set. */
export function CategoryFormModal({
  target,
  all,
  onClose,
  onCreated,
}: {
  target: CategoryFormTarget | null;
  all: ManagedCategory[];
  onClose: () => void;
  onCreated?: (parentCode: string, code: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateProblemCategory();
  const update = useUpdateProblemCategory();

  // Only a new target resets the form: `all` changes after saving, and is read as it is when the target opens.
  const fill = useEffectEvent((t: CategoryFormTarget) => {
    form.resetFields();
    if (t.mode === 'create') form.setFieldsValue({ code: nextMinorCode(t.parent, all), name: '' });
    else form.setFieldsValue({ code: t.category.code, name: t.category.name });
  });
  useEffect(() => {
    if (target) fill(target);
  }, [target]);

  const handleFinish = (values: Values) => {
    if (!target) return;
    const name = values.name.trim();
    if (target.mode === 'create') {
      const code = values.code.trim();
      create.mutate(
        { code, parentCode: target.parent.code, name, kind: target.parent.kind },
        {
          onSuccess: () => {
            notifySuccess(`已新增类别「${name}」`);
            onCreated?.(target.parent.code, code);
            onClose();
          },
        },
      );
    } else {
      update.mutate(
        { code: target.category.code, name, version: target.category.version },
        {
          onSuccess: () => {
            notifySuccess('已重命名');
            onClose();
          },
        },
      );
    }
  };

  const parent = target?.mode === 'create' ? target.parent : target ? all.find((c) => c.code === target.category.parentCode) : undefined;
  const self = target?.mode === 'rename' ? target.category : undefined;
  const siblings = all.filter(
    (c) => c.parentCode === (target?.mode === 'create' ? target.parent.code : (self?.parentCode ?? null)) && c.code !== self?.code,
  );
  const kind = target?.mode === 'create' ? target.parent.kind : self?.kind;

  return (
    <Modal
      open={!!target}
      title={target?.mode === 'create' ? `在「${target.parent.name}」下新增小类` : `重命名「${self?.name ?? ''}」`}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          ...(parent ? [{ key: 'parent', label: '所属大类', children: `${parent.name}（${parent.code}）` }] : []),
          { key: 'kind', label: '类型', children: labelOf(PROBLEM_CATEGORY_KIND_LABELS, kind) },
          ...(self ? [{ key: 'code', label: '编码', children: self.code }] : []),
        ]}
      />
      <Form name="category" form={form} layout="vertical" onFinish={handleFinish}>
        {target?.mode === 'create' && (
          <Form.Item
            label="类别编码"
            name="code"
            extra={`大类编码加两位序号，如 ${target.parent.code}01；保存后不能修改`}
            rules={[
              { required: true, whitespace: true, message: '请填写类别编码' },
              {
                validator: (_, value?: string) => {
                  const code = (value ?? '').trim();
                  if (!code) return Promise.resolve();
                  if (!/^[A-Z]\d{2,6}$/.test(code)) return Promise.reject(new Error('编码须为大写字母加数字，如 E0502'));
                  if (!new RegExp(`^${target.parent.code}\\d{2}$`).test(code))
                    return Promise.reject(new Error(`小类编码须为大类编码加两位数字，如 ${target.parent.code}01`));
                  if (all.some((c) => c.code === code)) return Promise.reject(new Error(`类别编码 ${code} 已存在`));
                  return Promise.resolve();
                },
              },
            ]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input maxLength={7} autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item
          label="类别名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写类别名称' },
            {
              validator: (_, value?: string) => {
                const name = (value ?? '').trim();
                if (!name) return Promise.resolve();
                if (name.length < 2 || name.length > 40) return Promise.reject(new Error('名称须为 2–40 个字'));
                if (siblings.some((c) => c.name === name))
                  return Promise.reject(new Error(parent ? `「${parent.name}」下已有同名类别` : '已有同名大类'));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input maxLength={40} showCount autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
