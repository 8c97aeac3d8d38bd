/** Create or edit one region. */
import { REGION_LEVELS, type RegionLevel } from '@common/enums';
import { REGION_LEVEL_LABELS } from '@common/labels';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useCreateRegion, useUpdateRegion, type Region, type RegionNode } from '../../api/regions';
import { notifySuccess } from '../../components/notify';

export type RegionFormTarget = { mode: 'create'; parent?: RegionNode; level: RegionLevel } | { mode: 'edit'; region: Region };

interface Values {
  code: string;
  name: string;
  level: RegionLevel;
}

/** Modal form; open while target is set. */
export function RegionFormModal({ target, onClose }: { target: RegionFormTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateRegion();
  const update = useUpdateRegion();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue(target.region);
    else form.setFieldsValue({ level: target.level, code: target.parent?.code ?? '' });
  }, [target, form]);

  const handleFinish = (values: Values) => {
    if (!target) return;
    const done = () => {
      notifySuccess('已保存');
      onClose();
    };
    if (target.mode === 'create') {
      create.mutate({ ...values, parentId: target.parent?.id ?? null }, { onSuccess: done });
    } else {
      update.mutate({ id: target.region.id, code: values.code, name: values.name, version: target.region.version }, { onSuccess: done });
    }
  };

  const title =
    target?.mode === 'edit' ? `编辑区划「${target.region.name}」` : target?.parent ? `在「${target.parent.name}」下新增区划` : '新增区划';

  return (
    <Modal
      open={!!target}
      title={title}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form name="region" form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label="区划代码"
          name="code"
          rules={[
            { required: true, message: '请输入区划代码' },
            { pattern: /^\d{6,20}$/, message: '区划代码须为 6–20 位数字' },
          ]}
          extra="统计用区划代码，6–20 位数字"
        >
          <Input inputMode="numeric" maxLength={20} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="层级" name="level" rules={[{ required: true, message: '请选择层级' }]}>
          <Select disabled={target?.mode === 'edit'} options={REGION_LEVELS.map((l) => ({ value: l, label: REGION_LEVEL_LABELS[l] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
