/** Add a dispatch rule: category (a major class or one minor class) and/or region → unit. */
import { Form, Input, Modal, TreeSelect } from 'antd';
import { useEffect } from 'react';
import type { CategoryNode } from '../../api/problems';
import { useCreateDispatchRule, type DispatchRule } from '../../api/problem-settings';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';

interface Values {
  categoryCode?: string;
  regionId?: string;
  unitId?: string;
  note?: string;
}

interface Props {
  open: boolean;
  /** Existing rules, to refuse a second rule for the same category and region. */
  rules: DispatchRule[];
  categoryTree: CategoryNode[];
  onClose: () => void;
}

/** Modal form. */
export function DispatchRuleModal({ open, rules, categoryTree, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateDispatchRule();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const handleFinish = (values: Values) => {
    create.mutate(
      {
        categoryCode: values.categoryCode ?? null,
        regionId: values.regionId ?? null,
        unitId: values.unitId!,
        note: values.note?.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess('派遣规则已添加');
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="新增派遣规则"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      forceRender
    >
      <Form name="dispatchRule" form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label="问题类别"
          name="categoryCode"
          extra="可选大类（含其下全部小类）或某个小类；不选表示全部类别"
          dependencies={['regionId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value?: string) => {
                const regionId = getFieldValue('regionId') as string | undefined;
                if (!value && !regionId) return Promise.reject(new Error('问题类别和区域至少选择一项'));
                const same = rules.find(
                  (r) => (r.categoryCode ?? undefined) === (value ?? undefined) && String(r.regionId ?? '') === String(regionId ?? ''),
                );
                if (same) return Promise.reject(new Error(`已有相同类别和区域的规则（→ ${same.unitName}），请先删除原规则`));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <TreeSelect
            placeholder="全部类别"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={categoryTree}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item
          label="区域"
          name="regionId"
          extra="规则适用于所选区域及其下级区域；本区域的规则优先于上级区域的规则。不选表示全部区域（仅全国管理员可设）"
        >
          <RegionTreeSelect placeholder="全部区域" />
        </Form.Item>
        <Form.Item label="责任单位" name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
          <UnitSelect aria-label="责任单位" />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 200, message: '备注最多 200 字' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="可选，如依据的职责文件" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
